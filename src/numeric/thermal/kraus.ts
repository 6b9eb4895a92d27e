import { type CMatrix, adjoint, mul, zeros } from '../linalg/cmatrix.js';
import { fromBasis } from '../quantum/index.js';
import type { ThermalOperation } from './thermalOperation.js';

/** One Kraus operator of a thermal operation, with the environment levels it is labelled by. */
export interface KrausOperator {
  /** Initial environment level µ (index into `op.levelsE.energies`). */
  readonly mu: number;
  /** Final environment level ν. */
  readonly nu: number;
  /** M_µν as an operator on S, in the original basis of S. */
  readonly M: CMatrix;
}

/**
 * The Kraus operators of a thermal operation, Eq. (18):
 *   M_µν = √q_µ ⟨ν|U|µ⟩  (an operator on S),  ρ'_S = Σ_{µ,ν} M_µν ρ_S M_µν†,
 * with |µ⟩, |ν⟩ the energy eigenstates of H_E and q_µ = e^{−βE_µ}/Z_E.
 * All d_E² operators are returned (those with q_µ = 0 are zero), ordered µ-major.
 * `inEigenbasis` returns them in the eigenbasis of H_S (⟨m|M_µν|n⟩) instead of the original basis.
 * Σ M†M = 1 holds for a unitary U (the trace-preservation claim of Eq. 18).
 */
export function krausOperators(op: ThermalOperation, inEigenbasis = false): KrausOperator[] {
  const { dS, dE, Ueig, q } = op;
  const N = dS * dE;
  const out: KrausOperator[] = [];
  for (let mu = 0; mu < dE; mu++) {
    const s = Math.sqrt(q[mu]);
    for (let nu = 0; nu < dE; nu++) {
      const M = zeros(dS, dS);
      for (let m = 0; m < dS; m++) {
        for (let n = 0; n < dS; n++) {
          const k = (m * dE + nu) * N + n * dE + mu;
          M.re[m * dS + n] = s * Ueig.re[k];
          M.im[m * dS + n] = s * Ueig.im[k];
        }
      }
      out.push({ mu, nu, M: inEigenbasis ? M : fromBasis(M, op.levelsS.basis) });
    }
  }
  return out;
}

/** Σ_k M_k ρ M_k†: a Kraus map applied to ρ (no validation). */
export function applyKraus(kraus: readonly KrausOperator[], rho: CMatrix): CMatrix {
  const n = rho.rows;
  const out = zeros(n, n);
  for (const { M } of kraus) {
    const t = mul(mul(M, rho), adjoint(M));
    for (let k = 0; k < out.re.length; k++) {
      out.re[k] += t.re[k];
      out.im[k] += t.im[k];
    }
  }
  return out;
}

/** Σ_k M_k† M_k (equals 1 for a trace-preserving map, Eq. 18). */
export function krausCompleteness(kraus: readonly KrausOperator[]): CMatrix {
  const n = kraus[0].M.rows;
  const out = zeros(n, n);
  for (const { M } of kraus) {
    const t = mul(adjoint(M), M);
    for (let k = 0; k < out.re.length; k++) {
      out.re[k] += t.re[k];
      out.im[k] += t.im[k];
    }
  }
  return out;
}
