import { type CMatrix, identity, zeros } from './cmatrix.js';
import { jacobiKernel } from './_internal/jacobi.js';
import { checkAndShift, loadScaledHermitian } from './_internal/prepare.js';
import { ldexp, unitShift } from './_internal/scale.js';
import { applyQToRows, tridiagonalize } from './_internal/tridiagonal.js';
import { tridiagonalQL, tridiagonalQLValues } from './_internal/tridiagonalQL.js';
import { ENGINE_TOL } from '../tolerance.js';
import { float64 } from './float64.js';

/** An eigendecomposition A = V diag(values) V†. */
export interface Eigh {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** Unitary matrix whose column k is the eigenvector of values[k]. */
  readonly vectors: CMatrix;
}

/** ENGINE_TOL.linalg.negligible, module-local (an imported binding may cost a getter call per use under tsx/vitest). */
const NEGLIGIBLE = ENGINE_TOL.linalg.negligible;

/** From this size on, QL runs twice: eigenvalues first, then vectors with those as perfect shifts. */
const PERFECT_SHIFT_MIN = 24;

/** Scratch arrays for one size n. */
interface Work {
  readonly ar: Float64Array;
  readonly ai: Float64Array;
  readonly zr: Float64Array;
  readonly zi: Float64Array;
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly tr: Float64Array;
  readonly ti: Float64Array;
  readonly yr: Float64Array;
  readonly yi: Float64Array;
  readonly wr: Float64Array;
  readonly wi: Float64Array;
  readonly order: Int32Array;
}

/** Sizes up to this keep their scratch between calls (eigh calls no user code, so reuse is safe). */
const CACHE_MAX_N = 256;
const cache = new Map<number, Work>();

function workFor(n: number): Work {
  let w = cache.get(n);
  if (w) return w;
  const nn = n * n;
  w = {
    ar: float64(nn),
    ai: float64(nn),
    zr: float64(nn),
    zi: float64(nn),
    d: float64(n),
    e: float64(n),
    tr: float64(n),
    ti: float64(n),
    yr: float64(n),
    yi: float64(n),
    wr: float64(n),
    wi: float64(n),
    order: new Int32Array(n),
  };
  if (n <= CACHE_MAX_N) cache.set(n, w);
  return w;
}

/** True when every off-diagonal entry is exactly 0. */
function isDiagonal(A: CMatrix): boolean {
  const n = A.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j && (A.re[i * n + j] !== 0 || A.im[i * n + j] !== 0)) return false;
    }
  }
  return true;
}

/**
 * A diagonal matrix is its own eigendecomposition: the values are its diagonal,
 * sorted, exactly (the closed 2×2 form or QL would return a Gibbs population of
 * 2e-9 with an absolute error ~ε, a relative one ~1e-8), the vectors a permutation.
 */
function diagonalEigh(A: CMatrix): Eigh {
  const n = A.rows;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A.re[i * n + i] - A.re[j * n + j]);
  const values = float64(n);
  const vectors = zeros(n, n);
  order.forEach((src, k) => {
    values[k] = A.re[src * n + src];
    vectors.re[src * n + k] = 1;
  });
  return { values, vectors };
}

