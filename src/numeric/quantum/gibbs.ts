import { QepInputError } from '../errors.js';
import { type CMatrix, fromDiagonal, traceProductRe } from '../linalg/cmatrix.js';
import { sameLevel } from '../tolerance.js';
import { fromBasis } from './basis.js';
import { vonNeumannEntropy } from './entropy.js';
import { energyLevels } from './levels.js';
import { float64 } from '../linalg/float64.js';

function checkBeta(beta: number): void {
  if (Number.isNaN(beta) || beta < 0) throw new QepInputError('beta', 'a number ≥ 0 (β = 1/T; Infinity means T = 0)', String(beta));
}

/**
 * Gibbs populations p_eq,n = e^{−βE_n}/Z (Eq. 4 and throughout).
 * Stable for any β·(E_max − E_min): energies are shifted by E_min before
 * exponentiating, so excited populations may underflow to 0 but never NaN.
 * β = 0 gives the uniform distribution; β = ∞ the uniform distribution on the
 * ground level (degeneracy by TOL.degeneracy).
 * @throws QepInputError for β < 0 or NaN.
 */
export function gibbsPopulations(energies: ArrayLike<number>, beta: number): Float64Array {
  checkBeta(beta);
  const n = energies.length;
  const emin = groundEnergy(energies);
  const p = float64(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    const w = beta === Infinity ? (sameLevel(energies[i], emin) ? 1 : 0) : Math.exp(-beta * (energies[i] - emin));
    p[i] = w;
    z += w;
  }
  for (let i = 0; i < n; i++) p[i] /= z;
  return p;
}

/** E_min = min_n E_n (+∞ for no levels). */
export function groundEnergy(energies: ArrayLike<number>): number {
  let emin = Infinity;
  for (let i = 0; i < energies.length; i++) emin = Math.min(emin, energies[i]);
  return emin;
}

/** β·E with β·0 = 0: the exponent of a Boltzmann factor, never NaN (β = ∞, E = 0 gives 0). */
export function betaEnergy(beta: number, energy: number): number {
  return energy === 0 ? 0 : beta * energy;
}

/**
 * ln Z' = ln Σ_n e^{−β(E_n − E_min)}, the partition function of the levels measured from
 * the ground level (Eq. 7): ln Z = −βE_min + ln Z'. In [0, ln d] for every β, finite even
 * where e^{−βE_n} under- or overflows. β = ∞: ln g (g the ground degeneracy, by TOL.degeneracy).
 * @throws QepInputError for β < 0 or NaN.
 */
export function logShiftedPartition(energies: ArrayLike<number>, beta: number, emin = groundEnergy(energies)): number {
  checkBeta(beta);
  let s = 0;
  for (let i = 0; i < energies.length; i++) {
    s += beta === Infinity ? (sameLevel(energies[i], emin) ? 1 : 0) : Math.exp(-beta * (energies[i] - emin));
  }
  return Math.log(s);
}

/**
 * ln Z = ln Σ_n e^{−βE_n}, computed as −βE_min + ln Σ_n e^{−β(E_n − E_min)} (no overflow).
 * β = ∞: −∞ / +∞ by the sign of E_min, ln g when E_min = 0 (g the ground degeneracy).
 */
export function logPartition(energies: ArrayLike<number>, beta: number): number {
  const emin = groundEnergy(energies);
  const lnZshift = logShiftedPartition(energies, beta, emin);
  const shift = emin === 0 ? 0 : -beta * emin;
  return shift + lnZshift;
}

/**
 * The Gibbs state ρ_eq = e^{−βH}/Z (Eq. 7), built from the eigen-decomposition of H
 * (or diagonal, for an array of energies).
 */
export function gibbsState(H: CMatrix | ArrayLike<number>, beta: number): CMatrix {
  const { energies, basis } = energyLevels(H);
  return fromBasis(fromDiagonal(gibbsPopulations(energies, beta)), basis);
}

/**
 * Non-equilibrium free energy F(ρ) = tr(Hρ) + T tr(ρ ln ρ) = tr(Hρ) − S(ρ)/β (Eq. 6).
 * β = 0 gives −∞ for a mixed state (T = ∞), tr(Hρ) for a pure one; β = ∞ gives tr(Hρ).
 */
export function freeEnergy(rho: CMatrix, H: CMatrix, beta: number): number {
  checkBeta(beta);
  const e = traceProductRe(H, rho);
  const s = vonNeumannEntropy(rho);
  if (s === 0 || beta === Infinity) return e;
  return e - s / beta;
}

/**
 * Equilibrium free energy F_eq = −T ln Z (Eq. 7). β = ∞ gives E_min; β = 0 gives −∞ (d > 1).
 */
export function equilibriumFreeEnergy(energies: ArrayLike<number>, beta: number): number {
  checkBeta(beta);
  const emin = groundEnergy(energies);
  if (beta === Infinity) return emin;
  const lz = logPartition(energies, beta);
  if (beta === 0) return lz === 0 ? emin : -Infinity;
  // −ln Z/β = E_min − ln Σ e^{−β(E−E_min)}/β
  return emin - (lz + beta * emin) / beta;
}
