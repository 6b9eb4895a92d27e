import fc from 'fast-check';
import type { CheckContext, Claim, Expectation, InstanceCheck, InstanceOutcome, Method, SymbolicOutcome, Verdict } from './claim.js';

/**
 * The claim runner: runs one claim's fast-check property
 * and/or symbolic check with a given seed and number of runs, and returns its
 * verdict with the worst residual seen, the time taken and, for a refuted
 * claim, the shrunk counterexample with the seed and path that replay it.
 *
 * Verdicts of a property:
 * - `holds`: every applicable instance passed (at least one was applicable);
 * - `refuted`: an instance failed; fast-check shrinks it to a small one;
 *   the claim's `examples` are tried first, then `runs` random instances;
 * - `not-applicable`: the hypotheses failed on every instance;
 * - `error`: the check threw (the message is kept, not the stack), or the run
 *   was interrupted by its time limit before a failure was found.
 * Not-applicable instances are counted, never failures.
 */

/** Number of random instances per property claim, unless told otherwise (`qep check` and the registry test). */
export const DEFAULT_RUNS = 100;

/** Seed used when none is given, so that `qep check` and `npm test` see the same instances. */
export const DEFAULT_SEED = 20240521;

/** Time limit of a symbolic check, in milliseconds, unless told otherwise. */
export const DEFAULT_SYMBOLIC_TIMEOUT_MS = 60_000;

/** Options of {@link runClaim} and {@link runMutant}. */
export interface RunOptions {
  /** fast-check seed (a 32-bit integer). */
  readonly seed: number;
  /** Number of random instances to check (a positive integer). */
  readonly runs: number;
  /** fast-check replay path (`counterexamplePath` of an earlier run, e.g. `"17:3:0"`); needs the same seed. */
  readonly path?: string;
  /**
   * Time limit in milliseconds. A symbolic check is abandoned after it (verdict `error`);
   * a property run stops drawing new instances after it (verdict `error` unless a failure was found first).
   * Defaults: none for properties, {@link DEFAULT_SYMBOLIC_TIMEOUT_MS} for symbolic checks.
   */
  readonly timeoutMs?: number;
}

/** The shrunk failing instance of a refuted (or erroring) property claim. */
export interface Counterexample {
  /** The instance, as `property.describe` shows it (or the raw instance). */
  readonly instance?: unknown;
  /** Why it fails: the check's `detail`, an error message, or the symbolic check's detail. */
  readonly detail: string;
  /** The residual measured on it (absent for a thrown error or a symbolic refutation). */
  readonly residual?: number;
  /** fast-check seed and path that replay it. */
  readonly seed?: number;
  readonly path?: string;
  /** Number of shrinking steps fast-check took to reach it. */
  readonly numShrinks?: number;
}

/** Instance counts of a property run (not counting the candidates tried while shrinking). */
export interface InstanceCounts {
  /** Instances drawn before the first failure, including the failing one. */
  readonly checked: number;
  readonly passed: number;
  readonly notApplicable: number;
  /** Up to three distinct reasons given for not-applicable instances. */
  readonly notApplicableReasons: readonly string[];
}

/** What the runner found for one claim. */
export interface ClaimResult {
  readonly id: string;
  readonly equation: string;
  readonly statement: string;
  readonly method: Method;
  readonly expected: Expectation;
  readonly note?: string;
  readonly verdict: Verdict;
  /**
   * Largest residual seen: over the passing instances (or the symbolic residual) and, when
   * refuted, the shrunk counterexample's (so the table and the counterexample show one number);
   * `null` when nothing passed and nothing was refuted with a residual.
   */
  readonly worstResidual: number | null;
  /** Requested number of random instances. */
  readonly runs: number;
  readonly seed: number;
  /** Wall-clock time of the whole check, in milliseconds. */
  readonly ms: number;
  /** Property run counts (absent for a purely symbolic claim). */
  readonly instances?: InstanceCounts;
  /** The outcome of the symbolic check, when one ran. */
  readonly symbolic?: SymbolicOutcome;
  /** For `refuted` and for an `error` on an instance: the (shrunk) instance and why. */
  readonly counterexample?: Counterexample;
  /** The command that replays the property run to its counterexample. */
  readonly replay?: string;
  /** For `error`: the message (never a stack trace). */
  readonly error?: string;
}

/**
 * Whether a result is what the claim expects.
 *
 * Expected `holds` matches `holds`, `proved` and `sampled`; expected `refuted`
 * matches `refuted` only. `not-applicable` never matches: a claim whose
 * hypotheses fail on every instance has not been checked at all, which the
 * generator (or the claim) must fix. `error` never matches.
 */
