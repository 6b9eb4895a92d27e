import fc from 'fast-check';
import { errorMessage } from '../claims/runner.js';
import type { CheckContext } from '../claims/claim.js';
import { type Mismatch, compareResults } from '../numeric/scenario/compare.js';
import { scenarioLabel } from '../numeric/scenario/generate.js';
import { evaluateScenario } from '../numeric/scenario/index.js';
import { type ConformTolerance, type ConsistencyClaim, DEFAULT_CONFORM_TOLERANCE, type EngineInstance, consistencyClaims, missingKeys } from './claims.js';
import type { EngineAnswer, EngineFailureKind, EngineStats } from './protocol.js';
import { type ScenarioEntry, type ScenarioParams, type ScenarioSpace, ScenarioCache, paramsArbitrary } from './scenarios.js';
import { type ConformModel, checkShape, knownKeys, scenarioDims } from './shape.js';

/**
 * The runner of `qep conform`. For each model it draws `runs` scenarios with
 * fast-check, asks the engine for each (one at a time), evaluates it with qep's
 * own engine meanwhile, and judges every row of the report on it:
 * - `engine.MODEL`: the engine answered with a well-formed result (a timeout, a
 *   crash, a non-JSON line or a wrong-shape result fails it; a decline does not);
 * - `agree.MODEL.KEY`: every key the engine returned agrees with qep's
 *   (`compareResults`, the golden-file tolerances);
 * - the consistency claims (`conform.*`), on the engine's own numbers.
 * Then each failing row is shrunk on its own: fast-check replays the seed from
 * the first failing scenario (`path`) and shrinks it, asking the engine again
 * for every new candidate. Answers are cached by scenario, so rows share the
 * engine's work. While shrinking, at most `shrinkTimeoutCap` timeouts are spent
 * in all; after that, candidates the engine has not answered yet are skipped.
 */

/** Scenarios per model unless told otherwise. */
export const DEFAULT_CONFORM_RUNS = 100;

/** Per-scenario engine timeout unless told otherwise (ms). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Engine timeouts spent while shrinking before shrinking stops asking the engine. */
export const DEFAULT_SHRINK_TIMEOUT_CAP = 5;

/** Engine failures kept in the report (the rest are counted). */
export const MAX_ENGINE_FAILURES_LISTED = 20;

/** Why a row was not judged on a scenario the engine declined. */
export const DECLINED_REASON = 'the engine declined the scenario';

/** What `runConform` needs of an engine (an `EngineProcess`, or a fake). */
export interface ConformEngine {
  request(scenarioLine: string): Promise<EngineAnswer>;
  readonly stats: EngineStats;
  readonly stderr: string;
}