/**
 * Eigendecomposition of a complex Hermitian matrix, A = V Λ V†.
 *
 * Hand-written because no well-kept npm package solves complex Hermitian
 * eigenproblems fast: mathjs `eigs` takes ~0.2 s at 16×16 and ~28 s at 64×64
 * here, where LAPACK takes well under a millisecond (bench/eigh.ts measures
 * this eigh 1800–6000× faster than mathjs at 16×16). mathjs's vectors are
 * also loose: mathjs#3534 reports wrong ones for ½[[1, i], [−i, 1]], and
 * with mathjs 15.2 we measured residuals ‖Av − λv‖ up to 4e-5·‖A‖ on random
 * 5×5 complex Hermitian matrices.
 *
 * Method (LAPACK zheev's route): A is first scaled by a power of two so that
 * its largest component lies in [1, 2) (exact; entries near 1e±300 neither
 * overflow nor underflow), then reduced by Householder reflectors with
 * complex τ to a *real* symmetric tridiagonal T = Q† A Q (the phases are
 * absorbed in the reflectors), T is diagonalised by implicit QL with
 * Wilkinson shifts (from n = 24: eigenvalues first, then perfect shifts)
 * accumulating a real orthogonal Z, and V = Q Z; 2 × 2 matrices are solved
 * in closed form, exactly diagonal ones exactly (values are the diagonal). Backward stable: ‖AV − VΛ‖ and ‖V†V − I‖ are O(nε‖A‖) and
 * O(nε), also for repeated and clustered eigenvalues (measured ≤ 4e-16·n·‖A‖
 * and ≤ 6e-16·n; the contract tested is 1e-13·n). Only the Hermitian part
 * ½(A + A†) is read. The result's `values`, `vectors.re` and `vectors.im`
 * are views of one Float64Array (one allocation per call, from float64.ts).
 *
 * Speed: the passes over memory are fused — each tridiagonalisation step
 * applies the previous step's rank-2 update in the same pass that forms A v
 * (two rows at a time), QL applies two consecutive rotations per pass over
 * the eigenvector rows, and the back-transformation updates by H_k and forms
 * v_{k−1}† z in one pass, four rows at a time. `npm run bench -- eigh`
 * compares with numpy on OpenBLAS (single-threaded) in one run.
 *
 * @throws QepInputError when A is not square or has a NaN or infinite entry.
 * @example eigh(fromReal([[2, 1], [1, 2]])).values // Float64Array [1, 3]
 */
export function eigh(A: CMatrix): Eigh {
  const n = A.rows;
  const { shift, zero } = checkAndShift(A, 'A');
  if (n === 0) return { values: float64(0), vectors: zeros(0, 0) };
  if (zero) return { values: float64(n), vectors: identity(n) };
  if (n === 1) return { values: Float64Array.of(A.re[0]), vectors: identity(1) };
  if (isDiagonal(A)) return diagonalEigh(A);

  const w = workFor(n);
  const { ar, ai, zr, zi, d, order } = w;

  if (n === 2) {
    loadScaledHermitian(A, shift, ar, ai, false);
    hermitian2x2(ar[0], ar[2], -ai[2], ar[3], d, zr, zi); // lower triangle: a_10 = conj(b)
  } else if (!tridiagonalPath(A, n, shift, w)) {
    // Fallback (QL did not converge; never seen): Jacobi. Eigenvector k is column k of
    // (zr, zi); store it as row k.
    loadScaledHermitian(A, shift, ar, ai, true);
    zr.fill(0);
    zi.fill(0);
    for (let i = 0; i < n; i++) zr[i * n + i] = 1;
    jacobiKernel(n, ar, ai, zr, zi);
    for (let i = 0; i < n; i++) {
      d[i] = ar[i * n + i];
      for (let j = 0; j < i; j++) {
        const a = i * n + j;
        const b = j * n + i;
        let t = zr[a];
        zr[a] = zr[b];
        zr[b] = t;
        t = zi[a];
        zi[a] = zi[b];
        zi[b] = t;
      }
    }
  }

  // Sort ascending (insertion sort on indices: n is small, no allocation of closures).
  for (let i = 0; i < n; i++) {
    const x = d[i];
    let j = i - 1;
    while (j >= 0 && d[order[j]] > x) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = i;
  }
  // One allocation for the three outputs (typed-array allocation dominates at small n), from a slab.
  const nn = n * n;
  const out = float64(2 * nn + n);
  const vr = out.subarray(0, nn);
  const vi = out.subarray(nn, 2 * nn);
  const values = out.subarray(2 * nn);
  const V: CMatrix = { rows: n, cols: n, re: vr, im: vi };
  const back = unscaling(shift);
  for (let col = 0; col < n; col++) {
    const src = order[col];
    values[col] = back !== 0 ? d[src] * back : ldexp(d[src], -shift);
    const so = src * n;
    for (let i = 0; i < n; i++) {
      vr[i * n + col] = zr[so + i];
      vi[i * n + col] = zi[so + i];
    }
  }
  return { values, vectors: V };
}

