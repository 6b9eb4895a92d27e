import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { QepInputError } from '../../src/numeric/errors.js';
import { type DaviesBathsResult, type DaviesResult, evaluateDavies } from '../../src/numeric/scenario/davies.js';
import { evaluateScenario } from '../../src/numeric/scenario/index.js';
import { flatten, inputErrorOf } from './_values.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'baths');
const names = readdirSync(join(fixtures, 'scenarios')).filter((f) => f.endsWith('.json')).sort();
const read = (dir: string, name: string): Record<string, unknown> => JSON.parse(readFileSync(join(fixtures, dir, name), 'utf8')) as Record<string, unknown>;

/** The comparison asked of the several-baths references: |a − b| ≤ 1e-8 or ≤ 1e-6 |b|. */
const ABS = 1e-8;
const REL = 1e-6;

const agree = (a: number, e: number): boolean => (a === e ? true : Math.abs(a - e) <= ABS || Math.abs(a - e) <= REL * Math.abs(e));

/** The keys of the reference files, read from our result (`rho_ss_diag` is the diagonal of `rho_ss`). */
function ours(r: DaviesBathsResult, key: string): unknown {
  if (key === 'rho_ss_diag') return r.rho_ss.re.map((row, n) => row[n]);
  return (r as unknown as Record<string, unknown>)[key];
}

describe('several-baths davies scenarios against the numpy references (B1–B9)', () => {
  it('covers the twelve reference scenarios', () => expect(names.length).toBe(12));

  it.each(names)('%s agrees on every key to 1e-8 absolute or 1e-6 relative', (name) => {
    const result = evaluateScenario(read('scenarios', name)) as DaviesBathsResult;
    const expected = read('expected', name);
    expect(Object.keys(expected).length).toBe(16);
    for (const key of Object.keys(expected)) {
      const a = flatten(ours(result, key));
      const e = flatten(expected[key]);
      expect(a.length, key).toBe(e.length);
      const bad = a.map((x, i) => [i, x, e[i]] as const).filter(([, x, y]) => !agree(x, y));
      expect(bad, `${key}: [index, ours, reference]`).toEqual([]);
    }
  });

  it('has F, Srel and Srel_pop only with one bath', () => {
    for (const name of names) {
      const r = evaluateDavies(read('scenarios', name));
      expect('F' in r || 'Srel' in r || 'Srel_pop' in r, name).toBe(false);
    }
  });
});

