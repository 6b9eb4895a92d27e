import { describe, expect, it } from 'vitest';
import { type CMatrix, fromDiagonal, fromReal, normMax } from '../../../src/numeric/linalg/cmatrix.js';
import { applyDavies, daviesGenerator } from '../../../src/numeric/dynamics/davies.js';
import { type BathSpec, multiBathGenerator, multiBathQuantities, spectralDensityAt, steadyState } from '../../../src/numeric/dynamics/baths.js';
import { evolveDavies } from '../../../src/numeric/dynamics/daviesEvolution.js';
import { daviesQuantities } from '../../../src/numeric/dynamics/entropyProduction.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import { createRng, hilbertSchmidtState, randomRates } from '../../../src/numeric/random/index.js';

const energies = [0, 0.8, 1.9];
const ones = [[0, 1, 1], [1, 0, 1], [1, 1, 0]];

function rhoOf(seed: number, d = 3): CMatrix {
  return hilbertSchmidtState(createRng(seed), d);
}

describe('the several-baths generator (B1–B3)', () => {
  it('with one bath is the one-bath Davies generator', () => {
    const g = multiBathGenerator({ energies, baths: [{ beta: 0.7, gamma: ones }], dephasing: [0.1, 0, 0.3] });
    const one = daviesGenerator({ beta: 0.7, energies, gamma: ones, dephasing: [0.1, 0, 0.3] });
    expect(g.total).toEqual(one);
  });

  it('sums the rates of the baths and evolves like one bath with the summed rates', () => {
    const rng = createRng(4);
    const baths: BathSpec[] = [0.3, 2].map((beta) => ({ beta, rates: randomRates(rng, energies, beta, 'glauber') }));
    const g = multiBathGenerator({ energies, baths });
    const rho = rhoOf(1);
    const a = evolveDavies(g.total, rho, [0, 0.4, 3]);
    const b = evolveDavies(g.total, rho, [0, 0.4, 3], { method: 'expm' });
    a.forEach((x, k) => expect(normMax({ ...x, re: x.re.map((v, i) => v - b[k].re[i]), im: x.im.map((v, i) => v - b[k].im[i]) })).toBeLessThan(1e-12));
  });

  it('finds a steady state that the whole generator annihilates, by GTH reduction (different temperatures)', () => {
    const g = multiBathGenerator({ energies, baths: [{ beta: 0.2, gamma: ones }, { beta: 5, gamma: ones }], dephasing: [0.2, 0.1, 0] });
    const ss = steadyState(g, [1, 0, 0]);
    expect(ss.components).toBe(1);
    expect(ss.populations.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 15);
    expect(normMax(applyDavies(g.total, fromDiagonal(ss.populations)))).toBeLessThan(1e-15);
    // Not a Gibbs state: ln p_ss is not linear in the energy (B3, d = 3).
    const lp = ss.logPopulations;
    const beta = (lp[0] - lp[1]) / 0.8;
    expect(Math.abs(lp[2] - lp[0] + beta * 1.9)).toBeGreaterThan(1e-3);
  });

  it('keeps each connected component’s weight when the rates do not connect all levels', () => {
    // Levels {0, 1} coupled, level 2 isolated.
    const gamma = [[0, 1, 0], [1, 0, 0], [0, 0, 0]];
    const g = multiBathGenerator({ energies, baths: [{ beta: 0.5, gamma }, { beta: 2, gamma }] });
    const ss = steadyState(g, [0.2, 0.2, 0.6]);
    expect(ss.components).toBe(2);
    expect(ss.populations[2]).toBeCloseTo(0.6, 15);
    expect(ss.populations[0] + ss.populations[1]).toBeCloseTo(0.4, 15);
    // A component holding no population gets p_ss = 0 (ln −∞) and S(ρ‖ρ_ss) stays finite on ρ's support.
    const empty = steadyState(g, [0.5, 0.5, 0]);
    expect(empty.logPopulations[2]).toBe(-Infinity);
    const q = multiBathQuantities(g, fromDiagonal([0.5, 0.5, 0]), empty);
    expect(Number.isFinite(q.Srel_ss)).toBe(true);
    expect(Number.isFinite(q.Pi_a)).toBe(true);
  });

  it('computes the steady state accurately when rates span many orders of magnitude', () => {
    // β ω up to 60: up-rates ~ e^{−60}; GTH has no subtractions, so the small populations keep their digits.
    const E = [0, 10, 20];
    const g = multiBathGenerator({ energies: E, baths: [{ beta: 3, gamma: ones }, { beta: 2, gamma: ones }] });
    const ss = steadyState(g, [1, 0, 0]);
    const W = g.total.rates;
    // Stationarity level by level, relative to the flux through the level.
    for (let n = 0; n < 3; n++) {
      let inflow = 0;
      let outflow = 0;
      for (let m = 0; m < 3; m++) {
        if (m === n) continue;
        inflow += W[n * 3 + m] * ss.populations[m];
        outflow += W[m * 3 + n] * ss.populations[n];
      }
      expect(Math.abs(inflow - outflow) / outflow).toBeLessThan(1e-13);
    }
    expect(ss.populations[2]).toBeGreaterThan(0);
    expect(ss.populations[2]).toBeLessThan(1e-17);
  });

  it('keeps ln p_ss exact where p_ss underflows (a birth–death ladder at very low temperatures)', () => {
    // Nearest-neighbour couplings: the summed rates are in detailed balance with
    // p_{n+1}/p_n = Σ_k a_k / Σ_k e_k, a_k = n̄_k, e_k = n̄_k + 1 (unit couplings, ω = 1).
    const d = 8;
    const E = Array.from({ length: d }, (_, n) => n);
    const ladder = E.map((_, n) => E.map((__, m) => (Math.abs(n - m) === 1 ? 1 : 0)));
    const betas = [120, 130];
    const g = multiBathGenerator({ energies: E, baths: betas.map((beta) => ({ beta, gamma: ladder })) });
    const ss = steadyState(g, E.map(() => 1 / d));
    const nbar = betas.map((b) => 1 / Math.expm1(b));
    const step = Math.log(nbar[0] + nbar[1]) - Math.log(2 + nbar[0] + nbar[1]);
    for (let n = 0; n < d; n++) expect(ss.logPopulations[n] - ss.logPopulations[0]).toBeCloseTo(n * step, 9);
    expect(ss.populations[d - 1]).toBe(0);
    const rho = fromDiagonal(E.map(() => 1 / d));
    const q = multiBathQuantities(g, rho, ss);
    expect(Number.isFinite(q.Srel_ss)).toBe(true);
    expect(q.Srel_ss).toBeCloseTo(-Math.log(d) - ss.logPopulations.reduce((a, x) => a + x / d, 0), 9);
    expect(q.Pi).toBeCloseTo(q.Pi_na + q.Pi_a, 6);
  });

  it('refuses several baths whose up-rates underflow to 0, naming the level', () => {
    const g = multiBathGenerator({ energies: [0, 800], baths: [{ beta: 1, gamma: [[0, 1], [1, 0]] }, { beta: 2, gamma: [[0, 1], [1, 0]] }] });
    expect(() => steadyState(g, [0.5, 0.5])).toThrow(/^baths must be rates that reach every level .*level 1/);
  });

  it('is +Infinity, never NaN, at states of every rank', () => {
    const g = multiBathGenerator({ energies, baths: [{ beta: 0.4, gamma: ones }, { beta: 3, spectralDensity: { kind: 'ohmic', alpha: 0.3, cutoff: 2, exponent: 1 } }], dephasing: [0.3, 0.3, 0.3] });
    const states = [fromDiagonal([1, 0, 0]), fromReal([[0.5, 0.5, 0], [0.5, 0.5, 0], [0, 0, 0]]), fromDiagonal([0.5, 0.5, 0]), rhoOf(3)];
    for (const rho of states) {
      const ss = steadyState(g, [1 / 3, 1 / 3, 1 / 3]);
      const q = multiBathQuantities(g, rho, ss);
      for (const [k, v] of Object.entries(q)) {
        for (const x of Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(v as ArrayLike<number>) : [v as number]) {
          expect(Number.isNaN(x), k).toBe(false);
          expect(x === -Infinity, k).toBe(false);
        }
      }
    }
    const pure = multiBathQuantities(g, fromDiagonal([0, 1, 0]), steadyState(g, [0, 1, 0]));
    expect(pure.Pi).toBe(Infinity);
    expect(pure.Pi_baths.every((x) => x === Infinity)).toBe(true);
  });

  it('with one bath agrees with the one-bath engine on every total (B9)', () => {
    const g = multiBathGenerator({ energies, baths: [{ beta: 1.1, gamma: ones }], dephasing: [0.5, 0.1, 0.2] });
    const rho = rhoOf(9);
    const ss = steadyState(g, [1, 0, 0]);
    const q = multiBathQuantities(g, rho, ss);
    const one = daviesQuantities(daviesGenerator({ beta: 1.1, energies, gamma: ones, dephasing: [0.5, 0.1, 0.2] }), rho);
    for (const key of ['Pi', 'Pi_d', 'Upsilon', 'Phi', 'dSdt', 'S', 'C'] as const) expect(q[key], key).toBeCloseTo(one[key], 13);
    expect(q.Pi_na).toBeCloseTo(q.Pi, 13);
    expect(Math.abs(q.Pi_a)).toBeLessThan(1e-14);
    expect(q.Srel_ss).toBeCloseTo(one.Srel, 13);
  });
});