/**
 * The eigenvalues of a complex Hermitian matrix alone, ascending: {@link eigh}'s route
 * (exact power-of-two prescaling, Householder reduction to a real tridiagonal T, implicit QL
 * with Wilkinson shifts) without accumulating or back-transforming eigenvectors. A matrix whose
 * nonzero pattern (of A or A†) splits into several connected components is, up to a permutation,
 * block diagonal: its spectrum is the union of the blocks' spectra, each block solved on its own
 * (a state U(ρ ⊗ ρ_E)U† with an energy-conserving U often splits so). Zero, 1 × 1, 2 × 2 and
 * exactly diagonal matrices take eigh's closed forms (the same values, bit for bit); otherwise
 * the values agree with eigh's to rounding, O(nε‖A‖) (both are backward stable). Only
 * ½(A + A†) is read.
 * @throws QepInputError when A is not square or has a NaN or infinite entry.
 * @example eigvalsh(fromReal([[2, 1], [1, 2]])) // Float64Array [1, 3]
 */
export function eigvalsh(A: CMatrix): Float64Array {
  const n = A.rows;
  const { shift, zero } = checkAndShift(A, 'A');
  if (n <= 2 || zero) return eigh(A).values;
  const parts = components(A);
  // n components: exactly diagonal (eigh's exact values); one: no split.
  if (parts.length === n) return eigh(A).values;
  if (parts.length === 1) return connectedEigvalsh(A, n, shift);
  const values = float64(n);
  let at = 0;
  for (const idx of parts) {
    const k = idx.length;
    if (k === 1) {
      values[at++] = A.re[idx[0] * n + idx[0]];
      continue;
    }
    const B = zeros(k, k);
    let m = 0;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const x = A.re[idx[a] * n + idx[b]];
        const y = A.im[idx[a] * n + idx[b]];
        B.re[a * k + b] = x;
        B.im[a * k + b] = y;
        m = Math.max(m, Math.abs(x), Math.abs(y));
      }
    }
    // The block's own prescale, as checkAndShift would find it (its entries are finite and not all 0).
    const v = k === 2 ? eigh(B).values : connectedEigvalsh(B, k, unitShift(m));
    for (let a = 0; a < k; a++) values[at++] = v[a];
  }
  return values.sort();
}

/** The factor 2^−shift that undoes the prescaling, exact; 0 when it is out of range (then use ldexp). */
function unscaling(shift: number): number {
  return Math.abs(shift) <= 1000 ? 2 ** -shift : 0;
}

/** The connected components of the graph with an edge i–j wherever a_ij ≠ 0 or a_ji ≠ 0, as index lists, each ascending. */
function components(A: CMatrix): number[][] {
  const n = A.rows;
  const { re, im } = A;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = i * n + j;
      const y = j * n + i;
      if (re[x] === 0 && im[x] === 0 && re[y] === 0 && im[y] === 0) continue;
      let ri = i;
      while (parent[ri] !== ri) ri = parent[ri];
      let rj = j;
      while (parent[rj] !== rj) rj = parent[rj];
      if (ri !== rj) parent[ri < rj ? rj : ri] = ri < rj ? ri : rj;
      parent[i] = parent[j] = ri < rj ? ri : rj;
    }
  }
  // Roots are the smallest index of their component; list components in order of their roots.
  const lists: number[][] = [];
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    if (r === i) {
      slot[i] = lists.length;
      lists.push([i]);
    } else {
      lists[slot[r]].push(i);
    }
  }
  return lists;
}

/** eigvalsh of an n × n matrix (n ≥ 3, not zero) through tridiagonalisation and QL without vectors, given its prescale. */
function connectedEigvalsh(A: CMatrix, n: number, shift: number): Float64Array {
  const w = workFor(n);
  const { ar, ai, d, e } = w;
  loadScaledHermitian(A, shift, ar, ai, false);
  tridiagonalize(n, ar, ai, d, e, w.tr, w.ti, w.yr, w.yi, w.wr, w.wi);
  // QL without vectors has the convergence of QL with them; should it ever fail, eigh falls back to Jacobi.
  if (!tridiagonalQLValues(n, d, e)) return eigh(A).values;
  const values = float64(n);
  const back = unscaling(shift);
  for (let k = 0; k < n; k++) values[k] = back !== 0 ? d[k] * back : ldexp(d[k], -shift);
  return values.sort();
}

