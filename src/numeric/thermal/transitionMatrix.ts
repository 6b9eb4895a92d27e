import type { ThermalOperation } from './thermalOperation.js';

/**
 * The population transition matrix of a thermal operation, Eq. (19):
 *   Q(m|n) = Σ_{µ,ν} |⟨m|M_µν|n⟩|² = Σ_{µ,ν} q_µ |⟨m,ν|U|n,µ⟩|²,
 * the probability of the jump n → m between energy eigenstates of H_S, so that
 * p'_m = Σ_n Q(m|n) p_n. Returned as rows: `Q[m][n]` = Q(m|n), indices in the
 * order of `op.levelsS.energies`. Column-stochastic (Σ_m Q(m|n) = 1) and
 * Gibbs-preserving (Σ_n Q(m|n) p_eq,n = p_eq,m) for an energy-conserving unitary.
 */
export function transitionMatrix(op: ThermalOperation): number[][] {
  const { dS, dE, Ueig, q } = op;
  const N = dS * dE;
  const Q: number[][] = [];
  for (let m = 0; m < dS; m++) {
    const row: number[] = [];
    for (let n = 0; n < dS; n++) {
      let s = 0;
      for (let mu = 0; mu < dE; mu++) {
        if (q[mu] === 0) continue;
        let t = 0;
        for (let nu = 0; nu < dE; nu++) {
          const k = (m * dE + nu) * N + n * dE + mu;
          t += Ueig.re[k] * Ueig.re[k] + Ueig.im[k] * Ueig.im[k];
        }
        s += q[mu] * t;
      }
      row.push(s);
    }
    Q.push(row);
  }
  return Q;
}
