import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QepInputError } from '../../src/numeric/errors.js';
import { type DaviesResult, evaluateDavies } from '../../src/numeric/scenario/davies.js';
import { flatten } from './_values.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'qutip');
const names = readdirSync(join(fixtures, 'scenarios')).filter((f) => f.startsWith('davies_')).sort();
const read = (dir: string, name: string): unknown => JSON.parse(readFileSync(join(fixtures, dir, name), 'utf8'));

/** The comparison asked of the reference data: |a − b| ≤ 1e-8 or ≤ 1e-7 |b|; "Infinity" means +∞. */
const ABS = 1e-8;
const REL = 1e-7;


function mismatch(actual: number, expected: number): number {
  if (expected === Infinity || actual === Infinity) return actual === expected ? 0 : Infinity;
  const d = Math.abs(actual - expected);
  return d <= ABS || d <= REL * Math.abs(expected) ? 0 : d;
}

const BATH_KEYS = ['rho_ss', 'Srel_ss', 'J', 'Pi_baths', 'Pi_d_baths', 'Upsilon_baths', 'Upsilon_deph', 'Pi_na', 'Pi_a'];
const KEYS: readonly (keyof DaviesResult)[] = ['times', 'rho', 'populations', 'S', 'F', 'Srel', 'Srel_pop', 'C', 'Pi', 'Pi_d', 'Upsilon', 'Phi', 'dSdt'];

describe('davies scenarios against the QuTiP reference', () => {
  it('covers all twenty reference scenarios', () => expect(names.length).toBe(20));

  it.each(names)('%s agrees on every key to 1e-8 absolute / 1e-7 relative', (name) => {
    const result = evaluateDavies(read('scenarios', name)) as DaviesResult;
    const expected = read('expected', name) as Record<string, unknown>;
    // The reference has the one-bath keys; the result adds the several-baths keys (B3–B7).
    expect(Object.keys(result).sort()).toEqual([...Object.keys(expected), ...BATH_KEYS].sort());
    for (const key of KEYS) {
      const a = flatten(result[key]);
      const e = flatten(expected[key]);
      expect(a.length, key).toBe(e.length);
      const bad = a.map((x, i) => [i, x, e[i], mismatch(x, e[i])] as const).filter((r) => r[3] > 0);
      expect(bad, `${key}: [index, ours, qutip, |diff|]`).toEqual([]);
    }
  });
});

