import { enumerateTrajectories } from './enumerate.js';
import type { TrajectoryInput, TrajectoryMeans } from './types.js';

/**
 * The exact forward averages of the stochastic entropy production and its parts
 * (Eqs. 40–44): ⟨e^{−σ}⟩, ⟨σ⟩, ⟨σ_d⟩, ⟨ξ⟩, ⟨e^{−σ_d}⟩, by enumeration of every
 * trajectory (see {@link enumerateTrajectories} for the path rules: labels with
 * probability ≤ TOL.zeroEigenvalue carry no path; values are always finite).
 * These are the `traj` key of a thermal-operation scenario.
 *
 * Expect ⟨σ⟩ = Σ, ⟨σ_d⟩ = Σ_d, ⟨ξ⟩ = Ξ; ⟨e^{−σ}⟩ = 1 iff ρ_S is full rank;
 * ⟨e^{−σ_d}⟩ = 1 for a diagonal full-rank ρ_S but not in general.
 * @throws QepInputError on invalid input (see {@link TrajectoryInput}).
 * @example exactTrajectoryMeans({ HS: [0, 1], HE: [0, 1], beta: 1, rhoS, U }).mean_sigma
 */
export function exactTrajectoryMeans(input: TrajectoryInput): TrajectoryMeans {
  const { means } = enumerateTrajectories(input);
  return {
    mean_exp_minus_sigma: means.mean_exp_minus_sigma,
    mean_sigma: means.mean_sigma,
    mean_sigma_d: means.mean_sigma_d,
    mean_xi: means.mean_xi,
    mean_exp_minus_sigma_d: means.mean_exp_minus_sigma_d,
  };
}
