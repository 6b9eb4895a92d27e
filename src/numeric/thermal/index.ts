/**
 * Thermal operations (Eqs. 16–31): energy-conserving unitaries on S⊗E (order S
 * then E), the channel they induce on S (Kraus operators, Eq. 18; transition
 * matrix, Eq. 19; coherence factors, Eq. 20) and the entropy budget
 * (Σ = Σ_d + Ξ, Eqs. 22–25; the conservation laws of Eqs. 26–31).
 */
export {
  totalHamiltonian,
  energyConservationResidual,
  unitarityResidual,
  assertEnergyConservingUnitary,
  unitaryFromInteraction,
  printedInteractionMap,
} from './energyConservingUnitary.js';
export {
  type ThermalOperation,
  type ThermalOperationOptions,
  thermalOperation,
  applyThermalOperation,
  jointStateInEigenbasis,
  productBasis,
} from './thermalOperation.js';
export { type KrausOperator, krausOperators, applyKraus, krausCompleteness } from './kraus.js';
export { transitionMatrix } from './transitionMatrix.js';
export { coherenceFactors, coherenceFactorUnchecked, nonDegenerateBohrFrequencies } from './coherenceFactors.js';
export { type ThermalBudget, thermalEntropyBudget } from './entropyBudget.js';
export { type ThermalModel, type ExchangeModelOptions, partialSwap, exchangeModel } from './models.js';
