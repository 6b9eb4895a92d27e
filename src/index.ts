/**
 * qep's public API. Units: ħ = k_B = 1, natural logarithms (nats), β = 1/T.
 * Matrices are {@link CMatrix} (split re/im row-major Float64Arrays).
 */
export * from './numeric/linalg/cmatrix.js';
export { eigh, type Eigh } from './numeric/linalg/eigh.js';
export { matrixFromJSON, matrixToJSON, type MatrixJSON } from './numeric/linalg/json.js';
export { expm } from './numeric/linalg/expm.js';
export {
  hermitianFunction,
  logmHermitian,
  expmHermitian,
  sqrtmPsd,
  powmPsd,
  unitaryEvolution,
  type SpectralOptions,
  type ZeroEigenvaluePolicy,
} from './numeric/linalg/functions.js';
export * from './numeric/quantum/index.js';
export * from './numeric/dynamics/index.js';
export * from './numeric/thermal/index.js';
export * from './numeric/trajectories/index.js';
export { evaluateScenario, type ScenarioResult } from './numeric/scenario/index.js';
export {
  generateScenario,
  scenarioLabel,
  RESOLVED_LEVEL_SEPARATION,
  type GenerateScenarioOptions,
  type GeneratedModel,
  type StateKind,
  type DaviesScenarioJSON,
  type ThermalScenarioJSON,
} from './numeric/scenario/generate.js';
export { compareResults, DEFAULT_COMPARE_TOLERANCE, type CompareOptions, type Comparison, type Mismatch, type MismatchKind } from './numeric/scenario/compare.js';
export * as random from './numeric/random/index.js';
export { randomEnergyConservingUnitary } from './numeric/random/index.js';
export { TOL, EPS, sameLevel, type Tolerances } from './numeric/tolerance.js';
export { QepInputError } from './numeric/errors.js';
export type { Claim, Verdict, Expectation, Method, InstanceOutcome, PropertyCheck, SymbolicOutcome } from './claims/claim.js';
export { runClaim, runMutant, matchesExpectation, type ClaimResult, type RunOptions } from './claims/runner.js';
