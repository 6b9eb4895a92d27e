import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Claim } from './claim.js';
import { claimSection } from './propertyClaim.js';
import { toJsonValue } from './report.js';
import { type ClaimResult, errorMessage, runClaim } from './runner.js';

/**
 * Running claims on several threads: the calling thread and `jobs − 1` worker
 * threads take units of the schedule one at a time from shared queues (Atomics
 * counters), so a thread that finishes early takes the next unit. A unit is one
 * claim, or every claim of a group (Claim.group: the claims of one symbolic
 * model, which a thread derives once), run one after another. Every thread
 * first takes the units with a symbolic check (the slow ones); then each starts
 * on its own sections of property claims (davies, baths, thermal, …) and moves
 * on to the others' when its own are done: a thread compiles (JIT) mostly the
 * code of the sections it runs, instead of every thread compiling all of it.
 *
 * Determinism: a claim's result depends only on the claim, the seed and the
 * number of runs (fast-check draws from the claim's own seeded generator), never
 * on the thread that ran it or on what ran before; the results are returned in
 * the order of the claims given, whatever the completion order. A counterexample
 * instance is kept in its JSON form ({@link portableResult}) on every thread, so
 * the results are equal whatever `jobs` is.
 *
 * Workers load the claims from a registry module (an ES module exporting
 * `allClaims`), given by URL: under the installed CLI the compiled `.js`, under
 * vitest or tsx the `.ts` source, through tsx's loader registered in the worker.
 */

/** The messages a claim worker posts. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'start'; readonly slot: number }
  | { readonly type: 'result'; readonly slot: number; readonly result: ClaimResult }
  | { readonly type: 'done' }
  | { readonly type: 'fatal'; readonly message: string };

/** What the calling thread sends a claim worker: the schedule and the shared counter. */
export interface WorkerJob {
  readonly type: 'run';
  /** Claim ids in schedule order (a slot is an index into it). */
  readonly ids: readonly string[];
  /** The plan's unit bounds and queues (see {@link SchedulePlan}). */
  readonly bounds: readonly number[];
  readonly queues: readonly (readonly number[])[];
  /** This worker's thread number and the number of threads taking units (for {@link queuePreference}). */
  readonly thread: number;
  readonly threads: number;
  readonly seed: number;
  readonly runs: number;
  /** An Int32Array's buffer: element q is the next position to take in queue q. */
  readonly counter: SharedArrayBuffer;
}

/** Raised by {@link runClaimsParallel} when its signal aborts (Ctrl-C). */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/**
 * The URL of a sibling module `relative` (written with `.js`) of the module at
 * `base`, with `base`'s own extension: `.ts` when running from sources (vitest,
 * tsx), `.js` when compiled.
 * @example moduleUrl('../../properties/index.js', import.meta.url)
 */
export function moduleUrl(relative: string, base: string): string {
  const url = new URL(relative, base);
  if (new URL(base).pathname.endsWith('.ts')) url.pathname = url.pathname.replace(/\.js$/, '.ts');
  return url.href;
}

/**
 * The schedule: indices of `claims`, slowest first. Claims with a symbolic
 * check (method `symbolic` or `both`, which take seconds) come first, then the
 * property claims; each group keeps registry order. Starting the long claims
 * first lets the short ones fill the threads at the end.
 */
export function scheduleOrder(claims: readonly Pick<Claim<unknown>, 'method'>[]): number[] {
  const slow: number[] = [];
  const fast: number[] = [];
  claims.forEach((c, i) => (c.method === 'property' ? fast : slow).push(i));
  return [...slow, ...fast];
}

/**
 * The schedule in units: indices of `claims` in {@link scheduleOrder}, cut into
 * units that a thread runs whole. The claims of one group (Claim.group) form
 * one unit, placed where the group's first claim is and kept in registry
 * order; every other claim is a unit of its own.
 * @example scheduleUnits([{ method: 'symbolic', group: 'g' }, { method: 'property' }, { method: 'both', group: 'g' }]) // [[0, 2], [1]]
 */