export function matchesExpectation(result: Pick<ClaimResult, 'expected' | 'verdict'>): boolean {
  if (result.expected === 'refuted') return result.verdict === 'refuted';
  return result.verdict === 'holds' || result.verdict === 'proved' || result.verdict === 'sampled';
}

/**
 * The command that replays a property run of claim `id` to the counterexample at `path`.
 * `qep check --claim ID --seed S --path P --runs N`.
 */
export function replayCommand(id: string, seed: number, path: string, runs: number): string {
  return `qep check --claim ${id} --seed ${seed} --path ${path} --runs ${runs}`;
}

/** The message of a thrown value, first line only (no stack trace). */
export function errorMessage(e: unknown): string {
  const raw = e instanceof Error ? `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}` : String(e);
  const line = raw.split('\n')[0].trim();
  return line.length > 0 ? line : 'unknown error';
}

function validateOptions(opts: RunOptions): void {
  if (!Number.isInteger(opts.seed)) throw new RangeError(`runClaim: seed must be an integer (got ${opts.seed})`);
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new RangeError(`runClaim: runs must be a positive integer (got ${opts.runs})`);
  if (opts.path !== undefined && !/^\d+(:\d+)*$/.test(opts.path)) {
    throw new RangeError(`runClaim: path must look like "12:0:3" (got "${opts.path}")`);
  }
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0)) {
    throw new RangeError(`runClaim: timeoutMs must be positive (got ${opts.timeoutMs})`);
  }
}

type Judge<T> = InstanceCheck<T>;

/** The outcome of one property run, before it is merged into a ClaimResult. */
interface PropertyRun {
  readonly verdict: 'holds' | 'refuted' | 'not-applicable' | 'error';
  readonly worstResidual: number | null;
  readonly instances: InstanceCounts;
  readonly counterexample?: Counterexample;
  readonly replay?: string;
  readonly error?: string;
}

type Evaluated =
  | { readonly kind: 'pass'; readonly residual: number }
  | { readonly kind: 'fail'; readonly residual: number; readonly detail: string }
  | { readonly kind: 'not-applicable'; readonly reason: string }
  | { readonly kind: 'throw'; readonly message: string };

/** Run `judge` on one instance and normalise what comes back (a throw, a malformed outcome, a NaN residual). */
function evaluate<T>(judge: Judge<T>, instance: T, context: CheckContext): Evaluated {
  let outcome: InstanceOutcome;
  try {
    outcome = judge(instance, context);
  } catch (e) {
    return { kind: 'throw', message: errorMessage(e) };
  }
  if (outcome === null || typeof outcome !== 'object') {
    return { kind: 'throw', message: `check returned ${String(outcome)} instead of an InstanceOutcome` };
  }
  switch (outcome.kind) {
    case 'pass':
      if (Number.isNaN(outcome.residual)) return { kind: 'fail', residual: Infinity, detail: 'check passed with a NaN residual' };
      return { kind: 'pass', residual: outcome.residual };
    case 'fail':
      return { kind: 'fail', residual: Number.isNaN(outcome.residual) ? Infinity : outcome.residual, detail: outcome.detail };
    case 'not-applicable':
      return { kind: 'not-applicable', reason: outcome.reason };
    default:
      return { kind: 'throw', message: `check returned an unknown outcome kind "${String((outcome as { kind: unknown }).kind)}"` };
  }
}

function describeInstance<T>(claim: Claim<T>, instance: T): unknown {
  const describe = claim.property?.describe;
  if (!describe) return instance;
  try {
    return describe(instance);
  } catch (e) {
    return `<describe threw: ${errorMessage(e)}>`;
  }
}

/**
 * Run `judge` over the claim's arbitrary with fast-check: the claim's examples
 * first, then `runs` random instances (fast-check counts examples in `numRuns`,
 * so it is given runs + examples: examples add to the search, never replace it).
 * The judge is told the total (`context.instances`).
 *
 * Failures come in two kinds, a `fail` outcome (refuted) and a throw (error).
 * The first failure seen fixes the kind; while shrinking, only an instance that
 * fails the same way counts as failing, so a refutation never shrinks into a
 * crash or the other way round.
 */
