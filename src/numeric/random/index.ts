/**
 * Seeded random physical instances: states (Hilbert–Schmidt, Bures, pure,
 * fixed rank), Haar unitaries, Hamiltonians with non-degenerate Bohr
 * frequencies, resonant environments, energy-conserving unitaries, and
 * detailed-balanced rates. Every generator takes an {@link Rng} from
 * {@link createRng}: same seed, same instance. The deterministic cores
 * (`energiesFromGaps`, `resonantEnvironmentFromGaps`, `unitaryFromParameters`,
 * `energyConservingUnitaryFromBlocks`, `detailedBalanceRates`) are shared with
 * the fast-check arbitraries of properties/arbitraries.ts.
 */
export { type Rng, createRng, xoshiro128ssStep } from './rng.js';
export { mulberry32 } from './mulberry32.js';
export { ginibre } from './ginibre.js';
export { haarUnitary } from './haarUnitary.js';
export { randomStateOfRank } from './stateOfRank.js';
export { hilbertSchmidtState } from './hilbertSchmidtState.js';
export { buresState } from './buresState.js';
export { randomPureVector, randomPureState } from './pureState.js';
export { hermitianWithSpectrum } from './hermitianWithSpectrum.js';
export { type EnergiesFromGapsOptions, energiesFromGaps, bohrFrequencies } from './energies.js';
export { type HamiltonianInstance, type RandomHamiltonianOptions, randomHamiltonian } from './randomHamiltonian.js';
export {
  type EnvironmentGap,
  type RandomResonantEnvironmentOptions,
  positiveBohrFrequencies,
  resonantEnvironmentFromGaps,
  randomResonantEnvironment,
} from './resonantEnvironment.js';
export {
  type HamiltonianInput,
  type Spectrum,
  type TotalEnergyBlocks,
  spectrumOf,
  degenerateGroups,
  totalEnergyBlocks,
} from './energyBlocks.js';
export { energyConservingUnitaryFromBlocks, randomEnergyConservingUnitary } from './energyConservingUnitary.js';
export { unitaryFromParameters } from './unitaryFromParameters.js';
export { type RateModel, detailedBalanceRates, randomRates } from './detailedBalanceRates.js';
