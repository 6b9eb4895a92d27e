import { type CMatrix } from '../linalg/cmatrix.js';
import { dephase } from './dephase.js';
import { clampNonNegative, vonNeumannEntropy } from './entropy.js';

/**
 * Relative entropy of coherence C_H(ρ) = S(Δ_H ρ) − S(ρ) ≥ 0 (Eq. 10), with
 * Δ_H the block dephasing of {@link dephase}. Zero iff Δ_H ρ = ρ.
 * Rounding below 0 is clamped to 0.
 * @example relativeEntropyOfCoherence(plusState, [0, 1]) // ln 2
 */
export function relativeEntropyOfCoherence(rho: CMatrix, H: CMatrix | ArrayLike<number>): number {
  const c = vonNeumannEntropy(dephase(rho, H)) - vonNeumannEntropy(rho);
  return clampNonNegative(c);
}
