import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QepInputError } from '../../src/numeric/errors.js';
import { evaluateThermalOperation } from '../../src/numeric/scenario/thermal.js';
import { inputErrorOf } from './_values.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'qutip');
const names = readdirSync(join(fixtures, 'scenarios')).filter((f) => f.startsWith('thermal_')).sort();
const read = (sub: string, name: string): Record<string, unknown> => JSON.parse(readFileSync(join(fixtures, sub, name), 'utf8'));

const ABS = 1e-8;
const REL = 1e-7;

/** Every numeric leaf of `expected` compared with the same path in `got`: |a − b| ≤ ABS or ≤ REL·|b|. Returns the mismatches. */
function compare(got: unknown, expected: unknown, path: string, out: string[], worst: { d: number; at: string }): void {
  if (expected === null) {
    if (got !== null) out.push(`${path}: expected null, got ${JSON.stringify(got)}`);
    return;
  }
  if (typeof expected === 'number') {
    if (typeof got !== 'number') {
      out.push(`${path}: expected ${expected}, got ${JSON.stringify(got)}`);
      return;
    }
    const d = Math.abs(got - expected);
    if (d > worst.d) Object.assign(worst, { d, at: path });
    if (!(d <= ABS || d <= REL * Math.abs(expected))) out.push(`${path}: expected ${expected}, got ${got} (|diff| ${d.toExponential(2)})`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length) {
      out.push(`${path}: expected an array of ${expected.length}, got ${JSON.stringify(got)}`);
      return;
    }
    expected.forEach((x, i) => compare(got[i], x, `${path}[${i}]`, out, worst));
    return;
  }
  if (typeof expected === 'object') {
    if (got === null || typeof got !== 'object') {
      out.push(`${path}: expected an object, got ${JSON.stringify(got)}`);
      return;
    }
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) compare((got as Record<string, unknown>)[k], v, `${path}.${k}`, out, worst);
  }
}

describe('thermal-operation scenarios against the QuTiP reference', () => {
  it('has the 20 reference scenarios', () => {
    expect(names.length).toBe(20);
  });

  const worst = { d: 0, at: '' };
  for (const name of names) {
    it(`${name} agrees with QuTiP on every key to 1e-8 abs / 1e-7 rel`, () => {
      const expected = read('expected', name);
      const got = evaluateThermalOperation(read('scenarios', name));
      const mismatches: string[] = [];
      compare(got, expected, '', mismatches, worst);
      expect(mismatches).toEqual([]);
      expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    });
  }

  it('agrees far inside the tolerance (worst absolute deviation below 1e-12)', () => {
    for (const name of names) compare(evaluateThermalOperation(read('scenarios', name)), read('expected', name), name, [], worst);
    expect(worst.d, worst.at).toBeLessThan(1e-12);
  });
});

const base = (): Record<string, unknown> => ({
  model: 'thermal-operation',
  beta: 1,
  HS: [
    [0, 0],
    [0, 1],
  ],
  HE: [
    [0, 0],
    [0, 1],
  ],
  rhoS: [
    [0.5, 0.5],
    [0.5, 0.5],
  ],
  U: [
    [1, 0, 0, 0],
    [0, 0, 1, 0],
    [0, 1, 0, 0],
    [0, 0, 0, 1],
  ],
});

const errorOf = (input: unknown): QepInputError => inputErrorOf(evaluateThermalOperation, input);

