/**
 * `npm run bench -- check`: `qep check` as a user runs it, in fresh processes of
 * the compiled CLI (built first), on this machine:
 * - the whole check at default settings, cold (an empty cache folder, so every
 *   symbolic derivation and algebrite opinion is computed) and warm (the same
 *   folder again), against the targets of 12 s cold and 6 s warm;
 * - the property part (the property claims only) with `--jobs 1` and `--jobs 2`,
 *   at the default 100 runs and at 1000 runs: the time of the claims phase that
 *   the JSON report measures (startup excluded), and the ratio jobs 1 / jobs 2
 *   (target 1.7× on a 2-core machine).
 * Every figure is the median of 3 runs; the two sides of a ratio alternate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchModule, formatRatio, printTable } from './_internal/harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const QEP = join(ROOT, 'bin', 'qep.js');
const REPEATS = 3;
const PROPERTY_SECTIONS = ['davies', 'baths', 'thermal', 'trajectories'];

/** One run of the CLI: wall seconds, and the claims phase in seconds from the JSON summary. */
function qep(args: readonly string[], cacheHome: string): { wall: number; claims: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [QEP, 'check', '--format', 'json', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`qep check ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').slice(0, 400)}`);
  const report = JSON.parse(r.stdout) as { summary: { ms: number } };
  return { wall, claims: report.summary.ms / 1000 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function seconds(x: number): string {
  return `${x.toFixed(2)} s`;
}

async function run(): Promise<void> {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${availableParallelism()} cores (the machine may be shared)`);

  const cold: number[] = [];
  const warm: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const home = mkdtempSync(join(tmpdir(), 'qep-bench-check-'));
    try {
      cold.push(qep([], home).wall);
      warm.push(qep([], home).wall);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  printTable(`qep check at default settings (--jobs ${availableParallelism()}), wall time, median of ${REPEATS}`, ['cache', 'wall', 'target', 'met'], [
    ['cold (empty cache folder)', seconds(median(cold)), '≤ 12 s', median(cold) <= 12 ? 'yes' : 'NOT met'],
    ['warm', seconds(median(warm)), '≤ 6 s', median(warm) <= 6 ? 'yes' : 'NOT met'],
  ]);

  const rows: string[][] = [];
  const home = mkdtempSync(join(tmpdir(), 'qep-bench-check-'));
  try {
    for (const runs of [100, 1000]) {
      const one: number[] = [];
      const two: number[] = [];
      const args = (jobs: number): string[] => [...PROPERTY_SECTIONS.flatMap((s) => ['--claim', s]), '--runs', String(runs), '--jobs', String(jobs)];
      for (let k = 0; k < REPEATS; k++) {
        one.push(qep(args(1), home).claims);
        two.push(qep(args(2), home).claims);
      }
      const ratio = median(one) / median(two);
      rows.push([String(runs), seconds(median(one)), seconds(median(two)), formatRatio(ratio), ratio >= 1.7 ? 'met' : 'NOT met']);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  printTable(`property claims (${PROPERTY_SECTIONS.join(', ')}): claims phase, median of ${REPEATS}; target jobs 1 / jobs 2 ≥ 1.7×`, ['runs', '--jobs 1', '--jobs 2', 'ratio', 'target'], rows);
  console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

export const checkBench: BenchModule = { name: 'check', run };
