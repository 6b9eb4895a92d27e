/**
 * Functions of Hermitian matrices through the one spectral path, so that every
 * function of a state sees the same eigenvalues: f(A) = V diag(f(λ)) V† with
 * A = V diag(λ) V† from {@link eigh}.
 *
 * One rule for small eigenvalues, shared by every function here. With
 * s = max(1, ‖A‖₂) (‖A‖₂ = max |λ|):
 * - λ < −TOL.psd · s: A is not positive semidefinite; functions that need
 *   PSD input (ln, √, powers) throw.
 * - λ ≤ TOL.zeroEigenvalue · s (tiny negatives included): λ counts as exactly
 *   0. For a density matrix (‖ρ‖₂ ≤ 1) this is the state-level rule
 *   "eigenvalues at or below TOL.zeroEigenvalue are 0".
 * Results are never NaN: a finite matrix, or a thrown QepInputError.
 */
import { QepInputError } from '../errors.js';
import { TOL } from '../tolerance.js';
import { type CMatrix, spectralSynthesis, zeros } from './cmatrix.js';
import { type Eigh, eigh } from './eigh.js';
import { float64 } from './float64.js';

/** What a function of a matrix does at a zero eigenvalue where it is singular (ln 0, 0^p with p < 0). */
export type ZeroEigenvaluePolicy = 'throw' | 'support';

/** Options of the spectral functions. */
export interface SpectralOptions {
  /** Name of the argument in error messages (default 'A', or 'H' for unitaryEvolution). */
  readonly field?: string;
  /**
   * At a zero eigenvalue where the function is singular: 'throw' (default)
   * throws QepInputError; 'support' takes the function on the support of A,
   * i.e. maps zero eigenvalues to 0 (ln on the support, the pseudo-inverse
   * for p = −1).
   */
  readonly zeroEigenvalues?: ZeroEigenvaluePolicy;
}

/**
 * f(A) = Σ_k f(λ_k) |v_k⟩⟨v_k| for Hermitian A and a real function f.
 *
 * @param f called once per eigenvalue; must return a finite number there.
 * @throws QepInputError when A is not square, not Hermitian within
 *   TOL.hermitian · max(1, ‖A‖_max), has a non-finite entry, or f(λ) is not finite.
 * @example hermitianFunction(fromDiagonal([1, 4]), Math.sqrt) // diag(1, 2)
 */
export function hermitianFunction(A: CMatrix, f: (lambda: number) => number, options: SpectralOptions = {}): CMatrix {
  const field = options.field ?? 'A';
  const { values, vectors } = decompose(A, field);
  const d = float64(values.length);
  for (let k = 0; k < values.length; k++) {
    const y = f(values[k]);
    if (!Number.isFinite(y)) throw new QepInputError(field, 'a matrix whose eigenvalues are in the domain of f (f(λ) finite)', values[k]);
    d[k] = y;
  }
  return synthesize(vectors, d, field);
}

/**
 * The principal matrix logarithm ln A of a positive semidefinite Hermitian A.
 *
 * ln A = Σ_k ln λ_k |v_k⟩⟨v_k|. A zero eigenvalue (λ ≤ TOL.zeroEigenvalue · s,
 * see the module comment) has no finite logarithm: by default this throws;
 * with `zeroEigenvalues: 'support'` it returns ln on the support of A (zero
 * eigenvalues map to 0), which is what tr(ρ ln ρ) with 0 ln 0 = 0 needs.
 * @throws QepInputError when A is not Hermitian, has an eigenvalue below
 *   −TOL.psd · s, or (policy 'throw') has a zero eigenvalue.
 * @example logmHermitian(fromDiagonal([1, Math.E])) // diag(0, 1)
 */
export function logmHermitian(A: CMatrix, options: SpectralOptions = {}): CMatrix {
  const field = options.field ?? 'A';
  const { values, vectors } = decompose(A, field);
  const { zeroTol } = checkPsd(values, field);
  const d = float64(values.length);
  for (let k = 0; k < values.length; k++) {
    if (values[k] <= zeroTol) {
      if ((options.zeroEigenvalues ?? 'throw') === 'throw') {
        throw new QepInputError(
          field,
          'positive definite for ln (eigenvalues > TOL.zeroEigenvalue·max(1, ‖A‖₂); pass zeroEigenvalues: "support" for ln on the support)',
          values[k],
          zeroTol,
        );
      }
      d[k] = 0;
    } else {
      d[k] = Math.log(values[k]);
    }
  }
  return synthesize(vectors, d, field);
}

