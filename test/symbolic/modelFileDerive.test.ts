import { readFileSync } from 'node:fs';
import katex from 'katex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveModelSync, toDeriveJson, modelAlign, formLatex } from '../../src/symbolic/derive.js';
import type { DerivedModel } from '../../src/symbolic/models/model.js';
import { readModelFile, allFormNames, type ModelSpec } from '../../src/symbolic/models/modelFile.js';
import { deriveQubitFamily, DetailedBalanceError } from '../../src/symbolic/models/qubitFamily.js';
import { numericQubitFamily } from '../../src/symbolic/models/qubitFamilyNumeric.js';
import { math } from '../../src/symbolic/cas/mathjs.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';
import { modelClaims } from '../../properties/symbolicModels.js';
import { DEFAULT_RUNS, DEFAULT_SEED, matchesExpectation, runClaim, runMutant } from '../../src/claims/runner.js';
import { registryProblems } from '../../src/claims/select.js';
import { formatText, summarize } from '../../src/claims/report.js';

const FIXTURES = ['ohmic-dephasing', 'two-baths', 'rates'] as const;
const fixture = (name: string) => `test/fixtures/models/${name}.json`;
const models = new Map<string, { spec: ModelSpec; model: DerivedModel }>();

beforeAll(() => {
  for (const name of FIXTURES) {
    const spec = readModelFile(fixture(name));
    models.set(name, { spec, model: deriveQubitFamily(spec) });
  }
}, 300_000);
afterAll(closeCasWorkers);

/** Evaluate a form's `expr` with mathjs, the declared parameters as the only scope. */
function evaluate(expr: string, point: Readonly<Record<string, number>>): number {
  const v: unknown = math.evaluate(expr, { ...point });
  if (typeof v !== 'number') throw new Error(`${expr} is not real`);
  return v;
}

describe('the built-in qubit-davies model file', () => {
  it('derives the same JSON, byte for byte, as the model it replaced', () => {
    const json = `${JSON.stringify(toDeriveJson([deriveModelSync('qubit-davies')]), null, 2)}\n`;
    expect(json).toBe(readFileSync(fixture('qubit-davies.derive'), 'utf8'));
  }, 120_000);
});

describe('model files of the qubit family', () => {
  for (const name of FIXTURES) {
    it(`${name}: derives every form of K baths, proved or sampled, with LaTeX KaTeX renders and exprs mathjs evaluates`, () => {
      const { spec, model } = models.get(name)!;
      expect(model.name).toBe(name);
      expect(Object.keys(model.forms)).toEqual(allFormNames(spec.baths.length, spec.dephasing !== undefined));
      for (const s of model.steps) expect([s.id, s.report.status === 'refuted' ? s.expected : s.report.status]).toEqual([s.id, s.report.status === 'refuted' ? 'refuted' : expect.stringMatching(/^(proved|sampled)$/)]);
      const point = Object.fromEntries(Object.keys(spec.parameters).map((k) => [k, k === 'c0' || k === 'c' ? 0.1 : k === 'p10' || k === 'p' ? 0.3 : 0.7]));
      const engine = numericQubitFamily(spec, point);
      for (const [form, f] of Object.entries(model.forms)) {
        const html = katex.renderToString(`${f.latexName} = ${formLatex(model, form)}`, { displayMode: true, throwOnError: false });
        expect(html, form).not.toContain('katex-error');
        const closed = evaluate(f.inlined.toString(), point);
        expect(Math.abs(closed - engine[form]) / Math.max(1, Math.abs(closed)), form).toBeLessThan(1e-10);
      }
      expect(katex.renderToString(modelAlign(model), { displayMode: true, throwOnError: false })).not.toContain('katex-error');
      for (const p of Object.values(spec.parameters)) if (p.latex !== undefined) expect(Object.values(model.symbols)).toContain(p.latex);
    });
  }

  it('two-baths: the paper\'s one-bath statements are refuted with several baths at different temperatures', () => {
    const { model } = models.get('two-baths')!;
    const refuted = model.steps.filter((s) => s.expected === 'refuted').map((s) => [s.id, s.report.status]);
    expect(refuted).toEqual([
      ['eq5.printed', 'refuted'],
      ['b7.pi-d-printed', 'refuted'],
      ['b8.pi-d-zero-printed', 'refuted'],
    ]);
  });

  it('two-baths at its steady state: Υ = 0, Π_na = 0 and Π = Σ_k Π_d,k = Π_a > 0 (B8)', () => {
    const { model } = models.get('two-baths')!;
    const at = { w: 1, bh: 0.5, bc: 2, gh: 0.8, alpha: 0.6, wc: 2, gphi: 0.3, c0: 0, t: 1.5 };
    const pss = evaluate(model.forms.p1_ss.inlined.toString(), { ...at, p10: 0.5 });
    const point = { ...at, p10: pss };
    const v = (f: string) => evaluate(model.forms[f].inlined.toString(), point);
    expect(Math.abs(v('p1') - pss)).toBeLessThan(1e-14);
    expect(Math.abs(v('Upsilon'))).toBeLessThan(1e-12);
    expect(Math.abs(v('Pi_na'))).toBeLessThan(1e-12);
    expect(v('Pi')).toBeGreaterThan(1e-3);
    expect(v('Pi')).toBeCloseTo(v('Pi_d_1') + v('Pi_d_2'), 12);
    expect(v('Pi')).toBeCloseTo(v('Pi_a'), 12);
    expect(v('J_1') + v('J_2')).toBeCloseTo(0, 12);
  });

  it('refuses a model whose rates break detailed balance, naming the bath and both sides at a point', () => {
    const spec = readModelFile(fixture('broken-balance'));
    expect(() => deriveQubitFamily(spec)).toThrow(DetailedBalanceError);
    expect(() => deriveQubitFamily(spec)).toThrow(/^broken-balance: baths\[0\] breaks detailed balance W\(1\|0\)\/W\(0\|1\) = exp\(-beta\*w\): at w = [\d.]+, beta = [\d.]+, k = [\d.]+, absorption\/emission = [\d.]+ but exp\(-beta\*w\) = [\d.]+$/);
  }, 60_000);
});

describe('the claims of the model fixtures', () => {
  const opts = { seed: DEFAULT_SEED, runs: DEFAULT_RUNS };
  for (const name of FIXTURES) {
    it(`${name}: every claim has its expected verdict, and the cross-check refutes its mutant`, async () => {
      const { spec, model } = models.get(name)!;
      const claims = modelClaims(spec, model);
      expect(registryProblems(claims)).toEqual([]);
      expect(claims[0].id).toBe(`models.${name}.forms-vs-engine`);
      expect(claims.filter((c) => c.expected === 'refuted').length).toBeGreaterThanOrEqual(1);
      for (const claim of claims) {
        expect(() => katex.renderToString(claim.statement, { throwOnError: true }), claim.id).not.toThrow();
        const result = await runClaim(claim, opts);
        expect(matchesExpectation(result), formatText([result], summarize([result], opts))).toBe(true);
        if (claim.property?.mutant) expect((await runMutant(claim, opts)).verdict, claim.id).toBe('refuted');
      }
    }, 120_000);
  }
});
