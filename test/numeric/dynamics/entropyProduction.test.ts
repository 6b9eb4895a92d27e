import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, fromDiagonal, fromReal, mul, normMax, traceProductRe, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import { applyDavies, daviesGenerator } from '../../../src/numeric/dynamics/davies.js';
import { evolveDavies } from '../../../src/numeric/dynamics/daviesEvolution.js';
import { daviesQuantities, daviesStateFunctions, entropyRateEvaluator, entropyRates } from '../../../src/numeric/dynamics/entropyProduction.js';
import {
  freeEnergy,
  gibbsState,
  klDivergence,
  relativeEntropy,
  relativeEntropyOfCoherence,
  vonNeumannEntropy,
} from '../../../src/numeric/quantum/index.js';
import { createRng, hilbertSchmidtState, randomPureState, randomRates, randomStateOfRank } from '../../../src/numeric/random/index.js';

function instance(seed: number, d: number, beta?: number, dephasing = true) {
  const rng = createRng(seed);
  const energies = Array.from({ length: d }, () => 3 * rng.uniform()).sort((a, b) => a - b);
  const b = beta ?? 0.1 + 2 * rng.uniform();
  const gen = daviesGenerator({ beta: b, energies, rates: randomRates(rng, energies, b, 'glauber'), dephasing: dephasing ? energies.map(() => rng.uniform()) : undefined });
  return { gen, rng };
}