/**
 * The exponential e^A of a Hermitian A through its spectrum: Σ_k e^{λ_k} |v_k⟩⟨v_k|.
 * Exactly Hermitian and positive definite; use {@link expm} in expm.ts for
 * non-Hermitian matrices.
 * @throws QepInputError when A is not Hermitian or e^{λ_max} overflows (λ_max > ~709.78).
 * @example expmHermitian(fromDiagonal([0, 1])) // diag(1, e)
 */
export function expmHermitian(A: CMatrix, options: SpectralOptions = {}): CMatrix {
  const field = options.field ?? 'A';
  const { values, vectors } = decompose(A, field);
  const d = float64(values.length);
  for (let k = 0; k < values.length; k++) {
    d[k] = Math.exp(values[k]);
    if (d[k] === Infinity) throw new QepInputError(field, 'a matrix whose largest eigenvalue has a finite exponential (≤ 709.78)', values[k]);
  }
  return synthesize(vectors, d, field);
}

/**
 * The positive semidefinite square root √A of a positive semidefinite Hermitian A:
 * Σ_k √λ_k |v_k⟩⟨v_k|, with eigenvalues in [−TOL.psd · s, TOL.zeroEigenvalue · s]
 * taken as exactly 0 (so a rounding-negative eigenvalue gives no NaN).
 * @throws QepInputError when A is not Hermitian or has an eigenvalue below −TOL.psd · s.
 * @example sqrtmPsd(fromDiagonal([4, 9])) // diag(2, 3)
 */
export function sqrtmPsd(A: CMatrix, options: SpectralOptions = {}): CMatrix {
  const field = options.field ?? 'A';
  const { values, vectors } = decompose(A, field);
  const { zeroTol } = checkPsd(values, field);
  const d = float64(values.length);
  for (let k = 0; k < values.length; k++) d[k] = values[k] <= zeroTol ? 0 : Math.sqrt(values[k]);
  return synthesize(vectors, d, field);
}

/**
 * The power A^p of a positive semidefinite Hermitian A: Σ_k λ_k^p |v_k⟩⟨v_k|.
 *
 * Zero eigenvalues (≤ TOL.zeroEigenvalue · s) map to 0 for p > 0 and to 1
 * for p = 0 (so A^0 = I, 0^0 = 1). For p < 0 they would give ∞: by default
 * this throws; with `zeroEigenvalues: 'support'` they map to 0 (p = −1 gives
 * the Moore–Penrose pseudo-inverse).
 * @throws QepInputError when p is not finite, A is not Hermitian, has an
 *   eigenvalue below −TOL.psd · s, or (p < 0, policy 'throw') a zero eigenvalue.
 * @example powmPsd(fromDiagonal([4, 9]), -0.5) // diag(1/2, 1/3)
 */
export function powmPsd(A: CMatrix, p: number, options: SpectralOptions = {}): CMatrix {
  const field = options.field ?? 'A';
  if (!Number.isFinite(p)) throw new QepInputError('p', 'a finite exponent', p);
  const { values, vectors } = decompose(A, field);
  const { zeroTol } = checkPsd(values, field);
  const d = float64(values.length);
  for (let k = 0; k < values.length; k++) {
    if (values[k] > zeroTol) {
      d[k] = Math.pow(values[k], p);
    } else if (p > 0) {
      d[k] = 0;
    } else if (p === 0) {
      d[k] = 1;
    } else if ((options.zeroEigenvalues ?? 'throw') === 'support') {
      d[k] = 0;
    } else {
      throw new QepInputError(
        field,
        `positive definite for a negative power p = ${p} (eigenvalues > TOL.zeroEigenvalue·max(1, ‖A‖₂); pass zeroEigenvalues: "support" for the power on the support)`,
        values[k],
        zeroTol,
      );
    }
    if (!Number.isFinite(d[k])) throw new QepInputError(field, `a matrix whose eigenvalues have a finite power p = ${p}`, values[k]);
  }
  return synthesize(vectors, d, field);
}

