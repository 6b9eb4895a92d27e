import { type CMatrix, normMax, zeros } from '../linalg/cmatrix.js';
import { type Eigh, eigh } from '../linalg/eigh.js';
import { clampNonNegative, etaLn } from '../quantum/entropy.js';
import { populationsIn } from '../quantum/basis.js';
import { maxFlux } from '../masterEquation.js';
import { MIN_NORMAL, TOL } from '../tolerance.js';
import { type DaviesGenerator, applyDavies } from './davies.js';
import { float64 } from '../linalg/float64.js';

/**
 * State functions and instantaneous rates of the Davies section (Eqs. 1, 6–15),
 * at a state ρ in the energy basis, with ρ̇ = L(ρ) from the generator
 * (analytic derivatives, no finite differences).
 *
 * Conventions:
 * - Values: 0 ln 0 = 0 and no cut-off (η(λ) = −λ ln λ is continuous at 0).
 * - Supports: an eigenvalue of ρ (or a population) ≤ TOL.zeroEigenvalue is a zero.
 *   d/dt of −λ ln λ at λ = 0 is +∞ when λ̇ > 0: a rate whose derivative puts weight
 *   on a zero eigenvalue (or population) is +∞. "Weight" means more than
 *   TOL.zeroEigenvalue × the rate scale (the largest entry of ρ̇ or one-way flux
 *   W(n|m)p_m), below which it is rounding and the term is 0. A CP generator can
 *   only move weight *into* the kernel, so −∞ cannot occur.
 * - Logarithms of the Gibbs state use ln p_eq,n = −β(E_n − E_0) − ln Z' (exact at
 *   any finite β; p_eq itself may underflow at very low temperature).
 */

/** State functions of ρ (Eqs. 6, 7, 9, 10). */
export interface DaviesStateFunctions {
  /** p_n = ⟨n|ρ|n⟩ in the energy basis. */
  readonly populations: Float64Array;
  /** S(ρ) = −tr ρ ln ρ. */
  readonly S: number;
  /** S(p) = −Σ p_n ln p_n = S(Δ_H ρ). */
  readonly S_pop: number;
  /** F(ρ) = tr(Hρ) − T S(ρ) (Eq. 6); −∞ at β = 0 for a mixed state. */
  readonly F: number;
  /** S(ρ‖ρ_eq) = −S(ρ) − Σ_n p_n ln p_eq,n (ln ρ_eq is diagonal in the energy basis). */
  readonly Srel: number;
  /** S(p‖p_eq) = Σ_n p_n (ln p_n − ln p_eq,n) (Eq. 9, KL divergence). */
  readonly Srel_pop: number;
  /** C(ρ) = S(Δ_H ρ) − S(ρ) (Eq. 10; H non-degenerate, so Δ_H keeps the diagonal). */
  readonly C: number;
}

/** Instantaneous rates at ρ (Eqs. 1, 8, 12–15). Each is finite or +∞. */
export interface EntropyRates {
  /** dS/dt = −tr(ρ̇ ln ρ) (Eq. 1's left side). */
  readonly dSdt: number;
  /** Π = −d S(ρ‖ρ_eq)/dt = −tr(ρ̇ (ln ρ − ln ρ_eq)) (Eq. 8). */
  readonly Pi: number;
  /** Π_d = −d S(p‖p_eq)/dt = −Σ_n ṗ_n (ln p_n − ln p_eq,n) (Eq. 13, first form). */
  readonly Pi_d: number;
  /** Π_d by the Schnakenberg sum ½ Σ_{n,m} J_nm ln(W(n|m)p_m / W(m|n)p_n) (Eq. 13, second form). */
  readonly Pi_d_schnakenberg: number;
  /** Υ = −dC/dt = dS/dt − dS(p)/dt (Eq. 14). */
  readonly Upsilon: number;
  /** Φ = −(1/T) Σ_n E_n ṗ_n = −β Σ_n (E_n − E_0) ṗ_n (Eq. 15; 0 at β = 0). */
  readonly Phi: number;
}

/**
 * State functions of ρ (energy basis) under the generator's H and β.
 * Srel, Srel_pop and C are clamped at 0 from below (Klein's inequality; rounding only).
 * Pass `eig = eigh(rho)` when already computed.
 */
