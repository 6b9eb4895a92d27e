import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelFile, validateModelFile, allFormNames, modelNameOf } from '../../src/symbolic/models/modelFile.js';
import { QepInputError } from '../../src/numeric/errors.js';

const base = {
  model: 'm',
  parameters: {
    w: { domain: 'positive', latex: '\\omega' },
    beta: { domain: 'positive' },
    g: { domain: 'positive' },
    p10: { domain: 'probability' },
    c0: { domain: 'coherence' },
    t: { domain: 'nonnegative' },
  },
  gap: 'w',
  baths: [{ beta: 'beta', coupling: 'g' }],
  initial: { p1: 'p10', abs_c: 'c0' },
  time: 't',
};

function message(json: unknown): string {
  try {
    validateModelFile(json, 'm');
  } catch (e) {
    expect(e).toBeInstanceOf(QepInputError);
    const m = (e as Error).message;
    expect(m.split('\n')).toHaveLength(1);
    return m;
  }
  throw new Error('accepted an invalid model file');
}

describe('the model file format', () => {
  it('accepts the format of the contract, with latex defaulting to the name', () => {
    const spec = validateModelFile(base, 'm');
    expect(spec.parameters.beta.latex).toBe('beta');
    expect(spec.parameters.w.latex).toBe('\\omega');
    expect(spec.baths).toEqual([{ kind: 'coupling', beta: 'beta', coupling: 'g' }]);
    expect(spec.title).toBe('m');
  });

  it('names the JSON path of a wrong shape', () => {
    expect(message({ ...base, gap: 3 })).toMatch(/^gap must be of type string \(got number\)/);
    expect(message({ ...base, baths: [{ beta: 'beta' }] })).toMatch(/^baths\[0\] must be given by "coupling" or by both "absorption" and "emission"/);
    expect(message({ ...base, baths: [{ beta: 'beta', coupling: 'g', emission: 'g' }] })).toMatch(/^baths\[0\] must be either "coupling" or both/);
    expect(message({ ...base, baths: [{ beta: 'beta', absorption: 'g' }] })).toMatch(/^baths\[0\]/);
    expect(message({ ...base, parameters: { ...base.parameters, x: { domain: 'complex' } } })).toMatch(/^parameters\.x\.domain must be one of "positive", "nonnegative", "probability", "coherence"/);
    expect(message({ ...base, extra: 1 })).toMatch(/must be free of unknown keys \(got "extra"\)/);
    expect(message({ ...base, baths: [] })).toMatch(/^baths must be at least one bath/);
    expect(message({ ...base, initial: { p1: 'p10' } })).toMatch(/^initial\.abs_c must be of type string \(got missing\)/);
  });

  it('refuses undeclared symbols, unsupported functions, syntax errors and assignments in expressions', () => {
    expect(message({ ...base, baths: [{ beta: 'beta', coupling: 'g*wc' }] })).toMatch(/^baths\[0\]\.coupling must be written in the parameters .* \(got unknown symbol "wc"\)/);
    expect(message({ ...base, gap: 'foo(w)' })).toMatch(/^gap must be built from numbers, the parameters .*\(got unknown function "foo"\)/);
    expect(message({ ...base, gap: 'w +' })).toMatch(/^gap must be valid mathjs syntax/);
    expect(message({ ...base, gap: 'w = 2' })).toMatch(/^gap must be one arithmetic expression/);
    expect(message({ ...base, gap: 'w > 2' })).toMatch(/^gap must be built from numbers.*unsupported operator ">"/);
    expect(message({ ...base, gap: '"w"' })).toMatch(/^gap must be built from numbers.*\(got the constant "w"\)/);
  });

  it('refuses a time-dependent generator, a time parameter that may be negative, and reserved names', () => {
    expect(message({ ...base, gap: 'w*t' })).toMatch(/^gap must be written in the parameters w, beta, g, p10, c0 \(and pi, e\) \(got unknown symbol "t"\)/);
    expect(message({ ...base, parameters: { ...base.parameters, t: { domain: 'positive' } } })).toMatch(/^parameters\.t\.domain must be "nonnegative" for the time parameter/);
    expect(message({ ...base, time: 'tau' })).toMatch(/^time must be a declared parameter \(got "tau"\)/);
    expect(message({ ...base, parameters: { ...base.parameters, gamma1: { domain: 'positive' } } })).toMatch(/^parameters\.gamma1 must be a name not reserved/);
    expect(message({ ...base, parameters: { ...base.parameters, A3: { domain: 'positive' } } })).toMatch(/^parameters\.A3 must be a name not reserved/);
    expect(message({ ...base, initial: { p1: 'c0', abs_c: 'c0' } })).toMatch(/^initial\.p1 must be written in the parameters/);
  });

  it('lists the forms of K baths with the one-bath names only for one bath, and checks a "forms" selection', () => {
    expect(allFormNames(1, false)).toEqual(expect.arrayContaining(['detailed_balance', 'Srel', 'Srel_pop', 'J_1', 'Pi_1', 'Pi_d_1', 'Upsilon_1', 'detailed_balance_1', 'Pi_na', 'Pi_a']));
    const two = allFormNames(2, true);
    expect(two).not.toContain('Srel');
    expect(two).toEqual(expect.arrayContaining(['gamma1', 'gamma2', 'p1_ss', 'p1', 'abs_c', 'S', 'C', 'Srel_ss', 'Pi', 'Pi_d', 'Upsilon', 'Upsilon_deph', 'Phi', 'dSdt', 'Pi_na', 'Pi_a', 'J_2', 'Upsilon_2']));
    expect(message({ ...base, forms: ['Upsilon_deph'] })).toMatch(/^forms\[0\] must be a form of this model/);
  });

  it('reads a file: its base name is the model name; bad JSON and a missing file are one-line input errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qep-model-'));
    const good = join(dir, 'my-qubit.json');
    writeFileSync(good, JSON.stringify(base));
    expect(readModelFile(good).name).toBe('my-qubit');
    expect(modelNameOf('/x/y/two-baths.json')).toBe('two-baths');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"model": ');
    expect(() => readModelFile(bad)).toThrow(/bad\.json must be valid JSON/);
    const undeclared = join(dir, 'undeclared.json');
    writeFileSync(undeclared, JSON.stringify({ ...base, dephasing: 'gphi' }));
    expect(() => readModelFile(undeclared)).toThrow(/^undeclared: dephasing must be written in the parameters .*"gphi"/);
    expect(() => readModelFile(join(dir, 'missing.json'))).toThrow(/^--model must be a readable model file .*ENOENT/);
  });
});

describe('the physical conditions of a model file', () => {
  it('are checked at sample points before the derivation, with one line naming the field and the point', async () => {
    const { deriveQubitFamily } = await import('../../src/symbolic/models/qubitFamily.js');
    const derive = (json: unknown) => () => deriveQubitFamily(validateModelFile(json, 'm'));
    expect(derive({ ...base, initial: { p1: 'p10 + 0.5', abs_c: 'c0' } })).toThrow(/^m: initial\.p1 must be in \(0, 1\) on the declared domains \(got 1\.\d+ at w = /);
    expect(derive({ ...base, initial: { p1: 'p10', abs_c: '0.6' } })).toThrow(/^m: initial\.abs_c must be in \[0, √\(p₁\(0\)\(1 − p₁\(0\)\)\)\) \(ρ\(0\) mixed\) on the declared domains/);
    expect(derive({ ...base, baths: [{ beta: 'beta - 1', coupling: 'g' }] })).toThrow(/^m: baths\[0\]\.beta must be > 0 on the declared domains \(got -/);
    expect(derive({ ...base, gap: 'w - 2' })).toThrow(/^m: gap must be > 0/);
  });
});
