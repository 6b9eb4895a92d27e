import katex from 'katex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveModelSync, toDeriveJson, toDeriveLatex, modelAlign, MODEL_FORMS } from '../../src/symbolic/derive.js';
import type { DerivedModel } from '../../src/symbolic/models/model.js';
import { compileNumber } from '../../src/symbolic/cas/mathjs.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';

const render = (s: string) => katex.renderToString(s, { displayMode: true, throwOnError: true });

let qd: DerivedModel;
let ps: DerivedModel;
beforeAll(() => {
  qd = deriveModelSync('qubit-davies');
  ps = deriveModelSync('partial-swap');
}, 60_000);
afterAll(closeCasWorkers);

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
});