/** Options of {@link runConform}. */
export interface ConformRunOptions {
  /** The engine command, for the replay command. */
  readonly command: string;
  readonly models: readonly ConformModel[];
  readonly runs: number;
  /** fast-check seed (32-bit integer). */
  readonly seed: number;
  /** Replay: the fast-check path of a counterexample (one row selected). */
  readonly path?: string;
  /** Row ids or id prefixes to run (the engine rows always run). Empty: every row. */
  readonly claims?: readonly string[];
  readonly tolerance?: ConformTolerance;
  /** For the replay command only (the engine applies it). */
  readonly timeoutMs?: number;
  readonly shrinkTimeoutCap?: number;
  readonly space?: ScenarioSpace;
  /** Called after every scenario checked and every shrink step. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** A progress report. */
export interface ProgressEvent {
  readonly model: ConformModel;
  readonly phase: 'check' | 'shrink';
  /** Scenarios checked so far (check) or shrink candidates tried (shrink). */
  readonly done: number;
  readonly total: number;
  /** The row being shrunk. */
  readonly row?: string;
}

export type RowKind = 'engine' | 'agreement' | 'consistency';
export type RowVerdict = 'holds' | 'fails' | 'not-applicable' | 'error';

/** One recorded engine failure. */
export interface EngineFailure {
  readonly kind: EngineFailureKind;
  readonly model: ConformModel;
  /** Index of the scenario in the run (its fast-check path). */
  readonly index: number;
  readonly label: string;
  /** What happened: the offending text (first 200 characters), the exit code, the timeout. */
  readonly message: string;
  readonly stderr: string;
}

/** The shrunk failing scenario of a row. */
export interface RowFailure {
  readonly detail: string;
  readonly residual?: number;
  readonly params: ScenarioParams;
  readonly scenario: Readonly<Record<string, unknown>>;
  readonly label: string;
  /** The engine's result (known keys), or null when the engine failed. */
  readonly engineResult: Record<string, unknown> | null;
  /** What the engine did when it failed (kind and message), or null. */
  readonly engineFailure: { readonly kind: EngineFailureKind | 'declined'; readonly message: string } | null;
  /** qep's own result, or its error message. */
  readonly qepResult: unknown;
  readonly stderr: string;
  readonly seed: number;
  readonly path: string;
  readonly numShrinks: number;
  /** True when shrinking stopped asking the engine because the timeout cap was reached. */
  readonly shrinkCapped: boolean;
  readonly replay: string;
}

/** One row of the report. */
export interface RowResult {
  readonly id: string;
  readonly kind: RowKind;
  readonly model: ConformModel;
  readonly equation: string;
  readonly statement: string;
  readonly verdict: RowVerdict;
  /** Scenarios judged (passed or failed). */
  readonly checked: number;
  readonly passed: number;
  readonly notApplicable: number;
  /** Scenarios this row could not be judged on because the engine failed. */
  readonly engineFailures: number;
  /** Agreement: largest |engine − qep|; consistency: largest residual; null when nothing was judged. */
  readonly worstResidual: number | null;
  /** Agreement: where the largest deviation was (e.g. `Pi[3]`) and its ratio to the tolerance. */
  readonly worstPath?: string;
  readonly worstRatio?: number;
  /** Keys of the row the engine never returned (not-applicable rows). */
  readonly missingKeys: readonly string[];
  readonly notApplicableReasons: readonly string[];
  readonly failure?: RowFailure;
  readonly error?: string;
}

/** The outcome of {@link runConform}. */
export interface ConformReport {
  readonly command: string;
  readonly models: readonly ConformModel[];
  readonly runs: number;
  readonly seed: number;
  readonly atol: number;
  readonly rtol: number;
  readonly rows: readonly RowResult[];
  /** Scenarios sent (not counting shrinking) and answered with a result, per model. */
  readonly scenarios: number;
  readonly answered: number;
  readonly declined: number;
  readonly declineMessages: readonly string[];
  readonly engineFailures: readonly EngineFailure[];
  readonly engineFailureCount: number;
  /** Known keys the engine never returned, per model. */
  readonly keysNotReturned: Readonly<Record<string, readonly string[]>>;
  readonly stats: EngineStats;
  readonly shrinkTimeouts: number;
  readonly shrinkTimeoutCap: number;
  readonly ms: number;
  /** Every row holds or is not applicable, and the engine answered at least one scenario. */
  readonly ok: boolean;
}

/** The section name of a model in row ids. */
export function modelSection(model: ConformModel): string {
  return model === 'davies' ? 'davies' : 'thermal';
}

/** Quote a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The engine's answer to a scenario, classified. */
interface Judged {
  readonly answer: EngineAnswer;
  /** The known keys of a well-formed result. */
  readonly result: Record<string, unknown> | null;
  readonly failure: { readonly kind: EngineFailureKind; readonly message: string } | null;
  readonly own: Record<string, unknown> | null;
  readonly ownError: string | null;
}

type Outcome =
  | { readonly kind: 'pass'; readonly residual: number; readonly path?: string; readonly ratio?: number }
  | { readonly kind: 'fail'; readonly residual: number; readonly detail: string; readonly failureKind?: EngineFailureKind }
  | { readonly kind: 'not-applicable'; readonly reason: string; readonly missing?: readonly string[] }
  | { readonly kind: 'engine-failure' }
  | { readonly kind: 'error'; readonly message: string };

interface RowDef {
  readonly id: string;
  readonly kind: RowKind;
  readonly model: ConformModel;
  readonly equation: string;
  readonly statement: string;
  readonly keys: readonly string[];
  readonly key?: string;
  readonly claim?: ConsistencyClaim;
}

interface RowState {
  checked: number;
  passed: number;
  notApplicable: number;
  engineFailures: number;
  worst: number | null;
  worstPath?: string;
  worstRatio?: number;
  reasons: string[];
  missingEver: Set<string>;
  firstFailure: { index: number; params: ScenarioParams; outcome: Outcome } | null;
  error?: string;
  failure?: RowFailure;
}

function describeFailure(answer: EngineAnswer, shapeError: string | null): { kind: EngineFailureKind; message: string } | null {
  switch (answer.kind) {
    case 'result':
      return shapeError === null ? null : { kind: 'wrong-shape', message: `${shapeError}; the line was: ${answer.line.length > 200 ? `${answer.line.slice(0, 200)}…` : answer.line}` };
    case 'garbage':
      return { kind: 'garbage', message: `not a JSON object: ${answer.text}` };
    case 'timeout':
      return { kind: 'timeout', message: `no answer within ${answer.timeoutMs} ms: the engine was killed and restarted` };
    case 'crash':
      return { kind: 'crash', message: `${answer.message}; the engine was restarted` };
    case 'declined':
      return null;
  }
}

function mismatchText(m: Mismatch): string {
  const show = (x: unknown) => (x === undefined ? 'nothing' : typeof x === 'number' ? String(x) : (JSON.stringify(x) ?? String(x)).slice(0, 60));
  if (m.kind === 'value') return `${m.path}: engine ${show(m.actual)}, qep ${show(m.expected)} (deviation ${m.deviation.toExponential(2)} > tolerance ${m.tolerance.toExponential(2)})`;
  return `${m.path}: engine ${show(m.actual)}, qep ${show(m.expected)}`;
}

function agreement(key: string, result: Record<string, unknown>, own: Record<string, unknown>, tol: ConformTolerance): Outcome {
  const cmp = compareResults({ [key]: result[key] }, { [key]: own[key] }, tol);
  let worst = cmp.worst?.deviation ?? 0;
  let path = cmp.worst?.path;
  let ratio = cmp.worst?.ratio;
  for (const m of cmp.mismatches) {
    if (m.deviation > worst || path === undefined) {
      worst = m.deviation;
      path = m.path;
      ratio = m.tolerance > 0 ? m.deviation / m.tolerance : Infinity;
    }
  }
  if (cmp.ok) return { kind: 'pass', residual: worst, ...(path !== undefined ? { path } : {}), ...(ratio !== undefined ? { ratio } : {}) };
  const more = cmp.mismatches.length > 1 ? ` (and ${cmp.mismatches.length - 1} more value${cmp.mismatches.length > 2 ? 's' : ''})` : '';
  return { kind: 'fail', residual: worst, detail: `${mismatchText(cmp.mismatches[0])}${more}` };
}

function judgeRow(row: RowDef, judged: Judged, entry: ScenarioEntry, tol: ConformTolerance, context: CheckContext): Outcome {
  const { answer } = judged;
  if (row.kind === 'engine') {
    if (judged.failure !== null) return { kind: 'fail', residual: Infinity, detail: `${judged.failure.kind}: ${judged.failure.message}`, failureKind: judged.failure.kind };
    if (answer.kind === 'declined') return { kind: 'not-applicable', reason: `declined: ${answer.message}` };
    return { kind: 'pass', residual: 0 };
  }
  if (judged.failure !== null) return { kind: 'engine-failure' };
  if (answer.kind === 'declined' || judged.result === null) return { kind: 'not-applicable', reason: DECLINED_REASON };
  const result = judged.result;
  const missing = missingKeys(result, row.keys);
  if (missing.length > 0) return { kind: 'not-applicable', reason: `the engine did not return ${missing.join(', ')}`, missing };
  if (row.kind === 'agreement') {
    if (judged.own === null) return { kind: 'error', message: `qep could not evaluate the scenario: ${judged.ownError ?? 'unknown error'}` };
    return agreement(row.key as string, result, judged.own, tol);
  }
  const check = row.claim?.claim.property?.check;
  if (check === undefined) return { kind: 'error', message: `${row.id} has no check` };
  try {
    const o = check({ scenario: entry.scenario, result } satisfies EngineInstance, context);
    if (o.kind === 'pass') return { kind: 'pass', residual: Number.isNaN(o.residual) ? Infinity : o.residual };
    if (o.kind === 'fail') return { kind: 'fail', residual: Number.isNaN(o.residual) ? Infinity : o.residual, detail: o.detail };
    return { kind: 'not-applicable', reason: o.reason };
  } catch (e) {
    return { kind: 'error', message: errorMessage(e) };
  }
}

/** Whether a shrink candidate fails the way the row first failed. */
function sameFailure(first: Outcome, o: Outcome): boolean {
  if (first.kind === 'fail' && o.kind === 'fail') return first.failureKind === o.failureKind;
  return first.kind === 'error' && o.kind === 'error';
}

function rowDefs(model: ConformModel, claims: readonly ConsistencyClaim[]): RowDef[] {
  const section = modelSection(model);
  const rows: RowDef[] = [{ id: `engine.${section}`, kind: 'engine', model, equation: '-', statement: 'every scenario answered with a well-formed result', keys: [] }];
  for (const key of knownKeys(model)) rows.push({ id: `agree.${section}.${key}`, kind: 'agreement', model, equation: '-', statement: `${key} agrees with qep`, keys: [key], key });
  for (const c of claims) if (c.model === model) rows.push({ id: c.claim.id, kind: 'consistency', model, equation: c.claim.equation, statement: c.claim.statement, keys: c.keys, claim: c });
  return rows;
}

/** Every row id `qep conform` can report for the models (for `--claim` validation). */
export function rowIds(models: readonly ConformModel[]): string[] {
  const claims = consistencyClaims();
  return models.flatMap((m) => rowDefs(m, claims).map((r) => r.id));
}

function selected(id: string, prefixes: readonly string[] | undefined): boolean {
  return prefixes === undefined || prefixes.length === 0 || prefixes.some((p) => id === p || id.startsWith(p));
}

/** What one `qep conform` run shares between its steps: the engine, the options, the caches and the counts. */
interface ConformRun {
  readonly engine: ConformEngine;
  readonly options: ConformRunOptions;
  readonly tol: ConformTolerance;
  /** Engine timeouts allowed while shrinking. */
  readonly cap: number;
  readonly claims: readonly ConsistencyClaim[];
  readonly cache: ScenarioCache;
  /** Classified answers by scenario line, shared by every row and every shrink. */
  readonly judgedCache: Map<string, Judged>;
  readonly engineFailures: EngineFailure[];
  engineFailureCount: number;
  shrinkTimeouts: number;
  scenarios: number;
  answered: number;
  declined: number;
  readonly declineMessages: string[];
  readonly rows: RowResult[];
  readonly keysNotReturned: Record<string, string[]>;
}

/** One model's part of a run: its selected rows, their running tallies, its arbitrary and the keys the engine returned. */
interface ModelRun {
  readonly model: ConformModel;
  readonly defs: readonly RowDef[];
  readonly states: Map<string, RowState>;
  readonly arb: fc.Arbitrary<ScenarioParams>;
  readonly returned: Set<string>;
}

/** An empty run: the tolerance, the shrink timeout cap and the claims resolved from the options. */
function startRun(engine: ConformEngine, options: ConformRunOptions): ConformRun {
  const tol = options.tolerance ?? DEFAULT_CONFORM_TOLERANCE;
  return {
    engine,
    options,
    tol,
    cap: options.shrinkTimeoutCap ?? DEFAULT_SHRINK_TIMEOUT_CAP,
    claims: consistencyClaims(tol),
    cache: new ScenarioCache(),
    judgedCache: new Map<string, Judged>(),
    engineFailures: [],
    engineFailureCount: 0,
    shrinkTimeouts: 0,
    scenarios: 0,
    answered: 0,
    declined: 0,
    declineMessages: [],
    rows: [],
    keysNotReturned: {},
  };
}

/** The `qep conform` command line that replays one row's counterexample at `path`. */
function replayCommand(run: ConformRun, rowId: string, model: ConformModel, path: string): string {
  const { options, tol } = run;
  const parts = ['qep conform', '--engine', shellQuote(options.command), '--model', model, '--seed', String(options.seed), '--runs', String(options.runs), '--claim', rowId, '--path', path];
  if (options.timeoutMs !== undefined && options.timeoutMs !== DEFAULT_TIMEOUT_MS) parts.push('--timeout-ms', String(options.timeoutMs));
  if (tol.atol !== DEFAULT_CONFORM_TOLERANCE.atol) parts.push('--atol', String(tol.atol));
  if (tol.rtol !== DEFAULT_CONFORM_TOLERANCE.rtol) parts.push('--rtol', String(tol.rtol));
  return parts.join(' ');
}

/** qep's own result for the scenario, or the message of the error it raised. */
function evaluateOwn(entry: ScenarioEntry): { own: Record<string, unknown> | null; ownError: string | null } {
  try {
    return { own: evaluateScenario(entry.scenario) as unknown as Record<string, unknown>, ownError: null };
  } catch (e) {
    return { own: null, ownError: errorMessage(e) };
  }
}

/** Classify an answer (shape checked against the scenario) and cache it. */
function classify(run: ConformRun, entry: ScenarioEntry, answer: EngineAnswer, own: ReturnType<typeof evaluateOwn>): Judged {
  let result: Record<string, unknown> | null = null;
  let shapeError: string | null = null;
  if (answer.kind === 'result') {
    const shape = checkShape(answer.value, scenarioDims(entry.scenario as unknown as Record<string, unknown>));
    if (shape.ok) result = shape.value;
    else shapeError = shape.message;
  }
  const judged: Judged = { answer, result, failure: describeFailure(answer, shapeError), ...own };
  run.judgedCache.set(entry.line, judged);
  return judged;
}

/** Ask the engine (or the cache); 'skipped' when shrinking has spent its timeouts. */
async function askEngine(run: ConformRun, entry: ScenarioEntry, shrinking: boolean): Promise<Judged | 'skipped'> {
  const hit = run.judgedCache.get(entry.line);
  if (hit !== undefined) return hit;
  if (shrinking && run.shrinkTimeouts >= run.cap) return 'skipped';
  const pending = run.engine.request(entry.line);
  const own = evaluateOwn(entry); // while the engine works
  const answer = await pending;
  if (answer.kind === 'timeout' && shrinking) run.shrinkTimeouts++;
  return classify(run, entry, answer, own);
}

/** Judge one row on one classified answer, with the run's tolerance and instance count. */
function judgeRowInRun(run: ConformRun, row: RowDef, judged: Judged, entry: ScenarioEntry): Outcome {
  return judgeRow(row, judged, entry, run.tol, { instances: run.options.runs });
}

/** The model's selected rows (the engine row always), each with empty tallies. */
function startModel(run: ConformRun, model: ConformModel): ModelRun {
  const defs = rowDefs(model, run.claims).filter((r) => r.kind === 'engine' || selected(r.id, run.options.claims));
  const states = new Map<string, RowState>(defs.map((r) => [r.id, { checked: 0, passed: 0, notApplicable: 0, engineFailures: 0, worst: null, reasons: [], missingEver: new Set(), firstFailure: null }]));
  return { model, defs, states, arb: paramsArbitrary(model, run.options.space), returned: new Set<string>() };
}

/** Add one row's outcome on scenario `i` to its tallies (worst residual, first failure, not-applicable reasons). */
function recordOutcome(st: RowState, row: RowDef, o: Outcome, i: number, params: ScenarioParams): void {
  switch (o.kind) {
    case 'pass':
      st.checked++;
      st.passed++;
      if (row.kind !== 'engine' && (st.worst === null || o.residual > st.worst)) {
        st.worst = o.residual;
        st.worstPath = o.path;
        st.worstRatio = o.ratio;
      }
      break;
    case 'fail':
      st.checked++;
      if (row.kind !== 'engine' && (st.worst === null || o.residual > st.worst)) {
        st.worst = o.residual;
        st.worstPath = undefined;
        st.worstRatio = undefined;
      }
      st.firstFailure ??= { index: i, params, outcome: o };
      break;
    case 'not-applicable':
      st.notApplicable++;
      if (o.missing) for (const k of o.missing) st.missingEver.add(k);
      else if (st.reasons.length < 3 && !st.reasons.includes(o.reason)) st.reasons.push(o.reason);
      break;
    case 'engine-failure':
      st.engineFailures++;
      break;
    case 'error':
      st.error ??= o.message;
      st.firstFailure ??= { index: i, params, outcome: o };
      break;
  }
}

/** Count the engine's answer to scenario `i` (answered, declined, or an engine failure) and the keys it returned. */
function countAnswer(run: ConformRun, mr: ModelRun, i: number, entry: ScenarioEntry, judged: Judged): void {
  run.scenarios++;
  if (judged.answer.kind === 'declined') {
    run.declined++;
    if (run.declineMessages.length < 3 && !run.declineMessages.includes(judged.answer.message)) run.declineMessages.push(judged.answer.message);
  } else if (judged.result !== null) {
    run.answered++;
    for (const k of Object.keys(judged.result)) mr.returned.add(k);
  }
  if (judged.failure !== null) {
    run.engineFailureCount++;
    if (run.engineFailures.length < MAX_ENGINE_FAILURES_LISTED) {
      run.engineFailures.push({ kind: judged.failure.kind, model: mr.model, index: i, label: scenarioLabel(entry.scenario as unknown as Record<string, unknown>), message: judged.failure.message, stderr: judged.answer.stderr });
    }
  }
}

/** Count the answer to scenario `i`, judge every selected row on it, and report progress. */
function visitScenario(run: ConformRun, mr: ModelRun, i: number, params: ScenarioParams, entry: ScenarioEntry, judged: Judged): void {
  countAnswer(run, mr, i, entry, judged);
  for (const row of mr.defs) recordOutcome(mr.states.get(row.id) as RowState, row, judgeRowInRun(run, row, judged, entry), i, params);
  run.options.onProgress?.({ model: mr.model, phase: 'check', done: i + 1, total: run.options.path === undefined ? run.options.runs : 1 });
}

/** Send scenario `params` to the engine (unless cached) and evaluate it with qep meanwhile. */
function sendScenario(run: ConformRun, params: ScenarioParams): { entry: ScenarioEntry; pending: Promise<Judged> } {
  const entry = run.cache.get(params);
  const hit = run.judgedCache.get(entry.line);
  if (hit !== undefined) return { entry, pending: Promise.resolve(hit) };
  const answer = run.engine.request(entry.line);
  const own = evaluateOwn(entry);
  return { entry, pending: answer.then((a) => classify(run, entry, a, own)) };
}

/** Draw `runs` scenarios and visit each, the engine working on scenario i + 1 while qep judges scenario i. */
async function checkDrawnScenarios(run: ConformRun, mr: ModelRun): Promise<void> {
  // fc.sample draws exactly the values fc.check would, so scenario i replays with path "i".
  const all = fc.sample(mr.arb, { seed: run.options.seed, numRuns: run.options.runs });
  let next = all.length > 0 ? sendScenario(run, all[0]) : null;
  for (let i = 0; i < all.length && next !== null; i++) {
    const { entry, pending } = next;
    const judged = await pending;
    next = i + 1 < all.length ? sendScenario(run, all[i + 1]) : null;
    visitScenario(run, mr, i, all[i], entry, judged);
  }
}

/** Replay: visit only the scenario at the head of the path (the selected row's first scenario). */
async function checkReplayedScenario(run: ConformRun, mr: ModelRun, replayPath: string): Promise<void> {
  const head = Number(replayPath.split(':')[0]);
  const params = fc.sample(mr.arb, { seed: run.options.seed, numRuns: 1, path: String(head) })[0];
  const entry = run.cache.get(params);
  visitScenario(run, mr, head, params, entry, (await askEngine(run, entry, false)) as Judged);
}

/** A row's shrunk counterexample: its params (null when none was found), fast-check path, shrink count, and whether the timeout cap stopped shrinking. */
interface Shrunk {
  readonly params: ScenarioParams | null;
  readonly path: string;
  readonly numShrinks: number;
  readonly capped: boolean;
}

/** Shrink one failing row from its first failure with fast-check, asking the engine for each candidate until the shrink timeout cap is spent. */
async function shrinkRow(run: ConformRun, mr: ModelRun, row: RowDef, firstFailure: NonNullable<RowState['firstFailure']>): Promise<Shrunk> {
  const { options } = run;
  const first = firstFailure.outcome;
  let tried = 0;
  let capped = false;
  const predicate = async (params: ScenarioParams): Promise<boolean> => {
    const entry = run.cache.get(params);
    const judged = await askEngine(run, entry, true);
    tried++;
    options.onProgress?.({ model: mr.model, phase: 'shrink', done: tried, total: tried, row: row.id });
    if (judged === 'skipped') {
      capped = true;
      return true;
    }
    return !sameFailure(first, judgeRowInRun(run, row, judged, entry));
  };
  const startPath = options.path ?? String(firstFailure.index);
  let params: ScenarioParams | null = null;
  let path = startPath;
  let numShrinks = 0;
  try {
    const details = await fc.check(fc.asyncProperty(mr.arb, predicate), { seed: options.seed, numRuns: options.runs, path: startPath, endOnFailure: options.path !== undefined });
    if (details.failed && details.counterexample !== null) {
      params = details.counterexample[0];
      path = details.counterexamplePath ?? startPath;
      numShrinks = details.numShrinks;
    }
  } catch {
    // the replay path did not lead to a failure: keep the scenario found first
  }
  return { params, path, numShrinks, capped };
}

/** The failure a row reports: its shrunk scenario judged again, both engines' results, and the replay command. */
async function rowFailure(run: ConformRun, mr: ModelRun, row: RowDef, firstFailure: NonNullable<RowState['firstFailure']>, shrunk: Shrunk): Promise<RowFailure> {
  // The engine did not fail the same way again (a flaky engine): report the first failure unshrunk.
  const params = shrunk.params ?? firstFailure.params;
  const entry = run.cache.get(params);
  const judged = run.judgedCache.get(entry.line) ?? ((await askEngine(run, entry, false)) as Judged);
  const outcome = judgeRowInRun(run, row, judged, entry);
  const shown = outcome.kind === 'fail' || outcome.kind === 'error' ? outcome : firstFailure.outcome;
  const answer = judged.answer;
  return {
    detail: shown.kind === 'fail' ? shown.detail : shown.kind === 'error' ? shown.message : 'failed',
    ...(shown.kind === 'fail' ? { residual: shown.residual } : {}),
    params,
    scenario: entry.scenario as unknown as Record<string, unknown>,
    label: scenarioLabel(entry.scenario as unknown as Record<string, unknown>),
    engineResult: judged.result,
    engineFailure: judged.failure ?? (answer.kind === 'declined' ? { kind: 'declined', message: answer.message } : null),
    qepResult: judged.own ?? { error: judged.ownError },
    stderr: answer.stderr,
    seed: run.options.seed,
    path: shrunk.path,
    numShrinks: shrunk.numShrinks,
    shrinkCapped: shrunk.capped,
    replay: replayCommand(run, row.id, mr.model, shrunk.path),
  };
}

/** Shrink each failing row on its own and record its failure. */
async function shrinkFailingRows(run: ConformRun, mr: ModelRun): Promise<void> {
  for (const row of mr.defs) {
    const st = mr.states.get(row.id) as RowState;
    if (st.firstFailure === null) continue;
    const shrunk = await shrinkRow(run, mr, row, st.firstFailure);
    st.failure = await rowFailure(run, mr, row, st.firstFailure, shrunk);
  }
}

/** The report row of a row's tallies, with its verdict. */
function rowResult(row: RowDef, model: ConformModel, st: RowState): RowResult {
  const verdict: RowVerdict = st.error !== undefined ? 'error' : st.firstFailure !== null ? 'fails' : st.checked > 0 ? 'holds' : 'not-applicable';
  const missing = row.keys.filter((k) => st.missingEver.has(k));
  return {
    id: row.id,
    kind: row.kind,
    model,
    equation: row.equation,
    statement: row.statement,
    verdict,
    checked: st.checked,
    passed: st.passed,
    notApplicable: st.notApplicable,
    engineFailures: row.kind === 'engine' ? st.checked - st.passed : st.engineFailures,
    worstResidual: st.worst,
    ...(st.worstPath !== undefined ? { worstPath: st.worstPath } : {}),
    ...(st.worstRatio !== undefined ? { worstRatio: st.worstRatio } : {}),
    missingKeys: verdict === 'not-applicable' ? missing : [],
    notApplicableReasons: st.reasons,
    ...(st.failure ? { failure: st.failure } : {}),
    ...(st.error !== undefined ? { error: st.error } : {}),
  };
}

/** Record the keys the engine never returned for the model and add its rows to the report (agreement rows on never-returned keys are left out unless they failed). */
function collectModelRows(run: ConformRun, mr: ModelRun): void {
  run.keysNotReturned[mr.model] = knownKeys(mr.model).filter((k) => !mr.returned.has(k));
  for (const row of mr.defs) {
    const st = mr.states.get(row.id) as RowState;
    if (row.kind === 'agreement' && !mr.returned.has(row.key as string) && st.firstFailure === null) continue;
    run.rows.push(rowResult(row, mr.model, st));
  }
}

/** Check one model: its drawn (or replayed) scenarios, then shrink its failing rows, then collect its rows. */
async function conformModel(run: ConformRun, model: ConformModel): Promise<void> {
  const mr = startModel(run, model);
  if (run.options.path === undefined) await checkDrawnScenarios(run, mr);
  else await checkReplayedScenario(run, mr, run.options.path);
  await shrinkFailingRows(run, mr);
  collectModelRows(run, mr);
}

/** The report of a finished run; ok when the engine answered at least one scenario and every row holds or is not applicable. */
function assembleReport(run: ConformRun, start: number): ConformReport {
  const { options, tol, rows } = run;
  const ok = run.answered > 0 && rows.every((r) => r.verdict === 'holds' || r.verdict === 'not-applicable');
  return {
    command: options.command,
    models: options.models,
    runs: options.runs,
    seed: options.seed,
    atol: tol.atol,
    rtol: tol.rtol,
    rows,
    scenarios: run.scenarios,
    answered: run.answered,
    declined: run.declined,
    declineMessages: run.declineMessages,
    engineFailures: run.engineFailures,
    engineFailureCount: run.engineFailureCount,
    keysNotReturned: run.keysNotReturned,
    stats: run.engine.stats,
    shrinkTimeouts: run.shrinkTimeouts,
    shrinkTimeoutCap: run.cap,
    ms: performance.now() - start,
    ok,
  };
}

/**
 * Run the conformance suite against an engine and return the report (the
 * caller formats it, writes the failing scenarios, and closes the engine).
 * Never throws for anything the engine does: every engine failure is recorded.
 */
export async function runConform(engine: ConformEngine, options: ConformRunOptions): Promise<ConformReport> {
  const start = performance.now();
  const run = startRun(engine, options);
  for (const model of options.models) await conformModel(run, model);
  return assembleReport(run, start);
}
