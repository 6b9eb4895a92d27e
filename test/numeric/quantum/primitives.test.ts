import { describe, expect, it } from 'vitest';
import { EPS } from '../../../src/numeric/tolerance.js';
import { fromDiagonal, fromReal, identity, kron, normMax, scale, sub, zeros, type CMatrix } from '../../../src/numeric/linalg/cmatrix.js';
import {
  assertDensityMatrix,
  assertEnergyConserving,
  assertHermitian,
  assertUnitary,
  isHermitian,
  dephase,
  equilibriumFreeEnergy,
  freeEnergy,
  gibbsPopulations,
  gibbsState,
  klDivergence,
  klDivergenceToGibbs,
  relativeEntropyToGibbs,
  logPartition,
  mutualInformation,
  partialTrace,
  relativeEntropy,
  relativeEntropyOfCoherence,
  shannonEntropy,
  vonNeumannEntropy,
} from '../../../src/numeric/quantum/index.js';

const LN2 = Math.log(2);

/** |ψ⟩⟨ψ| for a vector given as [re, im] pairs. */
function projector(v: Array<[number, number]>): CMatrix {
  const n = v.length;
  const P = zeros(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [ar, ai] = v[i];
      const [br, bi] = v[j];
      P.re[i * n + j] = ar * br + ai * bi;
      P.im[i * n + j] = ai * br - ar * bi;
    }
  }
  return P;
}
const s = Math.SQRT1_2;
const ket0 = projector([[1, 0], [0, 0]]);
const ket1 = projector([[0, 0], [1, 0]]);
const plus = projector([[s, 0], [s, 0]]);
const bell = projector([[s, 0], [0, 0], [0, 0], [s, 0]]);

describe('von Neumann and Shannon entropies', () => {
  it('gives ln 2 for the maximally mixed qubit and ln 4 for d = 4', () => {
    expect(vonNeumannEntropy(fromDiagonal([0.5, 0.5]))).toBeCloseTo(LN2, 15);
    expect(vonNeumannEntropy(scale(identity(4), 0.25))).toBeCloseTo(Math.log(4), 14);
  });
  it('gives exactly 0 for pure states, including rotated ones', () => {
    expect(vonNeumannEntropy(plus)).toBe(0);
    expect(vonNeumannEntropy(bell)).toBe(0);
  });
  it('treats an eigenvalue of 1e-300 as zero without NaN', () => {
    const S = vonNeumannEntropy(fromDiagonal([1 - 1e-300, 1e-300]));
    expect(S).toBeGreaterThanOrEqual(0);
    expect(S).toBeLessThan(1e-295); // η(1e-300) = 6.9e-298: continuous, no cut-off
    expect(shannonEntropy([1, 0, -1e-17])).toBe(0);
  });
  it('matches the binary entropy for diag(p, 1 − p)', () => {
    const p = 0.3;
    expect(vonNeumannEntropy(fromDiagonal([p, 1 - p]))).toBeCloseTo(-p * Math.log(p) - (1 - p) * Math.log(1 - p), 15);
  });
});

describe('relative entropy and KL divergence', () => {
  it('is +Infinity for orthogonal pure states and for |0⟩ against |+⟩ (qutip#1553)', () => {
    expect(relativeEntropy(ket0, ket1)).toBe(Infinity);
    expect(relativeEntropy(ket0, plus)).toBe(Infinity);
  });
  it('is 0 for a state against itself, also rank-deficient', () => {
    expect(relativeEntropy(plus, plus)).toBeLessThan(1e-15); // the rounded |+⟩⟨+| has eigenvalues 0 and 1 + 2ε
    const rho = fromReal([[0.7, 0.2], [0.2, 0.3]]);
    expect(relativeEntropy(rho, rho)).toBeLessThan(1e-14);
  });
  it('reduces to KL for commuting diagonal states', () => {
    const p = [0.2, 0.5, 0.3];
    const q = [0.1, 0.6, 0.3];
    const kl = p.reduce((a, pi, i) => a + pi * Math.log(pi / q[i]), 0);
    expect(relativeEntropy(fromDiagonal(p), fromDiagonal(q))).toBeCloseTo(kl, 14);
    expect(klDivergence(p, q)).toBeCloseTo(kl, 15);
  });
  it('is finite for a pure state against a full-rank one: S(|0⟩‖½1) = ln 2', () => {
    expect(relativeEntropy(ket0, fromDiagonal([0.5, 0.5]))).toBeCloseTo(LN2, 14);
  });
  it('KL is +Infinity on support mismatch and ignores zero weights', () => {
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(LN2, 15);
  });
});