describe('the one-bath shorthand and the baths list', () => {
  const base = {
    model: 'davies',
    energies: [0, 1, 2.5],
    rho0: { re: [[0.5, 0.1, 0], [0.1, 0.3, 0], [0, 0, 0.2]], im: [[0, 0.05, 0], [-0.05, 0, 0], [0, 0, 0]] },
    times: [0, 0.5, 1, 4],
    dephasing: [0.1, 0.2, 0.05],
  };
  const gamma = [[0, 0.3, 0.1], [0.3, 0, 0.5], [0.1, 0.5, 0]];

  it('gives identical outputs for beta + gamma and for one bath with the same beta and gamma', () => {
    const short = evaluateDavies({ ...base, beta: 1.3, gamma });
    const list = evaluateDavies({ ...base, baths: [{ beta: 1.3, gamma }] });
    expect(list).toEqual(short);
  });

  it('with one bath: rho_ss = rho_eq, Pi_na = Pi and Pi_a = 0 (B9), and the per-bath lists equal the totals', () => {
    const r = evaluateDavies({ ...base, beta: 1.3, gamma }) as DaviesResult;
    const z = 1 + Math.exp(-1.3) + Math.exp(-1.3 * 2.5);
    expect(r.rho_ss.re[0][0]).toBeCloseTo(1 / z, 14);
    expect(r.rho_ss.re[2][2]).toBeCloseTo(Math.exp(-1.3 * 2.5) / z, 14);
    r.Pi.forEach((pi, k) => {
      expect(r.Pi_na[k]).toBeCloseTo(pi, 12);
      expect(Math.abs(r.Pi_a[k])).toBeLessThan(1e-14);
      expect(r.Pi_baths[k][0] + r.Upsilon_deph[k]).toBeCloseTo(pi, 12);
      expect(r.Pi_d_baths[k][0]).toBeCloseTo(r.Pi_d[k], 12);
      expect(r.Phi[k]).toBeCloseTo(-1.3 * r.J[k][0], 12);
      expect(r.Srel_ss[k]).toBeCloseTo(r.Srel[k], 12);
    });
  });

  it('two baths at the same beta act as one bath with summed couplings (B1)', () => {
    const half = gamma.map((row) => row.map((x) => x / 2));
    const one = evaluateDavies({ ...base, beta: 0.7, gamma }) as DaviesResult;
    const two = evaluateDavies({ ...base, baths: [{ beta: 0.7, gamma: half }, { beta: 0.7, gamma: half }] });
    for (const key of ['S', 'C', 'Pi', 'Pi_d', 'Upsilon', 'Phi', 'dSdt', 'Pi_na', 'Srel_ss'] as const) {
      two[key].forEach((x, k) => expect(x, key).toBeCloseTo(one[key][k], 12));
    }
  });

  it('writes rho_ss in the basis H is written in', () => {
    // H = U diag(0, 1) U† with U a rotation by θ; the baths' steady state diag(p0, p1) maps to U diag(p) U†.
    const th = 0.3;
    const [c, s] = [Math.cos(th), Math.sin(th)];
    const H = [[s * s, -c * s], [-c * s, c * c]];
    const r = evaluateDavies({ model: 'davies', H, baths: [{ beta: 0.5, gamma: [[0, 1], [1, 0]] }, { beta: 2, gamma: [[0, 2], [2, 0]] }], rho0: [[1, 0], [0, 0]], times: [0, 1] });
    const e = evaluateDavies({ model: 'davies', energies: [0, 1], baths: [{ beta: 0.5, gamma: [[0, 1], [1, 0]] }, { beta: 2, gamma: [[0, 2], [2, 0]] }], rho0: [[0.5, 0], [0, 0.5]], times: [0] });
    const [p0, p1] = [e.rho_ss.re[0][0], e.rho_ss.re[1][1]];
    // Column k of U is the k-th eigenvector: (c, s) for E = 0, (−s, c) for E = 1.
    expect(r.rho_ss.re[0][0]).toBeCloseTo(p0 * c * c + p1 * s * s, 14);
    expect(r.rho_ss.re[0][1]).toBeCloseTo((p0 - p1) * c * s, 14);
    expect(Math.abs(r.rho_ss.im[0][1])).toBeLessThan(1e-15);
  });

  it('is +Infinity, never NaN, at a pure initial state with inflow into its kernel', () => {
    const r = evaluateDavies({
      ...base,
      rho0: [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
      baths: [{ beta: 0.5, gamma }, { beta: 3, spectralDensity: { kind: 'ohmic', alpha: 0.2, cutoff: 2, exponent: 1 } }],
    });
    expect(r.dSdt[0]).toBe(Infinity);
    expect(r.Pi[0]).toBe(Infinity);
    expect(r.Pi_na[0]).toBe(Infinity);
    expect(r.Pi_baths[0].every((x) => x === Infinity)).toBe(true);
    const values = Object.values(r).flatMap((v) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)));
    expect(values.join()).not.toMatch(/NaN|null/);
  });

  it('builds Ohmic rates W(m|n) = J(ω)(n̄ + 1), W(n|m) = J(ω) n̄ with J(ω) = α ω^s ω_c^{1−s} e^{−ω/ω_c}', () => {
    const [alpha, wc, s, beta, w] = [0.3, 1.7, 0.5, 0.8, 1.1];
    const J = alpha * w ** s * wc ** (1 - s) * Math.exp(-w / wc);
    const nbar = 1 / Math.expm1(beta * w);
    const rho0 = [[0, 0], [0, 1]];
    const r = evaluateDavies({ model: 'davies', energies: [0, w], baths: [{ beta, spectralDensity: { kind: 'ohmic', alpha, cutoff: wc, exponent: s } }], rho0, times: [0] });
    // dp_1/dt = −W(0|1) at p = (0, 1); J_1 = ω dp_1/dt.
    expect(r.J[0][0]).toBeCloseTo(-w * J * (nbar + 1), 14);
    const explicit = evaluateDavies({ model: 'davies', energies: [0, w], beta, rates: [[0, J * (nbar + 1)], [J * nbar, 0]], rho0, times: [0] });
    expect(explicit.J[0][0]).toBeCloseTo(r.J[0][0], 14);
  });
});

