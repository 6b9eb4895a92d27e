import { describe, expect, it } from 'vitest';
import { QepInputError } from '../../../src/numeric/errors.js';
import { type CMatrix, adjoint, fromDiagonal, fromReal, identity, mul, normMax, scale, sub, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import { createRng, haarUnitary, randomEnergyConservingUnitary, randomHamiltonian, randomResonantEnvironment } from '../../../src/numeric/random/index.js';
import {
  assertEnergyConservingUnitary,
  energyConservationResidual,
  exchangeModel,
  partialSwap,
  printedInteractionMap,
  totalHamiltonian,
  unitarityResidual,
  unitaryFromInteraction,
} from '../../../src/numeric/thermal/index.js';
import { TOL } from '../../../src/numeric/tolerance.js';

const q2 = fromDiagonal([0, 1]);

/** e^{−iHt} by a truncated Taylor series with scaling and squaring: a route independent of eigh. */
function expmTaylor(H: CMatrix, t: number): CMatrix {
  const n = H.rows;
  const A = scale(H, { re: 0, im: -t });
  const s = Math.max(0, Math.ceil(Math.log2(Math.max(1e-300, normMax(A) * n))) + 1);
  const B = scale(A, 1 / 2 ** s);
  let term = identity(n);
  let sum = identity(n);
  for (let k = 1; k < 30; k++) {
    term = scale(mul(term, B), 1 / k);
    sum = add(sum, term);
  }
  for (let i = 0; i < s; i++) sum = mul(sum, sum);
  return sum;
}
function add(A: CMatrix, B: CMatrix): CMatrix {
  const C = zeros(A.rows, A.cols);
  for (let k = 0; k < C.re.length; k++) {
    C.re[k] = A.re[k] + B.re[k];
    C.im[k] = A.im[k] + B.im[k];
  }
  return C;
}

function thrown(f: () => unknown): QepInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof QepInputError) return e;
    throw e;
  }
  throw new Error('expected a QepInputError');
}

describe('the total Hamiltonian and the validated unitary of Eq. (16)', () => {
  it('orders system then environment: H_S⊗1 + 1⊗H_E = diag(0, 1, 2, 3) for H_S = diag(0, 2), H_E = diag(0, 1)', () => {
    const H = totalHamiltonian(fromDiagonal([0, 2]), q2);
    expect(Array.from({ length: 4 }, (_, i) => H.re[i * 5])).toEqual([0, 1, 2, 3]);
  });

  it('accepts the swap of resonant qubits and returns a copy', () => {
    const m = partialSwap({ theta: Math.PI / 2 });
    const U = assertEnergyConservingUnitary(m.U, q2, q2);
    expect(U).not.toBe(m.U);
    expect(normMax(sub(U, m.U))).toBe(0);
  });

  it('rejects the swap of non-resonant qubits with the commutator residual', () => {
    const e = thrown(() => assertEnergyConservingUnitary(partialSwap({ theta: Math.PI / 2 }).U, q2, fromDiagonal([0, 1.5])));
    expect(e.field).toBe('U');
    expect(e.residual).toBeCloseTo(energyConservationResidual(partialSwap({ theta: Math.PI / 2 }).U, q2, fromDiagonal([0, 1.5])), 15);
    expect(e.residual).toBeGreaterThan(0.1);
  });

  it('rejects a non-unitary matrix with the unitarity residual', () => {
    const e = thrown(() => assertEnergyConservingUnitary(scale(identity(4), 1.001), q2, q2));
    expect(e.field).toBe('U');
    expect(e.condition).toMatch(/unitary/);
    expect(e.residual).toBeCloseTo(1.001 ** 2 - 1, 12); // max |U†U − 1|
  });

  it('rejects a U of the wrong size', () => {
    expect(thrown(() => assertEnergyConservingUnitary(identity(3), q2, q2)).field).toBe('U');
  });
});