describe('partial trace and mutual information', () => {
  it('gives ½·1 on both halves of a Bell state, and I = 2 ln 2', () => {
    const half = scale(identity(2), 0.5);
    expect(normMax(sub(partialTrace(bell, [2, 2], [0]), half))).toBeLessThan(4 * EPS);
    expect(normMax(sub(partialTrace(bell, [2, 2], [1]), half))).toBeLessThan(4 * EPS);
    expect(mutualInformation(bell, [2, 2])).toBeCloseTo(2 * LN2, 14);
  });
  it('keeps any subset of three subsystems: tr_B (A⊗B⊗C) = tr(B) A⊗C', () => {
    const A = fromReal([[1, 2], [3, 4]], [[0, 1], [-1, 0]]);
    const B = fromReal([[1, 0, 0], [0, 2, 0], [0, 0, 3]]);
    const C = fromReal([[0, 1], [1, 0]]);
    const got = partialTrace(kron(kron(A, B), C), [2, 3, 2], [0, 2]);
    expect(normMax(sub(got, scale(kron(A, C), 6)))).toBeLessThan(1e-13);
    const gotB = partialTrace(kron(kron(A, B), C), [2, 3, 2], [1]);
    // tr A = 5, tr C = 0
    expect(normMax(gotB)).toBe(0);
  });
  it('rejects dimensions that do not match', () => {
    expect(() => partialTrace(bell, [2, 3], [0])).toThrow(/dims must be/);
  });
  it('gives I = 0 for a product state', () => {
    expect(mutualInformation(kron(fromDiagonal([0.3, 0.7]), plus), [2, 2])).toBeLessThan(1e-14);
  });
});

describe('dephasing and coherence', () => {
  it('C(|+⟩) = ln 2 for a non-degenerate qubit Hamiltonian', () => {
    expect(relativeEntropyOfCoherence(plus, [0, 1])).toBeCloseTo(LN2, 14);
  });
  it('keeps coherences inside a degenerate level (block dephasing): C(|+⟩) = 0 for H = 0', () => {
    expect(relativeEntropyOfCoherence(plus, [0, 0])).toBe(0);
    expect(normMax(sub(dephase(plus, [0, 0]), plus))).toBe(0);
  });
  it('dephases in the eigenbasis of a non-diagonal H: Δ_σx(|0⟩⟨0|) = ½·1', () => {
    const sx = fromReal([[0, 1], [1, 0]]);
    expect(normMax(sub(dephase(ket0, sx), scale(identity(2), 0.5)))).toBeLessThan(1e-15);
    expect(relativeEntropyOfCoherence(plus, sx)).toBeLessThan(1e-15);
  });
  it('keeps the degenerate blocks of H_S⊗1 + 1⊗H_E for resonant qubits', () => {
    // energies of |00>,|01>,|10>,|11> = 0,1,1,2: block {01,10}
    const rho = bell; // coherence between 00 and 11 only: removed
    const d = dephase(rho, [0, 1, 1, 2]);
    expect(d.re[0 * 4 + 3]).toBe(0);
    const psi = projector([[0, 0], [s, 0], [s, 0], [0, 0]]);
    expect(normMax(sub(dephase(psi, [0, 1, 1, 2]), psi))).toBe(0);
  });
});

