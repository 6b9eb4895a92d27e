import { type CMatrix } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';

/**
 * η(λ) = −λ ln λ with 0 ln 0 = 0; rounding negatives (λ < 0) count as 0.
 * No cut-off for small positive λ: η is continuous at 0 (η(1e-12) = 2.8e-11),
 * so a hard threshold would make S jump between two routes to the same state.
 * TOL.zeroEigenvalue decides supports (relative entropy), never values.
 */
export function etaLn(lambda: number): number {
  return lambda > 0 ? -lambda * Math.log(lambda) : 0;
}

/**
 * max(x, 0) for a quantity that is ≥ 0 in exact arithmetic (an entropy, a relative
 * entropy by Klein's inequality, a coherence, a mutual information) and can only
 * come out −O(ε) by rounding. NaN maps to 0 here, so callers never pass NaN on.
 */
export function clampNonNegative(x: number): number {
  return x > 0 ? x : 0;
}

/**
 * Shannon entropy H(p) = −Σ_n p_n ln p_n in nats (0 ln 0 = 0).
 * Clamped at 0 from below (rounding can only make it −O(ε)).
 */
export function shannonEntropy(p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += etaLn(p[i]);
  return Math.max(0, s);
}

/**
 * Von Neumann entropy S(ρ) = −tr ρ ln ρ = −Σ_k λ_k ln λ_k (nats), through the
 * eigenvalues of ρ; 0 ln 0 = 0 (see {@link etaLn}).
 * Used throughout, e.g. Eq. (1) S = S(ρ). Never negative, never NaN.
 * @example vonNeumannEntropy(fromDiagonal([0.5, 0.5])) // ln 2
 */
export function vonNeumannEntropy(rho: CMatrix): number {
  return shannonEntropy(eigh(rho).values);
}
