import { describe, expect, it } from 'vitest';
import {
  assertDetailedBalance,
  boseOccupation,
  detailedBalanceResidual,
  escapeRates,
  pauliDerivative,
  pauliRateMatrix,
  standardBathRates,
} from '../../../src/numeric/dynamics/daviesRates.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import { TOL } from '../../../src/numeric/tolerance.js';

describe('Bose occupation n̄ = 1/(e^{βω} − 1)', () => {
  it('is 1 at e^{βω} = 2 and follows 1/(βω) − ½ at high temperature without cancellation', () => {
    expect(boseOccupation(1, Math.log(2))).toBeCloseTo(1, 14);
    const x = 1e-9;
    expect(Math.abs(boseOccupation(1, x) - (1 / x - 0.5)) / (1 / x)).toBeLessThan(1e-15);
  });

  it('is exactly 0 (not NaN) when βω overflows the exponential, and +∞ at β = 0', () => {
    expect(boseOccupation(2, 1e4)).toBe(0);
    expect(boseOccupation(1, 0)).toBe(Infinity);
  });
});

describe('standard bath rates (Eq. 4)', () => {
  const E = [-0.3, 0.4, 1.9];
  const g = [0, 0.5, 0.2, 0.5, 0, 1.1, 0.2, 1.1, 0].map(Number);

  it('give emission g(n̄+1) and absorption g·n̄ with W(n|m) the rate of m → n', () => {
    const beta = 0.8;
    const W = standardBathRates(E, g, beta);
    const nbar = 1 / (Math.exp(beta * 0.7) - 1);
    expect(W[1 * 3 + 0]).toBeCloseTo(0.5 * nbar, 14); // 0 → 1: up
    expect(W[0 * 3 + 1]).toBeCloseTo(0.5 * (nbar + 1), 14); // 1 → 0: down
    expect(W[0]).toBe(0);
  });

  it('satisfy detailed balance to rounding at high, moderate and very low temperature', () => {
    for (const beta of [1e-6, 0.8, 50, 1e3]) {
      const W = standardBathRates(E, g, beta);
      expect(detailedBalanceResidual(E, W, beta).residual).toBeLessThan(1e-14);
      expect(W.every(Number.isFinite)).toBe(true);
    }
  });

  it('refuse β = 0, where n̄ and the rates are infinite', () => {
    expect(() => standardBathRates(E, g, 0)).toThrowError(/^beta must be positive when "gamma" is given/);
  });

  it('leave uncoupled pairs at zero even at β = 0', () => {
    expect(Array.from(standardBathRates([0, 1], [0, 0, 0, 0], 0))).toEqual([0, 0, 0, 0]);
  });
});

describe('detailed balance check', () => {
  it('reports the worst pair and throws beyond TOL.detailedBalance with the residual', () => {
    const E = [0, 1];
    const W = Float64Array.from([0, 1, 0.5, 0]); // W(1|0) = 0.5, W(0|1) = 1: needs e^{−β} = 0.5
    expect(detailedBalanceResidual(E, W, Math.log(2)).residual).toBeLessThan(1e-15);
    const r = detailedBalanceResidual(E, W, 1);
    expect(r).toMatchObject({ n: 1, m: 0 });
    expect(r.residual).toBeCloseTo(0.5 - Math.exp(-1), 14);
    try {
      assertDetailedBalance(E, W, 1);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QepInputError);
      expect((e as QepInputError).field).toBe('rates');
      expect((e as QepInputError).tolerance).toBe(TOL.detailedBalance);
    }
  });
});

describe('Pauli equation (Eq. 3)', () => {
  it('equals M p with columns of M summing to zero, and conserves probability', () => {
    const W = Float64Array.from([0, 0.3, 0.1, 0.7, 0, 0.2, 0.4, 0.9, 0]);
    const M = pauliRateMatrix(W, 3);
    for (let m = 0; m < 3; m++) expect(Math.abs(M[m] + M[3 + m] + M[6 + m])).toBeLessThan(4e-16);
    const p = [0.2, 0.5, 0.3];
    const dp = pauliDerivative(W, p);
    for (let n = 0; n < 3; n++) expect(dp[n]).toBeCloseTo(M[n * 3] * p[0] + M[n * 3 + 1] * p[1] + M[n * 3 + 2] * p[2], 15);
    expect(Math.abs(dp[0] + dp[1] + dp[2])).toBeLessThan(4e-16);
    escapeRates(W, 3).forEach((g, n) => expect(g).toBeCloseTo([1.1, 1.2, 0.3][n], 15));
  });
});
