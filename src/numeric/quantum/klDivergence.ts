import { TOL } from '../tolerance.js';

/**
 * Kullback–Leibler divergence S(p‖q) = Σ_n p_n ln(p_n/q_n) (Eq. 9, the population part).
 * Supports are decided by TOL.zeroEigenvalue: q_n ≤ tol with p_n > tol makes the divergence +∞,
 * q_n ≤ tol with p_n ≤ tol contributes 0; otherwise p_n ln(p_n/q_n) for every p_n > 0 (0 ln 0 = 0). Tiny negative rounding is clamped to 0.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (q[i] <= TOL.zeroEigenvalue) {
      if (pi > TOL.zeroEigenvalue) return Infinity;
      continue;
    }
    if (pi > 0) s += pi * (Math.log(pi) - Math.log(q[i]));
  }
  return s > 0 ? s : 0;
}
