import { type CMatrix } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';
import { TOL } from '../tolerance.js';
import { clampNonNegative } from './entropy.js';

/**
 * Quantum relative entropy S(ρ‖σ) = tr ρ (ln ρ − ln σ) in nats (Eqs. 7–9).
 *
 * With ρ = Σ_i r_i |u_i⟩⟨u_i| and σ = Σ_j s_j |v_j⟩⟨v_j|:
 *   S(ρ‖σ) = Σ_i r_i ln r_i − Σ_j w_j ln s_j,  w_j = ⟨v_j|ρ|v_j⟩ = Σ_i r_i |⟨v_j|u_i⟩|².
 * 0 ln 0 = 0, with no cut-off in the values (continuity). Returns +∞ when
 * supp ρ ⊄ supp σ, i.e. some s_j = 0 carries weight w_j > TOL.zeroEigenvalue
 * (a −1e-33 eigenvalue of σ can never produce a large finite value instead:
 * qutip#1553). Rounding below 0 is clamped to 0 (Klein: S ≥ 0).
 * @example relativeEntropy(pure0, pure1) // Infinity
 */
export function relativeEntropy(rho: CMatrix, sigma: CMatrix): number {
  const n = rho.rows;
  const er = eigh(rho);
  const es = eigh(sigma);
  const zero = TOL.zeroEigenvalue;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const r = er.values[i];
    if (r > 0) s += r * Math.log(r);
  }
  const U = er.vectors;
  const V = es.vectors;
  for (let j = 0; j < n; j++) {
    // w_j = Σ_i r_i |⟨v_j|u_i⟩|²
    let w = 0;
    for (let i = 0; i < n; i++) {
      const r = er.values[i];
      if (r <= 0) continue;
      let ipr = 0;
      let ipi = 0;
      for (let k = 0; k < n; k++) {
        const vr = V.re[k * n + j];
        const vi = V.im[k * n + j];
        const ur = U.re[k * n + i];
        const ui = U.im[k * n + i];
        ipr += vr * ur + vi * ui;
        ipi += vr * ui - vi * ur;
      }
      w += r * (ipr * ipr + ipi * ipi);
    }
    const sj = es.values[j];
    if (sj <= zero) {
      if (w > zero) return Infinity;
      continue;
    }
    s -= w * Math.log(sj);
  }
  return clampNonNegative(s);
}
