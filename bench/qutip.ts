/**
 * qep against the QuTiP reference, in one run on the same scenario files:
 * `evaluateScenario` (every output key, trajectories included) timed here, and
 * bench/qutip_eval_time.py (QuTiP 4.7 + numpy through bench/qutip_reference.py,
 * the independent harness of the test fixtures) run with /usr/bin/python3 and
 * OPENBLAS_NUM_THREADS=1. Rounds alternate (qep, then QuTiP) so that a change of
 * machine load hits both; qep is the median over every sample of every round,
 * QuTiP the minimum over its 5 repeats per round and over the rounds (the script's
 * own statistic: its `mesolve` is erratic on repeated calls). Ratio = QuTiP / qep.
 *
 * Scenarios: thermal operations at (d_S, d_E) = (2, 2), (3, 4) from the fixtures and
 * (4, 8) generated with a fixed seed; Davies at d = 3 and 4 from the fixtures.
 * Targets: thermal ≥ 20× at (3, 4), ≥ 15× at (4, 8); Davies ≥ 60× at d = 3 and 4.
 * Without QuTiP the module says so and prints qep's times only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/numeric/random/index.js';
import { generateScenario } from '../src/numeric/scenario/generate.js';
import { evaluateScenario } from '../src/numeric/scenario/index.js';
import { type BenchModule, formatRatio, formatSeconds, printTable, timeMedian } from './_internal/harness.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, '..', 'test', 'fixtures', 'qutip', 'scenarios');
const PYTHON = '/usr/bin/python3';
const ROUNDS = 3;

/** A scenario of the comparison: a label, its file, and the speed-up asked for (if any). */
interface Case {
  readonly label: string;
  readonly file: string;
  readonly target?: number;
}

function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** A (4, 8) thermal operation (Haar U in the degenerate blocks, mixed ρ_S), written to `dir`. */
function generated48(dir: string): string {
  const s = generateScenario('thermal-operation', createRng(48), { dimS: [4, 4], dimE: [8, 8], unitary: 'U', state: 'mixed' });
  const file = join(dir, 'thermal_dS4_dE8_haar_mixed.json');
  writeFileSync(file, JSON.stringify(s));
  return file;
}

/** Whether /usr/bin/python3 can import qutip, numpy and scipy (a reason when not). */
function qutipMissing(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import qutip, numpy, scipy'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} not runnable (${r.error.message})`;
  if (r.status !== 0) return `python3-qutip (or numpy/scipy) missing: ${(r.stderr.trim().split('\n').pop() ?? '').slice(0, 120)}`;
  return null;
}

/** Minimum seconds per file name from one run of the baseline script. */
function qutipTimes(files: readonly string[]): Record<string, number> {
  const r = spawnSync(PYTHON, [join(HERE, 'qutip_eval_time.py'), ...files], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`qutip_eval_time.py failed: ${r.stderr.trim().split('\n').pop() ?? ''}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

function loads(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qep-bench-'));
  try {
    const cases: Case[] = [
      { label: 'thermal (2, 2)', file: fixture('thermal_00_dS2_dE2_haar_mixed.json') },
      { label: 'thermal (3, 4)', file: fixture('thermal_09_dS3_dE4_haar_mixed.json'), target: 20 },
      { label: 'thermal (4, 8)', file: generated48(dir), target: 15 },
      { label: 'Davies d = 3', file: fixture('davies_01_d3_energies_gamma_pure.json'), target: 60 },
      { label: 'Davies d = 3', file: fixture('davies_04_d3_energies_rates_nearly_pure.json'), target: 60 },
      { label: 'Davies d = 4', file: fixture('davies_02_d4_energies_rates_deph_mixed.json'), target: 60 },
      { label: 'Davies d = 4', file: fixture('davies_05_d4_energies_gamma_pure.json'), target: 60 },
    ];
    const inputs = cases.map((c) => JSON.parse(readFileSync(c.file, 'utf8')) as unknown);
    const missing = qutipMissing();
    console.log(`load average at start: ${loads()} (the machine is shared; ratios are taken in one run)`);
    if (missing) console.log(`QuTiP baseline skipped: ${missing}. Only qep's times are printed, no ratio.`);

    for (let k = 0; k < 20; k++) inputs.forEach((x) => evaluateScenario(x));
    const ours: number[][] = cases.map(() => []);
    const theirs: number[] = cases.map(() => Infinity);
    for (let round = 0; round < ROUNDS; round++) {
      inputs.forEach((x, i) => {
        const t = timeMedian(() => evaluateScenario(x), { repeats: 7, minSampleMs: 20 });
        ours[i].push(...t.samples);
      });
      if (missing) continue;
      const q = qutipTimes(cases.map((c) => c.file));
      cases.forEach((c, i) => (theirs[i] = Math.min(theirs[i], q[basename(c.file)] ?? Infinity)));
    }

    const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
    const rows = cases.map((c, i) => {
      const us = median(ours[i]);
      const ratio = missing ? undefined : theirs[i] / us;
      const verdict = c.target === undefined || ratio === undefined ? '' : ratio >= c.target ? `≥ ${c.target}× met` : `< ${c.target}× NOT met`;
      return [c.label, basename(c.file).replace(/\.json$/, ''), formatSeconds(us), missing ? '—' : formatSeconds(theirs[i]), formatRatio(ratio), verdict];
    });
    printTable(
      `evaluateScenario vs QuTiP (qep: median of ${ROUNDS}×7 samples; QuTiP: minimum of ${ROUNDS}×5 runs; ratio QuTiP/qep)`,
      ['model', 'scenario', 'qep (median)', 'QuTiP (min)', 'QuTiP/qep', 'target'],
      rows,
    );
    console.log(`load average at end: ${loads()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The QuTiP comparison module (register in bench/run.ts). */
export const qutipBench: BenchModule = { name: 'qutip', run };