function runProperty<T>(claim: Claim<T>, judge: Judge<T>, opts: RunOptions): PropertyRun {
  const property = claim.property;
  if (!property) throw new Error(`claim ${claim.id}: method "${claim.method}" needs a property`);
  let firstFailure: 'fail' | 'throw' | null = null;
  let checked = 0;
  let passed = 0;
  let notApplicable = 0;
  let worst: number | null = null;
  const reasons: string[] = [];
  const examples = property.examples ?? [];
  const context: CheckContext = { instances: opts.runs + examples.length };

  const predicate = (instance: T): boolean => {
    const r = evaluate(judge, instance, context);
    if (firstFailure !== null) {
      // Shrinking: a candidate "fails" only if it fails the same way as the first failure.
      return !(r.kind === firstFailure);
    }
    checked++;
    switch (r.kind) {
      case 'pass':
        passed++;
        worst = worst === null ? r.residual : Math.max(worst, r.residual);
        return true;
      case 'not-applicable':
        notApplicable++;
        if (reasons.length < 3 && !reasons.includes(r.reason)) reasons.push(r.reason);
        return true;
      default:
        firstFailure = r.kind;
        return false;
    }
  };

  const params: fc.Parameters<[T]> = {
    seed: opts.seed,
    numRuns: context.instances,
    endOnFailure: false,
    ...(examples.length > 0 ? { examples: examples.map((e) => [e] as [T]) } : {}),
    ...(opts.path !== undefined ? { path: opts.path } : {}),
    ...(opts.timeoutMs !== undefined ? { plugins: [fc.interruptAfterTimeLimit(opts.timeoutMs) as fc.Plugin<[T]>] } : {}),
  };
  let details: fc.RunDetails<[T]>;
  try {
    details = fc.check(fc.property(property.arbitrary, predicate), params);
  } catch (e) {
    // fast-check itself refused (e.g. a path that does not exist for this seed).
    const instances = { checked, passed, notApplicable, notApplicableReasons: reasons };
    return { verdict: 'error', worstResidual: worst, instances, error: errorMessage(e) };
  }
  const instances: InstanceCounts = { checked, passed, notApplicable, notApplicableReasons: reasons };

  if (details.failed && details.counterexample !== null && details.counterexamplePath !== null) {
    const instance = details.counterexample[0];
    const path = details.counterexamplePath;
    const replay = replayCommand(claim.id, details.seed, path, opts.runs);
    // Re-judge the shrunk instance to report why it fails (checks are pure functions of the instance).
    const again = evaluate(judge, instance, context);
    const base = { instance: describeInstance(claim, instance), seed: details.seed, path, numShrinks: details.numShrinks };
    if (again.kind === 'throw') {
      return {
        verdict: 'error',
        worstResidual: worst,
        instances,
        error: again.message,
        counterexample: { ...base, detail: `check threw: ${again.message}` },
        replay,
      };
    }
    if (again.kind === 'fail') {
      const worstSeen = maxResidual(worst, again.residual);
      return { verdict: 'refuted', worstResidual: worstSeen, instances, counterexample: { ...base, detail: again.detail, residual: again.residual }, replay };
    }
    const message = `check is not deterministic: the shrunk counterexample ${again.kind === 'pass' ? 'passes' : 'is not applicable'} when judged again`;
    return { verdict: 'error', worstResidual: worst, instances, error: message, counterexample: { ...base, detail: message }, replay };
  }
  if (details.interrupted) {
    const message = `timed out after ${opts.timeoutMs} ms with ${checked} of ${context.instances} instances checked`;
    return { verdict: 'error', worstResidual: worst, instances, error: message };
  }
  if (details.failed) {
    return { verdict: 'error', worstResidual: worst, instances, error: 'fast-check reported a failure without a counterexample' };
  }
  if (checked === 0) {
    const where = opts.path !== undefined ? `: path "${opts.path}" leads to no instance for seed ${opts.seed}` : '';
    return { verdict: 'error', worstResidual: null, instances, error: `no instance was checked${where}` };
  }
  if (passed === 0) return { verdict: 'not-applicable', worstResidual: null, instances };
  return { verdict: 'holds', worstResidual: worst, instances };
}

/** Await `promise` for at most `ms` milliseconds (a synchronous CAS computation cannot be interrupted, only abandoned). */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runSymbolic(claim: Claim<unknown>, timeoutMs: number): Promise<SymbolicOutcome> {
  const symbolic = claim.symbolic;
  if (!symbolic) return { verdict: 'error', residual: Infinity, detail: `method "${claim.method}" needs a symbolic check` };
  try {
    const outcome = await withTimeout(Promise.resolve().then(symbolic), timeoutMs, 'symbolic check');
    if (Number.isNaN(outcome.residual)) return { ...outcome, verdict: outcome.verdict === 'refuted' ? 'refuted' : 'error', residual: Infinity, detail: `NaN residual: ${outcome.detail}` };
    return outcome;
  } catch (e) {
    return { verdict: 'error', residual: Infinity, detail: errorMessage(e) };
  }
}