export function daviesStateFunctions(gen: DaviesGenerator, rho: CMatrix, eig: Eigh = eigh(rho)): DaviesStateFunctions {
  const d = gen.dim;
  const p = float64(d);
  for (let n = 0; n < d; n++) p[n] = rho.re[n * d + n];
  let S = 0;
  for (const l of eig.values) S += etaLn(l);
  S = clampNonNegative(S);
  let Sp = 0;
  let energy = 0;
  let cross = 0; // Σ p_n ln p_eq,n
  let klPos = 0; // Σ p_n ln p_n over p_n > 0
  for (let n = 0; n < d; n++) {
    Sp += etaLn(p[n]);
    energy += gen.energies[n] * p[n];
    cross += p[n] * gen.logPeq[n];
    if (p[n] > 0) klPos += p[n] * Math.log(p[n]);
  }
  Sp = clampNonNegative(Sp);
  const beta = gen.beta;
  const F = beta > 0 ? energy - S / beta : S > 0 ? -Infinity : energy;
  return {
    populations: p,
    S,
    S_pop: Sp,
    F,
    Srel: clampNonNegative(-S - cross),
    Srel_pop: clampNonNegative(klPos - cross),
    C: clampNonNegative(Sp - S),
  };
}

/** The weights ⟨v_k|ρ̇|v_k⟩ of ρ̇ on the eigenvectors v_k of ρ: the eigenvalue derivatives (into `out` when given). */
function eigenWeights(eig: Eigh, rhoDot: CMatrix, out?: Float64Array): Float64Array {
  return populationsIn(rhoDot, eig.vectors, out);
}

/**
 * −Σ_k λ̇_k ln λ_k split into its finite part (λ_k > TOL.zeroEigenvalue) and the
 * weight λ̇ carried by the zero eigenvalues (whose terms are +∞ · weight).
 */
export function entropyDerivativeParts(values: ArrayLike<number>, rates: ArrayLike<number>): { finite: number; kernelWeight: number } {
  let finite = 0;
  let kernelWeight = 0;
  for (let k = 0; k < values.length; k++) {
    if (values[k] > TOL.zeroEigenvalue) finite -= rates[k] * Math.log(values[k]);
    else kernelWeight += rates[k];
  }
  return { finite, kernelWeight };
}

/**
 * Π_d by the Schnakenberg sum of Eq. 13, over unordered pairs n < m:
 *   Σ_{n<m} J_nm A_nm,  J_nm = W(n|m)p_m − W(m|n)p_n,  A_nm = ln(W(n|m)p_m / (W(m|n)p_n)).
 * Each term is ≥ 0 (J and A have the same sign). Support convention (as for the
 * eigenvalues): a population ≤ TOL.zeroEigenvalue is a zero. The terms carrying ln p_k of a
 * zero population k add up to −(dp_k/dt) ln 0: +∞ when the net inflow dp_k/dt exceeds
 * `threshold`, else dropped (ln p_k read as 0), exactly as in −d S(p‖p_eq)/dt.
 * When one rate of a pair has underflowed (0, or subnormal: below {@link MIN_NORMAL} it keeps
 * fewer than 53 bits, e.g. an up-rate e^{−βω} at very low temperature), ln(W(n|m)/W(m|n)) is
 * taken from detailed balance, ln p_eq,n − ln p_eq,m.
 */
export function schnakenbergProduction(gen: DaviesGenerator, p: ArrayLike<number>, threshold = TOL.zeroEigenvalue * maxFlux(gen, p)): number {
  const d = gen.dim;
  const z = TOL.zeroEigenvalue;
  const logP = float64(d);
  for (let k = 0; k < d; k++) logP[k] = p[k] > z ? Math.log(p[k]) : 0;
  const inflow = float64(d);
  let total = 0;
  for (let n = 0; n < d; n++) {
    for (let m = n + 1; m < d; m++) {
      const wnm = gen.rates[n * d + m];
      const wmn = gen.rates[m * d + n];
      if (wnm === 0 && wmn === 0) continue;
      const J = wnm * p[m] - wmn * p[n]; // net flux m → n of the state as it is
      inflow[n] += J;
      inflow[m] -= J;
      if (J === 0) continue;
      const logRatio = wnm >= MIN_NORMAL && wmn >= MIN_NORMAL ? Math.log(wnm) - Math.log(wmn) : gen.logPeq[n] - gen.logPeq[m];
      total += J * (logRatio + logP[m] - logP[n]);
    }
  }
  for (let k = 0; k < d; k++) if (!(p[k] > z) && inflow[k] > threshold) return Infinity;
  return total;
}

