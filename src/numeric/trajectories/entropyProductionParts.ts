import { fromDiagonal } from '../linalg/cmatrix.js';
import {
  fromBasis,
  gibbsPopulations,
  gibbsState,
  klDivergence,
  relativeEntropy,
  relativeEntropyOfCoherence,
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
 * Σ, Σ_d and Ξ computed directly from ρ_S and ρ'_S with the quantum primitives
 * (relative entropy, KL divergence, relative entropy of coherence), i.e. by a
 * route independent of the trajectories, to check ⟨σ⟩ = Σ, ⟨σ_d⟩ = Σ_d and
 * ⟨ξ⟩ = Ξ (Eqs. 22–25, 40, 42–44).
 *
 * Conventions: nats; entropies treat eigenvalues ≤ TOL.zeroEigenvalue as 0.
 * Σ_d + Ξ = Σ needs H_S non-degenerate (the paper's assumption): for a
 * degenerate H_S the coherence is block-wise while p, p' are read in the
 * eigenbasis `eigh` returns.
 * For finite β, ρ_S^eq is full rank so every term is finite (the primitives
 * would give +∞ if an equilibrium population fell below TOL.zeroEigenvalue).
 * @throws QepInputError on invalid input (see {@link TrajectoryInput}).
 */
export function entropyProductionParts(input: TrajectoryInput): EntropyProductionParts {
  return entropyProductionPartsOf(prepareProtocol(input));
}

/** {@link entropyProductionParts} on a prepared protocol. */
export function entropyProductionPartsOf(pr: Protocol): EntropyProductionParts {
  // H_S = B diag(E) B†, rebuilt from the spectrum the protocol uses (energies alone when diagonal).
  const HS = pr.basisS === null ? pr.energiesS : fromBasis(fromDiagonal(pr.energiesS), pr.basisS);
  const rhoEq = gibbsState(HS, pr.beta);
  const pEq = gibbsPopulations(pr.energiesS, pr.beta);
  const Sigma = relativeEntropy(pr.rhoS, rhoEq) - relativeEntropy(pr.rhoSFinal, rhoEq);
  const Sigma_d = klDivergence(pr.pn, pEq) - klDivergence(pr.pmFinal, pEq);
  const Xi = relativeEntropyOfCoherence(pr.rhoS, HS) - relativeEntropyOfCoherence(pr.rhoSFinal, HS);
  return { Sigma, Sigma_d, Xi, entropyChange: vonNeumannEntropy(pr.rhoSFinal) - vonNeumannEntropy(pr.rhoS) };
}
