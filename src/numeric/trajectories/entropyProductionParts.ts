import { fromDiagonal } from '../linalg/cmatrix.js';
import { fromBasis, populationsIn, relativeEntropyOfCoherence, shannonEntropy, vonNeumannEntropy } from '../quantum/index.js';
import { type Protocol, logGibbs, prepareProtocol } from './_internal/protocol.js';
import type { TrajectoryInput } from './types.js';

/** The entropy production of a thermal operation and its two parts, from the states alone. */
export interface EntropyProductionParts {
  /** Σ = S(ρ_S‖ρ_S^eq) − S(ρ'_S‖ρ_S^eq) (Eq. 22). */
  readonly Sigma: number;
  /** Σ_d = S(p‖p_eq) − S(p'‖p_eq), populations in the eigenbasis of H_S (Eq. 24). */
  readonly Sigma_d: number;
  /** Ξ = C(ρ_S) − C(ρ'_S), relative entropy of coherence w.r.t. H_S (Eq. 25). */
  readonly Xi: number;
  /** S(ρ'_S) − S(ρ_S): the change of von Neumann entropy (for reports). */
  readonly entropyChange: number;
}

/**
 * Σ, Σ_d and Ξ computed directly from ρ_S and ρ'_S, i.e. by a route
 * independent of the trajectories, to check ⟨σ⟩ = Σ, ⟨σ_d⟩ = Σ_d and
 * ⟨ξ⟩ = Ξ (Eqs. 22–25, 40, 42–44).
 *
 * The relative entropies to the Gibbs state use its exact logarithm,
 * ln ρ_S^eq = −βH_S − ln Z_S (ln p_eq,n = −βE_n − ln Z_S):
 *   S(ρ‖ρ_eq) = −S(ρ) + β tr(H_S ρ) + ln Z_S,  S(p‖p_eq) = −H(p) + β Σ_n p_n E_n + ln Z_S,
 * so they stay finite for every finite β. (The generic `relativeEntropy` /
 * `klDivergence` decide supports with TOL.zeroEigenvalue and would return +∞
 * once a Gibbs population e^{−βΔE}/Z falls below 1e-12, βΔE ≳ 27.6.)
 * Ξ = C(ρ_S) − C(ρ'_S) with `relativeEntropyOfCoherence` w.r.t. H_S.
 *
 * Conventions: nats; 0 ln 0 = 0. Σ_d + Ξ = Σ needs H_S non-degenerate (the
 * paper's assumption): for a degenerate H_S the coherence is block-wise while
 * p, p' are read in the eigenbasis `eigh` returns.
 * @throws QepInputError on invalid input (see {@link TrajectoryInput}).
 */
export function entropyProductionParts(input: TrajectoryInput): EntropyProductionParts {
  return entropyProductionPartsOf(prepareProtocol(input));
}

/** {@link entropyProductionParts} on a prepared protocol. */
export function entropyProductionPartsOf(pr: Protocol): EntropyProductionParts {
  // H_S = B diag(E) B†, rebuilt from the spectrum the protocol uses (energies alone when diagonal).
  const HS = pr.basisS === null ? pr.energiesS : fromBasis(fromDiagonal(pr.energiesS), pr.basisS);
  const logPeq = logGibbs(pr.energiesS, pr.beta);
  const S0 = vonNeumannEntropy(pr.rhoS);
  const S1 = vonNeumannEntropy(pr.rhoSFinal);
  // −Σ_n ⟨n|ρ|n⟩ ln p_eq,n = −tr(ρ ln ρ_eq): the cross term of both relative entropies.
  const cross = (pop: Float64Array): number => pop.reduce((s, x, n) => s - x * logPeq[n], 0);
  // Populations read from the states themselves (not the path marginals of the protocol).
  const p0 = populationsIn(pr.rhoS, pr.basisS);
  const p1 = populationsIn(pr.rhoSFinal, pr.basisS);
  const Sigma = -S0 + cross(p0) - (-S1 + cross(p1));
  const Sigma_d = -shannonEntropy(p0) + cross(p0) - (-shannonEntropy(p1) + cross(p1));
  const Xi = relativeEntropyOfCoherence(pr.rhoS, HS) - relativeEntropyOfCoherence(pr.rhoSFinal, HS);
  return { Sigma, Sigma_d, Xi, entropyChange: S1 - S0 };
}
