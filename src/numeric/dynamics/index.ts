/**
 * Dynamics: generic Lindblad generators (Eq. 2) with exact and Runge–Kutta
 * propagation, and the Davies maps of Eqs. 2–15 with their structured solver,
 * state functions and entropy-production rates; several baths and steady states (B1–B9).
 */
export { type JumpOperator, type Lindbladian, lindbladian, applyLindbladian, liouvillian, vec, unvec, superApply } from './lindblad.js';
export { dormandPrince, type OdeRhs, type DormandPrinceOptions, type DormandPrinceResult, DEFAULT_RTOL, DEFAULT_ATOL } from './dormandPrince.js';
export { assertTimes, propagateSuperoperator, propagateExact, propagateRK45 } from './propagate.js';
export {
  boseOccupation,
  standardBathRates,
  detailedBalanceResidual,
  assertDetailedBalance,
  pauliRateMatrix,
  pauliDerivative,
  escapeRates,
  type DetailedBalanceResidual,
} from './daviesRates.js';
export {
  type DaviesGenerator,
  type RateGenerator,
  type DaviesSpec,
  type DaviesJump,
  type Spectrum,
  type BathRatesSpec,
  daviesGenerator,
  applyDavies,
  daviesJumps,
  daviesLindbladian,
  readSpectrum,
  bathRates,
} from './davies.js';
export {
  type SpectralDensity,
  type BathSpec,
  type MultiBathSpec,
  type MultiBathGenerator,
  type SteadyState,
  type MultiBathRates,
  type MultiBathQuantities,
  spectralDensityAt,
  spectralCouplings,
  multiBathGenerator,
  assembleMultiBath,
  steadyState,
  multiBathRates,
  multiBathQuantities,
} from './baths.js';
export {
  type DaviesMethod,
  type EvolveOptions,
  evolveDavies,
  evolvePopulations,
  evolvePopulationsBy,
  daviesTrajectory,
  visitDavies,
  type DaviesTrajectory,
  SYMMETRIC_PATH_MAX_CONDITION,
  SYMMETRIC_PATH_MAX_ASYMMETRY,
} from './daviesEvolution.js';
export {
  type DaviesStateFunctions,
  type EntropyRates,
  type DaviesQuantities,
  daviesStateFunctions,
  entropyRates,
  entropyRateEvaluator,
  type EntropyRatesCore,
  schnakenbergProduction,
  daviesQuantities,
  entropyDerivativeParts,
} from './entropyProduction.js';
export { maxFlux } from '../masterEquation.js';
/** The smallest normal double (defined in the tolerance module; exported here as before). */
export { MIN_NORMAL } from '../tolerance.js';
