import { fromDiagonal } from '../linalg/cmatrix.js';
import {
  excitationEnergy,
  fromBasis,
  klDivergenceToGibbs,
  populationsIn,
  relativeEntropyOfCoherence,
  relativeEntropyToGibbsOf,
  vonNeumannEntropy,
} from '../quantum/index.js';
import { type Protocol, prepareProtocol } from './_internal/protocol.js';
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
 * Σ, Σ_d and Ξ computed directly from ρ_S and ρ'_S with the quantum
 * primitives, i.e. by a route independent of the trajectories, to check
 * ⟨σ⟩ = Σ, ⟨σ_d⟩ = Σ_d and ⟨ξ⟩ = Ξ (Eqs. 22–25, 40, 42–44):
 *   Σ = S(ρ_S‖ρ_S^eq) − S(ρ'_S‖ρ_S^eq)   (`relativeEntropyToGibbsOf`, from ⟨H_S⟩ and S),
 *   Σ_d = S(p‖p_eq) − S(p'‖p_eq)         (`klDivergenceToGibbs`, p_n = ⟨n|ρ_S|n⟩),
 *   Ξ = C(ρ_S) − C(ρ'_S)                 (`relativeEntropyOfCoherence` w.r.t. H_S).
 * The Gibbs forms use the exact ln p_eq,n = −β(E_n − E_min) − ln Z', so every term is
 * finite for finite β, however small the equilibrium populations.
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
  // Populations read from the states themselves (not the path marginals of the protocol).
  const p0 = populationsIn(pr.rhoS, pr.basisS);
  const p1 = populationsIn(pr.rhoSFinal, pr.basisS);
  const E = pr.energiesS;
  const S0 = vonNeumannEntropy(pr.rhoS);
  const S1 = vonNeumannEntropy(pr.rhoSFinal);
  const Sigma = relativeEntropyToGibbsOf(excitationEnergy(p0, E), S0, E, pr.beta) - relativeEntropyToGibbsOf(excitationEnergy(p1, E), S1, E, pr.beta);
  const Sigma_d = klDivergenceToGibbs(p0, pr.energiesS, pr.beta) - klDivergenceToGibbs(p1, pr.energiesS, pr.beta);
  const Xi = relativeEntropyOfCoherence(pr.rhoS, HS) - relativeEntropyOfCoherence(pr.rhoSFinal, HS);
  return { Sigma, Sigma_d, Xi, entropyChange: S1 - S0 };
}
