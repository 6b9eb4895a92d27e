import type { Complex } from '../linalg/cmatrix.js';
import { sameLevel } from '../tolerance.js';
import type { ThermalOperation } from './thermalOperation.js';

/**
 * Which Bohr frequencies ω_nm = E_n − E_m (n ≠ m) are non-degenerate: `true` at
 * [n][m] when no other ordered pair (k, l), k ≠ l, has ω_kl = ω_nm within
 * TOL.degeneracy (`sameLevel`). Always false on the diagonal, and for n ≠ m
 * with E_n = E_m (then ω_nm = ω_mn = 0).
 */
export function nonDegenerateBohrFrequencies(energies: ArrayLike<number>): boolean[][] {
  const d = energies.length;
  const out: boolean[][] = [];
  for (let n = 0; n < d; n++) {
    const row: boolean[] = [];
    for (let m = 0; m < d; m++) {
      if (n === m) {
        row.push(false);
        continue;
      }
      const w = energies[n] - energies[m];
      let unique = true;
      for (let k = 0; k < d && unique; k++) {
        for (let l = 0; l < d; l++) {
          if (k === l || (k === n && l === m)) continue;
          if (sameLevel(w, energies[k] - energies[l])) {
            unique = false;
            break;
          }
        }
      }
      row.push(unique);
    }
    out.push(row);
  }
  return out;
}

/**
 * The coherence factors of a thermal operation, Eq. (20):
 *   α_nm = Σ_{µ,ν} ⟨n|M_µν|n⟩ ⟨m|M_µν†|m⟩ = Σ_{µ,ν} q_µ ⟨n,ν|U|n,µ⟩ conj(⟨m,ν|U|m,µ⟩),
 * so that ρ'_nm = α_nm ρ_nm in the energy eigenbasis of H_S when the Bohr
 * frequency ω_nm is non-degenerate. `null` on the diagonal (populations mix
 * through Q instead) and wherever ω_nm is shared by another ordered pair (then
 * Eq. 20 does not apply). α_mn = conj(α_nm). Indices follow `op.levelsS.energies`;
 * α does not depend on the phases of the eigenvectors.
 */
export function coherenceFactors(op: ThermalOperation): (Complex | null)[][] {
  const { dS, dE, Ueig, q } = op;
  const N = dS * dE;
  const ok = nonDegenerateBohrFrequencies(op.levelsS.energies);
  const out: (Complex | null)[][] = [];
  for (let n = 0; n < dS; n++) {
    const row: (Complex | null)[] = [];
    for (let m = 0; m < dS; m++) {
      row.push(ok[n][m] ? coherenceFactor(Ueig.re, Ueig.im, q, N, dE, n, m) : null);
    }
    out.push(row);
  }
  return out;
}

/** α_nm of Eq. (20) for any n, m (no degeneracy test): Σ_{µ,ν} q_µ ⟨n,ν|U|n,µ⟩ conj(⟨m,ν|U|m,µ⟩). */
export function coherenceFactorUnchecked(op: ThermalOperation, n: number, m: number): Complex {
  return coherenceFactor(op.Ueig.re, op.Ueig.im, op.q, op.dS * op.dE, op.dE, n, m);
}

function coherenceFactor(re: Float64Array, im: Float64Array, q: Float64Array, N: number, dE: number, n: number, m: number): Complex {
  let sr = 0;
  let si = 0;
  for (let mu = 0; mu < dE; mu++) {
    if (q[mu] === 0) continue;
    for (let nu = 0; nu < dE; nu++) {
      const a = (n * dE + nu) * N + n * dE + mu;
      const b = (m * dE + nu) * N + m * dE + mu;
      // a · conj(b)
      sr += q[mu] * (re[a] * re[b] + im[a] * im[b]);
      si += q[mu] * (im[a] * re[b] - re[a] * im[b]);
    }
  }
  return { re: sr, im: si };
}