/**
 * The unitary U(t) = e^{−iHt} generated by a Hermitian Hamiltonian H (ħ = 1):
 * U = Σ_k e^{−iλ_k t} |v_k⟩⟨v_k|, exactly unitary up to rounding of V.
 * @throws QepInputError when t is not finite, or H is not square, not
 *   Hermitian within TOL.hermitian · max(1, ‖H‖_max), or has a non-finite entry.
 * @example unitaryEvolution(fromReal([[0, 1], [1, 0]]), Math.PI / 2) // −i σx
 */
export function unitaryEvolution(H: CMatrix, t: number, options: SpectralOptions = {}): CMatrix {
  const field = options.field ?? 'H';
  if (!Number.isFinite(t)) throw new QepInputError('t', 'a finite time', t);
  const { values, vectors: V } = decompose(H, field);
  const n = values.length;
  const cr = float64(n);
  const ci = float64(n);
  for (let k = 0; k < n; k++) {
    const phi = values[k] * t;
    cr[k] = Math.cos(phi);
    ci[k] = -Math.sin(phi);
  }
  // U_ij = Σ_k v_ik · c_k · conj(v_jk)
  const U = zeros(n, n);
  const vr = V.re;
  const vi = V.im;
  const wr = float64(n * n);
  const wi = float64(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const a = vr[i * n + k];
      const b = vi[i * n + k];
      wr[i * n + k] = a * cr[k] - b * ci[k];
      wi[i * n + k] = a * ci[k] + b * cr[k];
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        const a = wr[i * n + k];
        const b = wi[i * n + k];
        const c = vr[j * n + k];
        const d = vi[j * n + k];
        // (a + ib)(c − id)
        sr += a * c + b * d;
        si += b * c - a * d;
      }
      U.re[i * n + j] = sr;
      U.im[i * n + j] = si;
    }
  }
  return U;
}

/** Validate Hermiticity once, then decompose. */
function decompose(A: CMatrix, field: string): Eigh {
  if (A.rows !== A.cols) throw new QepInputError(field, 'a square matrix', `${A.rows}x${A.cols}`);
  const n = A.rows;
  let dev = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const ar = A.re[i * n + j];
      const ai = A.im[i * n + j];
      const br = A.re[j * n + i];
      const bi = A.im[j * n + i];
      // NaN makes both comparisons below false: eigh reports the entry.
      dev = Math.max(dev, Math.hypot(ar - br, ai + bi));
      size = Math.max(size, Math.hypot(ar, ai));
    }
  }
  const tol = TOL.hermitian * Math.max(1, size);
  if (dev > tol) throw new QepInputError(field, 'Hermitian (max |A − A†|)', dev, tol);
  return eigh(A);
}

/** Throw on eigenvalues below −TOL.psd·s; return the zero threshold TOL.zeroEigenvalue·s. */
function checkPsd(values: Float64Array, field: string): { zeroTol: number } {
  const n = values.length;
  if (n === 0) return { zeroTol: 0 };
  const s = Math.max(1, Math.abs(values[0]), Math.abs(values[n - 1]));
  const negTol = TOL.psd * s;
  if (values[0] < -negTol) {
    throw new QepInputError(field, 'positive semidefinite (smallest eigenvalue ≥ −TOL.psd·max(1, ‖A‖₂))', values[0], negTol);
  }
  return { zeroTol: TOL.zeroEigenvalue * s };
}

/** V diag(d) V†, checked finite (large eigenvalues can overflow in the sum). */
function synthesize(V: CMatrix, d: Float64Array, field: string): CMatrix {
  const out = spectralSynthesis(V, d);
  for (let k = 0; k < out.re.length; k++) {
    if (!Number.isFinite(out.re[k]) || !Number.isFinite(out.im[k])) {
      throw new QepInputError(field, 'a matrix whose function values are representable (the result overflowed)', Math.max(...Array.from(d, Math.abs)));
    }
  }
  return out;
}
