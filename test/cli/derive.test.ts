import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { compileNumber, parseExpression } from '../../src/symbolic/cas/mathjs.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';
import type { ModelName } from '../../src/symbolic/derive.js';
import { fakeIO } from './_fake.js';

afterAll(closeCasWorkers);

const render = (s: string) => katex.renderToString(s, { displayMode: true, throwOnError: true });

/** `qep ARGV…` in-process: the exit code and what it printed. */
async function qep(argv: readonly string[]) {
  const f = fakeIO();
  const code = await main(argv, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

/** Bad usage: exit 2, nothing on stdout, one line on stderr (no stack trace) matching `message`. */
async function expectUsageError(argv: readonly string[], message: RegExp): Promise<void> {
  const r = await qep(argv);
  expect(r.code, argv.join(' ')).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.split('\n'), r.err).toHaveLength(2);
  expect(r.err).toMatch(message);
}

describe('qep derive', () => {
  it('prints JSON whose expr evaluates with the parameters as scope', async () => {
    const r = await qep(['derive', '--format', 'json', '--no-algebrite']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { models: Record<ModelName, { parameters: Record<string, unknown>; forms: Record<string, { expr: string; latex: string; status: string }> }> };
    expect(Object.keys(json.models)).toEqual(['qubit-davies', 'partial-swap']);
    const scopes: Record<ModelName, Record<string, number>> = {
      'qubit-davies': { g: 0.5, w: 1.2, beta: 0.8, p10: 0.6, c0: 0.3, t: 0.7 },
      'partial-swap': { theta: 0.9, beta: 0.8, w: 1.2, p1: 0.4, c: 0.2 },
    };
    for (const name of ['qubit-davies', 'partial-swap'] as const) {
      expect(Object.keys(json.models[name].parameters)).toEqual(Object.keys(scopes[name]));
      for (const [form, f] of Object.entries(json.models[name].forms)) {
        expect(['proved', 'sampled']).toContain(f.status);
        const value = compileNumber(parseExpression(f.expr))(scopes[name]);
        expect(Number.isFinite(value), `${name}.${form}`).toBe(true);
      }
    }
  });

  it('prints LaTeX and text formats for one model', async () => {
    const latex = await qep(['derive', '--model', 'partial-swap', '--format', 'latex', '--no-algebrite']);
    expect(latex.code).toBe(0);
    expect(() => render(latex.out.replace(/^%.*\n/, ''))).not.toThrow();
    const text = await qep(['derive', '--model', 'qubit-davies', '--no-algebrite']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/gamma1\s+proved\s+g \* coth\(beta \* w \/ 2\)/);
  });

  it('exits 2 with one line for an unknown model, format or option', async () => {
    await expectUsageError(['derive', '--model', 'qubit', '--no-algebrite'], /^qep derive: --model must be one of qubit-davies, partial-swap \(got "qubit"\)\n$/);
    await expectUsageError(['derive', '--format', 'pdf'], /^qep: option '--format <f>' argument 'pdf' is invalid\. Expected one of text, latex, json\. \(see qep --help\)\n$/);
    await expectUsageError(['derive', '--fast'], /^qep: unknown option '--fast' \(see qep --help\)\n$/);
    await expectUsageError(['derive', 'extra'], /^qep: too many arguments for 'derive'\..* \(see qep --help\)\n$/);
  });
});

describe('qep verify', () => {
  it('proves a correct closed form written differently and exits 0', async () => {
    const r = await qep(['verify', 'gamma2', 'g*(2/(exp(beta*w) - 1) + 1)/2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^qep verify gamma2 \(qubit-davies\): proved/);
    expect(r.out).toMatch(/numeric engine: agrees/);
  });

  it('refutes the printed Eq. 5 rate with the point and both values, exit 1', async () => {
    const r = await qep(['verify', 'abs_c', 'c0*exp(+g*coth(beta*w/2)/2*t)', '--format', 'json']);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { verdict: string; counterexample: { point: Record<string, string>; user: string; derived: string; engine: number } };
    expect(v.verdict).toBe('refuted');
    expect(Object.keys(v.counterexample.point)).toEqual(['g', 'w', 'beta', 'p10', 'c0', 't']);
    expect(Number(v.counterexample.user)).toBeGreaterThan(Number(v.counterexample.derived));
    expect(v.counterexample.engine).toBeCloseTo(Number(v.counterexample.derived), 10);
  });

  it('refutes an expression at a point where it is not real, exit 1', async () => {
    const r = await qep(['verify', 'p1', 'sqrt(p10 - 1/2)']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/refuted/);
    expect(r.out).toMatch(/your expression: not a real number/);
  });

  it('exits 2 with one line for a syntax error, an unknown symbol, function, quantity or model', async () => {
    const cases: [string[], RegExp][] = [
      [['alpha01', 'cos(theta'], /valid mathjs syntax/],
      [['alpha01', 'cos(phi)'], /unknown symbol "phi"/],
      [['alpha01', 'gamma(theta)'], /unknown function "gamma"/],
      [['Pi_x', '1'], /QUANTITY must be a known quantity/],
      [['Pi', '1', '--model', 'partial-swap'], /QUANTITY must be a quantity of partial-swap/],
    ];
    for (const [args, message] of cases) await expectUsageError(['verify', ...args], new RegExp(`^qep verify: .*${message.source}`));
  });

  it('exits 2 with one line for a bad format, a bad seed or a missing argument', async () => {
    await expectUsageError(['verify', 'gamma2', 'g', '--format', 'latex'], /^qep: option '--format <f>' argument 'latex' is invalid\. Expected one of text, json\. \(see qep --help\)\n$/);
    // a fractional seed used to escape the parser as an internal error (exit 1)
    await expectUsageError(['verify', 'gamma2', 'g', '--seed', '1.5'], /^qep: option '--seed <s>' argument '1\.5' is invalid\. Expected an integer from -2147483648 to 2147483647\. \(see qep --help\)\n$/);
    await expectUsageError(['verify', 'gamma2'], /^qep: missing required argument 'expr' \(see qep --help\)\n$/);
  });
});
