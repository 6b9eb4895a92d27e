/**
 * Throughput of the property claims on the smallest instances, one thread: for every
 * property claim of properties/davies.ts (qubit generators, d = 2), properties/thermal.ts
 * and properties/trajectories.ts ((d_S, d_E) = (2, 2); the Davies-limit claims of the
 * thermal section draw Davies qubits already), instances per second
 * - through the runner (`runClaim`, as `qep check` runs a claim, fast-check included) on a
 *   copy of the claim whose arbitrary is fixed to 200 such instances drawn from the claim's
 *   own arbitrary (seeded), 1000 runs: the median of 3 runs;
 * - through the check alone (the function of the instance), the median of 5 passes.
 * Targets: 10,000 qubit-Davies instances/s per claim, 2,000 thermal (2, 2) instances/s.
 * A claim expected refuted stops at its first counterexample and shrinks it: its runner
 * rate is not a throughput, and is marked so.
 */
import fc from 'fast-check';
import { loadavg } from 'node:os';
import type { Claim } from '../src/claims/claim.js';
import { type BenchModule, printTable, timeMedian } from './_internal/harness.js';

const POOL = 200;
const RUNS = 1000;
const SEED = 20240521;

/** The dimensions of an instance of any property arbitrary of these sections ([] when unknown). */
function dimsOf(x: unknown): number[] {
  if (x === null || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  if (typeof o.dS === 'number' && typeof o.dE === 'number') return [o.dS, o.dE];
  if (typeof o.d === 'number') return [o.d];
  if ('omega' in o && 'rho0' in o) return [2];
  if ('base' in o) return dimsOf(o.base);
  if ('op' in o) return dimsOf(o.op);
  const input = o.input as Record<string, unknown> | undefined;
  if (input && typeof input === 'object' && 'rhoS' in input && 'U' in input) {
    const rhoS = input.rhoS as { rows: number };
    const U = input.U as { rows: number };
    return [rhoS.rows, U.rows / rhoS.rows];
  }
  return [];
}

const same = (a: number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const sameAny = (a: number[], bs: readonly (readonly number[])[]): boolean => bs.some((b) => same(a, b));

/** Up to POOL instances of the claim's arbitrary with the given dimensions (seeded). */
function pool(claim: Claim, dims: readonly (readonly number[])[]): unknown[] {
  const arb = claim.property?.arbitrary;
  if (!arb) return [];
  const out: unknown[] = [];
  for (let seed = SEED; out.length < POOL && seed < SEED + 20; seed++) {
    for (const x of fc.sample(arb, { seed, numRuns: 500 })) if (sameAny(dimsOf(x), dims) && out.length < POOL) out.push(x);
  }
  return out;
}

function rate(n: number): string {
  return n >= 1e4 ? `${(n / 1e3).toFixed(1)} k/s` : `${Math.round(n)} /s`;
}

async function section(title: string, claims: readonly Claim[], dims: readonly (readonly number[])[], target: number): Promise<void> {
  const { runClaim } = await import('../src/claims/runner.js');
  const rows: string[][] = [];
  let met = 0;
  let measured = 0;
  for (const claim of claims) {
    const property = claim.property;
    if (!property) continue;
    const instances = pool(claim, dims);
    if (instances.length === 0) {
      rows.push([claim.id, claim.expected, '0', '—', '—', 'no such instances']);
      continue;
    }
    const fixed: Claim = { ...claim, method: 'property', symbolic: undefined, property: { ...property, arbitrary: fc.constantFrom(...instances), examples: undefined } };
    const perRunner: number[] = [];
    let verdict = '';
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      const res = await runClaim(fixed, { seed: SEED + r, runs: RUNS });
      const dt = (performance.now() - t0) / 1000;
      perRunner.push((res.instances?.checked ?? 0) / dt);
      verdict = res.verdict;
    }
    perRunner.sort((a, b) => a - b);
    const runner = perRunner[1];
    let k = 0;
    const check = property.check;
    const context = { instances: instances.length };
    const t = timeMedian(() => check(instances[k++ % instances.length], context), { repeats: 5, minSampleMs: 20 });
    const direct = 1 / t.median;
    const throughput = verdict === 'holds';
    if (throughput) {
      measured++;
      if (runner >= target) met++;
    }
    rows.push([
      claim.id,
      verdict,
      String(instances.length),
      throughput ? rate(runner) : `(${rate(runner)})`,
      rate(direct),
      throughput ? (runner >= target ? 'met' : 'NOT met') : 'stops at a counterexample',
    ]);
  }
  printTable(`${title}: instances/s (runner: median of 3 runs of ${RUNS}; check alone: median of 5 passes); target ${rate(target)} per claim`, ['claim', 'verdict', 'pool', 'runner', 'check alone', 'target'], rows);
  console.log(`${met} of ${measured} claims that hold meet ${rate(target)} through the runner`);
}

async function run(): Promise<void> {
  console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (shared machine, one thread)`);
  const { daviesClaims } = await import('../properties/davies.js');
  await section('properties/davies.ts on qubit generators (d = 2)', daviesClaims, [[2]], 10_000);
  const { thermalClaims } = await import('../properties/thermal.js');
  await section('properties/thermal.ts on (d_S, d_E) = (2, 2) (Davies-limit claims: Davies qubits)', thermalClaims, [[2, 2], [2]], 2_000);
  const { trajectoryClaims } = await import('../properties/trajectories.js');
  await section('properties/trajectories.ts on (d_S, d_E) = (2, 2)', trajectoryClaims, [[2, 2]], 2_000);
  console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

/** The claims-throughput module (register in bench/run.ts). */
export const throughputBench: BenchModule = { name: 'throughput', run };