/** Everything at one state: the state functions, ρ̇ and the rates. */
export interface DaviesQuantities extends DaviesStateFunctions, EntropyRates {
  readonly rhoDot: CMatrix;
}

/**
 * The rates of Eqs. 1, 8 and 12–15 at ρ (energy basis), from ρ̇ = L(ρ) of the Davies
 * generator (or the `rhoDot` given). See the module comment for +∞ and zero eigenvalues.
 *
 *   dS/dt = −Σ_k λ̇_k ln λ_k,  λ̇_k = ⟨v_k|ρ̇|v_k⟩ (ρ = Σ λ_k |v_k⟩⟨v_k|)
 *   Π     = dS/dt + Σ_n ṗ_n ln p_eq,n           (= −tr ρ̇(ln ρ − ln ρ_eq); tr ρ̇ = 0)
 *   Π_d   = −Σ_n ṗ_n ln p_n + Σ_n ṗ_n ln p_eq,n
 *   Υ     = dS/dt − dS(p)/dt; it is +∞ only when ρ̇ puts weight on kernel directions of ρ
 *           other than the zero populations (their divergences cancel between S and S(p))
 *   Φ     = −β Σ_n (E_n − E_0) ṗ_n
 */
export function entropyRates(gen: DaviesGenerator, rho: CMatrix, rhoDot: CMatrix = applyDavies(gen, rho), eig: Eigh = eigh(rho)): EntropyRates {
  const d = gen.dim;
  const p = float64(d);
  const pd = float64(d);
  diagonals(rho, rhoDot, p, pd);
  const r = ratesCore(gen, rhoDot, eig.values, eigenWeights(eig, rhoDot), p, pd);
  return {
    dSdt: r.dSdt,
    Pi: r.Pi,
    Pi_d: r.Pi_d,
    Pi_d_schnakenberg: schnakenbergProduction(gen, p, r.threshold) + 0,
    Upsilon: r.Upsilon,
    Phi: r.Phi,
  };
}

/** The rates of {@link EntropyRates} but the Schnakenberg form of Π_d. */
export type EntropyRatesCore = Omit<EntropyRates, 'Pi_d_schnakenberg'>;

/** The populations p_n = Re ρ_nn and their derivatives ṗ_n = Re ρ̇_nn, into p and pd. */
function diagonals(rho: CMatrix, rhoDot: CMatrix, p: Float64Array, pd: Float64Array): void {
  const d = rho.rows;
  for (let n = 0; n < d; n++) {
    p[n] = rho.re[n * d + n];
    pd[n] = rhoDot.re[n * d + n];
  }
}

/**
 * The rates of {@link entropyRates} from the populations p, their derivatives pd, the eigenvalues
 * of ρ and the weights ⟨v_k|ρ̇|v_k⟩ on its eigenvectors; with the threshold of weight below which
 * a derivative on a zero eigenvalue is rounding.
 */
function ratesCore(gen: DaviesGenerator, rhoDot: CMatrix, values: Float64Array, weights: Float64Array, p: Float64Array, pd: Float64Array): EntropyRatesCore & { readonly threshold: number } {
  const d = gen.dim;
  const threshold = TOL.zeroEigenvalue * Math.max(normMax(rhoDot), maxFlux(gen, p));
  const q = entropyDerivativeParts(values, weights);
  const c = entropyDerivativeParts(p, pd);
  let lnPeqTerm = 0;
  let phi = 0;
  for (let n = 0; n < d; n++) {
    lnPeqTerm += pd[n] * gen.logPeq[n];
    phi += (gen.energies[n] - gen.energies[0]) * pd[n];
  }
  const dSdt = q.kernelWeight > threshold ? Infinity : q.finite;
  const dSpdt = c.kernelWeight > threshold ? Infinity : c.finite;
  const Upsilon = q.kernelWeight - c.kernelWeight > threshold ? Infinity : q.finite - c.finite;
  // `+ 0` turns −0 into 0 (a −0 would print as 0 but fails Object.is checks).
  return {
    dSdt: dSdt + 0,
    Pi: dSdt + lnPeqTerm + 0,
    Pi_d: dSpdt + lnPeqTerm + 0,
    Upsilon: Upsilon + 0,
    Phi: gen.beta === 0 ? 0 : -gen.beta * phi + 0,
    threshold,
  };
}

