import type { Claim } from '../../claims/claim.js';
import type { CliIO } from './io.js';

/**
 * What a subcommand receives: the streams, the environment, and the
 * replaceable dependencies (tests inject toy claims and a fake evaluator).
 */

/** A scenario evaluator: a parsed JSON value in, the results object out (may be async). */
export type ScenarioEvaluator = (input: unknown) => unknown;

/** Dependencies `main` can be given instead of the real ones. */
export interface CliDeps {
  /** The claims `qep check` runs (default: `allClaims` of properties/index.ts). */
  readonly claims?: readonly Claim<unknown>[];
  /** The evaluator behind `qep eval` (default: `evaluateScenario` of src/numeric/scenario/index.ts). */
  readonly evaluateScenario?: ScenarioEvaluator;
}

/** The per-run context handed to every subcommand. */
export interface CliContext {
  readonly io: CliIO;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly deps: CliDeps;
  /** Set by the subcommand that ran; `main` returns it. */
  exitCode: number;
}

/** A usage error found after parsing (the CLI prints its message on one line and exits 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The evaluator behind `qep eval` and `qep fixtures`: the injected one, or the real one loaded on first use (keeps `qep check` start-up lean). */
export async function scenarioEvaluator(deps: CliDeps): Promise<ScenarioEvaluator> {
  return deps.evaluateScenario ?? (await import('../../numeric/scenario/index.js')).evaluateScenario;
}