export function scheduleUnits(claims: readonly Pick<Claim<unknown>, 'method' | 'group'>[]): number[][] {
  const units: number[][] = [];
  const byGroup = new Map<string, number[]>();
  for (const i of scheduleOrder(claims)) {
    const g = claims[i].group;
    const unit = g === undefined ? undefined : byGroup.get(g);
    if (unit !== undefined) {
      unit.push(i);
      continue;
    }
    const fresh = [i];
    if (g !== undefined) byGroup.set(g, fresh);
    units.push(fresh);
  }
  for (const u of units) u.sort((a, b) => a - b);
  return units;
}

/** The plan of a parallel run: the schedule cut in units, and the queues threads take units from. */
export interface SchedulePlan {
  /** Indices of the claims in schedule order: slot k runs `claims[order[k]]`. */
  readonly order: readonly number[];
  /** Unit u is the slots `bounds[u]` ≤ k < `bounds[u + 1]`. */
  readonly bounds: readonly number[];
  /**
   * Queues of unit numbers: queue 0 holds the units with a symbolic check, then
   * one queue per section of the property claims (the id's part before the
   * first dot), sections in order of first appearance.
   */
  readonly queues: readonly (readonly number[])[];
}

/** The plan of `claims`: {@link scheduleUnits}, in queues by section. */
export function schedulePlan(claims: readonly Pick<Claim<unknown>, 'id' | 'method' | 'group'>[]): SchedulePlan {
  const cut = scheduleUnits(claims);
  const order = cut.flat();
  const bounds = [0];
  for (const u of cut) bounds.push(bounds[bounds.length - 1] + u.length);
  const slow: number[] = [];
  const sections = new Map<string, number[]>();
  cut.forEach((unit, u) => {
    const first = claims[unit[0]];
    if (unit.some((i) => claims[i].method !== 'property')) {
      slow.push(u);
      return;
    }
    const section = claimSection(first.id);
    const q = sections.get(section) ?? [];
    q.push(u);
    sections.set(section, q);
  });
  return { order, bounds, queues: [slow, ...sections.values()] };
}

/**
 * The order in which thread `thread` (0-based) of `threads` visits the `count`
 * queues of a plan: queue 0 (the slow units) first, then the section queues
 * rotated so that the threads start as far apart as they can (with two threads
 * and sections davies, baths, thermal, trajectories: one starts on davies, the
 * other on thermal).
 * @example queuePreference(5, 1, 2) // [0, 3, 4, 1, 2]
 */
export function queuePreference(count: number, thread: number, threads: number): number[] {
  const sections = count - 1;
  if (sections <= 0) return count > 0 ? [0] : [];
  const start = Math.floor((thread * sections) / Math.max(1, threads));
  return [0, ...Array.from({ length: sections }, (_, k) => 1 + ((start + k) % sections))];
}

/**
 * Take the next unit for a thread: the next one of the first queue in
 * `preference` that has units left (−1 when none has).
 */
export function takeUnit(counters: Int32Array, queues: readonly (readonly number[])[], preference: readonly number[]): number {
  for (const q of preference) {
    if (Atomics.load(counters, q) >= queues[q].length) continue;
    const k = Atomics.add(counters, q, 1);
    if (k < queues[q].length) return queues[q][k];
  }
  return -1;
}

/**
 * A result as it crosses threads: the counterexample's instance in its JSON form
 * (`toJsonValue`: matrices as `{re, im}` grids, ±∞ as strings), which the reports
 * print unchanged. Everything else is plain data already.
 */
export function portableResult(result: ClaimResult): ClaimResult {
  const cx = result.counterexample;
  if (!cx || cx.instance === undefined) return result;
  return { ...result, counterexample: { ...cx, instance: toJsonValue(cx.instance) } };
}

function workerEntry(): { readonly entry: URL; readonly source: string | null } {
  const ts = new URL(import.meta.url).pathname.endsWith('.ts');
  const entry = new URL(`./claimWorker${ts ? '.ts' : '.js'}`, import.meta.url);
  if (!ts) return { entry, source: null };
  // From sources: register tsx's ESM loader in the worker, then import the TypeScript entry.
  const resolved = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const api = new URL(`file://${resolved}`).href;
  return { entry, source: `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(entry.href)});` };
}

