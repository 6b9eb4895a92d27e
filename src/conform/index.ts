/**
 * `qep conform`: the claims of the paper as a conformance suite for any
 * engine. The line protocol (protocol.ts), the result shapes (shape.ts), the
 * shrinkable scenarios (scenarios.ts), the consistency claims on an engine's
 * own numbers (claims.ts), the runner with shrinking (run.ts), and the report
 * (report.ts).
 */
export type { ConformTolerance, ConsistencyClaim, EngineInstance } from './claims.js';
export { DEFAULT_CONFORM_TOLERANCE, consistencyClaims, missingKeys, valueAt } from './claims.js';
export type { EngineAnswer, EngineFailureKind, EngineOptions, EngineStats } from './protocol.js';
export { EngineProcess, OFFENDING_TEXT_CHARS, PROBE_TIMEOUT_MS, parseAnswerLine, quoteNonFiniteTokens } from './protocol.js';
export type { FailureFiles } from './report.js';
export { conformSummaryLine, formatConformJson, formatConformMarkdown, formatConformText, writeFailures } from './report.js';
export type { ConformEngine, ConformReport, ConformRunOptions, EngineFailure, ProgressEvent, RowFailure, RowResult, RowVerdict } from './run.js';
export { DEFAULT_CONFORM_RUNS, DEFAULT_SHRINK_TIMEOUT_CAP, DEFAULT_TIMEOUT_MS, rowIds, runConform, shellQuote } from './run.js';
export type { ConformScenario, ScenarioParams, ScenarioSpace } from './scenarios.js';
export { DEFAULT_SPACE, paramsArbitrary, scenarioFor } from './scenarios.js';
export type { ConformModel } from './shape.js';
export { checkShape, knownKeys, scenarioDims } from './shape.js';
