export type { TrajectoryInput, TrajectoryOptions, TrajectoryMeans } from './types.js';
export {
  enumerateTrajectories,
  meanExpMinusSigma,
  type TrajectoryEnsemble,
  type ForwardPaths,
  type AugmentedPaths,
  type TrajectorySecondMoments,
} from './enumerate.js';
export { exactTrajectoryMeans } from './exactTrajectoryMeans.js';
export { entropyProductionParts, type EntropyProductionParts } from './entropyProductionParts.js';
export {
  unravel,
  type Unravelling,
  type ForwardBranch,
  type BackwardBranch,
} from './unravelling.js';
export {
  sampleTrajectories,
  sampledTrajectoryMeans,
  type SampleOptions,
  type TrajectorySample,
  type SampledTrajectoryMeans,
  type Estimate,
  type Histogram,
} from './sample.js';
