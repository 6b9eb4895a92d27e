export { toBasis, fromBasis, populationsIn } from './basis.js';
export { energyLevels, degenerateBlocks, type EnergyLevels } from './levels.js';
export { vonNeumannEntropy, shannonEntropy, etaLn, clampNonNegative } from './entropy.js';
export { klDivergence, klDivergenceToGibbs } from './klDivergence.js';
export { relativeEntropy } from './relativeEntropy.js';
export { relativeEntropyToGibbs, relativeEntropyToGibbsOf, excitationEnergy } from './relativeEntropyToGibbs.js';
export { partialTrace } from './partialTrace.js';
export { mutualInformation } from './mutualInformation.js';
export { dephase } from './dephase.js';
export { relativeEntropyOfCoherence } from './coherence.js';
export {
  gibbsPopulations,
  logPartition,
  logShiftedPartition,
  groundEnergy,
  betaEnergy,
  gibbsState,
  freeEnergy,
  equilibriumFreeEnergy,
} from './gibbs.js';
export {
  assertSquare,
  assertHermitian,
  isHermitian,
  assertDensityMatrix,
  assertUnitary,
  assertEnergyConserving,
  hermitianResidual,
  commutatorResidual,
} from './validate.js';
