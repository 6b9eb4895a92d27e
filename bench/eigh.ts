/**
 * Hermitian eigensolver benchmark: median time per call of `eigh` for complex
 * Hermitian n × n matrices, beside mathjs `eigs` (n ≤ 16) and numpy/LAPACK
 * (`bench/eigh_numpy.py` under /usr/bin/python3, skipped when absent), with
 * the ratios it aims at and the accuracy reached.
 *
 * numpy runs single-threaded (OPENBLAS_NUM_THREADS=1, as qep is) and the
 * script reports which BLAS/LAPACK and OpenBLAS kernel it used. Both sides are
 * timed the same way, in wall-clock and in process CPU time (the latter hardly
 * moves with the machine's load; for qep it also counts V8's background GC
 * and compiler threads, which can only raise qep's side).
 *
 * Targets: ≥ 1000× faster than mathjs at n = 16; qep/numpy ≤ 1.0 for
 * n ≤ 16 and ≤ 2.0 at n = 64 (ratios of medians over alternating rounds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CMatrix, adjoint, hermitianPart, identity, mul, normFro, sub, zeros } from '../src/numeric/linalg/cmatrix.js';
import { eigh } from '../src/numeric/linalg/eigh.js';
import { mulberry32 } from '../src/numeric/random/mulberry32.js';
import { type BenchModule, formatRatio, formatSeconds, printTable, timeMedian } from './_internal/harness.js';

const SIZES = [2, 4, 8, 16, 32, 64, 128];
const MATHJS_MAX = 16;
/** The Python that runs the numpy reference; BENCH_PYTHON overrides it (e.g. to check the skip path). */
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const NUMPY_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'eigh_numpy.py');
/** Set on some processors to keep old OpenBLAS builds correct; they slow a current numpy. */
const OPENBLAS_VARS = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];

/** A seeded complex Hermitian matrix (a + a†)/2 with standard normal a, as the numpy script uses. */
function benchMatrix(n: number): CMatrix {
  const u = mulberry32(0x9e3779b9 ^ n);
  const g = (): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const a = zeros(n, n);
  for (let k = 0; k < n * n; k++) {
    a.re[k] = g();
    a.im[k] = g();
  }
  return hermitianPart(a);
}

/** ‖AV − VΛ‖_F / (n‖A‖_F) and ‖V†V − I‖_F / n: the quantities bounded by 1e-13. */
function accuracy(A: CMatrix): { residual: number; orthonormality: number } {
  const n = A.rows;
  const { values, vectors: V } = eigh(A);
  const L = zeros(n, n);
  for (let i = 0; i < n; i++) L.re[i * n + i] = values[i];
  return {
    residual: normFro(sub(mul(A, V), mul(V, L))) / (n * normFro(A)),
    orthonormality: normFro(sub(mul(adjoint(V), V), identity(n))) / n,
  };
}

/** Median wall-clock and median process CPU time per call, in s, over the same samples. */
interface Clocks {
  wall: number;
  cpu: number;
}

interface NumpyResult {
  times: Record<string, Clocks>;
  blas: string;
  env: string;
}

/** Run the numpy reference in a child process, with the OpenBLAS overrides removed there only. */
function runNumpy(sizes: number[]): NumpyResult | string {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  const removed = OPENBLAS_VARS.filter((v) => v in env).map((v) => `${v}=${env[v]}`);
  for (const v of OPENBLAS_VARS) delete env[v];
  env.OPENBLAS_NUM_THREADS = '1';
  const child = spawnSync(PYTHON, [NUMPY_SCRIPT, '--both', ...sizes.map(String)], { env, encoding: 'utf8', timeout: 300_000 });
  if (child.status !== 0) {
    const why = (child.stderr || child.error?.message || `exit ${child.status}`).trim().split('\n').pop();
    return `numpy run failed: ${why}`;
  }
  try {
    return {
      times: JSON.parse(child.stdout) as Record<string, Clocks>,
      blas: child.stderr.trim().split('\n').pop() ?? '',
      env: removed.length ? `unset in the numpy process only: ${removed.join(', ')}` : 'OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE were not set',
    };
  } catch {
    return `numpy output unreadable: ${child.stdout.slice(0, 200)}`;
  }
}

/** mathjs `eigs` timings; mathjs is imported here, after qep's timings (see bench/run.ts on tsx and ArrayBuffers). */
async function timeMathjs(matrices: Map<number, CMatrix>): Promise<Map<number, number>> {
  const { complex, eigs } = await import('mathjs');
  const out = new Map<number, number>();
  for (const n of SIZES.filter((m) => m <= MATHJS_MAX)) {
    const A = matrices.get(n)!;
    const M = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => complex(A.re[i * n + j], A.im[i * n + j])));
    out.set(n, timeMedian(() => eigs(M), { repeats: n >= 16 ? 3 : 5, minSampleMs: 20, warmup: 1 }).median);
  }
  return out;
}

/** Rounds of (qep, numpy) measured alternately; per-size medians over rounds are reported. */
const ROUNDS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Time `fn` as the numpy script times numpy: `repeats` samples of `calls` calls, each
 * sample's wall-clock and process CPU time per call, the median of each.
 */
