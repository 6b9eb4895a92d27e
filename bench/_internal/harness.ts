/**
 * The benchmark harness: a module interface, median-of-repeats timing, and a
 * plain-text table printer. `npm run bench` (bench/run.ts) runs every
 * registered {@link BenchModule} in turn; `npm run bench -- NAME...` runs
 * only the named ones. Also the pieces the modules share: seeded thermal-operation
 * instances and the claims-per-second table.
 */
import type { Claim } from '../../src/claims/claim.js';
import type { CMatrix } from '../../src/numeric/linalg/cmatrix.js';
import {
  createRng,
  randomEnergyConservingUnitary,
  hilbertSchmidtState,
  randomHamiltonian,
  randomResonantEnvironment,
} from '../../src/numeric/random/index.js';

/** One benchmark: a name to select it by and an async body that prints its own tables. */
export interface BenchModule {
  /** Short selector, e.g. 'eigh'. */
  readonly name: string;
  /** Run the benchmark and print results (may spawn child processes). */
  run(): Promise<void>;
}

/** Options of {@link timeMedian}. */
export interface TimingOptions {
  /** Number of timed samples; the median is reported (default 7). */
  readonly repeats?: number;
  /** Each sample repeats the call until it lasts at least this long, in ms (default 25). */
  readonly minSampleMs?: number;
  /** Untimed calls before calibration, to let the JIT settle (default 3). */
  readonly warmup?: number;
  /** Upper bound on calls per sample (default 1e6). */
  readonly maxCalls?: number;
}

/** Result of {@link timeMedian}; times are seconds per call. */
export interface Timing {
  /** Median over samples of the per-call time. */
  readonly median: number;
  /** Fastest sample's per-call time. */
  readonly min: number;
  /** Calls per sample. */
  readonly calls: number;
  /** Number of samples. */
  readonly repeats: number;
}

/**
 * Median per-call time of `fn`: warm up, pick a call count so that one sample
 * lasts at least `minSampleMs`, then time `repeats` samples.
 */
export function timeMedian(fn: () => unknown, options: TimingOptions = {}): Timing {
  const repeats = options.repeats ?? 7;
  const minSample = options.minSampleMs ?? 25;
  const maxCalls = options.maxCalls ?? 1e6;
  let sink: unknown;
  for (let i = 0; i < (options.warmup ?? 3); i++) sink = fn();
  // Calibrate: double the call count until one batch lasts long enough.
  let calls = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) sink = fn();
    const dt = performance.now() - t0;
    if (dt >= minSample || calls >= maxCalls) break;
    calls = Math.min(maxCalls, dt > 0 ? Math.max(calls * 2, Math.ceil((calls * minSample) / dt)) : calls * 10);
  }
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) sink = fn();
    samples.push((performance.now() - t0) / 1000 / calls);
  }
  keep(sink);
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], min: samples[0], calls, repeats };
}

let kept: unknown;
/** Keep a value alive so the optimiser cannot drop the timed call. */
function keep(x: unknown): void {
  kept = x;
  if (kept === Symbol.for('never')) console.log(kept);
}

/** A duration in s as '12.3 µs', '4.56 ms' or '1.23 s'; '—' for undefined. */
export function formatSeconds(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '—';
  if (s < 1e-3) return `${(s * 1e6).toPrecision(3)} µs`;
  if (s < 1) return `${(s * 1e3).toPrecision(3)} ms`;
  return `${s.toPrecision(3)} s`;
}

/** A ratio as '×12.3'; '—' for undefined. */
export function formatRatio(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  return `×${x >= 100 ? Math.round(x).toString() : x.toPrecision(3)}`;
}

/** Print a right-aligned table with a title line. */
export function printTable(title: string, headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((x, c) => (x ?? '').padStart(widths[c])).join('  ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** A thermal operation's inputs (the fields of a TrajectoryInput). */
export interface ThermalBenchInstance {
  readonly HS: CMatrix;
  readonly HE: CMatrix;
  readonly U: CMatrix;
  readonly rhoS: CMatrix;
  readonly beta: number;
}

/**
 * A seeded thermal-operation instance: a rotated random H_S (d_S levels), a
 * resonant H_E (d_E levels), a Haar energy-conserving U and a Hilbert–Schmidt
 * ρ_S, drawn in that order from createRng(seed).
 */
export function thermalInstance(seed: number, dS: number, dE: number, beta: number): ThermalBenchInstance {
  const rng = createRng(seed);
  const hs = randomHamiltonian(rng, dS, { basis: 'random' });
  const he = randomResonantEnvironment(rng, hs.energies, dE);
  const U = randomEnergyConservingUnitary(rng, hs.matrix, he.matrix);
  return { HS: hs.matrix, HE: he.matrix, U, rhoS: hilbertSchmidtState(rng, dS), beta };
}

/**
 * Run a section's claims as `qep check` does (default seed and runs), print a
 * table of claim, verdict, instances and wall time, then claims/s and instances/s.
 * @param source the module the claims come from, for the title (e.g. 'properties/davies.ts')
 */
export async function benchClaims(source: string, claims: readonly Claim[]): Promise<void> {
  // Imported here, not at the top: every module loads this file, and bench/run.ts keeps one module's imports from another's timings.
  const { DEFAULT_RUNS, DEFAULT_SEED, runClaim } = await import('../../src/claims/runner.js');
  const rows: string[][] = [];
  const t0 = performance.now();
  let instances = 0;
  for (const claim of claims) {
    const t = performance.now();
    const r = await runClaim(claim, { seed: DEFAULT_SEED, runs: DEFAULT_RUNS });
    const n = r.instances?.checked ?? 0;
    instances += n;
    rows.push([claim.id, r.verdict, String(n), formatSeconds((performance.now() - t) / 1000)]);
  }
  const total = (performance.now() - t0) / 1000;
  printTable(`claims of ${source} (seed ${DEFAULT_SEED}, ${DEFAULT_RUNS} runs)`, ['claim', 'verdict', 'instances', 'time'], rows);
  console.log(
    `${claims.length} claims in ${formatSeconds(total)}: ${(claims.length / total).toPrecision(3)} claims/s, ` +
      `${Math.round(instances / total)} instances/s (including shrinking of the refuted ones)`,
  );
}
