import { QepInputError } from '../errors.js';
import { type CMatrix, adjoint, axpy, identity, kron, mul, scale, zeros } from '../linalg/cmatrix.js';
import { assertHermitian, assertSquare } from '../quantum/validate.js';
import { float64Copy } from '../linalg/float64.js';

/**
 * Generic Lindblad generators (Eq. 2):
 *
 *     dρ/dt = L(ρ) = −i[H, ρ] + Σ_k γ_k ( L_k ρ L_k† − ½{L_k† L_k, ρ} ).
 *
 * Vectorisation (the one place it is documented): **row-major** vec, the same
 * order as the CMatrix layout, vec(X)[i·d + j] = X_ij. With it
 *
 *     vec(A X B) = (A ⊗ Bᵀ) vec(X),
 *
 * so the superoperator of L is
 *
 *     𝓛 = −i (H_eff ⊗ 1) + i (1 ⊗ conj(H_eff)) + Σ_k γ_k L_k ⊗ conj(L_k),
 *     H_eff = H − (i/2) Σ_k γ_k L_k† L_k,
 *
 * a d² × d² matrix acting on vec(ρ) (ρ H_eff† = 1·ρ·H_eff† ↦ 1 ⊗ (H_eff†)ᵀ = 1 ⊗ conj(H_eff)).
 */

/** A jump operator L with its rate γ ≥ 0. */
export interface JumpOperator {
  readonly L: CMatrix;
  readonly rate: number;
}

/** The non-zero entries of a matrix: L[row[k]][col[k]] = re[k] + i·im[k]. */
interface SparseEntries {
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** A Lindblad generator: H, the jumps, and the effective non-Hermitian Hamiltonian. */
export interface Lindbladian {
  readonly dim: number;
  readonly H: CMatrix;
  readonly jumps: readonly JumpOperator[];
  /** H_eff = H − (i/2) Σ_k γ_k L_k† L_k. */
  readonly Heff: CMatrix;
  /** The non-zero entries of each kept jump operator (L ρ L† costs O(nnz²) from them). */
  readonly sparse: readonly SparseEntries[];
}

function sparseEntries(L: CMatrix): SparseEntries {
  const idx: number[] = [];
  for (let k = 0; k < L.re.length; k++) if (L.re[k] !== 0 || L.im[k] !== 0) idx.push(k);
  return {
    row: Int32Array.from(idx, (k) => Math.floor(k / L.cols)),
    col: Int32Array.from(idx, (k) => k % L.cols),
    re: Float64Array.from(idx, (k) => L.re[k]),
    im: Float64Array.from(idx, (k) => L.im[k]),
  };
}

/**
 * Build a Lindblad generator from a Hermitian H and jump operators with rates.
 * Jumps with rate 0 are dropped.
 * @throws QepInputError `H` unless square and Hermitian (TOL.hermitian);
 *   `jumps[k].L` unless d × d; `jumps[k].rate` unless finite and ≥ 0.
 */
export function lindbladian(H: CMatrix, jumps: readonly JumpOperator[]): Lindbladian {
  assertHermitian(H, 'H');
  const d = H.rows;
  const kept: JumpOperator[] = [];
  const Heff = { rows: d, cols: d, re: float64Copy(H.re), im: float64Copy(H.im) };
  jumps.forEach((j, k) => {
    assertSquare(j.L, d, `jumps[${k}].L`);
    if (!Number.isFinite(j.rate) || j.rate < 0) throw new QepInputError(`jumps[${k}].rate`, 'finite and ≥ 0', j.rate);
    if (j.rate === 0) return;
    kept.push(j);
    // H_eff −= (i/2) γ L†L
    axpy(Heff, { re: 0, im: -0.5 * j.rate }, mul(adjoint(j.L), j.L));
  });
  return { dim: d, H, jumps: kept, Heff, sparse: kept.map((j) => sparseEntries(j.L)) };
}

/**
 * L(ρ) = −i(H_eff ρ − ρ H_eff†) + Σ_k γ_k L_k ρ L_k†, the action of Eq. 2 without forming
 * the superoperator: O(d³ + Σ_k nnz(L_k)²), so O(d³) for the rank-one jumps of a Davies map.
 * ρ need not be Hermitian.
 */
export function applyLindbladian(gen: Lindbladian, rho: CMatrix): CMatrix {
  const A = mul(gen.Heff, rho);
  const d = gen.dim;
  const out = zeros(d, d);
  const B = mul(rho, adjoint(gen.Heff));
  for (let k = 0; k < d * d; k++) {
    // −i (A − B) = (A.im − B.im) + i (B.re − A.re)
    out.re[k] = A.im[k] - B.im[k];
    out.im[k] = B.re[k] - A.re[k];
  }
  // (L ρ L†)_ab = Σ L_aj ρ_jk conj(L_bk) over the non-zero entries (a, j) and (b, k) of L.
  gen.sparse.forEach((L, q) => {
    const g = gen.jumps[q].rate;
    const n = L.row.length;
    for (let u = 0; u < n; u++) {
      const a = L.row[u];
      const j = L.col[u];
      const xr = g * L.re[u];
      const xi = g * L.im[u];
      for (let v = 0; v < n; v++) {
        const b = L.row[v];
        const k = L.col[v];
        const yr = L.re[v];
        const yi = -L.im[v];
        const rr = rho.re[j * d + k];
        const ri = rho.im[j * d + k];
        // x · ρ_jk · conj(y)
        const tr = xr * rr - xi * ri;
        const ti = xr * ri + xi * rr;
        out.re[a * d + b] += tr * yr - ti * yi;
        out.im[a * d + b] += tr * yi + ti * yr;
      }
    }
  });
  return out;
}

/** vec(X): the d² × 1 column of X's entries in row-major order (see the module comment). */
export function vec(X: CMatrix): CMatrix {
  return { rows: X.rows * X.cols, cols: 1, re: float64Copy(X.re), im: float64Copy(X.im) };
}

/** The inverse of {@link vec}: a d × d matrix from a d² column (or any d²-entry matrix). */
export function unvec(v: CMatrix, d: number): CMatrix {
  return { rows: d, cols: d, re: v.re.slice(0, d * d), im: v.im.slice(0, d * d) };
}

function conjugate(A: CMatrix): CMatrix {
  const C = { rows: A.rows, cols: A.cols, re: float64Copy(A.re), im: float64Copy(A.im) };
  for (let k = 0; k < C.im.length; k++) C.im[k] = -C.im[k];
  return C;
}

/**
 * The Liouvillian superoperator 𝓛 (d² × d²) with vec(L(ρ)) = 𝓛 vec(ρ), row-major vec:
 * 𝓛 = −i (H_eff ⊗ 1) + i (1 ⊗ conj H_eff) + Σ_k γ_k L_k ⊗ conj L_k. O(K d⁴) memory and time.
 */
export function liouvillian(gen: Lindbladian): CMatrix {
  const d = gen.dim;
  const one = identity(d);
  const S = scale(kron(gen.Heff, one), { re: 0, im: -1 });
  axpy(S, { re: 0, im: 1 }, kron(one, conjugate(gen.Heff)));
  for (const j of gen.jumps) axpy(S, j.rate, kron(j.L, conjugate(j.L)));
  return S;
}

/** Matrix–vector product y = A x for a square superoperator A and a column x (written into `out`). */
export function superApply(A: CMatrix, x: CMatrix, out?: CMatrix): CMatrix {
  return mul(A, x, out);
}
