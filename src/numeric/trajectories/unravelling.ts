import { type CMatrix, adjoint, identity, kron, mul, zeros } from '../linalg/cmatrix.js';
import { TOL } from '../tolerance.js';
import { type Protocol, prepareProtocol } from './_internal/protocol.js';
import type { TrajectoryInput, TrajectoryOptions } from './types.js';
import { float64 } from '../linalg/float64.js';

/** One branch (α, µ, ν) of the forward protocol. */
export interface ForwardBranch {
  readonly alpha: number;
  readonly mu: number;
  readonly nu: number;
  /** p_α q_µ: the probability of the first measurements. */
  readonly weight: number;
  /** P_F(ν|α, µ) = ‖⟨ν|U|ψ_α, µ⟩‖² (Eq. 32). */
  readonly probability: number;
  /**
   * |Φ_F|αµν⟩ = ⟨ν|U|ψ_α, µ⟩ / √P_F(ν|α, µ) as a d_S × 1 column in the
   * computational basis of S (Eq. 32), or null for an empty branch
   * (P_F(ν|α, µ) ≤ TOL.zeroEigenvalue: the state is undefined and the branch
   * carries at most that probability).
   */
  readonly state: CMatrix | null;
  /** p_{β|α,µ,ν} = |⟨ψ'_β|Φ_F⟩|² for each β (zeros for an empty branch) (Eq. 34). */
  readonly conditional: Float64Array;
}

/** One branch (β, ν, µ) of the backward protocol. */
export interface BackwardBranch {
  readonly beta: number;
  readonly nu: number;
  readonly mu: number;
  /** p'_β q_ν. */
  readonly weight: number;
  /** P_B(µ|β, ν) = ‖⟨µ|U†|ψ'_β, ν⟩‖² (Eq. 37). */
  readonly probability: number;
  /** |Φ_B|βνµ⟩ = ⟨µ|U†|ψ'_β, ν⟩ / √P_B(µ|β, ν), or null for an empty branch (Eq. 37). */
  readonly state: CMatrix | null;
  /** p_{α|β,ν,µ} = |⟨ψ_α|Φ_B⟩|² for each α (Eq. 38). */
  readonly conditional: Float64Array;
}

/** The unravelled forward and backward protocols. */
export interface Unravelling {
  /** Branches in the order (α, µ, ν), index (α·d_E + µ)·d_E + ν. */
  readonly forward: readonly ForwardBranch[];
  /** Branches in the order (β, ν, µ), index (β·d_E + ν)·d_E + µ. */
  readonly backward: readonly BackwardBranch[];
  /** The eigenvectors |ψ_α⟩ of ρ_S and |ψ'_β⟩ of ρ'_S used (columns), and their eigenvalues. */
  readonly psi: CMatrix;
  readonly p: Float64Array;
  readonly psiFinal: CMatrix;
  readonly pFinal: Float64Array;
  readonly q: Float64Array;
  /** ρ'_S = tr_E U(ρ_S ⊗ ρ_E^eq)U† (Eq. 18), for comparison with Eq. 33. */
  readonly rhoSFinal: CMatrix;
}

/**
 * Branches of a protocol: G[(s, ν), (a, µ)] = ⟨s, ν|X|v_a, µ⟩ for X = U or U†,
 * then for each (a, µ, ν) the S-vector φ = ⟨ν|X|v_a, µ⟩, its norm², the
 * normalised state and the overlaps |⟨w_b|Φ⟩|² with the final basis.
 */
function branches(
  pr: Protocol,
  X: CMatrix,
  from: CMatrix,
  to: CMatrix,
  pFrom: Float64Array,
): { a: number; mu: number; nu: number; weight: number; probability: number; state: CMatrix | null; conditional: Float64Array }[] {
  const { dS, dE, q } = pr;
  const N = dS * dE;
  const BE = pr.basisE ?? identity(dE);
  const G = mul(mul(adjoint(kron(identity(dS), BE)), X), kron(from, BE));
  const toH = adjoint(to);
  const out = [];
  for (let a = 0; a < dS; a++) {
    for (let mu = 0; mu < dE; mu++) {
      for (let nu = 0; nu < dE; nu++) {
        const phi = zeros(dS, 1);
        let norm2 = 0;
        for (let s = 0; s < dS; s++) {
          const k = (s * dE + nu) * N + (a * dE + mu);
          phi.re[s] = G.re[k];
          phi.im[s] = G.im[k];
          norm2 += G.re[k] * G.re[k] + G.im[k] * G.im[k];
        }
        let state: CMatrix | null = null;
        const conditional = float64(dS);
        if (norm2 > TOL.zeroEigenvalue) {
          const c = 1 / Math.sqrt(norm2);
          for (let s = 0; s < dS; s++) {
            phi.re[s] *= c;
            phi.im[s] *= c;
          }
          state = phi;
          const ov = mul(toH, phi);
          for (let b = 0; b < dS; b++) conditional[b] = ov.re[b] * ov.re[b] + ov.im[b] * ov.im[b];
        }
        out.push({ a, mu, nu, weight: pFrom[a] * q[mu], probability: norm2, state, conditional });
      }
    }
  }
  return out;
}

/**
 * The unravelling of a thermal operation into pure-state branches (Eqs. 32–38).
 *
 * Forward (Eq. 32): measuring ρ_S in its eigenbasis (α) and E in energy (µ),
 * evolving with U and measuring E again (ν) leaves S in
 * |Φ_F⟩ = ⟨ν|U|ψ_α, µ⟩/√P_F(ν|α, µ) with P_F(ν|α, µ) = ‖⟨ν|U|ψ_α, µ⟩‖².
 * Eq. 33 says Σ P_F(ν|α,µ) p_α q_µ |Φ_F⟩⟨Φ_F| = ρ'_S; Eq. 34 that
 * p'_β = Σ p_{β|α,µ,ν} P_F(ν|α,µ) p_α q_µ with p_{β|α,µ,ν} = |⟨ψ'_β|Φ_F⟩|².
 * Backward (Eq. 37): from |ψ'_β, ν⟩, apply U†, measure E (µ):
 * |Φ_B⟩ = ⟨µ|U†|ψ'_β, ν⟩/√P_B(µ|β, ν), and p_{α|β,ν,µ} = |⟨ψ_α|Φ_B⟩|² (Eq. 38).
 *
 * A branch with conditional probability ≤ TOL.zeroEigenvalue is empty: its
 * state is null (not a NaN vector) and its conditionals are 0.
 * @throws QepInputError on invalid input (see {@link TrajectoryInput}).
 */
export function unravel(input: TrajectoryInput, options: TrajectoryOptions = {}): Unravelling {
  const pr = prepareProtocol(input, options);
  const fw = branches(pr, pr.U, pr.psi, pr.psiFinal, pr.p);
  const bw = branches(pr, adjoint(pr.U), pr.psiFinal, pr.psi, pr.pFinal);
  return {
    forward: fw.map((b) => ({
      alpha: b.a,
      mu: b.mu,
      nu: b.nu,
      weight: b.weight,
      probability: b.probability,
      state: b.state,
      conditional: b.conditional,
    })),
    // In the backward protocol the roles swap: the start labels are (β, ν), the end label µ.
    backward: bw.map((b) => ({
      beta: b.a,
      nu: b.mu,
      mu: b.nu,
      weight: b.weight,
      probability: b.probability,
      state: b.state,
      conditional: b.conditional,
    })),
    psi: pr.psi,
    p: pr.p,
    psiFinal: pr.psiFinal,
    pFinal: pr.pFinal,
    q: pr.q,
    rhoSFinal: pr.rhoSFinal,
  };
}
