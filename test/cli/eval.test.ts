import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { QepInputError } from '../../src/numeric/errors.js';
import { fakeIO } from './_fake.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'qutip');
const SCENARIO = join(FIXTURES, 'scenarios', 'davies_06_d2_energies_gamma_deph_pure.json');

/** A stand-in evaluator: checks one field the way the real one does, returns a diverging rate and a matrix. */
function fakeEvaluate(input: unknown): unknown {
  const s = input as Record<string, unknown>;
  if (typeof s !== 'object' || s === null || typeof s.beta !== 'number') throw new QepInputError('beta', 'a finite number', typeof s?.beta);
  if (s.beta < 0) throw new QepInputError('beta', 'positive', s.beta);
  return {
    times: [0, 1],
    rho: [{ rows: 1, cols: 1, re: new Float64Array([1]), im: new Float64Array([0]) }],
    Pi: [Infinity, 0.25],
  };
}
const deps = { evaluateScenario: fakeEvaluate };

describe('qep eval', () => {
  it('prints the results as compact JSON, with Infinity as the string "Infinity"', async () => {
    const f = fakeIO({ stdin: '{"beta": 1}' });
    expect(await main(['eval', '-'], f.io, deps)).toBe(0);
    expect(f.stdout()).toBe('{"times":[0,1],"rho":[{"re":[[1]],"im":[[0]]}],"Pi":["Infinity",0.25]}\n');
    expect(f.stderr()).toBe('');
  });

  it('indents with --pretty', async () => {
    const f = fakeIO({ stdin: '{"beta": 1}' });
    expect(await main(['eval', '--pretty', '-'], f.io, deps)).toBe(0);
    expect(f.stdout()).toContain('{\n  "times": [0, 1],\n'); // indented, flat arrays on one line
    expect(JSON.parse(f.stdout())).toEqual(JSON.parse('{"times":[0,1],"rho":[{"re":[[1]],"im":[[0]]}],"Pi":["Infinity",0.25]}'));
  });

  it('reads a scenario file and hands the parsed JSON to the evaluator', async () => {
    let seen: unknown;
    const f = fakeIO();
    const code = await main(['eval', SCENARIO], f.io, {
      evaluateScenario: (x) => {
        seen = x;
        return { ok: true };
      },
    });
    expect(code).toBe(0);
    expect(seen).toEqual(JSON.parse(readFileSync(SCENARIO, 'utf8')));
    expect(f.stdout()).toBe('{"ok":true}\n');
  });

  it('awaits an asynchronous evaluator', async () => {
    const f = fakeIO({ stdin: '{}' });
    expect(await main(['eval', '-'], f.io, { evaluateScenario: async () => ({ S: [0.5] }) })).toBe(0);
    expect(f.stdout()).toBe('{"S":[0.5]}\n');
  });
});

