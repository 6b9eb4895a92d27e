import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QepInputError } from '../../src/numeric/errors.js';
import { DEFAULT_COMPARE_TOLERANCE, compareResults } from '../../src/numeric/scenario/compare.js';

const EXPECTED = join(import.meta.dirname, '..', 'fixtures', 'qutip', 'expected');
const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(EXPECTED, name), 'utf8')) as Record<string, unknown>;
const davies = read('davies_09_d2_energies_rates_pure.json'); // has "Infinity" entries
const thermal = read('thermal_04_dS2_dE2_pswap_V_pure.json'); // has null α entries and traj
const clone = <T>(x: T): T => structuredClone(x);

/** Number of leaves (numbers, strings, booleans, nulls) of a JSON value: the naive reference for `compared`. */
function leaves(x: unknown): number {
  if (Array.isArray(x)) return x.reduce((n: number, y) => n + leaves(y), 0);
  if (x !== null && typeof x === 'object') return Object.values(x).reduce((n: number, y) => n + leaves(y), 0);
  return 1;
}

describe('compareResults', () => {
  it('passes two equal results and counts every leaf', () => {
    for (const r of [davies, thermal]) {
      const c = compareResults(clone(r), r);
      expect(c.ok).toBe(true);
      expect(c.mismatches).toEqual([]);
      expect(c.compared).toBe(leaves(r));
      expect(c.worst?.deviation).toBe(0);
    }
  });

  it('finds a single perturbed entry deep in a matrix, with its path, both values and the deviation', () => {
    const actual = clone(davies) as { rho: { im: number[][] }[] };
    const e = actual.rho[2].im[0][1];
    actual.rho[2].im[0][1] = e + 1e-6;
    const c = compareResults(actual, davies);
    expect(c.ok).toBe(false);
    expect(c.mismatches).toHaveLength(1);
    const [m] = c.mismatches;
    expect(m.path).toBe('rho[2].im[0][1]');
    expect(m.kind).toBe('value');
    expect(m.actual).toBe(e + 1e-6);
    expect(m.expected).toBe(e);
    expect(m.deviation).toBeCloseTo(1e-6, 15);
    expect(m.tolerance).toBe(1e-8 + 1e-7 * Math.abs(e));
  });

  it('names paths in nested objects and lists: Pi_d[3], traj.mean_xi, alpha.re[0][1]', () => {
    const a = clone(davies) as { Pi_d: number[] };
    a.Pi_d[3] *= 1.001;
    expect(compareResults(a, davies).mismatches.map((m) => m.path)).toEqual(['Pi_d[3]']);
    const t = clone(thermal) as { traj: { mean_xi: number }; alpha: { re: (number | null)[][] } };
    t.traj.mean_xi += 1e-3;
    t.alpha.re[0][1] = null;
    expect(compareResults(t, thermal).mismatches.map((m) => [m.path, m.kind])).toEqual([
      ['alpha.re[0][1]', 'type'],
      ['traj.mean_xi', 'value'],
    ]);
  });

  it('passes |a − e| ≤ atol + rtol·|e| and fails just beyond it', () => {
    const e = 3;
    const tol = 1e-8 + 1e-7 * 3;
    expect(compareResults({ x: e + tol * 0.999 }, { x: e }).ok).toBe(true);
    expect(compareResults({ x: e + tol * 1.001 }, { x: e }).ok).toBe(false);
    expect(compareResults({ x: e + 0.5 }, { x: e }, { atol: 0, rtol: 0.2 }).ok).toBe(true);
    expect(compareResults({ x: 1e-12 }, { x: 0 }, { atol: 0, rtol: 1 }).ok).toBe(false);
    expect(DEFAULT_COMPARE_TOLERANCE).toEqual({ atol: 1e-8, rtol: 1e-7 });
  });

  it('matches "Infinity" only with "Infinity" or Infinity, and never matches NaN', () => {
    expect(compareResults({ Pi: ['Infinity'] }, { Pi: ['Infinity'] }).ok).toBe(true);
    expect(compareResults({ Pi: [Infinity] }, { Pi: ['Infinity'] }).ok).toBe(true);
    expect(compareResults({ Pi: ['Infinity'] }, { Pi: [Infinity] }).ok).toBe(true);
    for (const other of [1e308, Number.MAX_VALUE, '-Infinity', -Infinity, 'inf', null, NaN, 'NaN']) {
      const c = compareResults({ Pi: [other] }, { Pi: ['Infinity'] });
      expect(c.ok, String(other)).toBe(false);
      expect(c.mismatches[0].path).toBe('Pi[0]');
      expect(c.mismatches[0].deviation).toBe(Infinity);
    }
    expect(compareResults({ Pi: [1] }, { Pi: ['Infinity'] }, { atol: 1e300, rtol: 1 }).ok).toBe(false);
    expect(compareResults({ x: NaN }, { x: NaN }).ok).toBe(false);
  });

  it('reports missing and extra keys and list items as mismatches, and top-level keys the expected file lacks as unchecked', () => {
    const a = clone(thermal) as Record<string, unknown> & { traj: Record<string, unknown>; Q: number[][] };
    delete a.traj.mean_xi;
    a.Sigma_extra = 1;
    a.traj.xi_extra = 2;
    a.Q[1].push(0.5);
    const c = compareResults(a, thermal);
    expect(c.mismatches.map((m) => [m.path, m.kind])).toEqual([
      ['Q[1][2]', 'extra'],
      ['traj.mean_xi', 'missing'],
      ['traj.xi_extra', 'extra'],
    ]);
    expect(c.unchecked).toEqual(['Sigma_extra']);
    expect(compareResults({ Pi: [1], Pi_a: [0] }, { Pi: [1] })).toMatchObject({ ok: true, unchecked: ['Pi_a'] });
    expect(c.mismatches[1].expected).toBe((thermal.traj as Record<string, unknown>).mean_xi);
    expect(c.mismatches[1].actual).toBeUndefined();
    const shortList = compareResults({ S: [1] }, { S: [1, 2] });
    expect(shortList.mismatches).toMatchObject([{ path: 'S[1]', kind: 'missing', expected: 2 }]);
    expect(compareResults({ S: [1, 2] }, { S: { a: 1 } }).mismatches).toMatchObject([{ path: 'S', kind: 'type' }]);
  });

  it('compares live results too: typed arrays count as lists, Infinity as "Infinity"', () => {
    expect(compareResults({ p: new Float64Array([0.25, 0.75]), Pi: [Infinity] }, { p: [0.25, 0.75], Pi: ['Infinity'] }).ok).toBe(true);
  });

  it('reports the agreeing value closest to its tolerance as the worst', () => {
    const c = compareResults({ a: 1 + 1e-9, b: [100 + 5e-6] }, { a: 1, b: [100] });
    expect(c.ok).toBe(true);
    expect(c.worst?.path).toBe('b[0]'); // 5e-6 of 1e-5 + 1e-8 beats 1e-9 of 1.1e-7
    expect(c.worst?.ratio).toBeCloseTo(5e-6 / (1e-8 + 1e-5), 6);
  });

  it('quotes keys that are not identifiers', () => {
    expect(compareResults({ 'a b': 1 }, { 'a b': 2 }).mismatches[0].path).toBe('["a b"]');
    expect(compareResults({ x: { 'a-b': 1 } }, { x: { 'a-b': 2 } }).mismatches[0].path).toBe('x["a-b"]');
  });

  it('rejects a negative or non-finite tolerance with a QepInputError naming it', () => {
    expect(() => compareResults(1, 1, { atol: -1 })).toThrow(QepInputError);
    expect(() => compareResults(1, 1, { rtol: NaN })).toThrow(/^rtol must be/);
    expect(() => compareResults(1, 1, { atol: Infinity })).toThrow(/^atol must be/);
  });

  it('passes any JSON value against itself and finds exactly the one number perturbed in it (property)', () => {
    const numberPaths = (x: unknown, path: string, out: { path: string; set: (v: number) => void; get: () => number }[], parent?: { obj: Record<string, unknown> | unknown[]; key: string | number }) => {
      if (typeof x === 'number' && parent) {
        const { obj, key } = parent;
        out.push({ path, set: (v) => ((obj as Record<string, unknown>)[key as string] = v), get: () => x });
      } else if (Array.isArray(x)) {
        x.forEach((y, i) => numberPaths(y, `${path}[${i}]`, out, { obj: x, key: i }));
      } else if (x !== null && typeof x === 'object') {
        for (const [k, y] of Object.entries(x)) numberPaths(y, /^[A-Za-z_$][\w$]*$/.test(k) ? (path === '' ? k : `${path}.${k}`) : `${path}[${JSON.stringify(k)}]`, out, { obj: x as Record<string, unknown>, key: k });
      }
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, pick) => {
        expect(compareResults(clone(value), value).ok).toBe(true);
        const copy = clone(value);
        const targets: { path: string; set: (v: number) => void; get: () => number }[] = [];
        numberPaths(copy, '', targets);
        if (targets.length === 0) return;
        const t = targets[pick % targets.length];
        const before = t.get();
        t.set(before + 1 + Math.abs(before)); // far beyond atol + rtol·|e|
        const c = compareResults(copy, value);
        expect(c.mismatches.map((m) => m.path)).toEqual([t.path]);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
