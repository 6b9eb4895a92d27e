import { describe, expect, it } from 'vitest';
import { ClaimWorkers, Interrupted, moduleUrl, portableResult, queuePreference, runClaimsParallel, schedulePlan, scheduleOrder, scheduleUnits, takeUnit } from '../../src/claims/parallel.js';
import { type ClaimResult, runClaim } from '../../src/claims/runner.js';
import { allClaims } from './_registry.js';

const REGISTRY = moduleUrl('./_registry.js', import.meta.url);
const OPTS = { seed: 7, runs: 40 };

/** A result without its wall-clock time. */
function untimed(r: ClaimResult): Omit<ClaimResult, 'ms'> {
  const { ms: _ms, ...rest } = r;
  return rest;
}

describe('scheduleOrder', () => {
  it('puts the claims with a symbolic check first, each group in registry order', () => {
    const order = scheduleOrder([{ method: 'property' }, { method: 'symbolic' }, { method: 'property' }, { method: 'both' }]);
    expect(order).toEqual([1, 3, 0, 2]);
  });
});

describe('scheduleUnits', () => {
  it('makes each group one unit, where its first claim is, in registry order; every other claim is a unit', () => {
    const units = scheduleUnits([
      { method: 'property' },
      { method: 'both', group: 'b' },
      { method: 'symbolic', group: 'a' },
      { method: 'symbolic' },
      { method: 'symbolic', group: 'b' },
      { method: 'property', group: 'a' },
    ]);
    expect(units).toEqual([[1, 4], [2, 5], [3], [0]]);
  });

  it('covers every claim exactly once', () => {
    const claims = Array.from({ length: 40 }, (_, i) => ({ method: i % 3 === 0 ? ('property' as const) : ('symbolic' as const), ...(i % 4 === 1 ? { group: `g${i % 8}` } : {}) }));
    expect(scheduleUnits(claims).flat().sort((a, b) => a - b)).toEqual(claims.map((_, i) => i));
  });
});

describe('schedulePlan, queuePreference and takeUnit', () => {
  const claims = [
    { id: 'a.one', method: 'property' as const },
    { id: 'symbolic.m.x', method: 'symbolic' as const, group: 'symbolic.m' },
    { id: 'b.one', method: 'property' as const },
    { id: 'a.two', method: 'property' as const },
    { id: 'symbolic.m.y', method: 'both' as const, group: 'symbolic.m' },
    { id: 'c.one', method: 'property' as const },
  ];

  it('puts the units with a symbolic check in queue 0 and the property claims in one queue per section', () => {
    const plan = schedulePlan(claims);
    expect(plan.order).toEqual([1, 4, 0, 2, 3, 5]);
    expect(plan.bounds).toEqual([0, 2, 3, 4, 5, 6]);
    expect(plan.queues).toEqual([[0], [1, 3], [2], [4]]);
  });

  it('starts every thread on the slow queue, then on sections as far apart as the threads allow', () => {
    expect(queuePreference(5, 0, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(queuePreference(5, 1, 2)).toEqual([0, 3, 4, 1, 2]);
    expect(queuePreference(4, 2, 3)).toEqual([0, 3, 1, 2]);
    expect(queuePreference(1, 0, 2)).toEqual([0]);
  });

  it('hands out every unit exactly once, whatever the threads prefer', () => {
    const plan = schedulePlan(claims);
    const counters = new Int32Array(plan.queues.length);
    const prefs = [queuePreference(plan.queues.length, 0, 2), queuePreference(plan.queues.length, 1, 2)];
    const taken: number[][] = [[], []];
    for (let turn = 0; ; turn++) {
      const u = takeUnit(counters, plan.queues, prefs[turn % 2]);
      if (u < 0) break;
      taken[turn % 2].push(u);
    }
    expect([...taken[0], ...taken[1]].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(taken[0][0]).toBe(0); // the slow unit goes first
    expect(taken[1]).toContain(2); // the second thread started on section b
    expect(takeUnit(counters, plan.queues, prefs[0])).toBe(-1);
  });
});

describe('moduleUrl', () => {
  it('keeps the extension of the module it is relative to', () => {
    expect(moduleUrl('../x/index.js', 'file:///r/src/a.ts')).toBe('file:///r/x/index.ts');
    expect(moduleUrl('../x/index.js', 'file:///r/dist/src/a.js')).toBe('file:///r/dist/x/index.js');
  });
});

describe('runClaimsParallel', () => {
  it('on one thread, gives what runClaim gives, in the order of the claims', async () => {
    const started: number[] = [];
    const results = await runClaimsParallel(allClaims, { ...OPTS, onStart: (i) => started.push(i) });
    const alone = await Promise.all(allClaims.map(async (c) => portableResult(await runClaim(c, OPTS))));
    expect(results.map(untimed)).toEqual(alone.map(untimed));
    const plan = schedulePlan(allClaims);
    expect(started).toEqual(plan.queues.flat().flatMap((u) => plan.order.slice(plan.bounds[u], plan.bounds[u + 1])));
    expect(results.find((r) => r.id === 'toy.vector')?.counterexample?.instance).toMatchObject({ bound: 'Infinity' });
  });

  it('gives the same results with worker threads (loaded from the registry module), whatever finishes first', async () => {
    const one = await runClaimsParallel(allClaims, OPTS);
    const workers = new ClaimWorkers(REGISTRY, 2);
    const seen: number[] = [];
    const warnings: string[] = [];
    // The calling thread only waits, so that the workers run every claim.
    const three = await runClaimsParallel(allClaims, { ...OPTS, workers, callerTakes: false, onResult: (i) => seen.push(i), onWarning: (w) => warnings.push(w) });
    await workers.close();
    expect(warnings).toEqual([]);
    expect(three.map(untimed)).toEqual(one.map(untimed));
    expect([...seen].sort((a, b) => a - b)).toEqual(allClaims.map((_, i) => i));
  });

  it('runs every claim on the calling thread when a worker cannot load the registry, and says so', async () => {
    const workers = new ClaimWorkers(moduleUrl('./_no-such-registry.js', import.meta.url), 1);
    const warnings: string[] = [];
    const results = await runClaimsParallel(allClaims, { ...OPTS, workers, callerTakes: false, onWarning: (w) => warnings.push(w) });
    expect(results.map((r) => r.id)).toEqual(allClaims.map((c) => c.id));
    expect(results.map((r) => r.verdict)).toEqual(['holds', 'proved', 'refuted', 'sampled', 'refuted', 'refuted']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^a worker thread stopped: cannot load the claims/);
  });

  it('stops with Interrupted when its signal aborts, and terminates the workers', async () => {
    const workers = new ClaimWorkers(REGISTRY, 1);
    const controller = new AbortController();
    const warnings: string[] = [];
    const run = runClaimsParallel(allClaims, { ...OPTS, workers, signal: controller.signal, onStart: () => controller.abort(), onWarning: (w) => warnings.push(w) });
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(workers.size).toBe(0);
    expect(warnings).toEqual([]);
  });
});