function baseOf(claim: Claim<unknown>, opts: RunOptions) {
  return {
    id: claim.id,
    equation: claim.equation,
    statement: claim.statement,
    method: claim.method,
    expected: claim.expected,
    ...(claim.note !== undefined ? { note: claim.note } : {}),
    runs: opts.runs,
    seed: opts.seed,
  };
}

function fromPropertyRun(run: PropertyRun) {
  return {
    verdict: run.verdict,
    worstResidual: run.worstResidual,
    instances: run.instances,
    ...(run.counterexample ? { counterexample: run.counterexample } : {}),
    ...(run.replay ? { replay: run.replay } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

/**
 * Combine the two halves of a `both` claim: `refuted` if either refutes; else
 * `error` if either errored; else the symbolic verdict (`proved` / `sampled`)
 * when the property holds or was never applicable (the symbolic check does not
 * depend on instances).
 */
function combine(prop: PropertyRun, sym: SymbolicOutcome): Verdict {
  if (prop.verdict === 'refuted' || sym.verdict === 'refuted') return 'refuted';
  if (prop.verdict === 'error' || sym.verdict === 'error') return 'error';
  return sym.verdict;
}

function maxResidual(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

async function run(claim: Claim<unknown>, judge: Judge<unknown> | undefined, opts: RunOptions): Promise<ClaimResult> {
  validateOptions(opts);
  const start = performance.now();
  const base = baseOf(claim, opts);
  const elapsed = () => Math.max(0, performance.now() - start);
  const symbolicTimeout = opts.timeoutMs ?? DEFAULT_SYMBOLIC_TIMEOUT_MS;

  if (claim.method === 'property') {
    if (!judge) return { ...base, verdict: 'error', worstResidual: null, ms: elapsed(), error: 'claim has no property to run' };
    const prop = runProperty(claim, judge, opts);
    return { ...base, ...fromPropertyRun(prop), ms: elapsed() };
  }
  if (claim.method === 'symbolic') {
    const sym = await runSymbolic(claim, symbolicTimeout);
    const refuted = sym.verdict === 'refuted';
    return {
      ...base,
      verdict: sym.verdict,
      worstResidual: sym.verdict === 'error' ? null : sym.residual,
      symbolic: sym,
      ...(refuted ? { counterexample: { detail: sym.detail } } : {}),
      ...(sym.verdict === 'error' ? { error: sym.detail } : {}),
      ms: elapsed(),
    };
  }
  // method 'both'
  if (!judge) return { ...base, verdict: 'error', worstResidual: null, ms: elapsed(), error: 'claim has no property to run' };
  const prop = runProperty(claim, judge, opts);
  const sym = await runSymbolic(claim, symbolicTimeout);
  const verdict = combine(prop, sym);
  const fromProp = fromPropertyRun(prop);
  const symResidual = sym.verdict === 'error' ? null : sym.residual;
  const error = prop.error ?? (sym.verdict === 'error' ? `symbolic: ${sym.detail}` : undefined);
  const counterexample = prop.counterexample ?? (sym.verdict === 'refuted' ? { detail: `symbolic: ${sym.detail}` } : undefined);
  return {
    ...base,
    ...fromProp,
    verdict,
    worstResidual: maxResidual(prop.worstResidual, symResidual),
    symbolic: sym,
    ...(counterexample ? { counterexample } : {}),
    ...(error !== undefined && verdict === 'error' ? { error } : {}),
    ms: elapsed(),
  };
}

/**
 * Check one claim: its property with fast-check (`numRuns = runs`, shrinking on
 * failure), its symbolic derivation (with a time limit), or both.
 *
 * Conventions: the result never holds NaN (a NaN residual is a failure);
 * `worstResidual` is over passing instances only; `ms` is wall-clock time.
 *
 * @example await runClaim(claim, { seed: 42, runs: 100 })
 * @throws RangeError on invalid options (non-integer seed, runs < 1, malformed path).
 *   Problems of the claim itself (a throwing check, a timeout) give an `error` verdict, never a throw.
 */
export function runClaim(claim: Claim<unknown>, opts: RunOptions): Promise<ClaimResult> {
  return run(claim, claim.property?.check, opts);
}

/**
 * Run a claim with its property's `mutant` in place of `check` (the symbolic
 * half of a `both` claim is skipped). A property with teeth refutes its mutant:
 * the test suite requires the verdict `refuted`.
 *
 * @throws Error when the claim has no `property.mutant`; RangeError on invalid options.
 */
export function runMutant(claim: Claim<unknown>, opts: RunOptions): Promise<ClaimResult> {
  const mutant = claim.property?.mutant;
  if (!mutant) throw new Error(`runMutant: claim ${claim.id} has no property.mutant`);
  return run({ ...claim, method: 'property' }, mutant, opts);
}