describe('spectral densities', () => {
  it('J(ω) = α ω^s ω_c^{1−s} e^{−ω/ω_c}, 0 at ω ≤ 0, finite for large ω', () => {
    const sd = { kind: 'ohmic', alpha: 0.2, cutoff: 3, exponent: 1.5 } as const;
    expect(spectralDensityAt(sd, 1.3)).toBeCloseTo(0.2 * 1.3 ** 1.5 * 3 ** -0.5 * Math.exp(-1.3 / 3), 15);
    expect(spectralDensityAt(sd, 0)).toBe(0);
    expect(spectralDensityAt(sd, 1e6)).toBe(0);
    expect(spectralDensityAt({ ...sd, exponent: 0 }, 2)).toBeCloseTo(0.2 * 3 * Math.exp(-2 / 3), 15);
  });

  it('rejects negative parameters and a zero cutoff, naming the bath', () => {
    const bad = (sd: Record<string, unknown>): string => {
      try {
        multiBathGenerator({ energies, baths: [{ beta: 1, gamma: ones }, { beta: 1, spectralDensity: { kind: 'ohmic', alpha: 0.1, cutoff: 1, exponent: 1, ...sd } as never }] });
      } catch (e) {
        if (e instanceof QepInputError) return e.field;
        throw e;
      }
      return 'accepted';
    };
    expect(bad({ alpha: -1 })).toBe('baths[1].spectralDensity.alpha');
    expect(bad({ cutoff: 0 })).toBe('baths[1].spectralDensity.cutoff');
    expect(bad({ exponent: -0.5 })).toBe('baths[1].spectralDensity.exponent');
    expect(bad({})).toBe('accepted');
  });
});
