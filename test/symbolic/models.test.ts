import katex from 'katex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveModelSync, toDeriveJson, toDeriveLatex, modelAlign, MODEL_FORMS, type ModelName } from '../../src/symbolic/derive.js';
import type { DerivedModel } from '../../src/symbolic/models/model.js';
import { compileNumber, parseExpression } from '../../src/symbolic/cas/mathjs.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';
import { runDerive } from '../../src/cli/derive.js';
import { runVerify } from '../../src/cli/verify.js';

const render = (s: string) => katex.renderToString(s, { displayMode: true, throwOnError: true });

let qd: DerivedModel;
let ps: DerivedModel;
beforeAll(() => {
  qd = deriveModelSync('qubit-davies');
  ps = deriveModelSync('partial-swap');
}, 60_000);
afterAll(closeCasWorkers);

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) }, out: () => out, err: () => err };
}

describe('the qubit Davies derivation', () => {
  it('has exactly the documented parameters and closed forms', () => {
    expect(Object.keys(qd.domain.params)).toEqual(['g', 'w', 'beta', 'p10', 'c0', 't']);
    expect(Object.keys(qd.forms)).toEqual([...MODEL_FORMS['qubit-davies']]);
  });

  it('proves every step from the generator, except the printed Eq. 5 which it refutes with a counterexample', () => {
    for (const s of qd.steps) {
      if (s.id === 'eq5.printed') {
        expect(s.report.status).toBe('refuted');
        expect(s.report.counterexample?.point).toHaveProperty('g');
      } else expect([s.id, s.report.status]).toEqual([s.id, 'proved']);
    }
    for (const id of ['eq1', 'eq9', 'eq12', 'eq13.schnakenberg', 'pi_d.factored', 'solution.p1.ode', 'solution.c.ode.re', 'eq5.corrected.re'])
      expect(qd.steps.map((s) => s.id)).toContain(id);
  });

  it('derives γ₁ = g coth(βω/2), γ₂ = γ₁/2 and the detailed-balance ratio e^{−βω}', () => {
    const at = { g: 0.7, w: 1.3, beta: 0.9, p10: 0.3, c0: 0.2, t: 1.1 };
    const v = (name: string) => compileNumber(qd.forms[name].inlined)(at);
    expect(v('gamma1')).toBeCloseTo(0.7 / Math.tanh((0.9 * 1.3) / 2), 14);
    expect(v('gamma2')).toBeCloseTo(v('gamma1') / 2, 14);
    expect(v('detailed_balance')).toBeCloseTo(Math.exp(-0.9 * 1.3), 14);
    // Π_d ≥ 0 and Π = Π_d + Υ, dS/dt = Π − Φ at this point
    expect(v('Pi_d')).toBeGreaterThanOrEqual(0);
    expect(v('Pi')).toBeCloseTo(v('Pi_d') + v('Upsilon'), 12);
    expect(v('dSdt')).toBeCloseTo(v('Pi') - v('Phi'), 12);
  });

  it('marks every closed form proved, each resting on named derivation steps', () => {
    for (const f of Object.values(qd.forms)) {
      expect([f.name, f.status]).toEqual([f.name, 'proved']);
      expect(f.basis.length).toBeGreaterThan(0);
    }
  });
});

describe('the partial-swap derivation', () => {
  it('has exactly the documented parameters and closed forms', () => {
    expect(Object.keys(ps.domain.params)).toEqual(['theta', 'beta', 'w', 'p1', 'c']);
    expect(Object.keys(ps.forms)).toEqual([...MODEL_FORMS['partial-swap']]);
  });

  it('proves U from its ODE, Eqs. 19–21 and 23–31', () => {
    for (const s of ps.steps) expect([s.id, s.report.status]).toEqual([s.id, 'proved']);
    for (const id of ['swap.u-ode', 'swap.unitary', 'eq19.populations', 'eq20.coherence', 'eq21.slack', 'eq23', 'eq26', 'eq27', 'eq28', 'eq29', 'eq31'])
      expect(ps.steps.map((s) => s.id)).toContain(id);
  });

  it('finds α₀₁ = cos θ and a factored, non-negative Eq. 21 slack', () => {
    expect(ps.forms.alpha01.display.toString()).toBe('cos(theta)');
    const slack = ps.forms.bound_slack.display.toString();
    expect(slack).toMatch(/sin\(theta\) \^ 4/);
    const f = compileNumber(ps.forms.bound_slack.inlined);
    for (const theta of [0.1, 1, 2, 3]) expect(f({ theta, beta: 1, w: 1, p1: 0.3, c: 0.1 })).toBeGreaterThanOrEqual(0);
  });
});