describe('validation', () => {
  it('names the field, the condition, the residual and the tolerance', () => {
    const A = fromReal([[1, 2], [2.5, 1]]);
    expect(isHermitian(A)).toBe(false);
    expect(isHermitian(fromReal([[1, 2], [2, 1]]))).toBe(true);
    expect(() => assertHermitian(A, 'H')).toThrow(/^H must be Hermitian \(max \|A - A†\| relative\) \(got 0\.200, tolerance 1\.00e-10\)$/);
    expect(() => assertDensityMatrix(fromReal([[0.6, 0], [0, 0.6]]), 'rho0')).toThrow(/^rho0 must be of trace 1 .*got 0\.200, tolerance 1\.00e-10/);
    expect(() => assertDensityMatrix(fromReal([[1.5, 0], [0, -0.5]]), 'rho0')).toThrow(/^rho0 must be positive semidefinite .*got -0\.500/);
    expect(() => assertUnitary(fromReal([[1, 1], [0, 1]]), 'U')).toThrow(/^U must be unitary/);
    expect(() => assertEnergyConserving(fromReal([[0, 1], [1, 0]]), fromDiagonal([0, 1]), 'U')).toThrow(/^U must be energy conserving .*got 1\.00/);
  });
});

describe('Gibbs states and free energies', () => {
  it('gives qubit populations 1/(1 + e^{−β}) and e^{−β}/(1 + e^{−β})', () => {
    const b = 0.7;
    const p = gibbsPopulations([0, 1], b);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-b)), 15);
    expect(p[1]).toBeCloseTo(Math.exp(-b) / (1 + Math.exp(-b)), 15);
  });
  it('is uniform at β = 0 and the ground state at β·ΔE = 1000 and β = ∞, without NaN', () => {
    expect(Array.from(gibbsPopulations([0, 1, 5], 0))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(Array.from(gibbsPopulations([3, 4], 1000))).toEqual([1, 0]);
    expect(Array.from(gibbsPopulations([-2, -2, 1], Infinity))).toEqual([0.5, 0.5, 0]);
    expect(logPartition([1000, 2000], 1)).toBeCloseTo(-1000, 10);
    expect(Number.isNaN(logPartition([0, 1], Infinity))).toBe(false);
  });
  it('satisfies Eq. 7: F(ρ) = F_eq + T S(ρ‖ρ_eq)', () => {
    const H = fromReal([[0, 0.3], [0.3, 1.2]]);
    const rho = fromReal([[0.6, 0.1], [0.1, 0.4]], [[0, 0.2], [-0.2, 0]]);
    const beta = 1.3;
    const eq = gibbsState(H, beta);
    const energies = [0.6 - Math.sqrt(0.36 + 0.09), 0.6 + Math.sqrt(0.36 + 0.09)];
    const lhs = freeEnergy(rho, H, beta);
    const rhs = equilibriumFreeEnergy(energies, beta) + relativeEntropy(rho, eq) / beta;
    expect(lhs).toBeCloseTo(rhs, 13);
  });
  it('S(p‖p_eq) stays finite and exact at β·ΔE = 1000, where e^{−βΔE} underflows to 0', () => {
    // p = (½, ½), E = (0, 1), β = 1000: ½ ln ½ · 2 + 1000·½ + ln(1 + e^{−1000}) = 500 − ln 2
    expect(klDivergenceToGibbs([0.5, 0.5], [0, 1], 1000)).toBeCloseTo(500 - LN2, 10);
    expect(klDivergence([0.5, 0.5], gibbsPopulations([0, 1], 1000))).toBe(Infinity);
    expect(klDivergenceToGibbs([1, 0], [0, 1], Infinity)).toBe(0);
    expect(klDivergenceToGibbs([0.5, 0.5], [0, 1], Infinity)).toBe(Infinity);
    expect(relativeEntropyToGibbs(fromDiagonal([0.5, 0.5]), [0, 1], 1000)).toBeCloseTo(500 - LN2, 10);
  });
  it('rejects negative or NaN β with a message naming beta', () => {
    expect(() => gibbsPopulations([0, 1], -1)).toThrow(/^beta must be/);
    expect(() => gibbsPopulations([0, 1], NaN)).toThrow(/^beta must be/);
  });
});
