import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixtures, fixtureSeed } from '../../src/cli/fixtures.js';
import { type CliDeps, type CliIO, main } from '../../src/cli/main.js';
import { createRng } from '../../src/numeric/random/index.js';
import { generateScenario } from '../../src/numeric/scenario/generate.js';
import { fakeIO } from './_fake.js';

const TMP = mkdtempSync(join(tmpdir(), 'qep-fixtures-test-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let dirCount = 0;
const freshDir = (): string => join(TMP, `out${dirCount++}`);

/** `qep fixtures …` in-process. */
function qepFixtures(argv: readonly string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  return main(['fixtures', ...argv], io, deps);
}

const oneLine = (f: ReturnType<typeof fakeIO>): string => {
  const lines = f.stderr().split('\n');
  expect(lines, f.stderr()).toHaveLength(2);
  expect(lines[1]).toBe('');
  return lines[0];
};

describe('qep fixtures', () => {
  it('writes DIR/scenarios/NAME.json and DIR/expected/NAME.json for each model and prints one path per line', async () => {
    const out = freshDir();
    const f = fakeIO();
    expect(await qepFixtures(['--model', 'all', '--count', '3', '--seed', '5', '--out', out], f.io)).toBe(0);
    expect(f.stderr()).toBe('');
    const printed = f.stdout().trimEnd().split('\n');
    expect(printed).toHaveLength(12);
    const scenarios = readdirSync(join(out, 'scenarios')).sort();
    expect(readdirSync(join(out, 'expected')).sort()).toEqual(scenarios);
    expect(scenarios).toHaveLength(6);
    expect(scenarios.filter((n) => /^davies_0[0-2]_d[2-4]_(energies|H)_(rates|gamma)(_deph)?_(mixed|nearly_pure|pure)\.json$/.test(n))).toHaveLength(3);
    expect(scenarios.filter((n) => /^thermal_0[0-2]_dS[23]_dE[2-4]_[UV]_(mixed|nearly_pure|pure)\.json$/.test(n))).toHaveLength(3);
    for (const name of scenarios) {
      expect(printed).toContain(join(out, 'scenarios', name));
      expect(printed).toContain(join(out, 'expected', name));
    }
  });

  it('writes scenarios that regenerate from fixtureSeed, and expected files that are qep eval output ("Infinity" as a string)', async () => {
    const out = freshDir();
    expect(await qepFixtures(['--model', 'davies', '--count', '2', '--seed', '-7', '--out', out], fakeIO().io)).toBe(0);
    const names = readdirSync(join(out, 'scenarios')).sort();
    expect(names.map((n) => n.slice(0, 9))).toEqual(['davies_00', 'davies_01']);
    const second = JSON.parse(readFileSync(join(out, 'scenarios', names[1]), 'utf8')) as unknown;
    expect(second).toEqual(generateScenario('davies', createRng(fixtureSeed(-7, 0, 1))));
    const f = fakeIO();
    expect(await main(['eval', join(out, 'scenarios', names[1])], f.io)).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'expected', names[1]), 'utf8'))).toEqual(JSON.parse(f.stdout()));
  });

  it('is reproducible: the same seed writes the same bytes, another seed other scenarios', async () => {
    const [a, b, c] = [freshDir(), freshDir(), freshDir()];
    await qepFixtures(['--model', 'thermal-operation', '--count', '2', '--seed', '42', '--out', a], fakeIO().io);
    await qepFixtures(['--model', 'thermal-operation', '--count', '2', '--seed', '42', '--out', b], fakeIO().io);
    await qepFixtures(['--model', 'thermal-operation', '--count', '2', '--seed', '43', '--out', c], fakeIO().io);
    for (const sub of ['scenarios', 'expected']) {
      const names = readdirSync(join(a, sub)).sort();
      expect(readdirSync(join(b, sub)).sort()).toEqual(names);
      for (const n of names) expect(readFileSync(join(b, sub, n), 'utf8')).toBe(readFileSync(join(a, sub, n), 'utf8'));
    }
    const scenarioText = (dir: string) => readdirSync(join(dir, 'scenarios')).sort().map((n) => readFileSync(join(dir, 'scenarios', n), 'utf8'));
    expect(scenarioText(c)).not.toEqual(scenarioText(a));
  });

  it('round trip: qep eval --expect accepts every file qep fixtures wrote', async () => {
    const out = freshDir();
    expect(await qepFixtures(['--count', '4', '--seed', '2024', '--out', out], fakeIO().io)).toBe(0);
    const names = readdirSync(join(out, 'scenarios'));
    expect(names).toHaveLength(8);
    for (const name of names) {
      const f = fakeIO();
      const code = await main(['eval', join(out, 'scenarios', name), '--expect', join(out, 'expected', name)], f.io);
      expect(code, f.stdout() + f.stderr()).toBe(0);
      expect(f.stdout()).toMatch(/^ok: \d+ values agree with .* \(worst deviation (0|\S+ at \S+, \S+ of its tolerance); atol 1e-8, rtol 1e-7\)\n$/);
      expect(f.stderr()).toBe('');
    }
  });

  it('a hand-perturbed expected file is rejected with exit 1 and the path of the changed value', async () => {
    const out = freshDir();
    expect(await qepFixtures(['--model', 'davies', '--count', '1', '--seed', '9', '--out', out], fakeIO().io)).toBe(0);
    const [name] = readdirSync(join(out, 'expected'));
    const file = join(out, 'expected', name);
    const expected = JSON.parse(readFileSync(file, 'utf8')) as { rho: { re: number[][] }[]; S: number[] };
    expected.rho[3].re[1][0] += 1e-5;
    writeFileSync(file, JSON.stringify(expected));
    const f = fakeIO();
    expect(await main(['eval', join(out, 'scenarios', name), '--expect', file], f.io)).toBe(1);
    const lines = f.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^FAILED: 1 of \\d+ values differ from ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(atol 1e-8, rtol 1e-7\\)$`));
    expect(lines[1]).toMatch(/^ {2}rho\[3\]\.re\[1\]\[0\]: got \S+, expected \S+ \(deviation 1\.0e-5 > tolerance \S+\)$/);
    expect(lines).toHaveLength(2);
    // Looser tolerances accept it.
    expect(await main(['eval', join(out, 'scenarios', name), '--expect', file, '--atol', '1e-4'], fakeIO().io)).toBe(0);
  });

  it('refuses to overwrite existing files without --force (exit 2, one line, nothing written), and overwrites with it', async () => {
    const out = freshDir();
    expect(await qepFixtures(['--model', 'davies', '--count', '2', '--out', out], fakeIO().io)).toBe(0);
    const [first] = readdirSync(join(out, 'scenarios')).sort();
    writeFileSync(join(out, 'scenarios', first), 'mine');
    const f = fakeIO();
    expect(await qepFixtures(['--count', '2', '--out', out], f.io)).toBe(2);
    expect(oneLine(f)).toMatch(/^qep fixtures: .*davies_00_.*\.json exists \(and 3 more\): nothing written; use --force/);
    expect(f.stdout()).toBe('');
    expect(existsSync(join(out, 'scenarios')) && readdirSync(join(out, 'scenarios')).some((n) => n.startsWith('thermal'))).toBe(false);
    expect(readFileSync(join(out, 'scenarios', first), 'utf8')).toBe('mine');
    const g = fakeIO();
    expect(await qepFixtures(['--count', '2', '--out', out, '--force'], g.io)).toBe(0);
    expect(readFileSync(join(out, 'scenarios', first), 'utf8')).not.toBe('mine');
    expect(readdirSync(join(out, 'scenarios'))).toHaveLength(4);
  });

  it('exits 2 with one line on bad usage', async () => {
    const cases: [string[], RegExp][] = [
      [['--model', 'lindblad', '--out', freshDir()], /^qep: option '--model <m>' argument 'lindblad' is invalid\. Expected davies, thermal-operation or all\./],
      [['--count', '0', '--out', freshDir()], /--count <n>.*Expected an integer from 1 to 1000\./],
      [['--count', '2.5', '--out', freshDir()], /--count <n>.*Expected an integer/],
      [['--seed', 'x', '--out', freshDir()], /--seed <s>/],
      [['--count', '2'], /required option '--out <dir>' not specified/],
      [['--out', freshDir(), '--bogus'], /unknown option '--bogus'/],
    ];
    for (const [argv, message] of cases) {
      const f = fakeIO();
      expect(await qepFixtures(argv, f.io), argv.join(' ')).toBe(2);
      expect(oneLine(f)).toMatch(message);
      expect(f.stdout()).toBe('');
    }
  });

  it('exits 2 with one line when the output directory cannot be created', async () => {
    const blocker = join(TMP, 'a-file');
    writeFileSync(blocker, 'x');
    const f = fakeIO();
    expect(await qepFixtures(['--model', 'davies', '--count', '1', '--out', blocker], f.io)).toBe(2);
    expect(oneLine(f)).toMatch(/^qep fixtures: cannot create .*a-file.scenarios \((ENOTDIR|EEXIST)\)$/);
  });

  it('exits 1 (internal error), writing nothing, when a generated scenario fails to evaluate', async () => {
    const out = freshDir();
    const f = fakeIO();
    const code = await qepFixtures(['--model', 'davies', '--count', '1', '--out', out], f.io, {
      evaluateScenario: () => {
        throw new Error('boom');
      },
    });
    expect(code).toBe(1);
    expect(oneLine(f)).toMatch(/^qep fixtures: internal error: .*davies_00_.* did not evaluate: .*boom$/);
    expect(existsSync(out)).toBe(false);
  });

  it('builds the same fixtures in memory as it writes (buildFixtures), and "all" is the union of the two models', async () => {
    const all = await buildFixtures({ model: 'all', count: 2, seed: 3 });
    const davies = await buildFixtures({ model: 'davies', count: 2, seed: 3 });
    const thermal = await buildFixtures({ model: 'thermal-operation', count: 2, seed: 3 });
    expect(all).toEqual([...davies, ...thermal]);
    // A larger count keeps the first fixtures unchanged (each has its own seed).
    expect((await buildFixtures({ model: 'davies', count: 3, seed: 3 })).slice(0, 2)).toEqual(davies);
  });
});