/** Naive reference: log of a full-rank Hermitian matrix through its eigen-decomposition. */
function logm(A: CMatrix): CMatrix {
  const { values, vectors } = eigh(A);
  const D = fromDiagonal(Array.from(values, Math.log));
  return mul(mul(vectors, D), adjoint(vectors));
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

describe('state functions (Eqs. 6, 7, 9, 10)', () => {
  it('agree with the quantum primitives (matrix-log relative entropy, KL, dephasing coherence, free energy)', () => {
    for (const [seed, d] of [[1, 2], [2, 3], [3, 4], [4, 5]] as const) {
      const { gen, rng } = instance(seed, d);
      const rho = hilbertSchmidtState(rng, d);
      const f = daviesStateFunctions(gen, rho);
      const H = fromDiagonal(gen.energies);
      expect(rel(f.S, vonNeumannEntropy(rho))).toBeLessThan(1e-13);
      expect(rel(f.Srel, relativeEntropy(rho, gibbsState(gen.energies, gen.beta)))).toBeLessThan(1e-12);
      expect(rel(f.Srel_pop, klDivergence(f.populations, gen.peq))).toBeLessThan(1e-12);
      expect(rel(f.C, relativeEntropyOfCoherence(rho, gen.energies))).toBeLessThan(1e-12);
      expect(rel(f.F, freeEnergy(rho, H, gen.beta))).toBeLessThan(1e-13);
    }
  });

  it('stay finite at very low temperature where p_eq underflows (log-space Gibbs weights)', () => {
    const { gen, rng } = instance(5, 3, 1e3);
    expect(gen.peq[2]).toBe(0);
    const f = daviesStateFunctions(gen, hilbertSchmidtState(rng, 3));
    for (const v of [f.S, f.F, f.Srel, f.Srel_pop, f.C]) expect(Number.isFinite(v)).toBe(true);
    expect(f.Srel).toBeGreaterThan(100); // ≈ β ⟨E − E_0⟩
  });
});

describe('instantaneous rates (Eqs. 1, 8, 12–15)', () => {
  it('match a naive matrix-logarithm reference at full-rank states', () => {
    for (const [seed, d] of [[11, 2], [12, 3], [13, 4]] as const) {
      const { gen, rng } = instance(seed, d);
      const rho = hilbertSchmidtState(rng, d);
      const rhoDot = applyDavies(gen, rho);
      const r = entropyRates(gen, rho);
      const lnRho = logm(rho);
      const lnEq = fromDiagonal(gen.logPeq);
      const dSdt = -traceProductRe(rhoDot, lnRho);
      const Pi = -traceProductRe(rhoDot, lnRho) + traceProductRe(rhoDot, lnEq);
      const p = Array.from({ length: d }, (_, n) => rho.re[n * d + n]);
      const pd = Array.from({ length: d }, (_, n) => rhoDot.re[n * d + n]);
      const PiD = -pd.reduce((s, x, n) => s + x * (Math.log(p[n]) - gen.logPeq[n]), 0);
      const Phi = -gen.beta * pd.reduce((s, x, n) => s + x * gen.energies[n], 0);
      expect(rel(r.dSdt, dSdt)).toBeLessThan(1e-11);
      expect(rel(r.Pi, Pi)).toBeLessThan(1e-11);
      expect(rel(r.Pi_d, PiD)).toBeLessThan(1e-11);
      expect(rel(r.Pi_d_schnakenberg, PiD)).toBeLessThan(1e-11);
      expect(rel(r.Upsilon, Pi - PiD)).toBeLessThan(1e-11);
      expect(rel(r.Phi, Phi)).toBeLessThan(1e-12);
    }
  });

  it('match central finite differences of the state functions along the exact trajectory', () => {
    const { gen, rng } = instance(21, 4);
    const rho0 = hilbertSchmidtState(rng, 4);
    const t = 0.7;
    const h = 1e-4;
    const [a, m, b] = evolveDavies(gen, rho0, [t - h, t, t + h]);
    const fa = daviesStateFunctions(gen, a);
    const fb = daviesStateFunctions(gen, b);
    const q = daviesQuantities(gen, m);
    const fd = (x: number, y: number) => (y - x) / (2 * h);
    // O(h²) truncation: about 1e-8 relative here.
    expect(rel(q.dSdt, fd(fa.S, fb.S))).toBeLessThan(1e-6);
    expect(rel(q.Pi, -fd(fa.Srel, fb.Srel))).toBeLessThan(1e-6);
    expect(rel(q.Pi_d, -fd(fa.Srel_pop, fb.Srel_pop))).toBeLessThan(1e-6);
    expect(rel(q.Upsilon, -fd(fa.C, fb.C))).toBeLessThan(1e-6);
    expect(rel(q.Pi, -gen.beta * fd(fa.F, fb.F))).toBeLessThan(1e-6); // Eq. 8: Π = −(1/T) dF/dt
  });

  it('are the same bit for bit from the reusable evaluator (full-rank, rank-deficient, diagonal and Gibbs states)', () => {
    for (const [seed, d] of [[11, 2], [12, 3], [13, 4]] as const) {
      const { gen, rng } = instance(seed, d);
      const ratesAt = entropyRateEvaluator(gen);
      const pure = randomPureState(rng, d);
      const ties = Array.from({ length: d }, (_, n) => (n % 2 ? 2 : 1));
      const total = ties.reduce((a, b) => a + b, 0);
      const states = [
        hilbertSchmidtState(rng, d),
        pure,
        randomStateOfRank(rng, d, d - 1),
        // diagonal states (no eigen-decomposition on the evaluator's route): unsorted, descending, tied, a basis state
        fromDiagonal(Array.from({ length: d }, (_, n) => pure.re[n * d + n])),
        fromDiagonal(gen.peq),
        fromDiagonal(ties.map((x) => x / total)),
        fromDiagonal(Array.from({ length: d }, (_, n) => (n === d - 1 ? 1 : 0))),
      ];
      for (const rho of states) {
        const a = entropyRates(gen, rho);
        const b = ratesAt(rho);
        for (const key of ['dSdt', 'Pi', 'Pi_d', 'Upsilon', 'Phi'] as const) expect(Object.is(b[key], a[key]), `${key} at d = ${d}`).toBe(true);
      }
    }
  });

  it('vanish at equilibrium', () => {
    const { gen } = instance(31, 4);
    const q = daviesQuantities(gen, fromDiagonal(gen.peq));
    for (const v of [q.Pi, q.Pi_d, q.Pi_d_schnakenberg, q.Upsilon, q.Phi, q.dSdt, q.Srel, q.Srel_pop, q.C]) expect(Math.abs(v)).toBeLessThan(1e-14);
  });

  it('reproduce the qubit closed form Π = Π_d = (W↑p_0 − W↓p_1) ln(W↑p_0 / W↓p_1), Υ = 0 for a diagonal state', () => {
    const gen = daviesGenerator({ beta: 1.3, energies: [0, 0.8], gamma: [[0, 0.6], [0.6, 0]] });
    const [up, down] = [gen.rates[2], gen.rates[1]];
    const p = [0.3, 0.7];
    const J = up * p[0] - down * p[1];
    const expected = J * Math.log((up * p[0]) / (down * p[1]));
    const q = daviesQuantities(gen, fromDiagonal(p));
    expect(q.Pi).toBeCloseTo(expected, 14);
    expect(q.Pi_d).toBeCloseTo(expected, 14);
    expect(q.Pi_d_schnakenberg).toBeCloseTo(expected, 14);
    expect(Math.abs(q.Upsilon)).toBeLessThan(1e-15);
    expect(q.Phi).toBeCloseTo(-1.3 * 0.8 * J, 14);
  });

  it('return +Infinity, never NaN, at a pure state with coherences: Π = Υ = dS/dt = ∞, Π_d finite', () => {
    const { gen, rng } = instance(41, 3);
    const q = daviesQuantities(gen, randomPureState(rng, 3));
    expect(q.Pi).toBe(Infinity);
    expect(q.Upsilon).toBe(Infinity);
    expect(q.dSdt).toBe(Infinity);
    expect(Number.isFinite(q.Pi_d)).toBe(true);
    expect(Number.isFinite(q.Phi)).toBe(true);
    expect(rel(q.Pi_d, q.Pi_d_schnakenberg)).toBeLessThan(1e-12);
  });

  it('at a diagonal pure state: Π = Π_d = ∞ (inflow to empty levels) in both forms of Eq. 13, and Υ = 0', () => {
    const { gen } = instance(42, 3, undefined, true);
    const q = daviesQuantities(gen, fromReal([[0, 0, 0], [0, 1, 0], [0, 0, 0]]));
    expect(q.Pi).toBe(Infinity);
    expect(q.Pi_d).toBe(Infinity);
    expect(q.Pi_d_schnakenberg).toBe(Infinity);
    expect(q.Upsilon).toBe(0);
  });

  it('at a rank-2 state of a qutrit whose kernel is fed: dS/dt = ∞; with no inflow (all rates 0) the rates are 0, not NaN', () => {
    const { gen, rng } = instance(43, 3);
    const rho = randomStateOfRank(rng, 3, 2);
    const q = daviesQuantities(gen, rho);
    expect(q.dSdt).toBe(Infinity);
    const frozen = daviesGenerator({ beta: 1, energies: [0, 1, 2], rates: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] });
    const z = daviesQuantities(frozen, fromDiagonal([0.5, 0.5, 0]));
    for (const v of [z.Pi, z.Pi_d, z.Pi_d_schnakenberg, z.Upsilon, z.dSdt, z.Phi]) expect(v).toBe(0);
  });

  it('stay finite and satisfy Eqs. 1 and 12 at very low and very high temperatures', () => {
    for (const beta of [1e-6, 1e3]) {
      const { gen, rng } = instance(51, 4, beta);
      const q = daviesQuantities(gen, hilbertSchmidtState(rng, 4));
      for (const v of [q.Pi, q.Pi_d, q.Pi_d_schnakenberg, q.Upsilon, q.Phi, q.dSdt]) expect(Number.isFinite(v)).toBe(true);
      const scale = Math.max(1, Math.abs(q.Pi), Math.abs(q.Phi), Math.abs(q.dSdt));
      expect(Math.abs(q.Pi - q.Pi_d - q.Upsilon) / scale).toBeLessThan(1e-12);
      expect(Math.abs(q.dSdt - (q.Pi - q.Phi)) / scale).toBeLessThan(1e-12);
      expect(rel(q.Pi_d, q.Pi_d_schnakenberg)).toBeLessThan(1e-10);
    }
  });

  it('accept a caller-supplied ρ̇ (any generator) and use it', () => {
    const { gen, rng } = instance(61, 2);
    const rho = hilbertSchmidtState(rng, 2);
    expect(entropyRates(gen, rho, zeros(2, 2)).Pi).toBe(0);
    expect(normMax(applyDavies(gen, rho))).toBeGreaterThan(0);
  });
});