/**
 * Householder tridiagonalisation + implicit QL + back-transformation. On
 * success d holds the eigenvalues (scaled, unsorted) and row k of (zr, zi)
 * the eigenvector of d[k]. Returns false if QL did not converge (never seen;
 * eigh then falls back to Jacobi).
 */
function tridiagonalPath(A: CMatrix, n: number, shift: number, w: Work): boolean {
  const { ar, ai, zr, zi, d, e, tr, ti, yr, yi } = w;
  loadScaledHermitian(A, shift, ar, ai, false);
  tridiagonalize(n, ar, ai, d, e, tr, ti, yr, yi, w.wr, w.wi);
  // Eigenvectors of T as the rows of zr; then V = Q Z row by row. From n = PERFECT_SHIFT_MIN
  // the eigenvalues are found first (O(n²)) and used as shifts: 40 % fewer rotations, ~30 %
  // less QL time at n = 64 (below 24 the extra pass costs more than it saves).
  let shifts: Float64Array | undefined;
  if (n >= PERFECT_SHIFT_MIN) {
    yr.set(d);
    yi.set(e);
    if (tridiagonalQLValues(n, yr, yi)) shifts = yr.sort();
  }
  if (!tridiagonalQL(n, d, e, zr, shifts)) return false;
  zi.fill(0);
  applyQToRows(n, n, ar, ai, tr, ti, zr, zi);
  return true;
}

/**
 * The 2 × 2 Hermitian [[a, b], [b̄, c]], b = br + i·bi: eigenvalues
 * m ∓ √(h² + |b|²) (m = (a + c)/2, h = (a − c)/2) into d, ascending, and the
 * eigenvectors as rows 0 and 1 of (zr, zi), from the one Jacobi rotation
 * that diagonalises it (phase of b removed first).
 */
function hermitian2x2(a: number, br: number, bi: number, c: number, d: Float64Array, zr: Float64Array, zi: Float64Array): void {
  const m = 0.5 * (a + c);
  const h = 0.5 * (a - c);
  const b = Math.hypot(br, bi);
  const r = Math.hypot(h, b);
  d[0] = m - r;
  d[1] = m + r;
  zi[0] = zi[1] = zi[2] = zi[3] = 0;
  if (b < NEGLIGIBLE) {
    // Diagonal, or |b| far below rounding of entries of order one (whose phase b/|b|,
    // formed from subnormals, would not have modulus 1): the unit vectors, smaller first.
    const swap = a > c;
    zr[0] = swap ? 0 : 1;
    zr[1] = swap ? 1 : 0;
    zr[2] = swap ? 1 : 0;
    zr[3] = swap ? 0 : 1;
    return;
  }
  // Jacobi: t = tan θ with cot 2θ = (c − a)/(2|b|); columns (c₀, −s e^{−iφ}) for a − t|b|
  // and (s, c₀ e^{−iφ}) for c + t|b|, where b = |b| e^{iφ}.
  const theta = (c - a) / (2 * b);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const co = 1 / Math.sqrt(t * t + 1);
  const si = t * co;
  const er = br / b;
  const ei = -bi / b;
  // a − t|b| ≤ c + t|b| exactly when t ≥ 0, i.e. θ ≥ 0 (test θ: t underflows to −0
  // when |θ| is huge, and θ itself may underflow to −0 when |c − a| ≪ |b|).
  const low = theta >= 0 ? 0 : 2;
  const high = 2 - low;
  zr[low] = co;
  zr[low + 1] = -si * er;
  zi[low + 1] = -si * ei;
  zr[high] = si;
  zr[high + 1] = co * er;
  zi[high + 1] = co * ei;
}
