/**
 * Runs algebrite and nerdamer in worker threads with a timeout, so that a
 * hung simplifier (algebrite can run for minutes on some inputs) can never hang qep
 * or vitest: on timeout the worker is terminated and the next call starts a
 * fresh one. A small pool of persistent workers per library (at most
 * SYMBOLIC_LIMITS.casWorkers and the number of cores), one job at a time per
 * worker; idle workers are unref'd so they never keep the process alive.
 *
 * Both libraries keep global state: every job starts with algebrite's
 * `clearall()` or nerdamer's `clear('all')` + `flush()`.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { SYMBOLIC_LIMITS } from '../../numeric/tolerance.js';

/** A CAS running in a worker. */
export type CasLibrary = 'algebrite' | 'nerdamer';

/** The outcome of a CAS job. `error` carries algebrite's `Stop: …` strings and thrown errors. */
export type CasResult =
  | { readonly kind: 'ok'; readonly output: string; readonly ms: number }
  | { readonly kind: 'error'; readonly message: string; readonly ms: number }
  | { readonly kind: 'timeout'; readonly ms: number };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const lib = require(workerData.path);
parentPort.on('message', (m) => {
  const t0 = Date.now();
  try {
    let out = '';
    if (workerData.lib === 'algebrite') {
      lib.clearall();
      for (const c of m.commands) out = String(lib.run(c));
    } else {
      lib.clear('all');
      lib.flush();
      for (const c of m.commands) out = lib(c).toString();
    }
    parentPort.postMessage({ id: m.id, ok: true, out, ms: Date.now() - t0 });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, out: String((e && e.message) || e), ms: Date.now() - t0 });
  }
});
`;

const require = createRequire(import.meta.url);
const PATHS: Record<CasLibrary, string> = {
  algebrite: 'algebrite',
  nerdamer: 'nerdamer/all.js',
};

interface Job {
  readonly id: number;
  readonly commands: readonly string[];
  readonly timeoutMs: number;
  readonly resolve: (r: CasResult) => void;
}

interface WorkerMessage {
  readonly id: number;
  readonly ok: boolean;
  readonly out: string;
  readonly ms: number;
}

class CasWorker {
  private worker: Worker | null = null;
  private queue: Job[] = [];
  private running: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = 0;
  private nextId = 1;

  constructor(private readonly lib: CasLibrary) {}

  /** Jobs running or waiting. */
  load(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  run(commands: readonly string[], timeoutMs: number): Promise<CasResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, commands, timeoutMs, resolve });
      this.pump();
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { lib: this.lib, path: require.resolve(PATHS[this.lib]) } });
    w.on('message', (m: WorkerMessage) => this.onMessage(m));
    w.on('error', (e: Error) => this.finish({ kind: 'error', message: e.message, ms: Date.now() - this.started }, true));
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
    });
    this.worker = w;
    return w;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    const w = this.ensureWorker();
    w.ref();
    this.started = Date.now();
    this.timer = setTimeout(() => this.finish({ kind: 'timeout', ms: Date.now() - this.started }, true), job.timeoutMs);
    w.postMessage({ id: job.id, commands: job.commands });
  }

  private onMessage(m: WorkerMessage): void {
    if (!this.running || m.id !== this.running.id) return;
    const out = m.out;
    if (!m.ok) this.finish({ kind: 'error', message: out, ms: m.ms }, false);
    else if (this.lib === 'algebrite' && /^\s*Stop:/.test(out)) this.finish({ kind: 'error', message: out.trim(), ms: m.ms }, false);
    else this.finish({ kind: 'ok', output: out, ms: m.ms }, false);
  }

  private finish(r: CasResult, kill: boolean): void {
    const job = this.running;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = null;
    if (kill && this.worker) {
      const w = this.worker;
      this.worker = null;
      void w.terminate();
    }
    if (this.worker && this.queue.length === 0) this.worker.unref();
    if (job) job.resolve(r);
    this.pump();
  }

  /** Terminate the worker (pending jobs get `error`). */
  async close(): Promise<void> {
    const pending = this.queue;
    this.queue = [];
    for (const j of pending) j.resolve({ kind: 'error', message: 'closed', ms: 0 });
    if (this.running) this.finish({ kind: 'error', message: 'closed', ms: Date.now() - this.started }, true);
    if (this.worker) {
      const w = this.worker;
      this.worker = null;
      await w.terminate();
    }
  }
}

const workers = new Map<CasLibrary, CasWorker[]>();

/** Workers per library: {@link SYMBOLIC_LIMITS}.casWorkers, at most the number of cores. */
export function casPoolSize(): number {
  return Math.max(1, Math.min(SYMBOLIC_LIMITS.casWorkers, availableParallelism()));
}

/**
 * Run commands in one of a library's workers (sequentially; the output of the
 * last one is returned), with a timeout after which that worker is terminated.
 * The job goes to an idle worker, a new one while the pool is not full, or
 * else the least loaded.
 */
export function runCas(lib: CasLibrary, commands: readonly string[], timeoutMs: number): Promise<CasResult> {
  let pool = workers.get(lib);
  if (!pool) {
    pool = [];
    workers.set(lib, pool);
  }
  let w = pool.find((x) => x.load() === 0);
  if (!w && pool.length < casPoolSize()) {
    w = new CasWorker(lib);
    pool.push(w);
  }
  w ??= pool.reduce((a, b) => (b.load() < a.load() ? b : a));
  return w.run(commands, timeoutMs);
}

/** Terminate every CAS worker (tests and the CLI call this when done; idle workers never block exit anyway). */
export async function closeCasWorkers(): Promise<void> {
  const all = [...workers.values()].flat();
  workers.clear();
  await Promise.all(all.map((w) => w.close()));
}