/**
 * When ρ is diagonal (every off-diagonal entry exactly 0) with finite populations: its eigenvalues,
 * the populations sorted ascending with ties in index order, into `values`, and the weights
 * ⟨v_k|ρ̇|v_k⟩ on its eigenvectors (the unit vectors in that order), the matching ṗ, into `weights`;
 * exactly what eigh(ρ) and the weights from its vectors give, without the decomposition. Else false.
 */
function diagonalSpectrum(rho: CMatrix, p: Float64Array, pd: Float64Array, values: Float64Array, weights: Float64Array): boolean {
  const d = rho.rows;
  for (let n = 0; n < d; n++) {
    if (!Number.isFinite(p[n])) return false;
    for (let m = 0; m < d; m++) if (m !== n && (rho.re[n * d + m] !== 0 || rho.im[n * d + m] !== 0)) return false;
  }
  // Stable insertion sort (eigh orders a diagonal matrix's entries by a stable sort, too).
  for (let i = 0; i < d; i++) {
    const x = p[i];
    let j = i - 1;
    while (j >= 0 && values[j] > x) {
      values[j + 1] = values[j];
      weights[j + 1] = weights[j];
      j--;
    }
    values[j + 1] = x;
    weights[j + 1] = pd[i];
  }
  return true;
}

/**
 * The rates dS/dt, Π, Π_d, Υ, Φ of {@link entropyRates} (Eqs. 1, 8, 13–15) but Π_d's Schnakenberg
 * form, at state after state of one generator (the nodes of a quadrature along a trajectory): ρ̇ = L(ρ), the populations and, for
 * a diagonal ρ, its spectrum go to scratch kept between calls (a diagonal ρ needs no
 * eigen-decomposition), and the state functions are not formed. Each value equals
 * entropyRates(gen, ρ)'s bit for bit. The returned object is new at every call.
 */
export function entropyRateEvaluator(gen: DaviesGenerator): (rho: CMatrix) => EntropyRatesCore {
  const d = gen.dim;
  const rhoDot = zeros(d, d);
  const p = float64(d);
  const pd = float64(d);
  const values = float64(d);
  const weights = float64(d);
  return (rho) => {
    applyDavies(gen, rho, rhoDot);
    diagonals(rho, rhoDot, p, pd);
    if (diagonalSpectrum(rho, p, pd, values, weights)) return ratesCore(gen, rhoDot, values, weights, p, pd);
    const eig = eigh(rho);
    return ratesCore(gen, rhoDot, eig.values, eigenWeights(eig, rhoDot, weights), p, pd);
  };
}

/**
 * All state functions and rates at ρ (energy basis) with one eigen-decomposition.
 * @example daviesQuantities(gen, fromDiagonal(gen.peq)).Pi // 0 (up to rounding): equilibrium
 */
export function daviesQuantities(gen: DaviesGenerator, rho: CMatrix): DaviesQuantities {
  const eig = eigh(rho);
  const rhoDot = applyDavies(gen, rho, zeros(gen.dim, gen.dim));
  const f = daviesStateFunctions(gen, rho, eig);
  const r = entropyRates(gen, rho, rhoDot, eig);
  // Written out, not spread: one object of fixed shape per state.
  return {
    populations: f.populations,
    S: f.S,
    S_pop: f.S_pop,
    F: f.F,
    Srel: f.Srel,
    Srel_pop: f.Srel_pop,
    C: f.C,
    dSdt: r.dSdt,
    Pi: r.Pi,
    Pi_d: r.Pi_d,
    Pi_d_schnakenberg: r.Pi_d_schnakenberg,
    Upsilon: r.Upsilon,
    Phi: r.Phi,
    rhoDot,
  };
}
