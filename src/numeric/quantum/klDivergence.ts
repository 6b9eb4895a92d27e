import { TOL } from '../tolerance.js';
import { clampNonNegative } from './entropy.js';
import { gibbsPopulations, logPartition } from './gibbs.js';

/**
 * Kullback–Leibler divergence S(p‖q) = Σ_n p_n ln(p_n/q_n) (Eq. 9, the population part).
 * q is taken as exact (a tiny q_n, e.g. a Gibbs population of 1e-20, is not 0): q_n = 0 with
 * p_n > TOL.zeroEigenvalue makes the divergence +∞ (p_n at or below that is rounding noise and
 * contributes 0); otherwise p_n ln(p_n/q_n) for every p_n > 0 (0 ln 0 = 0). Against a Gibbs
 * distribution whose populations underflow, use {@link klDivergenceToGibbs}. Tiny negative rounding is clamped to 0.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (q[i] <= 0) {
      if (pi > TOL.zeroEigenvalue) return Infinity;
      continue;
    }
    if (pi > 0) s += pi * (Math.log(pi) - Math.log(q[i]));
  }
  return clampNonNegative(s);
}

/**
 * S(p‖p_eq) against the Gibbs distribution p_eq,n = e^{−βE_n}/Z without forming p_eq (Eq. 9):
 *
 *   S(p‖p_eq) = Σ_n p_n ln p_n + β Σ_n p_n E_n + ln Z
 *
 * Finite for every finite β, even where e^{−βE_n} underflows (β·ΔE = 1000). β = ∞ goes through
 * {@link klDivergence} (+∞ when p leaves the ground level).
 */
export function klDivergenceToGibbs(p: ArrayLike<number>, energies: ArrayLike<number>, beta: number): number {
  if (beta === Infinity) return klDivergence(p, gibbsPopulations(energies, beta));
  let s = logPartition(energies, beta);
  for (let i = 0; i < p.length; i++) {
    if (p[i] > 0) s += p[i] * Math.log(p[i]);
    if (beta !== 0) s += beta * p[i] * energies[i];
  }
  return clampNonNegative(s);
}
