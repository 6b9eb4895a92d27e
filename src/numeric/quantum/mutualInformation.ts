import { type CMatrix } from '../linalg/cmatrix.js';
import { clampNonNegative, vonNeumannEntropy } from './entropy.js';
import { partialTrace } from './partialTrace.js';

/**
 * Quantum mutual information I(A:B) = S(ρ_A) + S(ρ_B) − S(ρ_AB) ≥ 0 (Eq. 26).
 * Rounding below 0 is clamped to 0.
 */
export function mutualInformation(rhoAB: CMatrix, dims: readonly [number, number]): number {
  const i = vonNeumannEntropy(partialTrace(rhoAB, dims, [0])) + vonNeumannEntropy(partialTrace(rhoAB, dims, [1])) - vonNeumannEntropy(rhoAB);
  return clampNonNegative(i);
}
