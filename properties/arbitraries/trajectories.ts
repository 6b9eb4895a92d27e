import fc from 'fast-check';
import { type CMatrix, adjoint, fromDiagonal, hermitianPart, mul } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { fromBasis, energyLevels } from '../../src/numeric/quantum/index.js';
import { type EnvironmentGap, resonantEnvironmentFromGaps, totalEnergyBlocks, unitaryFromParameters } from '../../src/numeric/random/index.js';
import type { TrajectoryInput } from '../../src/numeric/trajectories/index.js';
import { inBasis } from './hamiltonians.js';
import { type ThermalOperationInstance, arbThermalOperation } from './thermal.js';
import { energyConservingUnitaryFromParameters } from './unitaries.js';

/**
 * Random thermal operations for the trajectory claims, from the shared
 * `arbThermalOperation`: d_S ∈ {2, 3},
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

// ---------------------------------------------------------------------------
// Coarse-grained instances for the claims expected refuted.

/**
 * A coarse-grained random thermal operation whose counterexamples read well:
 * every parameter is a small integer on a grid, so fast-check shrinks a
 * failing instance to a qubit with levels {0, 1}, a resonant qubit environment
 * {0, 1}, β = 1, U = 1 and a state with simple entries — and, unlike the
 * fine-grained shared arbitrary, it cannot shrink a violation down to the edge
 * of the tolerance (the smallest grid step keeps it O(0.1)). Used for the
 * claims expected to be refuted.
 *
 * - d_S ∈ {2, 3}, d_E ∈ {2, 3, 4}.
 * - H_S: non-degenerate levels, gaps 1 + k/4 ∈ [0.25, 1.25].
 * - H_E resonant: its first gap is a Bohr frequency of S, later gaps are Bohr
 *   frequencies or free gaps in [0.25, 1].
 * - Optionally both Hamiltonians are rotated to non-diagonal matrices.
 * - U: one unitary exp(−iK_b) per degenerate block of the total energy, K_b with
 *   entries on a grid of step π/16 in [−π, π], rotated with the Hamiltonians.
 * - ρ_S: `mixed` (eigenvalues ∝ integer weights 0..8, possibly rank-deficient)
 *   or `pure`, eigenvectors exp(−iK) on the same grid (K = 0: diagonal).
 * - β = 2^{k/4} ∈ [0.125, 8], shrinking to 1.
 */

/** The kinds of initial states. */
type SimpleStateKind = 'mixed' | 'pure';

const grid = (k: number): number => (k * Math.PI) / 16;
const step = fc.integer({ min: -16, max: 16 });
const pool = (n: number): fc.Arbitrary<number[]> => fc.array(step, { minLength: n, maxLength: n });

function unitaryFromPool(theta: number[], n: number): CMatrix {
  return unitaryFromParameters(theta.slice(0, n * n).map(grid), n);
}

/** A coarse-grained random thermal operation (see the module comment). */
export function arbSimpleTrajectoryInstance(): fc.Arbitrary<TrajectoryInstance> {
  return fc
    .record({
      kind: fc.constantFrom<SimpleStateKind>('mixed', 'pure'),
      dS: fc.integer({ min: 2, max: 3 }),
      dE: fc.integer({ min: 2, max: 4 }),
      gapsS: fc.array(fc.integer({ min: -3, max: 1 }), { minLength: 2, maxLength: 2 }),
      gapsE: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 3, maxLength: 3 }),
      betaExp: fc.integer({ min: -12, max: 12 }),
      rotated: fc.boolean(),
      rotS: pool(9),
      rotE: pool(16),
      u: pool(144),
      vecs: pool(9),
      weights: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
    })
    .map((r): TrajectoryInstance => {
      const { dS, dE } = r;
      const energiesS = new Float64Array(dS);
      for (let i = 1; i < dS; i++) energiesS[i] = energiesS[i - 1] + 1 + r.gapsS[i - 1] / 4;
      // gap code g < 4: the g-th Bohr frequency of S; g ≥ 4: a free gap (g − 3)/4. The first gap is always resonant.
      const gaps: EnvironmentGap[] = [];
      for (let j = 0; j < dE - 1; j++) {
        const g = r.gapsE[j];
        gaps.push(j === 0 || g < 4 ? { bohr: g % 4 } : { free: (g - 3) / 4 });
      }
      const energiesE = resonantEnvironmentFromGaps(energiesS, gaps).energies;
      const VS = r.rotated ? unitaryFromPool(r.rotS, dS) : null;
      const VE = r.rotated ? unitaryFromPool(r.rotE, dE) : null;
      const HS = inBasis(energiesS, VS);
      const HE = inBasis(energiesE, VE);
      const U = energyConservingUnitaryFromParameters(totalEnergyBlocks(HS, HE), r.u.map(grid));

      const w = r.kind === 'pure' ? [1, 0, 0].slice(0, dS) : r.weights.slice(0, dS);
      const total = w.reduce((a, b) => a + b, 0);
      const lambda = total === 0 ? w.map(() => 1 / dS) : w.map((x) => x / total);
      const V = unitaryFromPool(r.vecs, dS);
      // ρ_S = B_S V diag(λ) V† B_S† with B_S the eigenbasis of H_S.
      let rho = inBasis(Float64Array.from(lambda), V);
      if (VS !== null) rho = mul(mul(VS, rho), adjoint(VS));
      const beta = 2 ** (r.betaExp / 4);
      return { dS, dE, input: { HS, HE, beta, rhoS: hermitianPart(rho), U }, seed: r.seed };
    });
}