describe('davies scenario input validation', () => {
  const base = {
    model: 'davies',
    beta: 1,
    energies: [0, 1, 2.5],
    gamma: [[0, 0.3, 0.1], [0.3, 0, 0.5], [0.1, 0.5, 0]],
    rho0: { re: [[0.5, 0.1, 0], [0.1, 0.3, 0], [0, 0, 0.2]], im: [[0, 0.05, 0], [-0.05, 0, 0], [0, 0, 0]] },
    times: [0, 0.5, 1],
  };

  function fieldOf(input: unknown): string {
    try {
      evaluateDavies(input);
    } catch (e) {
      if (e instanceof QepInputError) return e.field;
      throw e;
    }
    return '(accepted)';
  }

  it('accepts the base scenario and returns every key with one entry per time', () => {
    const r = evaluateDavies(base) as DaviesResult;
    for (const key of KEYS) expect((r[key] as unknown[]).length).toBe(3);
  });

  it.each([
    ['not an object', [1, 2], 'scenario'],
    ['null', null, 'scenario'],
    ['wrong model', { ...base, model: 'thermal-operation' }, 'model'],
    ['an extra key', { ...base, seed: 3 }, 'seed'],
    ['no beta', { ...base, beta: undefined }, 'beta'],
    ['beta zero', { ...base, beta: 0 }, 'beta'],
    ['beta negative', { ...base, beta: -2 }, 'beta'],
    ['beta a string', { ...base, beta: '1' }, 'beta'],
    ['energies and H', { ...base, H: [[0, 0], [0, 1]] }, 'energies'],
    ['neither energies nor H', { ...base, energies: undefined }, 'energies'],
    ['energies descending', { ...base, energies: [0, 2.5, 1] }, 'energies'],
    ['energies degenerate', { ...base, energies: [0, 1, 1] }, 'energies'],
    ['an energy null', { ...base, energies: [0, null, 1] }, 'energies[1]'],
    ['H not Hermitian', { ...base, energies: undefined, H: [[0, 1, 0], [0, 1, 0], [0, 0, 2]] }, 'H'],
    ['H ragged', { ...base, energies: undefined, H: [[0, 1, 0], [1, 1], [0, 0, 2]] }, 'H[1]'],
    ['rates and gamma', { ...base, rates: base.gamma }, 'rates'],
    ['neither rates nor gamma', { ...base, gamma: undefined }, 'rates'],
    ['gamma as {re, im}', { ...base, gamma: { re: base.gamma } }, 'gamma'],
    ['gamma of the wrong size', { ...base, gamma: [[0, 1], [1, 0]] }, 'gamma'],
    ['gamma negative', { ...base, gamma: [[0, -0.3, 0.1], [-0.3, 0, 0.5], [0.1, 0.5, 0]] }, 'gamma[0][1]'],
    ['rates violating detailed balance', { ...base, gamma: undefined, rates: [[0, 1, 1], [1, 0, 1], [1, 1, 0]] }, 'rates'],
    ['dephasing too short', { ...base, dephasing: [0.1] }, 'dephasing'],
    ['dephasing negative', { ...base, dephasing: [0.1, -1, 0] }, 'dephasing[1]'],
    ['rho0 missing', { ...base, rho0: undefined }, 'rho0'],
    ['rho0 of the wrong size', { ...base, rho0: [[1, 0], [0, 0]] }, 'rho0'],
    ['rho0 not of trace 1', { ...base, rho0: [[1, 0, 0], [0, 1, 0], [0, 0, 0]] }, 'rho0'],
    ['rho0 not positive', { ...base, rho0: [[1.5, 0, 0], [0, -0.5, 0], [0, 0, 0]] }, 'rho0'],
    ['rho0 not Hermitian', { ...base, rho0: [[0.5, 0.2, 0], [0, 0.5, 0], [0, 0, 0]] }, 'rho0'],
    ['times descending', { ...base, times: [0, 1, 0.5] }, 'times'],
    ['times negative', { ...base, times: [-1, 0] }, 'times[0]'],
    ['times empty', { ...base, times: [] }, 'times'],
  ])('rejects %s with an error naming the field', (_label, input, field) => {
    expect(fieldOf(JSON.parse(JSON.stringify(input)))).toBe(field);
  });

  it('names the entry for NaN and infinite numbers (as a JS caller could pass them)', () => {
    expect(fieldOf({ ...base, beta: NaN })).toBe('beta');
    expect(fieldOf({ ...base, times: [0, Infinity] })).toBe('times[1]');
    expect(fieldOf({ ...base, rho0: [[NaN, 0, 0], [0, 1, 0], [0, 0, 0]] })).toBe('rho0[0][0]');
    expect(fieldOf({ ...base, energies: [0, 1, -Infinity] })).toBe('energies[2]');
  });

  // A fuzz of malformed scenarios: start from valid ones, break one field at random.
  const junk = fc.oneof(
    fc.constantFrom(null, true, 'x', '', [], {}, [[]], NaN, Infinity, -Infinity, -1, 0, 1e308, -0),
    fc.array(fc.oneof(fc.double(), fc.constant(null)), { maxLength: 4 }),
    fc.array(fc.array(fc.double(), { maxLength: 4 }), { maxLength: 4 }),
    fc.record({ re: fc.array(fc.array(fc.double(), { maxLength: 3 }), { maxLength: 3 }), im: fc.anything() }),
    // Lists of more or less well-formed baths (B1).
    fc.array(
      fc.record(
        {
          beta: fc.oneof(fc.double(), fc.constant(1)),
          gamma: fc.oneof(fc.array(fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.anything()),
          rates: fc.array(fc.array(fc.double(), { maxLength: 4 }), { maxLength: 4 }),
          spectralDensity: fc.record({ kind: fc.constantFrom('ohmic', 'x'), alpha: fc.double(), cutoff: fc.double(), exponent: fc.double() }, { requiredKeys: [] }),
        },
        { requiredKeys: ['beta'] },
      ),
      { maxLength: 3 },
    ),
    fc.anything(),
  );
  const keys = ['model', 'beta', 'energies', 'H', 'rates', 'gamma', 'baths', 'dephasing', 'rho0', 'times', 'extra'] as const;
  const valid = fc.record({
    beta: fc.double({ min: 1e-3, max: 50, noNaN: true }),
    d: fc.integer({ min: 1, max: 4 }),
    withH: fc.boolean(),
    withRates: fc.boolean(),
  });

  function validScenario(v: { beta: number; d: number; withH: boolean; withRates: boolean }): Record<string, unknown> {
    const E = Array.from({ length: v.d }, (_, n) => n * 0.7 + 0.1 * n * n);
    const g = E.map((_, n) => E.map((__, m) => (n === m ? 0 : 0.2 + 0.1 * (n + m))));
    const rates = g.map((row, n) => row.map((x, m) => (n === m ? 0 : n > m ? x / Math.expm1(v.beta * (E[n] - E[m])) : x * (1 + 1 / Math.expm1(v.beta * (E[m] - E[n]))))));
    const rho0 = E.map((_, n) => E.map((__, m) => (n === m ? 1 / v.d : 0)));
    const s: Record<string, unknown> = { model: 'davies', beta: v.beta, rho0, times: [0, 0.3] };
    if (v.withH) s.H = E.map((e, n) => E.map((_, m) => (n === m ? e : 0)));
    else s.energies = E;
    if (v.withRates) s.rates = rates;
    else s.gamma = g;
    return s;
  }

  it('never crashes other than with a QepInputError, and never outputs NaN (fuzz)', () => {
    fc.assert(
      fc.property(valid, fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(junk, fc.constant(undefined))), { minLength: 1, maxLength: 3 }), (v, edits) => {
        const s = validScenario(v);
        for (const [k, val] of edits) {
          if (val === undefined) delete s[k];
          else s[k] = val;
        }
        let result: DaviesResult;
        try {
          result = evaluateDavies(s) as DaviesResult;
        } catch (e) {
          if (!(e instanceof QepInputError)) throw e;
          expect(e.message).toMatch(/ must be /);
          return;
        }
        for (const key of [...KEYS, ...BATH_KEYS]) expect(flatten((result as unknown as Record<string, unknown>)[key]).some(Number.isNaN), key).toBe(false);
      }),
      { seed: 20240521, numRuns: 400 },
    );
  });

  it('never outputs NaN on valid scenarios at extreme temperatures and for pure initial states (fuzz)', () => {
    fc.assert(
      fc.property(valid, fc.double({ min: 1e-6, max: 1e4, noNaN: true }), fc.integer({ min: 0, max: 3 }), (v, beta, k) => {
        const s = validScenario({ ...v, beta });
        const d = v.d;
        const j = k % d;
        s.rho0 = Array.from({ length: d }, (_, n) => Array.from({ length: d }, (__, m) => (n === j && m === j ? 1 : 0)));
        s.times = [0, 1e-3, 1, 100];
        const r = evaluateDavies(s) as DaviesResult;
        for (const key of [...KEYS, ...BATH_KEYS]) expect(flatten((r as unknown as Record<string, unknown>)[key]).some(Number.isNaN), key).toBe(false);
        expect(r.S.every((x) => x >= 0)).toBe(true);
      }),
      { seed: 7, numRuns: 150 },
    );
  });
});
