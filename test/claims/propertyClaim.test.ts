import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { within } from '../../src/claims/claim.js';
import { claimSection, propertyClaim } from '../../src/claims/propertyClaim.js';
import { runClaim, runMutant } from '../../src/claims/runner.js';

/** |x² − x·x| ≤ 1e-12 holds; the mutant x² = 2x is refuted (x = 1). */
const spec = {
  id: 'test.square',
  equation: '-',
  statement: 'x^2 = x \\cdot x',
  hypotheses: ['x ∈ [0, 4]'],
  arbitrary: fc.integer({ min: 0, max: 4 }),
  check: (x: number) => within(Math.abs(x ** 2 - x * x), 1e-12, () => `x = ${x}`),
  mutant: (x: number) => within(Math.abs(x ** 2 - 2 * x), 1e-12, () => `x = ${x}`),
};

describe('propertyClaim', () => {
  it('builds a property claim expected to hold by default, carrying check, mutant and examples', () => {
    const c = propertyClaim({ ...spec, examples: [3] });
    expect(c.method).toBe('property');
    expect(c.expected).toBe('holds');
    expect(c.property?.mutant).toBeDefined();
    expect(c.property?.examples).toEqual([3]);
    expect(c.symbolic).toBeUndefined();
  });

  it('leaves out an empty list of examples and a missing mutant', () => {
    const { mutant: _mutant, ...noMutant } = spec;
    const c = propertyClaim({ ...noMutant, expected: 'refuted', examples: [] });
    expect(c.expected).toBe('refuted');
    expect(c.property?.mutant).toBeUndefined();
    expect(c.property && 'examples' in c.property).toBe(false);
  });

  it('with a symbolic check is checked both ways (method both)', () => {
    const c = propertyClaim({ ...spec, symbolic: async () => ({ verdict: 'proved', residual: 0, detail: 'by hand' }) });
    expect(c.method).toBe('both');
    expect(c.symbolic).toBeDefined();
  });

  it('runs: the check holds and the mutant is refuted', async () => {
    const c = propertyClaim(spec);
    expect((await runClaim(c, { seed: 1, runs: 50 })).verdict).toBe('holds');
    expect((await runMutant(c, { seed: 1, runs: 50 })).verdict).toBe('refuted');
  });

  it('names the section of an id', () => {
    expect(claimSection('davies.pi-split')).toBe('davies');
    expect(claimSection('symbolic.qubit-davies.form.p1')).toBe('symbolic');
    expect(claimSection('plain')).toBe('plain');
  });
});
