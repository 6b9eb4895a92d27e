import { parentPort, workerData } from 'node:worker_threads';
import { configureSymbolicCache } from '../symbolic/cache.js';
import type { Claim } from './claim.js';
import { portableResult, queuePreference, takeUnit, type WorkerJob, type WorkerReply } from './parallel.js';
import { errorMessage, runClaim } from './runner.js';

/**
 * The entry of a claim worker thread (see parallel.ts): load the registry
 * module named in `workerData.registry` (with the symbolic cache off when
 * `workerData.symbolicCache` is false), say `ready`, then for a `run` job take
 * units of the schedule from the shared queues, in this thread's order of
 * preference, until none is left, running every claim of a unit in turn and
 * posting `start` and `result` for each, and `done` at the end. A registry
 * that cannot be loaded is reported as `fatal`.
 */

const port = parentPort;
if (port === null) throw new Error('claimWorker must run in a worker thread');
const post = (m: WorkerReply): void => port.postMessage(m);

async function loadRegistry(url: string): Promise<Map<string, Claim<unknown>>> {
  const mod = (await import(url)) as { allClaims?: unknown };
  if (!Array.isArray(mod.allClaims)) throw new Error(`registry ${url} does not export allClaims`);
  return new Map((mod.allClaims as Claim<unknown>[]).map((c) => [c.id, c]));
}

async function run(registry: Map<string, Claim<unknown>>, job: WorkerJob): Promise<void> {
  const counter = new Int32Array(job.counter);
  const preference = queuePreference(job.queues.length, job.thread, job.threads);
  for (;;) {
    const unit = takeUnit(counter, job.queues, preference);
    if (unit < 0) break;
    for (let slot = job.bounds[unit]; slot < job.bounds[unit + 1]; slot++) {
      post({ type: 'start', slot });
      const claim = registry.get(job.ids[slot]);
      if (claim === undefined) {
        post({ type: 'fatal', message: `claim ${job.ids[slot]} is not in the worker's registry` });
        return;
      }
      post({ type: 'result', slot, result: portableResult(await runClaim(claim, { seed: job.seed, runs: job.runs })) });
    }
  }
  post({ type: 'done' });
}

const data = workerData as { registry: unknown; symbolicCache?: unknown };
// Settings are per thread: the worker follows the calling thread's --no-cache.
if (data.symbolicCache === false) configureSymbolicCache({ enabled: false });
const loading = loadRegistry(String(data.registry)).then(
  (registry) => {
    post({ type: 'ready' });
    return registry;
  },
  (e: unknown) => {
    post({ type: 'fatal', message: `cannot load the claims: ${errorMessage(e)}` });
    return null;
  },
);

port.on('message', (job: WorkerJob) => {
  void loading.then(async (registry) => {
    if (registry === null) return;
    try {
      await run(registry, job);
    } catch (e) {
      post({ type: 'fatal', message: errorMessage(e) });
    }
  });
});