/** A started claim worker: it loads the registry as soon as it starts. */
interface PoolWorker {
  readonly worker: Worker;
  /** Messages that arrived before a job listened for them. */
  readonly early: WorkerReply[];
  failure: string | null;
  exited: boolean;
}

/**
 * Claim worker threads, started early so that they load the registry while
 * the calling thread loads its own copy and selects the claims.
 */
export class ClaimWorkers {
  private readonly pool: PoolWorker[] = [];

  /**
   * Start `count` workers loading `registry`.
   * @param registry URL of an ES module exporting `allClaims` (see {@link moduleUrl})
   * @param symbolicCache whether the workers read and write the on-disk symbolic cache (default true, as on the calling thread)
   */
  constructor(
    readonly registry: string,
    count: number,
    symbolicCache = true,
  ) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`ClaimWorkers: count must be a non-negative integer (got ${count})`);
    const { entry, source } = workerEntry();
    for (let i = 0; i < count; i++) {
      const worker =
        source === null
          ? new Worker(entry, { workerData: { registry, symbolicCache } })
          : new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData: { registry, symbolicCache } });
      const pw: PoolWorker = { worker, early: [], failure: null, exited: false };
      worker.on('message', (m: WorkerReply) => pw.early.push(m));
      worker.on('error', (e: Error) => (pw.failure = errorMessage(e)));
      worker.on('exit', () => (pw.exited = true));
      this.pool.push(pw);
    }
  }

  /** Number of workers still in the pool. */
  get size(): number {
    return this.pool.length;
  }

  /** Keep at most `count` workers and terminate the others. */
  shrink(count: number): void {
    for (const pw of this.pool.splice(Math.max(0, count))) void pw.worker.terminate();
  }

  /** The workers, handed over to a run (the pool is empty afterwards). */
  take(): PoolWorker[] {
    return this.pool.splice(0);
  }

  /** Terminate every worker. */
  async close(): Promise<void> {
    await Promise.all(this.take().map((pw) => pw.worker.terminate()));
  }
}

/** Options of {@link runClaimsParallel}. */
export interface ParallelOptions {
  readonly seed: number;
  readonly runs: number;
  /** Worker threads to use besides the calling thread (none: everything runs here). */
  readonly workers?: ClaimWorkers;
  /**
   * Whether the calling thread takes claims too (default true). With false it only
   * waits for the workers, and runs what they could not (all of it when there are none).
   */
  readonly callerTakes?: boolean;
  /** Aborting terminates the workers and rejects with {@link Interrupted} (the calling thread stops after its current claim). */
  readonly signal?: AbortSignal;
  /** Called when a thread starts a claim, with the claim's index in `claims`. */
  readonly onStart?: (index: number) => void;
  /** Called when a claim's result arrives (in completion order), with its index and the number done so far. */
  readonly onResult?: (index: number, result: ClaimResult, done: number) => void;
  /** Called with a one-line warning (a worker that could not load the registry or crashed). */
  readonly onWarning?: (message: string) => void;
}

/** Let the event loop run (worker messages, progress redraws, signals) between two synchronous claims. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Run `claims` (with `seed` and `runs`) on the calling thread and on the given
 * workers, slowest first ({@link scheduleOrder}); the results come back in
 * the order of `claims`.
 *
 * A worker that cannot load the registry, or crashes, takes no further claims
 * (a warning says so); the calling thread runs the claim it had taken.
 *
 * @throws Interrupted when `signal` aborts; RangeError on invalid seed or runs.
 */