describe('unitaries from an energy-conserving interaction, U = e^{−i(H_S+H_E+V)t}', () => {
  it('agrees with a Taylor-series exponential on a random resonant instance', () => {
    const rng = createRng(11);
    const hs = randomHamiltonian(rng, 3);
    const he = randomResonantEnvironment(rng, hs.energies, 3);
    // A commuting V: a Hermitian matrix built from the blocks of a random energy-conserving unitary.
    const W = randomEnergyConservingUnitary(rng, hs.matrix, he.matrix);
    const V = scale(add(W, adjoint(W)), 0.5);
    const U = unitaryFromInteraction(V, 0.9, hs.matrix, he.matrix);
    const ref = expmTaylor(add(totalHamiltonian(hs.matrix, he.matrix), V), 0.9);
    expect(normMax(sub(U, ref))).toBeLessThan(1e-12);
    expect(unitarityResidual(U)).toBeLessThan(1e-13);
    expect(energyConservationResidual(U, hs.matrix, he.matrix)).toBeLessThan(1e-13);
  });

  it('gives the partial swap times the free evolution for V = θ(σ₊⊗σ₋ + σ₋⊗σ₊)/t', () => {
    const theta = 0.8;
    const t = 1.3;
    const m = partialSwap({ theta });
    const U = unitaryFromInteraction(scale(m.V, theta / t), t, q2, q2);
    const free = expmTaylor(totalHamiltonian(q2, q2), t);
    expect(normMax(sub(U, mul(free, m.U)))).toBeLessThan(1e-13);
  });

  it('rejects a V that does not commute with the total Hamiltonian, with the residual', () => {
    const V = fromReal([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    const e = thrown(() => unitaryFromInteraction(V, 1, q2, q2));
    expect(e.field).toBe('V');
    expect(e.residual).toBeCloseTo(0.5, 14);
  });

  it('rejects a non-Hermitian V and a non-finite t', () => {
    const V = zeros(4, 4);
    V.re[1 * 4 + 2] = 1;
    expect(thrown(() => unitaryFromInteraction(V, 1, q2, q2)).field).toBe('V');
    expect(thrown(() => unitaryFromInteraction(partialSwap({ theta: 1 }).V, NaN, q2, q2)).field).toBe('t');
  });

  it('shows that the printed form e^{−(H_S+H_E+V)t} is not unitary', () => {
    const A = printedInteractionMap(partialSwap({ theta: 1 }).V, 0.5, q2, q2);
    expect(unitarityResidual(A)).toBeGreaterThan(0.5);
    // It is Hermitian and positive: its eigenvalues are e^{−λt} > 0.
    expect(eigh(A).values[0]).toBeGreaterThan(0);
  });
});

describe('the named models', () => {
  it('partial swap: the closed form equals e^{−iθV}, conserves energy, and θ = π/2 swaps |10⟩ into −i|01⟩', () => {
    for (const theta of [0, 0.3, 1.2, Math.PI / 2, -2.5]) {
      const m = partialSwap({ theta, omega: 0.7 });
      expect(normMax(sub(m.U, expmTaylor(m.V, theta)))).toBeLessThan(1e-13);
      expect(energyConservationResidual(m.U, m.HS, m.HE)).toBeLessThan(1e-15);
    }
    const U = partialSwap({ theta: Math.PI / 2 }).U;
    expect(U.im[1 * 4 + 2]).toBeCloseTo(-1, 15); // ⟨01|U|10⟩
    expect(U.re[2 * 4 + 2]).toBeCloseTo(0, 15);
  });

  it('exchange of one quantum: energy conserving for both ladders and every transition of a 3-level system', () => {
    for (const ladder of ['oscillator', 'qudit'] as const) {
      for (const transition of [
        [0, 1],
        [0, 2],
        [1, 2],
      ] as const) {
        const m = exchangeModel({ energiesS: [0, 0.6, 1.5], transition, dE: 5, ladder, theta: 0.9 });
        expect(energyConservationResidual(m.U, m.HS, m.HE)).toBeLessThan(1e-13);
        expect(unitarityResidual(m.U)).toBeLessThan(1e-13);
      }
    }
  });

  it('exchange of one quantum: the oscillator ladder has √n matrix elements, the qudit ladder 1, and they agree for d_E = 2', () => {
    const osc = exchangeModel({ energiesS: [0, 1], transition: [0, 1], dE: 3, ladder: 'oscillator', theta: 1 });
    const qud = exchangeModel({ energiesS: [0, 1], transition: [0, 1], dE: 3, ladder: 'qudit', theta: 1 });
    // ⟨0, 2|V|1, 1⟩: system down, mode 1 → 2
    expect(osc.V.re[2 * 6 + 4]).toBeCloseTo(Math.SQRT2, 15);
    expect(qud.V.re[2 * 6 + 4]).toBe(1);
    const a = exchangeModel({ energiesS: [0, 1], transition: [0, 1], dE: 2, ladder: 'oscillator', theta: 0.4 });
    const b = exchangeModel({ energiesS: [0, 1], transition: [0, 1], dE: 2, ladder: 'qudit', theta: 0.4 });
    expect(normMax(sub(a.U, b.U))).toBe(0);
    // and for d_E = 2, d_S = 2 it is the partial swap
    expect(normMax(sub(a.U, partialSwap({ theta: 0.4 }).U))).toBeLessThan(1e-14);
  });

  it('rejects bad model parameters with the field named', () => {
    expect(thrown(() => partialSwap({ theta: Infinity })).field).toBe('theta');
    expect(thrown(() => partialSwap({ theta: 1, omega: 0 })).field).toBe('omega');
    expect(thrown(() => exchangeModel({ energiesS: [0, 1], transition: [1, 0], dE: 2, ladder: 'qudit', theta: 1 })).field).toBe('transition');
    expect(thrown(() => exchangeModel({ energiesS: [0, 1], transition: [0, 1], dE: 1, ladder: 'qudit', theta: 1 })).field).toBe('dE');
    expect(thrown(() => exchangeModel({ energiesS: [0, 1], transition: [0, 3], dE: 2, ladder: 'qudit', theta: 1 })).field).toBe('transition[1]');
  });
});

describe('seeded random energy-conserving unitaries', () => {
  it('are unitary, energy conserving, reproducible and block-diagonal (Eq. 17) for non-diagonal Hamiltonians', () => {
    const rng = createRng(5);
    const hs = randomHamiltonian(rng, 3, { basis: 'random' });
    const he = randomResonantEnvironment(rng, hs.energies, 4);
    const W = haarUnitary(rng, 4);
    const HE = mul(mul(W, he.matrix), adjoint(W));
    const U1 = randomEnergyConservingUnitary(createRng(123), hs.matrix, HE);
    const U2 = randomEnergyConservingUnitary(createRng(123), hs.matrix, HE);
    expect(normMax(sub(U1, U2))).toBe(0);
    expect(unitarityResidual(U1)).toBeLessThan(1e-13);
    expect(energyConservationResidual(U1, hs.matrix, HE)).toBeLessThan(1e-12);
    expect(energyConservationResidual(U1, hs.matrix, HE)).toBeLessThan(TOL.commute);
  });

  it('are not trivial: with a resonant environment they move population between system levels', () => {
    const U = randomEnergyConservingUnitary(createRng(3), q2, q2);
    // |⟨01|U|10⟩| > 0 for a Haar 2×2 block (probability one)
    expect(Math.hypot(U.re[1 * 4 + 2], U.im[1 * 4 + 2])).toBeGreaterThan(1e-3);
    // and kron-structure is S then E: ⟨00|U|00⟩ is a pure phase
    expect(Math.hypot(U.re[0], U.im[0])).toBeCloseTo(1, 14);
  });
});
