import type { Claim } from '../../claims/claim.js';
import { DEFAULT_RUNS, runClaim } from '../../claims/runner.js';
import { showJsonValue } from '../../numeric/untrusted.js';
import { type CliContext, UsageError } from './context.js';

/**
 * How many instances `qep check` may try: `--runs` above {@link MAX_RUNS} is refused
 * (a typo such as 1e6 would run for most of a day), and a long run announces its
 * estimated duration before it starts.
 */

/** Largest `--runs` accepted (raise it with {@link RUNS_ENV}). About 1.5 h on a two-core machine for every claim. */
export const MAX_RUNS = 100_000;

/** The environment variable that raises (or lowers) {@link MAX_RUNS}. */
export const RUNS_ENV = 'QEP_MAX_RUNS';

/** From this many runs on (ten times the default), `qep check` first prints its estimated duration. */
export const LONG_RUN = 10 * DEFAULT_RUNS;

/** Instances per claim of the pilot run that the estimate is extrapolated from. */
export const PILOT_RUNS = 10;

/**
 * The `--runs` limit: {@link MAX_RUNS}, or the environment's {@link RUNS_ENV}.
 * @throws UsageError when that variable is not a positive integer
 */
export function runsLimit(env: Readonly<Record<string, string | undefined>>): number {
  const text = env[RUNS_ENV];
  if (text === undefined || text === '') return MAX_RUNS;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${RUNS_ENV} must be a positive integer (got ${showJsonValue(text)})`);
  return n;
}

/** A duration for people: `40 s`, `12 min`, `3.5 h`. */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toPrecision(2)} h`;
}

/**
 * Before `qep check` runs `claims` with `runs` instances each: refuse `runs` above
 * the limit, and for a long run ({@link LONG_RUN} or more) time a pilot of
 * {@link PILOT_RUNS} instances of each property claim and print on stderr
 * `qep check: --runs N: estimated duration about T (…)`, extrapolated linearly
 * (the symbolic halves of claims do not depend on --runs and are left out).
 * @throws UsageError when `runs` is above the limit
 */
export async function announceRuns(claims: readonly Claim<unknown>[], runs: number, seed: number, ctx: CliContext): Promise<void> {
  const limit = runsLimit(ctx.env);
  if (runs > limit) {
    throw new UsageError(`--runs ${runs} is above the limit of ${limit} instances per claim (raise it with ${RUNS_ENV}=N if you mean it)`);
  }
  if (runs < LONG_RUN) return;
  const properties = claims.filter((c) => c.method !== 'symbolic' && c.property !== undefined);
  const start = performance.now();
  for (const claim of properties) await runClaim({ ...claim, method: 'property' }, { seed, runs: PILOT_RUNS });
  const pilotMs = performance.now() - start;
  const estimate = (pilotMs * runs) / PILOT_RUNS;
  ctx.io.stderr.write(
    `qep check: --runs ${runs}: estimated duration about ${formatDuration(estimate)} (a ${PILOT_RUNS}-run pilot of the ${properties.length} property claims took ${formatDuration(pilotMs)})\n`,
  );
}