export async function runClaimsParallel(claims: readonly Claim<unknown>[], opts: ParallelOptions): Promise<ClaimResult[]> {
  const { order, bounds, queues } = schedulePlan(claims);
  const n = order.length;
  const counter = new Int32Array(new SharedArrayBuffer(4 * queues.length));
  const results: (ClaimResult | undefined)[] = new Array<ClaimResult | undefined>(n).fill(undefined);
  let done = 0;
  const record = (slot: number, result: ClaimResult): void => {
    const index = order[slot];
    if (results[index] !== undefined) return;
    results[index] = result;
    done++;
    opts.onResult?.(index, result, done);
  };

  const pool = opts.workers?.take() ?? [];
  /** Set when this run terminates its workers itself (their exit is no news then). */
  let stopping = false;
  const callerTakes = opts.callerTakes !== false;
  const threads = pool.length + (callerTakes ? 1 : 0);
  const ids = order.map((i) => claims[i].id);
  const jobOf = (thread: number): WorkerJob => ({ type: 'run', ids, bounds, queues, thread, threads, seed: opts.seed, runs: opts.runs, counter: counter.buffer as SharedArrayBuffer });
  const finished = pool.map(
    (pw, w) =>
      new Promise<void>((resolve) => {
        let over = false;
        const end = (warning: string | null): void => {
          if (over) return;
          over = true;
          // The claim it was running, if any, is left to the calling thread's final sweep.
          if (warning !== null && !stopping) opts.onWarning?.(warning);
          void pw.worker.terminate();
          resolve();
        };
        const onMessage = (m: WorkerReply): void => {
          if (m.type === 'start') opts.onStart?.(order[m.slot]);
          else if (m.type === 'result') record(m.slot, m.result); else if (m.type === 'done') end(null);
          else if (m.type === 'fatal') end(`a worker thread stopped: ${m.message}`);
        };
        pw.worker.removeAllListeners('message');
        pw.worker.on('message', onMessage);
        pw.worker.on('error', (e: Error) => end(`a worker thread crashed: ${errorMessage(e)}`));
        pw.worker.on('exit', () => end(over ? null : 'a worker thread exited early'));
        for (const m of pw.early.splice(0)) onMessage(m);
        if (pw.failure !== null) end(`a worker thread crashed: ${pw.failure}`);
        else if (pw.exited) end('a worker thread exited early');
        else pw.worker.postMessage(jobOf(callerTakes ? w + 1 : w));
      }),
  );

  let stop: (() => void) | null = null;
  const aborted = new Promise<'aborted'>((resolve) => {
    stop = () => resolve('aborted');
    if (opts.signal?.aborted) resolve('aborted');
    opts.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  const interrupt = async (): Promise<never> => {
    stopping = true;
    await Promise.all(pool.map((pw) => pw.worker.terminate()));
    const { closeCasWorkers } = await import('../symbolic/cas/worker.js');
    await closeCasWorkers();
    throw new Interrupted('interrupted');
  };

  try {
    const preference = queuePreference(queues.length, 0, threads);
    while (callerTakes) {
      if (opts.signal?.aborted) return await interrupt();
      await tick();
      if (opts.signal?.aborted) return await interrupt();
      const unit = takeUnit(counter, queues, preference);
      if (unit < 0) break;
      for (let slot = bounds[unit]; slot < bounds[unit + 1]; slot++) {
        if (slot > bounds[unit]) await tick();
        if (opts.signal?.aborted) return await interrupt();
        opts.onStart?.(order[slot]);
        const outcome = await Promise.race([runClaim(claims[order[slot]], { seed: opts.seed, runs: opts.runs }), aborted]);
        if (outcome === 'aborted') return await interrupt();
        record(slot, portableResult(outcome));
      }
    }
    const all = await Promise.race([Promise.all(finished), aborted]);
    if (all === 'aborted') return await interrupt();
  } finally {
    (stop as (() => void) | null)?.();
  }
  // A slot taken by a worker that died before it said so: run it here.
  for (let slot = 0; slot < n; slot++) {
    if (results[order[slot]] !== undefined) continue;
    if (opts.signal?.aborted) return await interrupt();
    opts.onStart?.(order[slot]);
    record(slot, portableResult(await runClaim(claims[order[slot]], { seed: opts.seed, runs: opts.runs })));
  }
  return results as ClaimResult[];
}