describe('thermal-operation input validation', () => {
  it('evaluates the full swap of resonant qubits: all coherence of S moves to E', () => {
    const out = evaluateThermalOperation(base());
    expect(out.C_S_final).toBeCloseTo(0, 12);
    expect(out.C_E_final).toBeCloseTo(Math.log(2), 12);
    expect(out.C_cc).toBeCloseTo(0, 12);
  });

  const cases: Array<[string, (s: Record<string, unknown>) => unknown, string]> = [
    ['a non-object', () => [1, 2], 'scenario'],
    ['an unknown key', (s) => ({ ...s, gamma: 1 }), 'gamma'],
    ['a missing beta', ({ beta: _b, ...s }) => s, 'beta'],
    ['a wrong model', (s) => ({ ...s, model: 'davies' }), 'model'],
    ['a negative beta', (s) => ({ ...s, beta: -1 }), 'beta'],
    ['a string beta', (s) => ({ ...s, beta: '1' }), 'beta'],
    ['a non-Hermitian HS', (s) => ({ ...s, HS: [[0, 1], [0, 1]] }), 'HS'],
    ['a ragged HE', (s) => ({ ...s, HE: [[0, 0], [0]] }), 'HE[1]'],
    ['a NaN in rhoS', (s) => ({ ...s, rhoS: [[NaN, 0], [0, 1]] }), 'rhoS[0][0]'],
    ['rhoS of trace 2', (s) => ({ ...s, rhoS: [[1, 0], [0, 1]] }), 'rhoS'],
    ['a negative rhoS', (s) => ({ ...s, rhoS: [[1.5, 0], [0, -0.5]] }), 'rhoS'],
    ['rhoS of the wrong size', (s) => ({ ...s, rhoS: [[1, 0, 0], [0, 0, 0], [0, 0, 0]] }), 'rhoS'],
    ['a non-unitary U', (s) => ({ ...s, U: [[1, 0, 0, 0], [0, 1, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]] }), 'U'],
    ['a U that does not conserve energy', (s) => ({ ...s, U: [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] }), 'U'],
    ['both U and V', (s) => ({ ...s, V: [[0]], t: 1 }), 'V'],
    ['neither U nor V', ({ U: _u, ...s }) => s, 'U'],
    ['V without t', ({ U: _u, ...s }) => ({ ...s, V: [[0, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]] }), 't'],
    ['a V that does not commute', ({ U: _u, ...s }) => ({ ...s, t: 1, V: [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]] }), 'V'],
    ['a non-Hermitian V', ({ U: _u, ...s }) => ({ ...s, t: 1, V: [[0, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0]] }), 'V'],
    ['an infinite t', ({ U: _u, ...s }) => ({ ...s, t: Infinity, V: [[0, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]] }), 't'],
    ['a fractional sample count', (s) => ({ ...s, samples: 2.5 }), 'samples'],
    ['too many samples', (s) => ({ ...s, samples: 1e9 }), 'samples'],
    ['a seed without samples', (s) => ({ ...s, seed: 3 }), 'seed'],
    ['a negative seed', (s) => ({ ...s, samples: 10, seed: -1 }), 'seed'],
  ];
  for (const [what, make, field] of cases) {
    it(`rejects ${what} with a QepInputError naming ${field}`, () => {
      const e = errorOf(make(base()));
      expect(e.field).toBe(field);
      expect(e.message.startsWith(`${field} must be`)).toBe(true);
    });
  }

  it('reports the energy-conservation residual and its tolerance in the message', () => {
    const e = errorOf({ ...base(), U: [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] });
    expect(e.residual).toBeCloseTo(0.5, 12); // ‖[U, H]‖_max = 1, ‖H‖_max = 2
    expect(e.message).toMatch(/energy conserving .*got 0\.500, tolerance 1\.00e-9/);
  });

  it('adds Monte Carlo trajectory means within 5 standard errors of the exact ones when samples are asked for', () => {
    const name = names.find((n) => n.includes('thermal_08'))!;
    const out = evaluateThermalOperation({ ...read('scenarios', name), samples: 20000, seed: 3 });
    const traj = out.traj as unknown as Record<string, number>;
    for (const k of ['sigma', 'sigma_d', 'xi', 'exp_minus_sigma', 'exp_minus_sigma_d']) {
      expect(Math.abs(traj[`sampled_mean_${k}`] - traj[`mean_${k}`]), k).toBeLessThan(5 * traj[`stderr_${k}`]);
    }
    const again = evaluateThermalOperation({ ...read('scenarios', name), samples: 20000, seed: 3 });
    expect(again.traj).toEqual(out.traj);
  });

  it('accepts U given by V and t and agrees with the closed-form partial swap', () => {
    const theta = 0.7;
    const out = evaluateThermalOperation({
      ...base(),
      U: undefined,
      V: [[0, 0, 0, 0], [0, 0, theta, 0], [0, theta, 0, 0], [0, 0, 0, 0]],
      t: 1,
    });
    // Q(1|0) = q_1 sin²θ, Q(0|1) = q_0 sin²θ for resonant qubits (Eq. 19).
    const q1 = Math.exp(-1) / (1 + Math.exp(-1));
    expect(out.Q[1][0]).toBeCloseTo(q1 * Math.sin(theta) ** 2, 14);
    expect(out.Q[0][1]).toBeCloseTo((1 - q1) * Math.sin(theta) ** 2, 14);
  });
});

/** True when some number anywhere inside `x` is NaN (JSON.stringify would hide it as null). */
function hasNaN(x: unknown): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (Array.isArray(x)) return x.some(hasNaN);
  if (x !== null && typeof x === 'object') return Object.values(x).some(hasNaN);
  return false;
}

describe('thermal-operation fuzzing', () => {
  const matrix = (n: number, m: number) => fc.array(fc.array(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -2, max: 2 })), { minLength: m, maxLength: m }), { minLength: n, maxLength: n });
  const anyValue = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.double(), matrix(2, 2), matrix(4, 4), matrix(3, 2), fc.constant([]));

  it('never crashes on malformed scenarios with anything but a QepInputError, and never outputs NaN', () => {
    const mutate = fc.record({
      key: fc.constantFrom('model', 'beta', 'HS', 'HE', 'rhoS', 'U', 'V', 't', 'samples', 'seed', 'extra'),
      value: anyValue,
    });
    fc.assert(
      fc.property(fc.array(mutate, { minLength: 1, maxLength: 3 }), (edits) => {
        const s = base();
        for (const { key, value } of edits) {
          if (value === undefined) delete s[key];
          else s[key] = value;
        }
        try {
          const out = evaluateThermalOperation(s);
          expect(hasNaN(out)).toBe(false);
          for (const v of Object.values(out)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(QepInputError);
        }
      }),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('never outputs NaN on valid scenarios with extreme temperatures and pure or mixed states', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (beta, p, f, theta) => {
          const c = f * Math.sqrt(p * (1 - p));
          const out = evaluateThermalOperation({
            ...base(),
            beta,
            rhoS: [
              [p, c],
              [c, 1 - p],
            ],
            U: undefined,
            V: [[0, 0, 0, 0], [0, 0, theta, 0], [0, theta, 0, 0], [0, 0, 0, 0]],
            t: 1,
          });
          expect(hasNaN(out)).toBe(false);
          for (const k of ['Sigma', 'Sigma_d', 'Xi', 'Srel_E', 'I_SE', 'C_cc'] as const) expect(Number.isFinite(out[k])).toBe(true);
        },
      ),
      { seed: 77, numRuns: 200 },
    );
  });
});
