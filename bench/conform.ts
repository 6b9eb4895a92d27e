/**
 * `qep conform` benchmark.
 *
 * 1. Protocol throughput: `qep conform` against the Node engine
 *    (adapters/node/engine.mjs, qep's own evaluateScenario behind the line
 *    protocol) on Davies scenarios with d ≤ 4 and 5 times: scenarios checked per
 *    second (every agreement row and every consistency claim), median of 3 runs
 *    of 400 scenarios, the engine warm (started before the clock). Beside it, qep
 *    alone (generate + evaluate, no engine, no checks): what the protocol and the
 *    checks add.
 * 2. The QuTiP adapter (adapters/qutip/engine.py, /usr/bin/python3, one BLAS
 *    thread) against qep's own engine on the same scenarios: time per scenario
 *    as the engine answers it (after its start-up), at tight and at QuTiP's
 *    default mesolve tolerances. Skipped when QuTiP is not installed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EngineProcess, paramsArbitrary, runConform, scenarioFor } from '../src/conform/index.js';
import { evaluateScenario } from '../src/numeric/scenario/index.js';
import { type BenchModule, formatRatio, formatSeconds, printTable } from './_internal/harness.js';

const ROOT = join(import.meta.dirname, '..');
const NODE_ENGINE = `node ${join(ROOT, 'adapters', 'node', 'engine.mjs')}`;
const PYTHON = process.env.QEP_PYTHON ?? '/usr/bin/python3';
const QUTIP_ENGINE = join(ROOT, 'adapters', 'qutip', 'engine.py');
const SPACE = { dim: [2, 4] as const, times: [5, 5] as const };
const TIMEOUT_MS = 120_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function protocolThroughput(): Promise<void> {
  const runs = 400;
  const rates: number[] = [];
  const fc = await import('fast-check');
  const params = fc.default.sample(paramsArbitrary('davies', SPACE), { seed: 1, numRuns: runs });
  for (let repeat = 0; repeat < 3; repeat++) {
    const engine = new EngineProcess({ command: NODE_ENGINE, timeoutMs: TIMEOUT_MS });
    await engine.probe(JSON.stringify(scenarioFor(params[0])));
    const report = await runConform(engine, { command: NODE_ENGINE, models: ['davies'], runs, seed: 100 + repeat, space: SPACE });
    await engine.close();
    if (!report.ok) throw new Error('the Node engine did not conform');
    rates.push(report.scenarios / (report.ms / 1000));
  }
  const t0 = performance.now();
  for (const p of params) evaluateScenario(scenarioFor(p));
  const alone = runs / ((performance.now() - t0) / 1000);
  printTable(
    'qep conform with the Node engine: Davies, d = 2-4, 5 times (machine shared: compare ratios)',
    ['scenarios/s (median of 3)', 'runs', 'qep alone: generate + evaluate /s', 'conform / alone'],
    [[median(rates).toFixed(0), String(runs), alone.toFixed(0), formatRatio(median(rates) / alone)]],
  );
}

function qutipAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import qutip'], { stdio: 'ignore' }).status === 0;
}

async function perScenario(command: string, lines: readonly string[]): Promise<number[]> {
  const engine = new EngineProcess({ command, timeoutMs: TIMEOUT_MS, env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
  await engine.probe(lines[0]);
  const times: number[] = [];
  for (const line of lines) {
    const a = await engine.request(line);
    if (a.kind !== 'result') throw new Error(`the QuTiP engine answered ${a.kind}`);
    times.push(a.ms / 1000);
  }
  await engine.close();
  return times;
}

async function qutipVersusQep(): Promise<void> {
  if (!qutipAvailable()) {
    console.log(`\nQuTiP adapter: skipped (${PYTHON} cannot import qutip; set QEP_PYTHON)`);
    return;
  }
  const fc = await import('fast-check');
  const rows: string[][] = [];
  for (const model of ['davies', 'thermal-operation'] as const) {
    const params = fc.default.sample(paramsArbitrary(model, SPACE), { seed: 2, numRuns: model === 'davies' ? 20 : 10 });
    const scenarios = params.map(scenarioFor);
    const lines = scenarios.map((s) => JSON.stringify(s));
    const own = scenarios.map((s) => {
      evaluateScenario(s);
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) evaluateScenario(s);
      return (performance.now() - t0) / 5000;
    });
    for (const [label, flag] of [['tight (atol 1e-14, rtol 1e-12)', ''], ['QuTiP defaults', ' --qutip-defaults']] as const) {
      if (model === 'thermal-operation' && flag !== '') continue; // no ODE: the tolerances do not enter
      const q = await perScenario(`${PYTHON} ${QUTIP_ENGINE}${flag}`, lines);
      rows.push([model, model === 'davies' ? label : '-', String(scenarios.length), formatSeconds(median(q)), formatSeconds(median(own)), formatRatio(median(q) / median(own))]);
    }
  }
  printTable('QuTiP adapter vs qep\'s own engine, same scenarios (d ≤ 4, 5 times; median time per scenario)', ['model', 'mesolve tolerances', 'scenarios', 'QuTiP adapter', 'qep', 'QuTiP / qep'], rows);
}

async function run(): Promise<void> {
  await protocolThroughput();
  await qutipVersusQep();
}

/** The conform benchmark module (registered in bench/run.ts). */
export const conformBench: BenchModule = { name: 'conform', run };
