import { type CMatrix, traceProductRe } from '../linalg/cmatrix.js';
import { clampNonNegative, vonNeumannEntropy } from './entropy.js';
import { betaEnergy, gibbsState, groundEnergy, logShiftedPartition } from './gibbs.js';
import { energyLevels } from './levels.js';
import { relativeEntropy } from './relativeEntropy.js';
import { float64 } from '../linalg/float64.js';

/**
 * S(ρ‖ρ_eq) for the Gibbs state ρ_eq = e^{−βH}/Z, in closed form (Eq. 7):
 *
 *   S(ρ‖ρ_eq) = β tr(Hρ) + ln Z − S(ρ) = β tr((H − E_min)ρ) + ln Z' − S(ρ)
 *
 * with Z' = Σ_n e^{−β(E_n − E_min)} ({@link relativeEntropyToGibbsOf}).
 * Better conditioned than the generic {@link relativeEntropy}, which must
 * take ln of eigenvalues of ρ_eq recomputed with absolute error ~nε: a Gibbs
 * population of 1e-9 then carries a relative error ~1e-7 into the logarithm.
 * Here ln p_eq,n = −β(E_n − E_min) − ln Z' is exact, and finite at every finite β.
 * β = ∞ (ρ_eq a ground-level projector) goes through the generic route, which
 * returns +∞ when ρ leaves the ground level. Rounding below 0 is clamped to 0.
 */
export function relativeEntropyToGibbs(rho: CMatrix, H: CMatrix | ArrayLike<number>, beta: number): number {
  if (beta === Infinity) return relativeEntropy(rho, gibbsState(H, beta));
  const { energies } = energyLevels(H);
  let excitation: number;
  if ('re' in H) {
    excitation = traceProductRe(H, rho) - groundEnergy(energies);
  } else {
    const populations = float64(energies.length);
    for (let i = 0; i < energies.length; i++) populations[i] = rho.re[i * rho.cols + i];
    excitation = excitationEnergy(populations, energies);
  }
  return relativeEntropyToGibbsOf(excitation, vonNeumannEntropy(rho), energies, beta);
}

/** Σ_n (E_n − E_min) p_n: the mean energy above the ground level of populations p in the energy basis. */
export function excitationEnergy(populations: ArrayLike<number>, energies: ArrayLike<number>): number {
  const emin = groundEnergy(energies);
  let u = 0;
  for (let i = 0; i < energies.length; i++) u += (energies[i] - emin) * populations[i];
  return u;
}

/**
 * S(ρ‖ρ_eq) from ρ's excitation energy ⟨H − E_min⟩_ρ and entropy S(ρ) (Eq. 7):
 *
 *   S(ρ‖ρ_eq) = β ⟨H − E_min⟩_ρ + ln Σ_n e^{−β(E_n − E_min)} − S(ρ)
 *
 * for callers that already hold both (no eigensolve here). Finite for every finite β
 * (no ln of an underflowed population; +∞ only when β·⟨H − E_min⟩ overflows);
 * clamped at 0 from below (Klein).
 */
export function relativeEntropyToGibbsOf(excitation: number, entropy: number, energies: ArrayLike<number>, beta: number): number {
  return clampNonNegative(betaEnergy(beta, excitation) + logShiftedPartition(energies, beta) - entropy);
}