describe('several-baths input validation', () => {
  const base = {
    model: 'davies',
    energies: [0, 1],
    rho0: [[0.5, 0], [0, 0.5]],
    times: [0, 1],
  };
  const good = { beta: 1, gamma: [[0, 1], [1, 0]] };

  const errorOf = (input: unknown): QepInputError => inputErrorOf(evaluateDavies, input);

  it.each([
    ['a bath with no rate key', [good, { beta: 2 }], 'baths[1]', /^baths\[1\] must be given exactly one of "rates", "gamma", "spectralDensity" \(got none\)$/],
    ['a bath with two rate keys', [{ ...good, rates: [[0, 1], [1, 0]] }], 'baths[0]', /exactly one of .*\(got "rates" and "gamma"\)$/],
    ['a bath with beta 0', [good, { ...good, beta: 0 }], 'baths[1].beta', /^baths\[1\]\.beta must be a finite number > 0 \(β = 1\/T\) \(got 0\)$/],
    ['a bath with negative beta', [{ ...good, beta: -1 }], 'baths[0].beta', /must be a finite number > 0/],
    ['a bath without beta', [{ gamma: good.gamma }], 'baths[0].beta', /^baths\[0\]\.beta must be given \(a required key of baths\[0\]\)$/],
    ['a negative alpha', [good, { beta: 1, spectralDensity: { kind: 'ohmic', alpha: -0.1, cutoff: 1, exponent: 1 } }], 'baths[1].spectralDensity.alpha', /alpha must be a finite number ≥ 0 \(coupling strength α\) \(got -0\.1\)$/],
    ['a negative cutoff', [{ beta: 1, spectralDensity: { kind: 'ohmic', alpha: 0.1, cutoff: -1, exponent: 1 } }], 'baths[0].spectralDensity.cutoff', /must be a finite number > 0/],
    ['a negative exponent', [{ beta: 1, spectralDensity: { kind: 'ohmic', alpha: 0.1, cutoff: 1, exponent: -1 } }], 'baths[0].spectralDensity.exponent', /must be a finite number ≥ 0/],
    ['an unknown spectral density', [{ beta: 1, spectralDensity: { kind: 'lorentz', alpha: 0.1, cutoff: 1, exponent: 1 } }], 'baths[0].spectralDensity.kind', /must be "ohmic"/],
    ['an unknown bath key', [{ ...good, temperature: 1 }], 'baths[0].temperature', /must be absent: not a key of baths\[0\] \(keys: beta, rates, gamma, spectralDensity\)$/],
    ['an empty list', [], 'baths', /must be a non-empty list of baths/],
    ['a negative rate', [{ beta: 1, rates: [[0, -1], [1, 0]] }], 'baths[0].rates[0][1]', /must be non-negative/],
    ['rates of the wrong size', [good, { beta: 1, rates: [[0]] }], 'baths[1].rates', /must be a 2x2 matrix/],
  ])('rejects %s, naming %s', (_label, baths, field, message) => {
    const e = errorOf({ ...base, baths });
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it('rejects rates that break detailed balance at their own beta, with the residual and the tolerance', () => {
    // In detailed balance at β = 1, not at β = 2.
    const rates = [[0, 1], [Math.exp(-1), 0]];
    expect(() => evaluateDavies({ ...base, baths: [good, { beta: 1, rates }] })).not.toThrow();
    const e = errorOf({ ...base, baths: [good, { beta: 2, rates }] });
    expect(e.field).toBe('baths[1].rates');
    expect(e.residual).toBeCloseTo(Math.exp(-1) - Math.exp(-2), 12);
    expect(e.message).toMatch(/^baths\[1\]\.rates must be in detailed balance, .*\(got 0\.233, tolerance 1\.00e-9\)$/);
  });

  it('rejects the shorthand keys next to baths', () => {
    expect(errorOf({ ...base, beta: 1, baths: [good] }).field).toBe('beta');
    expect(errorOf({ ...base, gamma: good.gamma, baths: [good] }).field).toBe('gamma');
  });
});