describe('qep eval on bad input', () => {
  const expectOneLine = (f: ReturnType<typeof fakeIO>, message: string | RegExp) => {
    expect(f.stdout()).toBe('');
    const lines = f.stderr().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    if (typeof message === 'string') expect(lines[0]).toBe(message);
    else expect(lines[0]).toMatch(message);
  };

  it('exits 2 on malformed JSON with one line on stderr and nothing on stdout', async () => {
    const f = fakeIO({ stdin: '{"beta": 1,' });
    expect(await main(['eval', '-'], f.io, deps)).toBe(2);
    expectOneLine(f, /^qep eval: stdin is not valid JSON: /);
  });

  it('exits 2 on a missing file', async () => {
    const f = fakeIO();
    expect(await main(['eval', join(FIXTURES, 'no-such-file.json')], f.io, deps)).toBe(2);
    expectOneLine(f, /^qep eval: cannot read .*no-such-file\.json \(ENOENT\)$/);
  });

  it('exits 2 with the evaluator\'s message on a QepInputError, without a stack trace', async () => {
    const f = fakeIO({ stdin: '{"beta": -3}' });
    expect(await main(['eval', '-'], f.io, deps)).toBe(2);
    expectOneLine(f, 'qep eval: beta must be positive (got -3.00)');
  });

  it('exits 1 with one line when the evaluator fails unexpectedly', async () => {
    const f = fakeIO({ stdin: '{}' });
    const code = await main(['eval', '-'], f.io, {
      evaluateScenario: () => {
        throw new TypeError('x is undefined\n    at evaluate (scenario.ts:1:1)');
      },
    });
    expect(code).toBe(1);
    expectOneLine(f, 'qep eval: internal error: TypeError: x is undefined (this is a bug in qep: please report it with the command line that produced it)');
  });

  it('refuses to print NaN: exit 1, nothing on stdout, the path of the NaN on stderr', async () => {
    const f = fakeIO({ stdin: '{}' });
    expect(await main(['eval', '-'], f.io, { evaluateScenario: () => ({ Pi: [0, NaN] }) })).toBe(1);
    expectOneLine(f, 'qep eval: internal error: the result has NaN at $.Pi[1] (this is a bug in qep: please report it with the command line that produced it)');
  });

  it('never crashes, prints a stack trace or writes partial output on random text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.constantFrom('', '{', '[1,', 'NaN', '{"beta": NaN}', '{"beta": 1e999}')), async (text) => {
        const f = fakeIO({ stdin: text });
        const code = await main(['eval', '-'], f.io, deps);
        expect([0, 2]).toContain(code);
        expect(f.stderr()).not.toMatch(/\n\s+at /);
        if (code === 2) {
          expect(f.stdout()).toBe('');
          expect(f.stderr().trimEnd().split('\n')).toHaveLength(1);
        } else {
          expect(f.stderr()).toBe('');
          JSON.parse(f.stdout());
        }
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});

// End to end against the QuTiP reference data, once the real evaluator exists (src/numeric/scenario/index.ts).
const haveEvaluator = existsSync(join(import.meta.dirname, '..', '..', 'src', 'numeric', 'scenario', 'index.ts'));

function close(actual: unknown, expected: unknown, path: string, problems: string[]): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-8 + 1e-7 * Math.abs(expected)) problems.push(`${path}: ${actual} vs ${expected}`);
  } else if (Array.isArray(expected) && Array.isArray(actual) && actual.length === expected.length) {
    expected.forEach((e, i) => close(actual[i], e, `${path}[${i}]`, problems));
  } else if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object' && !Array.isArray(actual)) {
    for (const k of Object.keys(expected)) close((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`, problems);
  } else if (actual !== expected) {
    problems.push(`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  }
}

describe.skipIf(!haveEvaluator)('qep eval on the QuTiP reference scenarios', () => {
  const names = existsSync(join(FIXTURES, 'scenarios')) ? readdirSync(join(FIXTURES, 'scenarios')).filter((n) => n.endsWith('.json')) : [];
  for (const name of names) {
    it(`reproduces ${name} to 1e-8 absolute / 1e-7 relative`, async () => {
      const f = fakeIO();
      expect(await main(['eval', join(FIXTURES, 'scenarios', name)], f.io), f.stderr()).toBe(0);
      const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected', name), 'utf8')) as unknown;
      const problems: string[] = [];
      close(JSON.parse(f.stdout()), expected, '$', problems);
      expect(problems.slice(0, 5)).toEqual([]);
    });
  }
});

describe('qep eval --expect (golden fixtures)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'qep-eval-expect-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };
  const expectOneLine = (f: ReturnType<typeof fakeIO>, message: RegExp) => {
    expect(f.stdout()).toBe('');
    expect(f.stderr()).toMatch(message);
    expect(f.stderr().split('\n')).toHaveLength(2);
  };
  // The fake evaluator's output: {"times":[0,1],"rho":[{"re":[[1]],"im":[[0]]}],"Pi":["Infinity",0.25]}
  const good = '{"times":[0,1],"rho":[{"re":[[1]],"im":[[0]]}],"Pi":["Infinity",0.25]}';

  it('prints "ok: N values agree" and exits 0 when every value agrees ("Infinity" with Infinity)', async () => {
    const f = fakeIO({ stdin: '{"beta": 1}' });
    const file = write('good.json', good);
    expect(await main(['eval', '-', '--expect', file], f.io, deps)).toBe(0);
    expect(f.stdout()).toBe(`ok: 6 values agree with ${file} (worst deviation 0; atol 1e-8, rtol 1e-7)\n`);
    expect(f.stderr()).toBe('');
  });

  it('names the worst agreeing value and its share of the tolerance', async () => {
    const f = fakeIO({ stdin: '{"beta": 1}' });
    const file = write('close.json', good.replace('0.25', '0.250000001'));
    expect(await main(['eval', '-', '--expect', file], f.io, deps)).toBe(0);
    expect(f.stdout()).toMatch(/^ok: 6 values agree with .*close\.json \(worst deviation 1\.0e-9 at Pi\[1\], 0\.029 of its tolerance; atol 1e-8, rtol 1e-7\)\n$/);
  });

  it('lists mismatches with their paths and exits 1: a changed value, a finite number for "Infinity", a missing key', async () => {
    const f = fakeIO({ stdin: '{"beta": 1}' });
    const file = write('bad.json', '{"times":[0,1],"rho":[{"re":[[0.9]],"im":[[0]]}],"Pi":[3,0.25],"S":[0,0]}');
    expect(await main(['eval', '-', '--expect', file], f.io, deps)).toBe(1);
    expect(f.stdout().trimEnd().split('\n')).toEqual([
      `FAILED: 3 of 7 values differ from ${file} (atol 1e-8, rtol 1e-7)`,
      '  rho[0].re[0][0]: got 1, expected 0.9 (deviation 1.0e-1 > tolerance 1.0e-7)',
      '  Pi[0]: got "Infinity", expected 3 (deviation Infinity > tolerance 3.1e-7)',
      '  S: missing (expected [0,0])',
    ]);
    expect(f.stderr()).toBe('');
  });

  it('shows the first 20 mismatches and counts the rest', async () => {
    const many = Array.from({ length: 25 }, (_, i) => i);
    const f = fakeIO({ stdin: '{}' });
    const file = write('many.json', JSON.stringify({ x: many }));
    expect(await main(['eval', '-', '--expect', file], f.io, { evaluateScenario: () => ({ x: many.map((v) => v + 1) }) })).toBe(1);
    const lines = f.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[20]).toMatch(/^ {2}x\[19\]: got 20, expected 19 /);
    expect(lines[21]).toBe('  ... and 5 more');
  });

  it('uses --atol and --rtol', async () => {
    const file = write('loose.json', good.replace('0.25', '0.26'));
    expect(await main(['eval', '-', '--expect', file], fakeIO({ stdin: '{"beta": 1}' }).io, deps)).toBe(1);
    expect(await main(['eval', '-', '--expect', file, '--atol', '0.02'], fakeIO({ stdin: '{"beta": 1}' }).io, deps)).toBe(0);
    expect(await main(['eval', '-', '--expect', file, '--atol', '0', '--rtol', '0.05'], fakeIO({ stdin: '{"beta": 1}' }).io, deps)).toBe(0);
  });

  it('reads the expected results from stdin with --expect -', async () => {
    const f = fakeIO({ stdin: good });
    expect(await main(['eval', SCENARIO, '--expect', '-'], f.io, deps)).toBe(0); // the fake evaluator ignores all but beta
    expect(f.stdout()).toMatch(/^ok: 6 values agree with stdin /);
  });

  it('exits 2 with one line on an unreadable, invalid or non-object expected file', async () => {
    const cases: [string, RegExp][] = [
      [join(tmp, 'absent.json'), /^qep eval: cannot read the expected results .*absent\.json \(ENOENT\)\n$/],
      [write('broken.json', '{"S": [1,'), /^qep eval: the expected results .*broken\.json are not valid JSON: /],
      [write('list.json', '[1, 2]'), /^qep eval: the expected results .*list\.json must be a JSON object \(the output of qep eval\), not an array\n$/],
      [write('null.json', 'null'), /must be a JSON object .*not null\n$/],
    ];
    for (const [file, message] of cases) {
      const f = fakeIO({ stdin: '{"beta": 1}' });
      expect(await main(['eval', '-', '--expect', file], f.io, deps), file).toBe(2);
      expectOneLine(f, message);
    }
  });

  it('exits 2 with one line on bad tolerances, tolerances without --expect, or two stdins', async () => {
    const file = write('ok.json', good);
    const cases: [string[], RegExp][] = [
      [['eval', '-', '--expect', file, '--atol', '-1'], /^qep: option '--atol <x>' argument '-1' is invalid\. Expected a finite number ≥ 0/],
      [['eval', '-', '--expect', file, '--rtol', 'abc'], /--rtol <x>.*Expected a finite number ≥ 0/],
      [['eval', '-', '--atol', '1e-6'], /^qep eval: --atol and --rtol set the tolerance of --expect/],
      [['eval', '-', '--expect', '-'], /^qep eval: the scenario and --expect cannot both be stdin/],
    ];
    for (const [argv, message] of cases) {
      const f = fakeIO({ stdin: '{"beta": 1}' });
      expect(await main(argv, f.io, deps), argv.join(' ')).toBe(2);
      expectOneLine(f, message);
    }
  });

  it('still exits 2 on a bad scenario and 1 on a NaN result, printing no comparison', async () => {
    const file = write('ok2.json', good);
    const bad = fakeIO({ stdin: '{"beta": -3}' });
    expect(await main(['eval', '-', '--expect', file], bad.io, deps)).toBe(2);
    expectOneLine(bad, /^qep eval: beta must be positive/);
    const nan = fakeIO({ stdin: '{}' });
    expect(await main(['eval', '-', '--expect', file], nan.io, { evaluateScenario: () => ({ Pi: [NaN] }) })).toBe(1);
    expectOneLine(nan, /^qep eval: internal error: the result has NaN at \$\.Pi\[0\] \(this is a bug in qep: please report it .*\)\n$/);
  });

  describe.skipIf(!haveEvaluator)('against the QuTiP reference data', () => {
    for (const name of ['davies_03_d2_H-complex_gamma_nearly_pure.json', 'thermal_12_dS3_dE4_V_mixed.json']) {
      it(`accepts ${name} with the default tolerances`, async () => {
        const f = fakeIO();
        expect(await main(['eval', join(FIXTURES, 'scenarios', name), '--expect', join(FIXTURES, 'expected', name)], f.io), f.stdout()).toBe(0);
        expect(f.stdout()).toMatch(/^ok: \d+ values agree/);
      });
    }
  });
});