function timeClocks(fn: () => unknown, calls: number, warmup: number, repeats = 7): Clocks {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) sink = fn();
    wall.push((performance.now() - t0) / 1000 / calls);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6 / calls);
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return { wall: median(wall), cpu: median(cpu) };
}

export const eighBench: BenchModule = {
  name: 'eigh',
  async run(): Promise<void> {
    const ourRounds = new Map<number, Clocks[]>(SIZES.map((n) => [n, []]));
    const npRounds = new Map<number, Clocks[]>(SIZES.map((n) => [n, []]));
    const acc = new Map<number, { residual: number; orthonormality: number }>();
    const matrices = new Map(SIZES.map((n) => [n, benchMatrix(n)]));
    for (const n of SIZES) acc.set(n, accuracy(matrices.get(n)!));
    // The machine may be shared: alternate qep and numpy size by size, so both see the same load,
    // and time qep as the numpy script times numpy: 7 samples of max(1, ⌊20000/n²⌋) calls, median.
    let numpy: NumpyResult | string = 'not run';
    for (let r = 0; r < ROUNDS; r++) {
      for (const n of SIZES) {
        const A = matrices.get(n)!;
        const calls = Math.max(1, Math.floor(20000 / (n * n)));
        ourRounds.get(n)!.push(timeClocks(() => eigh(A), calls, r === 0 ? 20 : 1));
        if (typeof numpy !== 'string' || (r === 0 && n === SIZES[0])) {
          numpy = runNumpy([n]);
          if (typeof numpy !== 'string') npRounds.get(n)!.push(numpy.times[String(n)]);
        }
      }
    }
    // mathjs last: importing it (under tsx) and its garbage would slow the timings after it.
    const theirs = await timeMathjs(matrices);
    const pick = (rounds: Map<number, Clocks[]>, n: number, clock: keyof Clocks): number => median(rounds.get(n)!.map((c) => c[clock]));
    const ours = new Map(SIZES.map((n) => [n, pick(ourRounds, n, 'wall')]));
    const np = typeof numpy === 'string' ? undefined : Object.fromEntries(SIZES.map((n) => [String(n), pick(npRounds, n, 'wall')]));
    // The ratio of CPU times: other processes on the machine change it far less than wall-clock time.
    const cpuRatio = (n: number): number => pick(ourRounds, n, 'cpu') / pick(npRounds, n, 'cpu');

    const load = loadavg().map((x) => x.toFixed(1)).join(', ');
    printTable(
      `eigh: time per call, complex Hermitian n × n (qep and numpy each: median of 7 samples of ⌊20000/n²⌋ calls, then median over ${ROUNDS} rounds alternating qep and numpy size by size; wall-clock and process CPU time; qep/numpy < 1 means qep is faster)`,
      ['n', 'qep eigh', 'mathjs eigs', 'numpy eigh', 'mathjs/qep', 'qep/numpy wall', 'qep/numpy CPU', 'resid/(n‖A‖)', '‖V†V−I‖/n'],
      SIZES.map((n) => [
        String(n),
        formatSeconds(ours.get(n)),
        formatSeconds(theirs.get(n)),
        formatSeconds(np?.[String(n)]),
        formatRatio(theirs.has(n) ? theirs.get(n)! / ours.get(n)! : undefined),
        np ? (ours.get(n)! / np[String(n)]).toFixed(2) : '—',
        np ? cpuRatio(n).toFixed(2) : '—',
        acc.get(n)!.residual.toExponential(1),
        acc.get(n)!.orthonormality.toExponential(1),
      ]),
    );
    if (typeof numpy === 'string') console.log(`numpy: skipped (${numpy}; apt-get install -y python3-numpy to compare)`);
    else console.log(`numpy: ${numpy.blas}; OPENBLAS_NUM_THREADS=1; ${numpy.env}`);
    console.log(`load average (1, 5, 15 min) at the end: ${load} on ${availableParallelism()} cores (a shared machine slows both sides alike; ratios are what to read)`);

    const verdict = (ok: boolean | undefined): string => (ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met');
    const r16 = theirs.get(16)! / ours.get(16)!;
    console.log(`target ≥1000× faster than mathjs at n=16: ${formatRatio(r16)} — ${verdict(r16 >= 1000)}`);
    if (np) {
      const small = SIZES.filter((n) => n <= 16);
      const worst = Math.max(...small.map((n) => ours.get(n)! / np[String(n)]));
      const worstCpu = Math.max(...small.map(cpuRatio));
      console.log(`target qep/numpy ≤ 1.0 for n ≤ 16: worst ${worst.toFixed(2)} wall, ${worstCpu.toFixed(2)} CPU — ${verdict(worst <= 1)} (wall), ${verdict(worstCpu <= 1)} (CPU)`);
      const r64 = ours.get(64)! / np['64'];
      console.log(`target qep/numpy ≤ 2.0 at n = 64: ${r64.toFixed(2)} wall, ${cpuRatio(64).toFixed(2)} CPU — ${verdict(r64 <= 2)} (wall), ${verdict(cpuRatio(64) <= 2)} (CPU)`);
    }
  },
};
