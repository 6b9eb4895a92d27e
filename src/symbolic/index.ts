/**
 * The symbolic engine: qubit closed forms derived from the
 * definitions by CAS steps, identities proved (exact rational arithmetic over
 * atoms, algebrite's opinion) or verified by BigNumber sampling, LaTeX in
 * paper notation, and cross-checks against the numeric engine.
 */
export { deriveModel, deriveModelSync, isModelName, MODEL_NAMES, MODEL_FORMS, toDeriveJson, toDeriveLatex, toDeriveText, modelAlign, formLatex } from './derive.js';
export type { ModelName, DeriveJson, FormJson, ParameterJson } from './derive.js';
export type { DerivedModel, DeriveOptions } from './models/model.js';
export type { FormResult, StepResult, Definition, FormStatus } from './_internal/builder.js';
export { DerivationError } from './_internal/builder.js';
export { checkIdentity, checkIdentitySync, sampleIdentity, atomsForDomain } from './identity.js';
export type { IdentityReport, IdentityStatus, IdentityOptions, Counterexample } from './identity.js';
export { Atoms } from './atoms.js';
export type { Domain, ParamSpec, SignFact } from './domain.js';
export { samplePoints, pointFromUnit, seededRandom } from './domain.js';
export { toLatex, alignBlock } from './latex.js';
export { verifyQuantity, resolveModel, SUPPORTED_FUNCTIONS } from './verify.js';
export type { VerifyResult, VerifyVerdict, VerifyOptions, NumericComparison } from './verify.js';
export { numericForms, numericQubitDavies, numericPartialSwap } from './numeric.js';
export { qubitDaviesDomain, QUBIT_DAVIES_FORMS } from './models/qubitDavies.js';
export { partialSwapDomain, PARTIAL_SWAP_FORMS } from './models/partialSwap.js';
export { closeCasWorkers } from './cas/worker.js';
export { SYMBOLIC_TOL } from '../numeric/tolerance.js';
export { annotateWithAlgebrite } from './annotate.js';
export { configureSymbolicCache, symbolicCacheSettings, cacheDirectory } from './cache.js';
export type { SymbolicCacheSettings } from './cache.js';
export { withProofCache, proofCacheFile } from './proofCache.js';
export type { ProofCacheStats } from './proofCache.js';
export { symbolicLimits, LIMITS_ENV } from './limits.js';
export { SYMBOLIC_LIMITS } from '../numeric/tolerance.js';
export type { SymbolicLimits } from '../numeric/tolerance.js';
