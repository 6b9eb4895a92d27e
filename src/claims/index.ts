/**
 * The public part of src/claims: the Claim type, the runner, claim selection
 * and the report formats.
 */
export type { Claim, Expectation, InstanceOutcome, Method, PropertyCheck, SymbolicOutcome, Verdict } from './claim.js';
export { defineClaim, within } from './claim.js';
export type { InstanceCheck, PropertyClaimSpec } from './propertyClaim.js';
export { claimSection, propertyClaim } from './propertyClaim.js';
export type { ClaimResult, Counterexample, InstanceCounts, RunOptions } from './runner.js';
export {
  DEFAULT_RUNS,
  DEFAULT_SEED,
  DEFAULT_SYMBOLIC_TIMEOUT_MS,
  errorMessage,
  matchesExpectation,
  replayCommand,
  runClaim,
  runMutant,
} from './runner.js';
export { CLAIM_ID_PATTERN, registryProblems, selectClaims } from './select.js';
export type { ClaimJson, JsonReport, JsonValue, NaNPolicy, Paint, Summary } from './report.js';
export {
  formatJson,
  formatMarkdown,
  formatMs,
  formatResidual,
  formatText,
  jsonReport,
  NO_PAINT,
  summarize,
  summaryLine,
  toJsonValue,
  VERDICTS,
} from './report.js';
export type { ParallelOptions } from './parallel.js';
export { ClaimWorkers, Interrupted, moduleUrl, runClaimsParallel, scheduleOrder, scheduleUnits } from './parallel.js';
export type { Shard, ShardBlock } from './shard.js';
export { parseShard, shardBlock, shardClaims } from './shard.js';
export type { MergedRun, NamedReport } from './merge.js';
export { mergeShardReports } from './merge.js';
