export { toBasis, fromBasis, populationsIn } from './basis.js';
export { energyLevels, degenerateBlocks, type EnergyLevels } from './levels.js';
export { vonNeumannEntropy, shannonEntropy, etaLn } from './entropy.js';
export { klDivergence, klDivergenceToGibbs } from './klDivergence.js';
export { relativeEntropy } from './relativeEntropy.js';
export { relativeEntropyToGibbs } from './relativeEntropyToGibbs.js';
export { partialTrace } from './partialTrace.js';
export { mutualInformation } from './mutualInformation.js';
export { dephase } from './dephase.js';
export { relativeEntropyOfCoherence } from './coherence.js';
export { gibbsPopulations, logPartition, gibbsState, freeEnergy, equilibriumFreeEnergy } from './gibbs.js';
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
