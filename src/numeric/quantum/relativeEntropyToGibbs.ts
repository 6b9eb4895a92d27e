import { type CMatrix, traceProductRe } from '../linalg/cmatrix.js';
import { vonNeumannEntropy } from './entropy.js';
import { gibbsState, logPartition } from './gibbs.js';
import { energyLevels } from './levels.js';
import { relativeEntropy } from './relativeEntropy.js';

/**
 * S(ρ‖ρ_eq) for the Gibbs state ρ_eq = e^{−βH}/Z, in closed form (Eq. 7):
 *
 *   S(ρ‖ρ_eq) = β tr(Hρ) + ln Z − S(ρ)
 *
 * Better conditioned than the generic {@link relativeEntropy}, which must
 * take ln of eigenvalues of ρ_eq recomputed with absolute error ~nε: a Gibbs
 * population of 1e-9 then carries a relative error ~1e-7 into the logarithm.
 * Here ln p_eq,n = −βE_n − ln Z is exact. β = ∞ (ρ_eq a ground-level
 * projector) goes through the generic route, which returns +∞ when ρ leaves
 * the ground level. Rounding below 0 is clamped to 0.
 */
export function relativeEntropyToGibbs(rho: CMatrix, H: CMatrix | ArrayLike<number>, beta: number): number {
  if (beta === Infinity) return relativeEntropy(rho, gibbsState(H, beta));
  const { energies } = energyLevels(H);
  let energy: number;
  if ('re' in H) {
    energy = traceProductRe(H, rho);
  } else {
    energy = 0;
    for (let i = 0; i < energies.length; i++) energy += energies[i] * rho.re[i * rho.cols + i];
  }
  const s = (beta === 0 ? 0 : beta * energy) + logPartition(energies, beta) - vonNeumannEntropy(rho);
  return s > 0 ? s : 0;
}
