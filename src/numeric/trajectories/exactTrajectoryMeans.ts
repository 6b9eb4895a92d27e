import type { CMatrix } from '../linalg/cmatrix.js';
import { assertDensityMatrix } from '../quantum/index.js';
import type { ThermalOperation } from '../thermal/thermalOperation.js';
import { QepInputError } from '../errors.js';
import { buildProtocol, prepareProtocol } from './_internal/protocol.js';
import { trajectoryMeansOf } from './enumerate.js';
import type { TrajectoryInput, TrajectoryMeans } from './types.js';

/**
 * The exact forward averages of the stochastic entropy production and its parts
 * (Eqs. 40–44): ⟨e^{−σ}⟩, ⟨σ⟩, ⟨σ_d⟩, ⟨ξ⟩, ⟨e^{−σ_d}⟩, by enumeration of every
 * trajectory (see {@link enumerateTrajectories} for the path rules: labels with
 * probability ≤ TOL.zeroEigenvalue carry no path; values are always finite).
 * These are the `traj` key of a thermal-operation scenario. The paths are summed,
 * not stored (the same sums, in the same order, as {@link enumerateTrajectories}).
 *
 * Expect ⟨σ⟩ = Σ, ⟨σ_d⟩ = Σ_d, ⟨ξ⟩ = Ξ; ⟨e^{−σ}⟩ = 1 iff ρ_S is full rank;
 * ⟨e^{−σ_d}⟩ = 1 for a diagonal full-rank ρ_S but not in general.
 * @throws QepInputError on invalid input (see {@link TrajectoryInput}).
 * @example exactTrajectoryMeans({ HS: [0, 1], HE: [0, 1], beta: 1, rhoS, U }).mean_sigma
 */
export function exactTrajectoryMeans(input: TrajectoryInput): TrajectoryMeans {
  return trajectoryMeansOf(prepareProtocol(input));
}

/**
 * {@link exactTrajectoryMeans} of a thermal operation built (and so validated) by
 * `thermalOperation`, applied to ρ_S (Eqs. 40–44): the same values as
 * `exactTrajectoryMeans({ HS: op.HS, HE: op.HE, beta: op.beta, rhoS, U: op.U })`, without
 * checking U and the Hamiltonians again.
 * @throws QepInputError naming `field` unless ρ_S is a d_S×d_S density matrix; naming `U`
 *   when the operation was built `unchecked` (its U need not be unitary).
 */
export function thermalOperationTrajectoryMeans(op: ThermalOperation, rhoS: CMatrix, field = 'rhoS'): TrajectoryMeans {
  if (op.unchecked) throw new QepInputError('U', 'checked (a thermal operation built with `unchecked` has no trajectory measure)', 'unchecked');
  assertDensityMatrix(rhoS, field, op.dS);
  return trajectoryMeansOf(buildProtocol(op.levelsS, op.levelsE, op.beta, rhoS, op.U));
}
