import fc from 'fast-check';
import { type CMatrix, fromDiagonal } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { fromBasis, energyLevels } from '../../src/numeric/quantum/index.js';
import type { TrajectoryInput } from '../../src/numeric/trajectories/index.js';
import { type ThermalOperationInstance, arbThermalOperation, readableMatrix, round6 } from '../arbitraries.js';

/**
 * Random thermal operations for the trajectory claims, from the shared
 * `arbThermalOperation` (properties/arbitraries.ts): d_S ∈ {2, 3},
 * d_E ∈ {2, 3, 4}; H_S with non-degenerate levels and Bohr frequencies,
 * diagonal or rotated; H_E resonant with S (so H_S⊗1 + 1⊗H_E has degenerate
 * blocks joining different system levels and U moves population); U = ⊕_b
 * exp(−iK_b) in those blocks (every block unitary is reached); ρ_S of any rank
 * (full, deficient, pure; nearly pure and near-degenerate spectra included)
 * with coherences; β ∈ [0, 50] (uniform, log-uniform down to 10⁻⁶, and 0).
 * Everything is a `.map`, so it shrinks toward a qubit and a qubit
 * environment, U = 1, diagonal H and ρ_S, β = 0.
 */

/** One random thermal operation and a seed for the Monte Carlo claims. */
export interface TrajectoryInstance {
  readonly dS: number;
  readonly dE: number;
  readonly input: TrajectoryInput;
  readonly seed: number;
}

/** Options of {@link arbTrajectoryInstance}. */
export interface ArbTrajectoryOptions {
  /**
   * 'general' (default): ρ_S as drawn. 'diagonal': ρ_S replaced by its
   * dephased version in the eigenbasis of H_S with the same eigenvalues,
   * Σ_n λ_n |n⟩⟨n| (an incoherent state, for the classical fluctuation theorem).
   */
  readonly states?: 'general' | 'diagonal';
}

function toInstance(op: ThermalOperationInstance, seed: number, diagonal: boolean): TrajectoryInstance {
  let rhoS = op.rhoS;
  if (diagonal) {
    const lambda = eigh(rhoS).values.slice().reverse(); // largest weight on the ground level
    rhoS = fromBasis(fromDiagonal(lambda), energyLevels(op.HS.matrix).basis);
  }
  return {
    dS: op.HS.energies.length,
    dE: op.HE.energies.length,
    input: { HS: op.HS.matrix, HE: op.HE.matrix, beta: op.beta, rhoS, U: op.U },
    seed,
  };
}

/** A random thermal operation (see the module comment for the distribution). */
export function arbTrajectoryInstance(options: ArbTrajectoryOptions = {}): fc.Arbitrary<TrajectoryInstance> {
  const diagonal = (options.states ?? 'general') === 'diagonal';
  return fc
    .record({
      op: arbThermalOperation({ dimS: { min: 2, max: 3 }, dimE: { min: 2, max: 4 }, rank: 'any', hamiltonian: { basis: 'any' } }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
    })
    .map(({ op, seed }) => toInstance(op, seed, diagonal));
}

function isDiagonal(A: CMatrix): boolean {
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) if (i !== j && (A.re[i * A.cols + j] !== 0 || A.im[i * A.cols + j] !== 0)) return false;
  return true;
}

/** A readable view of an instance for counterexample reports (6 decimals; diagonal Hamiltonians as their energies). */
export function describeInstance(t: TrajectoryInstance): unknown {
  const { input } = t;
  const ham = (h: CMatrix | ArrayLike<number>): unknown => {
    if (!('re' in h)) return Array.from(h, round6);
    return isDiagonal(h) ? Array.from({ length: h.rows }, (_, i) => round6(h.re[i * h.cols + i])) : readableMatrix(h);
  };
  return {
    dS: t.dS,
    dE: t.dE,
    beta: round6(input.beta),
    HS: ham(input.HS),
    HE: ham(input.HE),
    rhoS: readableMatrix(input.rhoS),
    rhoS_eigenvalues: Array.from(eigh(input.rhoS).values, (x) => Number(x.toPrecision(6)) || 0),
    U: readableMatrix(input.U),
  };
}
