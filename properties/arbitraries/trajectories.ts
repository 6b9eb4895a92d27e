import fc from 'fast-check';
import { fromDiagonal } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { fromBasis, energyLevels } from '../../src/numeric/quantum/index.js';
import type { TrajectoryInput } from '../../src/numeric/trajectories/index.js';
import { type ThermalInstance, type ThermalOptions, arbThermalInstance, resonantPartialSwapExample, spreadAngles, thermalExample } from './thermal.js';

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

/**
 * Boundary cases of the trajectory claims (within the section's dimensions, resonant
 * environments), tried before the random search: a pure state near zero temperature
 * (β·ΔE = 50), infinite temperature (β = 0), an oscillator exchange on equally spaced
 * levels, a rank-deficient state, a near-degenerate spectrum, the full swap of resonant
 * qubits, and Eq. 30's resonant partial swap. `diagonal` as in {@link ArbTrajectoryOptions}.
 */
export function trajectoryBoundaryExamples(diagonal = false): TrajectoryInstance[] {
  const generic = { theta: spreadAngles(576, 0.9), basisS: spreadAngles(16, 0.7), spectrum: [0, 0.1, 0.3], resonant: true };
  const ops = [
    thermalExample({ ...generic, dS: 3, dE: 3, state: 'pure', betaDeltaE: 50, rotated: true, rotS: spreadAngles(16, 0.5), rotE: spreadAngles(36, 0.4) }),
    thermalExample({ ...generic, dS: 3, dE: 4, state: 'coherent', betaDeltaE: 0 }),
    thermalExample({ ...generic, model: 'exchange', dS: 3, dE: 4, ladder: true, oscillator: true, transition: 1, angle: 1.1, betaDeltaE: 2 }),
    thermalExample({ ...generic, dS: 3, dE: 3, envCodes: [0, 1], state: 'deficient', betaDeltaE: 5 }),
    thermalExample({ ...generic, dS: 3, dE: 2, state: 'near-degenerate', near: { gap: [0, 0.5], exponent: [1] }, betaDeltaE: 1 }),
    thermalExample({ ...generic, model: 'partial-swap', gapsS: [2 / 3], angle: Math.PI / 2, state: 'pure', betaDeltaE: 3 }),
    resonantPartialSwapExample(),
  ];
  return ops.map((op, k) => trajectoryInstance(op, 1000 + k, diagonal));
}

/**
 * Eq. 40 for a rank-deficient ρ_S, on the coarse grid: two resonant qubits (gap 0.25),
 * the partial swap at θ = π/4, β·ΔE = 1, S in its ground state. Backward paths that end
 * in |1⟩ (the kernel of ρ_S) are missing from the average, so ⟨e^{−σ}⟩ < 1.
 */
export function pureGroundStateSwapExample(): TrajectoryInstance {
  return trajectoryInstance(thermalExample({ model: 'partial-swap', angle: Math.PI / 4, state: 'pure', betaDeltaE: 1, coarse: true }), 0);
}

/**
 * The classical fluctuation theorem with coherences, on the coarse grid: two resonant
 * qubits (gap 0.25), U = 1, β·ΔE = 1, ρ_S full rank (weights 1 : e^{−5}) with eigenvectors
 * exp(−iK(θ)), θ = (0, π/4, π/16, 0), away from the energy basis: ⟨e^{−σ_d}⟩ = 1.72.
 */
export function coherentFullRankExample(): TrajectoryInstance {
  return trajectoryInstance(
    thermalExample({ resonant: true, state: 'coherent', spectrum: [0, 2 / 8], basisS: [0, Math.PI / 4, Math.PI / 16, 0], betaDeltaE: 1, coarse: true }),
    0,
  );
}
