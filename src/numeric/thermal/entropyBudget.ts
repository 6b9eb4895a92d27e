import { type CMatrix, diagonalRe, hermitianPart, zeros } from '../linalg/cmatrix.js';
import { eigvalsh } from '../linalg/eigh.js';
import {
  assertDensityMatrix,
  betaEnergy,
  clampNonNegative,
  degenerateBlocks,
  etaLn,
  excitationEnergy,
  fromBasis,
  gibbsPopulations,
  partialTrace,
  relativeEntropyToGibbsOf,
  shannonEntropy,
  toBasis,
} from '../quantum/index.js';
import { type ThermalOperation, jointStateInEigenbasis, productBasis } from './thermalOperation.js';

/**
 * Every entropic quantity of a thermal operation applied to ρ_S (Eqs. 16–31).
 * States are in the original basis; populations in the eigenbasis of H_S.
 * Conventions: nats; C_H(ρ) = S(Δ_H ρ) − S(ρ) with block dephasing; coherences
 * of S w.r.t. H_S, of E w.r.t. H_E, of SE w.r.t. H_S⊗1 + 1⊗H_E.
 */
export interface ThermalBudget {
  /** ρ'_SE = U(ρ_S ⊗ ρ_E^eq)U† (Eq. 16). */
  readonly rhoSE_final: CMatrix;
  /** ρ'_S = tr_E ρ'_SE (Eq. 18). */
  readonly rhoS_final: CMatrix;
  /** ρ'_E = tr_S ρ'_SE. */
  readonly rhoE_final: CMatrix;
  /** Populations p_n = ⟨n|ρ_S|n⟩ in the eigenbasis of H_S. */
  readonly p: Float64Array;
  /** Populations p'_m = ⟨m|ρ'_S|m⟩. */
  readonly p_final: Float64Array;
  /** Gibbs populations of S. */
  readonly p_eq: Float64Array;
  /** S(ρ_S‖ρ_S^eq). */
  readonly Srel_S: number;
  /** S(ρ'_S‖ρ_S^eq). */
  readonly Srel_S_final: number;
  /** Σ = S(ρ_S‖ρ_S^eq) − S(ρ'_S‖ρ_S^eq) (Eq. 22), computed as β(U − U') − S(ρ_S) + S(ρ'_S), U = tr ρH. */
  readonly Sigma: number;
  /** Σ_d = S(Δρ_S‖ρ_S^eq) − S(Δρ'_S‖ρ_S^eq) = S(p‖p_eq) − S(p'‖p_eq) (Eq. 24; the two agree for non-degenerate H_S). */
  readonly Sigma_d: number;
  /** Ξ = C(ρ_S) − C(ρ'_S) (Eq. 25). */
  readonly Xi: number;
  /** S(ρ'_E‖ρ_E^eq) (Eq. 26). */
  readonly Srel_E: number;
  /** I(ρ'_SE) = S(ρ'_S) + S(ρ'_E) − S(ρ'_SE) (Eq. 26). */
  readonly I_SE: number;
  /** C_{H_S}(ρ_S). */
  readonly C_S: number;
  /** C_{H_S}(ρ'_S). */
  readonly C_S_final: number;
  /** C_{H_S⊗1+1⊗H_E}(ρ'_SE) (Eq. 28). */
  readonly C_SE_final: number;
  /** C_{H_E}(ρ'_E). */
  readonly C_E_final: number;
  /** C_cc(ρ'_SE) = C(ρ'_SE) − C(ρ'_S) − C(ρ'_E) (Eq. 30), not clamped: its sign is what Eq. (30) claims. */
  readonly C_cc: number;
  /** S(Δ_{H_S+H_E}(ρ'_SE)) (Eq. 27). */
  readonly S_deph_SE_final: number;
  /** S(Δ_{H_S}(ρ_S)) (Eq. 27). */
  readonly S_deph_S: number;
  /** S(ρ_E^eq) (Eq. 27). */
  readonly S_E_eq: number;
  /** S(ρ_S). */
  readonly S_S: number;
  /** S(ρ'_S). */
  readonly S_S_final: number;
  /** S(ρ'_E). */
  readonly S_E_final: number;
  /** S(ρ'_SE) (= S(ρ_S) + S(ρ_E^eq) by unitarity). */
  readonly S_SE_final: number;
}

/** S(ρ) = −Σ λ ln λ over the eigenvalues of ρ (the value of `vonNeumannEntropy`, eigenvalues by `eigvalsh`: no eigenvectors). */
function entropy(rho: CMatrix): number {
  return shannonEntropy(eigvalsh(rho));
}

/**
 * S(Δ_H ρ) for ρ written in the eigenbasis of H, given the degenerate levels of H (index
 * blocks, as `degenerateBlocks` groups the energies under TOL.degeneracy): the block
 * dephased state is block diagonal, so its entropy is the sum over the levels of the
 * entropies of the diagonal blocks of ρ. Same value as vonNeumannEntropy(dephase(ρ, energies)),
 * one small eigenvalue solve per block.
 */