describe('qep derive output', () => {
  it('renders every formula and both align blocks with KaTeX', () => {
    for (const m of [qd, ps]) {
      for (const [name, f] of Object.entries(toDeriveJson([m]).models[m.name].forms)) expect(() => render(f.latex), name).not.toThrow();
      expect(() => render(modelAlign(m))).not.toThrow();
    }
    const doc = toDeriveLatex([qd, ps]);
    expect(doc.match(/\\begin\{align\}/g)?.length).toBe(2);
    expect(doc).toContain('\\Pi_d(t)');
    expect(doc).toContain('\\Upsilon(t)');
    expect(doc).toContain('\\bar n');
    expect(doc).toContain('p_1(0)');
  });

  it('prints JSON whose expr evaluates with the parameters as scope', async () => {
    const c = capture();
    expect(await runDerive({ format: 'json', algebrite: false }, c.io)).toBe(0);
    const json = JSON.parse(c.out()) as { models: Record<ModelName, { parameters: Record<string, unknown>; forms: Record<string, { expr: string; latex: string; status: string }> }> };
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

  it('exits 2 with one line for an unknown model or format, and prints nothing on stdout', async () => {
    for (const args of [{ model: 'qubit' }, { format: 'pdf' }]) {
      const c = capture();
      expect(await runDerive({ ...args, algebrite: false }, c.io)).toBe(2);
      expect(c.out()).toBe('');
      expect(c.err().trim().split('\n')).toHaveLength(1);
    }
  });

  it('prints LaTeX and text formats for one model', async () => {
    const c = capture();
    expect(await runDerive({ model: 'partial-swap', format: 'latex', algebrite: false }, c.io)).toBe(0);
    expect(() => render(c.out().replace(/^%.*\n/, ''))).not.toThrow();
    const t = capture();
    expect(await runDerive({ model: 'qubit-davies', algebrite: false }, t.io)).toBe(0);
    expect(t.out()).toMatch(/gamma1\s+proved\s+g \* coth\(beta \* w \/ 2\)/);
  });
});

describe('qep verify', () => {
  it('proves a correct closed form written differently and exits 0', async () => {
    const c = capture();
    expect(await runVerify({ quantity: 'gamma2', expr: 'g*(2/(exp(beta*w) - 1) + 1)/2' }, c.io)).toBe(0);
    expect(c.out()).toMatch(/^qep verify gamma2 \(qubit-davies\): proved/);
    expect(c.out()).toMatch(/numeric engine: agrees/);
  });

  it('refutes the printed Eq. 5 rate with the point and both values, exit 1', async () => {
    const c = capture();
    expect(await runVerify({ quantity: 'abs_c', expr: 'c0*exp(+g*coth(beta*w/2)/2*t)', format: 'json' }, c.io)).toBe(1);
    const r = JSON.parse(c.out()) as { verdict: string; counterexample: { point: Record<string, string>; user: string; derived: string; engine: number } };
    expect(r.verdict).toBe('refuted');
    expect(Object.keys(r.counterexample.point)).toEqual(['g', 'w', 'beta', 'p10', 'c0', 't']);
    expect(Number(r.counterexample.user)).toBeGreaterThan(Number(r.counterexample.derived));
    expect(r.counterexample.engine).toBeCloseTo(Number(r.counterexample.derived), 10);
  });

  it('exits 2 with a clear message for a syntax error, an unknown symbol, function or quantity', async () => {
    const cases = [
      [{ quantity: 'alpha01', expr: 'cos(theta' }, /valid mathjs syntax/],
      [{ quantity: 'alpha01', expr: 'cos(phi)' }, /unknown symbol "phi"/],
      [{ quantity: 'alpha01', expr: 'gamma(theta)' }, /unknown function "gamma"/],
      [{ quantity: 'Pi_x', expr: '1' }, /QUANTITY must be a known quantity/],
      [{ quantity: 'Pi', expr: '1', model: 'partial-swap' }, /QUANTITY must be a quantity of partial-swap/],
    ] as const;
    for (const [args, message] of cases) {
      const c = capture();
      expect(await runVerify(args, c.io)).toBe(2);
      expect(c.out()).toBe('');
      expect(c.err()).toMatch(message);
    }
  });
});

describe('qep verify on expressions that are not real everywhere', () => {
  it('refutes them at a point where they are not real, exit 1', async () => {
    const c = capture();
    expect(await runVerify({ quantity: 'p1', expr: 'sqrt(p10 - 1/2)' }, c.io)).toBe(1);
    expect(c.out()).toMatch(/refuted/);
    expect(c.out()).toMatch(/your expression: not a real number/);
  });
});
