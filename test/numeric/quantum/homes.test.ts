import { describe, expect, it } from 'vitest';
import { fromDiagonal } from '../../../src/numeric/linalg/cmatrix.js';
import { maxFlux } from '../../../src/numeric/masterEquation.js';
import {
  clampNonNegative,
  excitationEnergy,
  gibbsState,
  logPartition,
  logShiftedPartition,
  relativeEntropy,
  relativeEntropyToGibbs,
  relativeEntropyToGibbsOf,
  vonNeumannEntropy,
} from '../../../src/numeric/quantum/index.js';
import { createRng, hilbertSchmidtState, randomHamiltonian } from '../../../src/numeric/random/index.js';
import { thermalEntropyBudget, thermalOperation, partialSwap } from '../../../src/numeric/thermal/index.js';

describe('ln Z\' = ln Σ e^{−β(E_n − E_min)}', () => {
  it('is ln Z + βE_min, lies in [0, ln d], and stays finite where e^{−βE} underflows', () => {
    const E = [2, 3.5, 7];
    for (const beta of [0, 0.4, 3]) {
      expect(logShiftedPartition(E, beta)).toBeCloseTo(logPartition(E, beta) + beta * 2, 12);
      expect(logShiftedPartition(E, beta)).toBeGreaterThanOrEqual(0);
      expect(logShiftedPartition(E, beta)).toBeLessThanOrEqual(Math.log(3) + 1e-15);
    }
    expect(logShiftedPartition([1000, 2000], 1e3)).toBe(0);
    expect(logShiftedPartition([0, 0, 1], Infinity)).toBeCloseTo(Math.log(2), 15);
    expect(() => logShiftedPartition([0, 1], -1)).toThrow(/^beta must be/);
  });
});

describe('S(ρ‖ρ_eq), one implementation', () => {
  it('agrees with the generic relative entropy to the Gibbs state on random instances', () => {
    const rng = createRng(41);
    for (let k = 0; k < 5; k++) {
      const H = randomHamiltonian(rng, 3, { basis: 'random' }).matrix;
      const rho = hilbertSchmidtState(rng, 3);
      const beta = 0.3 + k * 0.4;
      expect(relativeEntropyToGibbs(rho, H, beta)).toBeCloseTo(relativeEntropy(rho, gibbsState(H, beta)), 9);
    }
  });

  it('from energy and entropy: the entropy budget reports exactly the same S(ρ_S‖ρ_eq) as the matrix route for diagonal H_S', () => {
    const m = partialSwap({ theta: 0.7 });
    const op = thermalOperation(m.HS, m.HE, 1.3, m.U);
    const rho = hilbertSchmidtState(createRng(5), 2);
    const energies = [m.HS.re[0], m.HS.re[3]];
    const p = [rho.re[0], rho.re[3]];
    const viaParts = relativeEntropyToGibbsOf(excitationEnergy(p, energies), vonNeumannEntropy(rho), energies, 1.3);
    expect(thermalEntropyBudget(op, rho).Srel_S).toBe(viaParts);
    expect(relativeEntropyToGibbs(rho, energies, 1.3)).toBe(viaParts);
  });

  it('is finite at β·ΔE = 1e4, where the Gibbs populations underflow, and 0 at the Gibbs state', () => {
    const rho = fromDiagonal([0.5, 0.5]);
    expect(relativeEntropyToGibbs(rho, [0, 1], 1e4)).toBeCloseTo(0.5e4 - Math.log(2), 8);
    expect(relativeEntropyToGibbs(gibbsState([0, 1], 0.8), [0, 1], 0.8)).toBeLessThan(1e-15);
  });
});

describe('clampNonNegative', () => {
  it('keeps positives, maps rounding negatives and NaN to 0', () => {
    expect(clampNonNegative(0.25)).toBe(0.25);
    expect(clampNonNegative(-1e-17)).toBe(0);
    expect(clampNonNegative(Number.NaN)).toBe(0);
    expect(clampNonNegative(Infinity)).toBe(Infinity);
  });
});

describe('maxFlux', () => {
  it('is max_{n≠m} W(n|m) p_m, with negative rounding in p counted as 0', () => {
    // W(0|1) = 2, W(1|0) = 0.5; diagonal entries are ignored.
    const W = { dim: 2, rates: [9, 2, 0.5, 9] };
    expect(maxFlux(W, [0.4, 0.6])).toBe(1.2);
    expect(maxFlux(W, [1, 0])).toBe(0.5);
    expect(maxFlux(W, [1, -1e-17])).toBe(0.5);
  });
});
