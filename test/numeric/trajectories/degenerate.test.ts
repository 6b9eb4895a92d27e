import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, fromDiagonal, fromReal, identity, mul, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { createRng, randomEnergyConservingUnitary, haarUnitary } from '../../../src/numeric/random/index.js';
import { type TrajectoryEnsemble, type TrajectoryInput, enumerateTrajectories } from '../../../src/numeric/trajectories/index.js';

/**
 * A degenerate eigenvalue of ρ_S or ρ'_S leaves its eigenbasis free inside the
 * eigenspace. The averages that the paper defines (⟨σ⟩, ⟨σ_d⟩, ⟨ξ⟩, ⟨e^{−σ}⟩)
 * and Σ, Σ_d, Ξ must not depend on that choice; we rotate the basis inside the
 * degenerate eigenspace and compare.
 */

/** blockdiag(R, 1, …) for a k × k unitary R in the top-left corner of an n × n identity. */
function embed(R: CMatrix, n: number): CMatrix {
  const out = identity(n);
  const k = R.rows;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      out.re[i * n + j] = R.re[i * k + j];
      out.im[i * n + j] = R.im[i * k + j];
    }
  }
  return out;
}

/** W diag(λ) W†. */
function withSpectrum(W: CMatrix, lambda: number[]): CMatrix {
  return mul(mul(W, fromDiagonal(lambda)), adjoint(W));
}

function invariants(e: TrajectoryEnsemble): number[] {
  const m = e.means;
  return [m.mean_sigma, m.mean_sigma_d, m.mean_xi, m.mean_exp_minus_sigma, e.parts.Sigma, e.parts.Sigma_d, e.parts.Xi, e.totals.forward, e.totals.backward];
}

function expectSame(a: number[], b: number[]): void {
  a.forEach((x, i) => expect(Math.abs(x - b[i]), `invariant #${i}`).toBeLessThan(1e-12));
}

const HS3 = [0, 0.7, 1.5];
const HE3 = [0, 0.7, 1.5];

function qutritInstance(seed: number, lambda: number[], beta: number): { input: TrajectoryInput; W: CMatrix } {
  const rng = createRng(seed);
  const W = haarUnitary(rng, 3);
  const U = randomEnergyConservingUnitary(rng, HS3, HE3);
  return { input: { HS: HS3, HE: HE3, beta, rhoS: withSpectrum(W, lambda), U }, W };
}

describe('results that do not depend on the choice of eigenbasis in a degenerate eigenspace', () => {
  it('ρ_S with a doubly degenerate eigenvalue and coherences: rotating |ψ_α⟩ inside it changes none of the averages', () => {
    // eigenvalues (0.4, 0.4, 0.2): the first two columns of W span the degenerate eigenspace.
    const { input, W } = qutritInstance(1, [0.4, 0.4, 0.2], 0.9);
    const base = enumerateTrajectories(input, { initialEigenbasis: W });
    for (let s = 0; s < 4; s++) {
      const R = haarUnitary(createRng(100 + s), 2);
      const rotated = enumerateTrajectories(input, { initialEigenbasis: mul(W, embed(R, 3)) });
      expectSame(invariants(rotated), invariants(base));
    }
    // and the default basis (eigh's choice) agrees with both
    expectSame(invariants(enumerateTrajectories(input)), invariants(base));
  });

  it('a pure qutrit ρ_S has a two-dimensional kernel: rotating inside it leaves ⟨e^{−σ}⟩ < 1 and the means unchanged', () => {
    // eigenvalues (1, 0, 0): columns 2, 3 of W span the kernel; rotate them.
    const { input, W } = qutritInstance(2, [1, 0, 0], 1.3);
    const base = enumerateTrajectories(input, { initialEigenbasis: W });
    expect(base.means.mean_exp_minus_sigma).toBeLessThan(1 - 1e-3);
    const swapCols = fromReal([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    for (let s = 0; s < 3; s++) {
      const R = haarUnitary(createRng(200 + s), 2);
      // move the kernel to the top-left block, rotate it, move it back
      const V = mul(mul(mul(W, swapCols), embed(R, 3)), swapCols);
      expectSame(invariants(enumerateTrajectories(input, { initialEigenbasis: V })), invariants(base));
    }
  });

  it("a maximally mixed ρ_S at β = 0 gives ρ'_S = 1/3: both bases are free, and every average is the same for any choice", () => {
    const rng = createRng(3);
    const U = randomEnergyConservingUnitary(rng, HS3, HE3);
    const input: TrajectoryInput = { HS: HS3, HE: HE3, beta: 0, rhoS: fromDiagonal([1 / 3, 1 / 3, 1 / 3]), U };
    const base = enumerateTrajectories(input);
    for (let s = 0; s < 3; s++) {
      const V0 = haarUnitary(createRng(300 + s), 3);
      const V1 = haarUnitary(createRng(400 + s), 3);
      const e = enumerateTrajectories(input, { initialEigenbasis: V0, finalEigenbasis: V1 });
      expectSame(invariants(e), invariants(base));
      // here even ⟨e^{−σ_d}⟩ is fixed: every p_n, p'_m, q equal 1/3, so σ_d = 0 on every path
      expect(e.means.mean_exp_minus_sigma_d).toBeCloseTo(1, 12);
    }
    expect(base.means.mean_sigma).toBeCloseTo(0, 12);
  });

  it("a full swap at β = 0 makes ρ'_S = 1/2 from a coherent ρ_S: rotating |ψ'_β⟩ changes none of the averages", () => {
    const swap = fromReal([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    const rhoS = fromReal(
      [
        [0.7, 0.2],
        [0.2, 0.3],
      ],
      [
        [0, 0.1],
        [-0.1, 0],
      ],
    );
    const input: TrajectoryInput = { HS: [0, 1], HE: [0, 1], beta: 0, rhoS, U: swap };
    const base = enumerateTrajectories(input);
    expect(base.rhoSFinal.re[0]).toBeCloseTo(0.5, 14);
    for (let s = 0; s < 4; s++) {
      const V = haarUnitary(createRng(500 + s), 2);
      expectSame(invariants(enumerateTrajectories(input, { finalEigenbasis: V })), invariants(base));
    }
  });

  it('⟨e^{−σ_d}⟩ itself can depend on the choice: a documented limitation, not an invariant', () => {
    // Σ_α |⟨n|ψ_α⟩|² |⟨ψ'_β,ν|U|ψ_α,µ⟩|² over a degenerate block is not basis independent.
    const { input, W } = qutritInstance(1, [0.4, 0.4, 0.2], 0.9);
    const a = enumerateTrajectories(input, { initialEigenbasis: W }).means.mean_exp_minus_sigma_d;
    let spread = 0;
    for (let s = 0; s < 4; s++) {
      const R = haarUnitary(createRng(100 + s), 2);
      const b = enumerateTrajectories(input, { initialEigenbasis: mul(W, embed(R, 3)) }).means.mean_exp_minus_sigma_d;
      spread = Math.max(spread, Math.abs(a - b));
    }
    expect(spread).toBeGreaterThan(1e-6);
  });

  it('checks a chosen basis: a rotation that mixes non-degenerate eigenvectors is rejected', () => {
    const { input, W } = qutritInstance(1, [0.4, 0.4, 0.2], 0.9);
    const mixing = haarUnitary(createRng(9), 3);
    expect(() => enumerateTrajectories(input, { initialEigenbasis: mul(W, mixing) })).toThrow(/initialEigenbasis/);
    expect(() => enumerateTrajectories(input, { initialEigenbasis: zeros(3, 3) })).toThrow(/initialEigenbasis/);
  });
});
