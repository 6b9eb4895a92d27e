import fc from 'fast-check';
import { fromDiagonal } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { fromBasis, energyLevels } from '../../src/numeric/quantum/index.js';
import type { TrajectoryInput } from '../../src/numeric/trajectories/index.js';
import { type ThermalInstance, type ThermalOptions, arbThermalInstance } from './thermal.js';

/**
 * The instances of the trajectory claims: the one thermal-operation generator
 * (arbThermalInstance) with the trajectory section's defaults, d_S ∈ {2, 3},
 * d_E ∈ {2, 3, 4}, a resonant environment (so H_S⊗1 + 1⊗H_E has degenerate
 * blocks joining different system levels and U moves population), every model
 * and every kind of ρ_S (full rank, rank-deficient, pure, near-degenerate,
 * diagonal), β·ΔE ∈ [0, 50]; and a seed for the Monte Carlo claims. Any option
 * of the generator may be given (e.g. `grid: 'coarse'` for the claims expected
 * refuted, whose counterexamples then shrink to readable qubits).
 */

/** One random thermal operation and a seed for the Monte Carlo claims. */
export interface TrajectoryInstance {
  readonly dS: number;
  readonly dE: number;
  readonly input: TrajectoryInput;
  readonly seed: number;
}

/** Options of {@link arbTrajectoryInstance}: the generator's, and how ρ_S is used. */
export interface ArbTrajectoryOptions extends ThermalOptions {
  /**
   * 'general' (default): ρ_S as drawn. 'diagonal': ρ_S replaced by its
   * dephased version in the eigenbasis of H_S with the same eigenvalues,
   * Σ_n λ_n |n⟩⟨n| (an incoherent state, for the classical fluctuation theorem).
   */
  readonly use?: 'general' | 'diagonal';
}

/** The trajectory section's defaults of the generator's options. */
export const TRAJECTORY_DEFAULTS: ThermalOptions = Object.freeze({ dimS: { min: 2, max: 3 }, dimE: { min: 2, max: 4 }, environment: 'resonant' });

/** A trajectory instance from a thermal instance; `diagonal` replaces ρ_S by Σ_n λ_n |n⟩⟨n| (largest weight on the ground level). */
export function trajectoryInstance(op: ThermalInstance, seed: number, diagonal = false): TrajectoryInstance {
  let rhoS = op.rhoS;
  if (diagonal) {
    const lambda = eigh(rhoS).values.slice().reverse(); // largest weight on the ground level
    rhoS = fromBasis(fromDiagonal(lambda), energyLevels(op.HS).basis);
  }
  return { dS: op.dS, dE: op.dE, input: { HS: op.HS, HE: op.HE, beta: op.beta, rhoS, U: op.U }, seed };
}

/** A random thermal operation and a seed (see the module comment). @throws QepInputError on bad options. */
export function arbTrajectoryInstance(options: ArbTrajectoryOptions = {}): fc.Arbitrary<TrajectoryInstance> {
  const { use, ...generator } = options;
  const diagonal = (use ?? 'general') === 'diagonal';
  return fc
    .record({ op: arbThermalInstance({ ...TRAJECTORY_DEFAULTS, ...generator }), seed: fc.integer({ min: 0, max: 0x7fffffff }) })
    .map(({ op, seed }) => trajectoryInstance(op, seed, diagonal));
}
