import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ConformModel, ConformReport, RowResult } from '../../src/conform/index.js';
import { DEFAULT_SHRINK_TIMEOUT_CAP, knownKeys, paramsArbitrary, scenarioFor } from '../../src/conform/index.js';
import { evaluateScenario } from '../../src/numeric/scenario/index.js';
import { ROOT, conformJson, marker, mjsEngine, processesWith, qep, tsEngine } from './_helpers.js';

const OUT = mkdtempSync(join(tmpdir(), 'qep-conform-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

const row = (report: ConformReport, id: string): RowResult => {
  const r = report.rows.find((x) => x.id === id);
  if (r === undefined) throw new Error(`no row ${id} in ${report.rows.map((x) => x.id).join(', ')}`);
  return r;
};
const failing = (report: ConformReport): string[] => report.rows.filter((r) => r.verdict === 'fails').map((r) => r.id);
const dimOf = (r: RowResult): number => {
  const p = r.failure?.params;
  if (p === undefined) throw new Error(`${r.id} has no failure`);
  return p.model === 'davies' ? p.dim : p.dimS;
};

describe('qep conform on engines', () => {
  it('a correct Node engine (adapters/node/engine.mjs) conforms: exit 0, every row holds or is not applicable', async () => {
    const { code, report } = await conformJson(['--engine', `node ${join(ROOT, 'adapters', 'node', 'engine.mjs')}`, '--runs', '25', '--out', join(OUT, 'ok')]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.answered).toBe(50);
    expect(failing(report)).toEqual([]);
    // every key qep's own engine writes comes back, and agrees exactly (the same engine)
    const own = (model: ConformModel) => fc.sample(paramsArbitrary(model), { seed: 1, numRuns: 20 }).flatMap((p) => Object.keys(evaluateScenario(scenarioFor(p))));
    expect(report.keysNotReturned).toEqual({ davies: knownKeys('davies').filter((k) => !own('davies').includes(k)), 'thermal-operation': knownKeys('thermal-operation').filter((k) => !own('thermal-operation').includes(k)) });
    expect(row(report, 'agree.davies.Pi').verdict).toBe('holds');
    expect(row(report, 'conform.thermal.xi-local-nonlocal').verdict).toBe('holds');
  });

  it('a wrong sign in Υ: exit 1, Eqs. 14, 12 and B6 named, shrunk to d = 2', async () => {
    const out = join(OUT, 'sign');
    const { code, report } = await conformJson(['--engine', tsEngine('wrong-upsilon-sign.ts'), '--model', 'davies', '--runs', '30', '--out', out]);
    expect(code).toBe(1);
    expect(failing(report).sort()).toEqual(['agree.davies.Upsilon', 'conform.baths.coherence-split', 'conform.davies.pi-split', 'conform.davies.upsilon-nonnegative']);
    for (const id of failing(report)) expect(dimOf(row(report, id))).toBe(2);
    const f = row(report, 'conform.davies.upsilon-nonnegative').failure;
    expect(f?.detail).toMatch(/^Upsilon = -[0-9.]+ < 0/);
    expect(f?.replay).toMatch(/^qep conform --engine '.*wrong-upsilon-sign\.ts' --model davies --seed \d+ --runs 30 --claim conform\.davies\.upsilon-nonnegative --path [\d:]+$/);
  });

  it('the failing scenario is written as qep eval input, with both answers, and qep eval --expect reads it', async () => {
    const out = join(OUT, 'sign');
    const scenario = join(out, 'conform.davies.pi-split.scenario.json');
    const engine = join(out, 'conform.davies.pi-split.engine.json');
    const evaluated = await qep(['eval', scenario]);
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'conform.davies.pi-split.qep.json'), 'utf8'))).toEqual(JSON.parse(evaluated.stdout));
    const expectRun = await qep(['eval', scenario, '--expect', engine]);
    expect(expectRun.code).toBe(1); // the engine's Υ differs from qep's
    expect(expectRun.stdout + expectRun.stderr).toMatch(/Upsilon\[\d\]/);
  });

  it('a replayed --path reproduces the shrunk scenario', async () => {
    const first = await conformJson(['--engine', tsEngine('wrong-upsilon-sign.ts'), '--model', 'davies', '--runs', '30', '--claim', 'conform.davies.pi-split', '--out', join(OUT, 'replay1')]);
    const f = row(first.report, 'conform.davies.pi-split').failure;
    const replay = await conformJson(['--engine', tsEngine('wrong-upsilon-sign.ts'), '--model', 'davies', '--runs', '30', '--claim', 'conform.davies.pi-split', '--path', f?.path ?? '', '--out', join(OUT, 'replay2')]);
    expect(replay.code).toBe(1);
    expect(row(replay.report, 'conform.davies.pi-split').failure?.scenario).toEqual(f?.scenario);
  });

  it('coherences damped at the printed Eq. 5 rate: exit 1 on rho (agreement and positivity), shrunk to d = 2; missing keys listed', async () => {
    const { code, report } = await conformJson(['--engine', tsEngine('printed-coherence-rate.ts'), '--model', 'davies', '--runs', '30', '--out', join(OUT, 'rate')]);
    expect(code).toBe(1);
    expect(failing(report)).toContain('agree.davies.rho');
    expect(failing(report)).toContain('conform.davies.state');
    for (const id of failing(report)) expect(dimOf(row(report, id))).toBe(2);
    const na = row(report, 'conform.davies.pi-split');
    expect(na.verdict).toBe('not-applicable');
    expect(na.missingKeys).toEqual(['Pi', 'Pi_d', 'Upsilon']);
  });

  it('Ξ reported without C_cc: exit 1 naming Eqs. 23, 29, 31 and the Xi key', async () => {
    const { code, report } = await conformJson(['--engine', tsEngine('xi-without-ccc.ts'), '--model', 'thermal-operation', '--runs', '20', '--out', join(OUT, 'xi')]);
    expect(code).toBe(1);
    expect(failing(report)).toEqual(expect.arrayContaining(['agree.thermal.Xi', 'conform.thermal.sigma-split', 'conform.thermal.xi-coherence', 'conform.thermal.xi-local-nonlocal']));
    expect(row(report, 'conform.thermal.correlated-coherence').verdict).toBe('holds');
  });

  it('a crash on dimension 4: recorded with the engine\'s stderr, the engine restarted, exit 1, no process left', async () => {
    const m = marker();
    const { code, report } = await conformJson(['--engine', mjsEngine('crash-on-d4.mjs', m), '--model', 'davies', '--runs', '15', '--out', join(OUT, 'crash')]);
    expect(code).toBe(1);
    expect(failing(report)).toEqual(['engine.davies']);
    expect(report.engineFailures.length).toBeGreaterThan(0);
    expect(report.engineFailures.every((f) => f.kind === 'crash' && f.label.startsWith('davies_d4_'))).toBe(true);
    expect(report.stats.starts).toBe(report.stats.crashes + 1);
    const f = row(report, 'engine.davies').failure;
    expect(f?.engineFailure?.message).toMatch(/exited with code 3/);
    expect(f?.stderr).toContain('fatal: dimension 4 is not supported');
    expect(dimOf(row(report, 'engine.davies'))).toBe(4);
    expect(processesWith(m)).toEqual([]);
  });

  it('a hang on dimension 3: each costs one timeout, shrinking spends at most the cap, exit 1, no process left', async () => {
    const m = marker();
    const timeoutMs = 400;
    const { code, report, ms } = await conformJson(['--engine', mjsEngine('hang-on-d3.mjs', m), '--model', 'davies', '--runs', '12', '--timeout-ms', String(timeoutMs), '--out', join(OUT, 'hang')]);
    expect(code).toBe(1);
    expect(failing(report)).toEqual(['engine.davies']);
    expect(report.engineFailures.every((f) => f.kind === 'timeout' && f.label.startsWith('davies_d3_'))).toBe(true);
    const phase1 = report.engineFailureCount;
    expect(phase1).toBeGreaterThan(0);
    expect(report.shrinkTimeouts).toBeLessThanOrEqual(DEFAULT_SHRINK_TIMEOUT_CAP);
    expect(report.stats.timeouts).toBe(phase1 + report.shrinkTimeouts);
    // the hangs cost their timeouts and little more (restarts, the other scenarios)
    expect(ms).toBeLessThan(report.stats.timeouts * timeoutMs + 8000);
    expect(row(report, 'engine.davies').failure?.stderr).toContain('thinking very hard');
    expect(processesWith(m)).toEqual([]);
  });

  /** Run a broken engine on davies scenarios: exit 1, only the engine row fails; its first recorded failure. */
  const firstEngineFailure = async (engine: string, runs: number, kind: string): Promise<{ report: ConformReport; f: ConformReport['engineFailures'][number] }> => {
    const { code, report } = await conformJson(['--engine', mjsEngine(engine), '--model', 'davies', '--runs', String(runs), '--out', join(OUT, engine)]);
    expect(code).toBe(1);
    expect(failing(report)).toEqual(['engine.davies']);
    const f = report.engineFailures[0];
    expect(f.kind).toBe(kind);
    return { report, f };
  };

  it('a garbage line: recorded with its first 200 characters, exit 1', async () => {
    const { report, f } = await firstEngineFailure('garbage-line.mjs', 12, 'garbage');
    expect(f.message).toMatch(/^not a JSON object: Warning: something odd happened x+…$/);
    expect(f.message.length).toBe('not a JSON object: '.length + 200 + 1);
    expect(report.stats.starts).toBe(1); // a garbage line does not restart the engine
  });

  it('a result of the wrong shape: recorded with the key, the expected shape and the line, exit 1', async () => {
    const { report, f } = await firstEngineFailure('wrong-shape.mjs', 5, 'wrong-shape');
    expect(f.message).toMatch(/^Pi must be a list of \d numbers \(got length \d\); the line was: \{"times":\[0,/);
    // shrunk to the fewest times that still show it
    expect(row(report, 'engine.davies').failure?.params).toMatchObject({ times: 1 });
  });

  it('shows progress on a terminal stderr, and a text report with the summary table', async () => {
    const tty = await qep(['conform', '--engine', `node ${join(ROOT, 'adapters', 'node', 'engine.mjs')}`, '--model', 'davies', '--runs', '5', '--out', join(OUT, 'tty')], true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('qep conform [');
    expect(tty.stdout).toMatch(/^ {4}claim +eq\. +verdict +instances +worst residual +engine failures$/m);
    expect(tty.stdout).toMatch(/^ok +conform\.davies\.pi-split +12 +holds +5 /m);
    expect(tty.stdout).toMatch(/^CONFORMS — 5 scenarios \(davies\), 5 answered; 0 engine failures; 1 engine start;/m);
    const pipe = await qep(['conform', '--engine', `node ${join(ROOT, 'adapters', 'node', 'engine.mjs')}`, '--model', 'davies', '--runs', '5', '--format', 'markdown', '--out', join(OUT, 'tty')]);
    expect(pipe.stderr).toBe('');
    expect(pipe.stdout).toMatch(/^\| claim \| eq\. \| verdict \| instances \| worst residual \| engine failures \|$/m);
  });

  it('an engine that cannot be started: exit 2 and one line', async () => {
    const r = await qep(['conform', '--engine', 'qep-no-such-engine-command --x', '--runs', '3', '--out', join(OUT, 'none')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^qep conform: the engine could not be started: "qep-no-such-engine-command --x": the engine exited with code 127/);
  });

  it('bad usage exits 2: an unknown --claim, a bad --model', async () => {
    expect((await qep(['conform', '--engine', 'true', '--claim', 'nope.nothing'])).code).toBe(2);
    expect((await qep(['conform', '--engine', 'true', '--model', 'lindblad'])).code).toBe(2);
    expect((await qep(['conform', '--runs', '3'])).code).toBe(2); // --engine is required
  });

  it('Ctrl-C: qep stops the engine\'s whole process group and exits', async () => {
    const m = marker();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '_cli.ts'), 'conform', '--engine', mjsEngine('hang-on-d3.mjs', m), '--model', 'davies', '--runs', '50', '--timeout-ms', '60000', '--out', join(OUT, 'sigint')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    // wait until the engine runs (the CLI's own command line has the marker too), then for it to reach a hanging scenario
    const engines = () => processesWith(m, '_cli.ts');
    for (let i = 0; i < 200 && engines().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(engines().length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = performance.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(stderr).toContain('interrupted by SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    expect(processesWith(m)).toEqual([]);
  });
});
