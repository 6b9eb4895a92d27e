import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { math } from '../../src/symbolic/cas/mathjs.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';
import { fakeIO } from '../cli/_fake.js';

afterAll(closeCasWorkers);

const TWO = 'test/fixtures/models/two-baths.json';
const BROKEN = 'test/fixtures/models/broken-balance.json';

async function qep(argv: readonly string[]) {
  const f = fakeIO();
  const code = await main(argv, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

function expectOneLine(r: { out: string; err: string }, message: RegExp): void {
  expect(r.out).toBe('');
  expect(r.err.split('\n'), r.err).toHaveLength(2);
  expect(r.err).toMatch(message);
}

describe('qep derive --model FILE', () => {
  it('prints the file model as JSON under its base name; every expr evaluates with the declared parameters only', async () => {
    const r = await qep(['derive', '--model', TWO, '--format', 'json', '--no-algebrite']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { models: Record<string, { parameters: Record<string, { latex: string }>; forms: Record<string, { expr: string; latex: string; status: string }> }> };
    const m = json.models['two-baths'];
    expect(Object.keys(m.parameters)).toEqual(['w', 'bh', 'bc', 'gh', 'alpha', 'wc', 'gphi', 'p10', 'c0', 't']);
    expect(m.parameters.bh.latex).toBe('\\beta_h');
    const scope = { w: 1.1, bh: 0.4, bc: 1.7, gh: 0.9, alpha: 0.5, wc: 2.2, gphi: 0.2, p10: 0.7, c0: 0.3, t: 0.8 };
    for (const [name, f] of Object.entries(m.forms)) {
      expect(['proved', 'sampled'], name).toContain(f.status);
      expect(Number.isFinite(math.evaluate(f.expr, { ...scope }) as number), name).toBe(true);
      expect(katex.renderToString(f.latex, { throwOnError: false }), name).not.toContain('katex-error');
    }
  });

  it('prints an align block KaTeX renders with the declared LaTeX names', async () => {
    const r = await qep(['derive', '--model', TWO, '--format', 'latex', '--no-algebrite']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('\\Pi_d(t) &= {\\Pi_{d,1}} + {\\Pi_{d,2}}');
    expect(r.out).toContain('{\\beta_h}');
    const block = r.out.slice(r.out.indexOf('\\begin{align}'));
    expect(katex.renderToString(block, { displayMode: true, throwOnError: false })).not.toContain('katex-error');
  });

  it('exits 2 with one line for bad JSON, an undeclared parameter and a missing file; built-in names keep working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qep-cli-model-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "model": "x", ');
    let r = await qep(['derive', '--model', bad, '--no-algebrite']);
    expect(r.code).toBe(2);
    expectOneLine(r, /^qep derive: .*bad\.json must be valid JSON/);
    const undeclared = join(dir, 'undeclared.json');
    writeFileSync(undeclared, JSON.stringify({ model: 'u', parameters: { w: { domain: 'positive' }, t: { domain: 'nonnegative' }, p: { domain: 'probability' } }, gap: 'w', baths: [{ beta: 'b', coupling: 'w' }], initial: { p1: 'p', abs_c: '0' }, time: 't' }));
    r = await qep(['verify', 'gamma1', 'w', '--model', undeclared]);
    expect(r.code).toBe(2);
    expectOneLine(r, /^qep verify: undeclared: baths\[0\]\.beta must be written in the parameters w, p \(and pi, e\) \(got unknown symbol "b"\)/);
    r = await qep(['derive', '--model', join(dir, 'none.json')]);
    expect(r.code).toBe(2);
    expectOneLine(r, /^qep derive: --model must be a readable model file \(got .*none\.json: ENOENT\)/);
    r = await qep(['derive', '--model', 'qubit-davies', '--format', 'json', '--no-algebrite']);
    expect(r.code).toBe(0);
    expect(Object.keys((JSON.parse(r.out) as { models: object }).models)).toEqual(['qubit-davies']);
  });

  it('derive, verify and check exit 1 with one line for rates that break detailed balance', async () => {
    for (const argv of [['derive', '--model', BROKEN, '--no-algebrite'], ['verify', 'gamma1', 'k', '--model', BROKEN], ['check', '--model', BROKEN, '--claim', 'models']]) {
      const r = await qep(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expectOneLine(r, new RegExp(`^qep ${argv[0]}: broken-balance: baths\\[0\\] breaks detailed balance .* absorption/emission = [\\d.]+ but exp\\(-beta\\*w\\) = [\\d.]+\\n$`));
    }
  });
});

describe('qep verify --model FILE', () => {
  it('proves a correct closed form (exit 0) and refutes a wrong one with the point and both values (exit 1)', async () => {
    let r = await qep(['verify', 'gamma2', 'gh*coth(bh*w/2)/2 + alpha*w*exp(-w/wc)*coth(bc*w/2)/2 + gphi', '--model', TWO]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/^qep verify gamma2 \(two-baths\): proved/);
    r = await qep(['verify', 'Pi_a', '0', '--model', TWO]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^qep verify Pi_a \(two-baths\): refuted\n {2}at w = /);
    expect(r.out).toMatch(/numeric engine: {2}[-\d.e]+/);
  });
});

describe('qep check --model FILE', () => {
  it('adds the model\'s claims to the run: the cross-check, the B identities and the expected-refuted one-bath statements', async () => {
    const r = await qep(['check', '--model', TWO, '--claim', 'models', '--format', 'json', '--runs', '20']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { claims: { id: string; verdict: string; expected: string }[] };
    const ids = report.claims.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['models.two-baths.forms-vs-engine', 'models.two-baths.b5-spohn', 'models.two-baths.b8-steady-state', 'models.two-baths.b7-pi-d-printed']));
    expect(report.claims.find((c) => c.id === 'models.two-baths.forms-vs-engine')?.verdict).toBe('holds');
    expect(report.claims.find((c) => c.id === 'models.two-baths.b7-pi-d-printed')?.verdict).toBe('refuted');
  });
});
