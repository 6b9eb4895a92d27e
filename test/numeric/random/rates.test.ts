import { describe, expect, it } from 'vitest';
import { TOL } from '../../../src/numeric/tolerance.js';
import { createRng, detailedBalanceRates, randomRates } from '../../../src/numeric/random/index.js';

/**
 * Largest detailed-balance residual of Eq. 4, written so no exponential overflows:
 * for E_n > E_m, |W(n|m) − W(m|n) e^{−β(E_n − E_m)}| / max(W(n|m), W(m|n)).
 */
function detailedBalanceResidual(W: number[][], E: number[], beta: number): number {
  let worst = 0;
  for (let n = 0; n < E.length; n++) {
    for (let m = 0; m < E.length; m++) {
      if (!(E[n] > E[m])) continue;
      const boltzmann = Math.exp(-beta * (E[n] - E[m]));
      const scale = Math.max(W[n][m], W[m][n]);
      if (scale === 0) continue;
      worst = Math.max(worst, Math.abs(W[n][m] - W[m][n] * boltzmann) / scale);
    }
  }
  return worst;
}

const E = [-0.3, 0.4, 1.7, 2.05];
const BETAS = [0, 5e-324, 1e-6, 0.3, 1, 50 / 2.35, 50, 1e3, 1e300, Infinity];

describe('detailedBalanceRates', () => {
  it('satisfies Eq. 4, W(n|m)/W(m|n) = e^{−β(E_n − E_m)}, for β from 0 to +∞ (glauber and bosonic)', () => {
    const rng = createRng(1);
    for (const beta of BETAS) {
      const Wg = randomRates(rng, E, beta, 'glauber');
      expect(detailedBalanceResidual(Wg, E, beta)).toBeLessThanOrEqual(TOL.detailedBalance);
      if (beta >= 1e-6) {
        const Wb = randomRates(rng, E, beta, 'bosonic');
        expect(detailedBalanceResidual(Wb, E, beta)).toBeLessThanOrEqual(TOL.detailedBalance);
      }
    }
  });

  it('is finite, non-negative, zero on the diagonal and never NaN for every β in [0, ∞]', () => {
    const rng = createRng(2);
    for (const beta of BETAS) {
      for (const model of ['glauber', 'bosonic'] as const) {
        if (model === 'bosonic' && beta < 1e-300) {
          expect(() => randomRates(rng, E, beta, model)).toThrow(/^beta must be/);
          continue;
        }
        const W = randomRates(rng, E, beta, model);
        W.forEach((row, n) =>
          row.forEach((w, m) => {
            expect(Number.isFinite(w) && w >= 0).toBe(true);
            if (n === m) expect(w).toBe(0);
          }),
        );
      }
    }
  });

  it('at β = ∞ keeps every downhill rate finite and positive and sets every uphill rate to 0', () => {
    const g = E.map(() => E.map(() => 1));
    for (const model of ['glauber', 'bosonic'] as const) {
      const W = detailedBalanceRates(E, Infinity, g, model);
      for (let n = 0; n < E.length; n++) {
        for (let m = 0; m < E.length; m++) {
          if (E[n] > E[m]) expect(W[n][m]).toBe(0);
          if (E[n] < E[m]) expect(W[n][m]).toBe(1);
        }
      }
    }
  });

  it('gives g/2 both ways at β = 0 (glauber)', () => {
    expect(detailedBalanceRates([0, 1], 0, [[0, 3], [3, 0]])).toEqual([[0, 1.5], [1.5, 0]]);
  });

  it('follows the standard bath of Eq. 4 (bosonic): emission g(n̄ + 1), absorption g n̄', () => {
    const beta = 0.7;
    const W = detailedBalanceRates([0, 2], beta, [[0, 1.3], [1.3, 0]], 'bosonic');
    const nbar = 1 / (Math.exp(beta * 2) - 1);
    expect(W[0][1]).toBeCloseTo(1.3 * (nbar + 1), 14); // jump 1 → 0
    expect(W[1][0]).toBeCloseTo(1.3 * nbar, 14); // jump 0 → 1
  });

  it('detects rates that break detailed balance (the residual has teeth)', () => {
    const W = detailedBalanceRates(E, 1, E.map(() => E.map(() => 1)));
    W[2][0] *= 1.001;
    expect(detailedBalanceResidual(W, E, 1)).toBeGreaterThan(1e-4);
  });

  it('rejects β < 0 or NaN, β = 0 for bosonic rates, and a negative coupling, naming the field', () => {
    const g = [[0, 1], [1, 0]];
    expect(() => detailedBalanceRates([0, 1], -1, g)).toThrow(/^beta must be/);
    expect(() => detailedBalanceRates([0, 1], Number.NaN, g)).toThrow(/^beta must be/);
    expect(() => detailedBalanceRates([0, 1], 0, g, 'bosonic')).toThrow(/^beta must be > 0 for bosonic rates/);
    expect(() => detailedBalanceRates([0, 1], 1, [[0, -1], [-1, 0]])).toThrow(/^couplings\[0\]\[1\] must be a finite number ≥ 0/);
    expect(() => detailedBalanceRates([0, 0], 1, g, 'bosonic')).toThrow(/^energies must be non-degenerate/);
  });

  it('is reproducible for a seed', () => {
    expect(randomRates(createRng(3), E, 1.2)).toEqual(randomRates(createRng(3), E, 1.2));
  });
});
