/**
 * The one tolerance policy of qep (DESIGN.md decision 3).
 *
 * Every threshold in the engine names a field of {@link TOL}; none is typed in
 * at its point of use. Thresholds are relative to the norms involved: a test
 * of `|x| ≤ tol` is always `|x| ≤ tol · scale` with the scale stated.
 */
export interface Tolerances {
  /** Hermiticity: ‖A − A†‖_max ≤ hermitian · max(1, ‖A‖_max). */
  readonly hermitian: number;
  /** Trace of a density matrix: |tr ρ − 1| ≤ trace. */
  readonly trace: number;
  /** Positivity: smallest eigenvalue ≥ −psd · max(1, ‖ρ‖). */
  readonly psd: number;
  /** Unitarity: ‖U†U − 1‖_max ≤ unitary. */
  readonly unitary: number;
  /** Energy conservation: ‖[U, H]‖_max ≤ commute · max(1, ‖H‖_max). */
  readonly commute: number;
  /** Eigenvalues of a state at or below zeroEigenvalue count as exactly 0 (0 ln 0 = 0, support tests). */
  readonly zeroEigenvalue: number;
  /** Two energies (or Bohr frequencies) within degeneracy · max(1, |E|) are one level. */
  readonly degeneracy: number;
  /** Detailed balance: |W(n|m) e^{βE_m} − W(m|n) e^{βE_n}| relative residual ≤ detailedBalance. */
  readonly detailedBalance: number;
}

/** Defaults. `zeroEigenvalue` and `degeneracy` match the QuTiP reference data (1e-12, 1e-9). */
export const TOL: Tolerances = Object.freeze({
  hermitian: 1e-10,
  trace: 1e-10,
  psd: 1e-10,
  unitary: 1e-10,
  commute: 1e-9,
  zeroEigenvalue: 1e-12,
  degeneracy: 1e-9,
  detailedBalance: 1e-9,
});

/** Machine epsilon for float64. */
export const EPS = 2.220446049250313e-16;

/** True when two energies count as one level under {@link TOL.degeneracy}. */
export function sameLevel(a: number, b: number, tol: number = TOL.degeneracy): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}
