import { TOL } from '../tolerance.js';

/**
 * Kullback–Leibler divergence S(p‖q) = Σ_n p_n ln(p_n/q_n) (Eq. 9, the population part).
 * Terms with p_n ≤ TOL.zeroEigenvalue are 0; a term with p_n > 0 and q_n ≤ TOL.zeroEigenvalue
 * makes the divergence +∞. Tiny negative rounding is clamped to 0.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (pi <= TOL.zeroEigenvalue) continue;
    if (q[i] <= TOL.zeroEigenvalue) return Infinity;
    s += pi * (Math.log(pi) - Math.log(q[i]));
  }
  return s > 0 ? s : 0;
}