function dephasedEntropy(rho: CMatrix, blocks: readonly (readonly number[])[]): number {
  const n = rho.rows;
  let s = 0;
  for (const block of blocks) {
    const k = block.length;
    if (k === 1) {
      s += etaLn(rho.re[block[0] * n + block[0]]);
      continue;
    }
    const B = zeros(k, k);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        B.re[a * k + b] = rho.re[block[a] * n + block[b]];
        B.im[a * k + b] = rho.im[block[a] * n + block[b]];
      }
    }
    for (const l of eigvalsh(B)) s += etaLn(l);
  }
  return clampNonNegative(s);
}

/**
 * The entropy budget of a thermal operation on ρ_S: the joint and reduced final
 * states and Σ, Σ_d, Ξ (Eqs. 22–25), S(ρ'_E‖ρ_E^eq) and I(ρ'_SE) (Eq. 26), the
 * dephased entropies of Eq. (27), the coherences of Eqs. (28)–(31).
 *
 * Computed in the product energy eigenbasis, where every dephasing is a block
 * dephasing by given energies (no eigensolver for the Hamiltonians). Relative
 * entropies to Gibbs states use S(ρ‖ρ_eq) = β tr(ρH) + ln Z − S(ρ), finite for any
 * finite β (β·ΔE = 50 underflows Gibbs populations below the zero-eigenvalue
 * threshold, where a spectral relative entropy would report +∞); Σ and Σ_d are
 * formed as β·(energy change) plus entropy changes, so ln Z cancels exactly.
 * Entropies, C and I are clamped at 0 from below; Σ, Σ_d, Ξ and C_cc are differences and are not.
 * @throws QepInputError naming `field` unless ρ_S is a d_S×d_S density matrix.
 */
export function thermalEntropyBudget(op: ThermalOperation, rhoS: CMatrix, field = 'rhoS'): ThermalBudget {
  assertDensityMatrix(rhoS, field, op.dS);
  const { dS, dE, beta, levelsS, levelsE, totalEnergies } = op;
  const eS = levelsS.energies;
  const eE = levelsE.energies;
  const rS = toBasis(rhoS, levelsS.basis);
  const rSE = jointStateInEigenbasis(op, rS);
  const rS1 = partialTrace(rSE, [dS, dE], [0]);
  const rE1 = partialTrace(rSE, [dS, dE], [1]);

  const S_S = entropy(rS);
  const S_S_final = entropy(rS1);
  const S_E_final = entropy(rE1);
  const S_SE_final = entropy(rSE);
  const S_deph_S = dephasedEntropy(rS, levelsS.blocks);
  const S_deph_S_final = dephasedEntropy(rS1, levelsS.blocks);
  const S_deph_E_final = dephasedEntropy(rE1, levelsE.blocks);
  const S_deph_SE_final = dephasedEntropy(rSE, degenerateBlocks(totalEnergies));
  const S_E_eq = shannonEntropy(op.q);

  const p = diagonalRe(rS);
  const p_final = diagonalRe(rS1);
  const pE_final = diagonalRe(rE1);
  const Srel_S = relativeEntropyToGibbsOf(excitationEnergy(p, eS), S_S, eS, beta);
  const Srel_S_final = relativeEntropyToGibbsOf(excitationEnergy(p_final, eS), S_S_final, eS, beta);
  const Srel_E = relativeEntropyToGibbsOf(excitationEnergy(pE_final, eE), S_E_final, eE, beta);

  const C_S = clampNonNegative(S_deph_S - S_S);
  const C_S_final = clampNonNegative(S_deph_S_final - S_S_final);
  const C_E_final = clampNonNegative(S_deph_E_final - S_E_final);
  const C_SE_final = clampNonNegative(S_deph_SE_final - S_SE_final);

  // Σ and Σ_d as differences of energies first (no cancellation of ln Z, no ∞ − ∞):
  // Σ = β(U − U') − S(ρ) + S(ρ'),  Σ_d = β(U − U') − S(Δρ) + S(Δρ'), U the excitation energy.
  const dU = betaEnergy(beta, excitationEnergy(p, eS) - excitationEnergy(p_final, eS));
  const sigma = dU - S_S + S_S_final;
  const sigmaD = dU - S_deph_S + S_deph_S_final;

  let rhoSE: CMatrix | undefined;
  return {
    // Back to the original basis; the Hermitian part removes the O(ε) asymmetry of V A V†.
    // The joint state is formed on first read: two (d_S d_E)-square products that most callers never use.
    get rhoSE_final(): CMatrix {
      rhoSE ??= hermitianPart(fromBasis(rSE, productBasis(levelsS.basis, levelsE.basis, dS, dE)));
      return rhoSE;
    },
    rhoS_final: hermitianPart(fromBasis(rS1, levelsS.basis)),
    rhoE_final: hermitianPart(fromBasis(rE1, levelsE.basis)),
    p,
    p_final,
    p_eq: gibbsPopulations(eS, beta),
    Srel_S,
    Srel_S_final,
    Sigma: sigma,
    Sigma_d: sigmaD,
    Xi: C_S - C_S_final,
    Srel_E,
    I_SE: clampNonNegative(S_S_final + S_E_final - S_SE_final),
    C_S,
    C_S_final,
    C_SE_final,
    C_E_final,
    C_cc: C_SE_final - C_S_final - C_E_final,
    S_deph_SE_final,
    S_deph_S,
    S_E_eq,
    S_S,
    S_S_final,
    S_E_final,
    S_SE_final,
  };
}
