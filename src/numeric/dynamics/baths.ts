import { QepInputError } from '../errors.js';
import { type CMatrix, normMax, zeros } from '../linalg/cmatrix.js';
import { type Eigh, eigh } from '../linalg/eigh.js';
import { TOL } from '../tolerance.js';
import {
  type BathRatesSpec,
  type DaviesGenerator,
  type RateGenerator,
  type Spectrum,
  applyDavies,
  assembleDavies,
  assertBeta,
  bathRates,
  readDephasing,
  readSpectrum,
} from './davies.js';
import { escapeRates, standardBathRates } from './daviesRates.js';
import { daviesStateFunctions, entropyDerivativeParts } from './entropyProduction.js';
import { maxFlux } from '../masterEquation.js';
import { float64 } from '../linalg/float64.js';

/**
 * Several baths at their own temperatures, with pure dephasing (B1–B9):
 *
 *     dρ/dt = −i[H, ρ] + Σ_k D_k(ρ) + D_φ(ρ)                                  (B1)
 *
 * each D_k the dissipator of Eq. 2 with rates W_k in detailed balance at β_k. In
 * the energy basis the summed generator decouples as one bath does (B2), so the
 * evolution is the one-bath structured solver with summed rates. The rates of
 * B4–B7 are analytic: every trace with ln ρ is written on the eigenvectors v_j of
 * ρ with the weights ⟨v_j|D_k(ρ)|v_j⟩ = Σ_n |⟨n|v_j⟩|² (g_k,n − λ_j Γ_k,n)
 * (gain g_k,n = Σ_m W_k(n|m) p_m, escape Γ_k,n = Σ_m W_k(m|n)), O(d²) per bath
 * after one eigendecomposition of ρ: O(d³ + K d²) per state. Zero eigenvalues
 * (and populations) follow the one-bath convention: a rate that moves weight into
 * the kernel of ρ is +∞.
 */

/** An Ohmic-family spectral density J(ω) = α ω^s ω_c^{1−s} e^{−ω/ω_c}. */
export interface SpectralDensity {
  readonly kind: 'ohmic';
  /** Coupling strength α ≥ 0. */
  readonly alpha: number;
  /** Cutoff frequency ω_c > 0. */
  readonly cutoff: number;
  /** Exponent s ≥ 0 (1: Ohmic, < 1 sub-, > 1 super-Ohmic). */
  readonly exponent: number;
}

/** One bath: its inverse temperature and exactly one of `rates`, `gamma`, `spectralDensity`. */
export interface BathSpec extends BathRatesSpec {
  readonly beta: number;
  readonly spectralDensity?: SpectralDensity;
}

/** Input of {@link multiBathGenerator}. */
export interface MultiBathSpec {
  readonly energies?: ArrayLike<number>;
  readonly H?: CMatrix;
  readonly baths: readonly BathSpec[];
  /** Pure dephasing rates γ_n ≥ 0 in the energy basis. */
  readonly dephasing?: ArrayLike<number>;
}

/** The generator of B1: one Davies generator per bath (no dephasing in them), the dephasing, and the total. */
export interface MultiBathGenerator {
  readonly dim: number;
  readonly energies: Float64Array;
  /** Eigenvectors of H as columns, or null when built from `energies`. */
  readonly basis: CMatrix | null;
  /** Bath k alone: rates W_k at β_k, no dephasing. */
  readonly baths: readonly DaviesGenerator[];
  readonly dephasing: Float64Array;
  /**
   * The whole generator: summed rates Σ_k W_k and the dephasing. A DaviesGenerator
   * (with β) when every bath has the same β, so that one bath gives exactly the one-bath engine.
   */
  readonly total: RateGenerator;
}

/** J(ω) = α ω^s ω_c^{1−s} e^{−ω/ω_c} for ω > 0 (written (ω/ω_c)^s ω_c so that it never overflows before the exponential). */
export function spectralDensityAt(sd: SpectralDensity, omega: number): number {
  if (!(omega > 0) || sd.alpha === 0) return 0;
  return sd.alpha * sd.cutoff * Math.pow(omega / sd.cutoff, sd.exponent) * Math.exp(-omega / sd.cutoff);
}

/**
 * The couplings g_nm = J(E_n − E_m) (n > m, symmetric, flat d·d) of a spectral density:
 * with {@link standardBathRates} they give W(m|n) = J(ω)(n̄ + 1), W(n|m) = J(ω) n̄.
 */
export function spectralCouplings(energies: ArrayLike<number>, sd: SpectralDensity): Float64Array {
  const d = energies.length;
  const g = float64(d * d);
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < n; m++) g[n * d + m] = g[m * d + n] = spectralDensityAt(sd, energies[n] - energies[m]);
  }
  return g;
}

function assertSpectralDensity(sd: SpectralDensity, field: string): void {
  if (sd.kind !== 'ohmic') throw new QepInputError(`${field}.kind`, '"ohmic"', String(sd.kind));
  const check = (key: 'alpha' | 'cutoff' | 'exponent', positive: boolean): void => {
    const x = sd[key];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || (positive && x === 0)) {
      throw new QepInputError(`${field}.${key}`, positive ? 'a finite number > 0' : 'a finite number ≥ 0', String(x));
    }
  };
  check('alpha', false);
  check('cutoff', true);
  check('exponent', false);
}

/** The rates of one bath (see {@link BathSpec}); errors name `prefix` + the key. */
export function bathSpecRates(energies: Float64Array, bath: BathSpec, prefix: string): Float64Array {
  const given = (['rates', 'gamma', 'spectralDensity'] as const).filter((k) => bath[k] !== undefined);
  if (given.length !== 1) {
    throw new QepInputError(
      prefix === '' ? 'rates' : prefix.slice(0, -1),
      'given exactly one of "rates", "gamma", "spectralDensity"',
      given.length === 0 ? 'none' : given.map((k) => `"${k}"`).join(' and '),
    );
  }
  if (bath.spectralDensity === undefined) return bathRates(energies, bath.beta, bath, prefix);
  assertSpectralDensity(bath.spectralDensity, `${prefix}spectralDensity`);
  return standardBathRates(energies, spectralCouplings(energies, bath.spectralDensity), bath.beta, prefix);
}

/**
 * Build the generator of B1 from energies or H, a list of baths and optional
 * dephasing. Bath k's fields are named `baths[k].…` in errors.
 * @throws QepInputError as {@link daviesGenerator} does, per bath; `baths` when empty;
 *   `baths[k]` with not exactly one of rates / gamma / spectralDensity; a negative or
 *   zero spectral-density parameter where it must be positive.
 */
export function multiBathGenerator(spec: MultiBathSpec): MultiBathGenerator {
  if (spec.baths.length === 0) throw new QepInputError('baths', 'a non-empty list of baths', 'an empty list');
  spec.baths.forEach((b, k) => assertBeta(b.beta, `baths[${k}].beta`));
  const spectrum = readSpectrum(spec);
  return assembleMultiBath(spectrum, spec.baths.map((b, k) => ({ beta: b.beta, rates: bathSpecRates(spectrum.energies, b, `baths[${k}].`) })), readDephasing(spec.dephasing, spectrum.energies.length));
}

/** The generator of B1 from validated parts: per-bath (β_k, W_k), and dephasing. */
export function assembleMultiBath(spectrum: Spectrum, baths: readonly { beta: number; rates: Float64Array }[], dephasing: Float64Array): MultiBathGenerator {
  const d = spectrum.energies.length;
  const none = float64(d);
  const gens = baths.map((b) => assembleDavies(spectrum, b.beta, b.rates, none));
  let rates: Float64Array;
  if (baths.length === 1) rates = baths[0].rates;
  else {
    rates = float64(d * d);
    for (const b of baths) for (let i = 0; i < d * d; i++) rates[i] += b.rates[i];
  }
  const beta = baths[0].beta;
  const total: RateGenerator = baths.every((b) => b.beta === beta)
    ? assembleDavies(spectrum, beta, rates, dephasing)
    : { dim: d, energies: spectrum.energies, basis: spectrum.basis, rates, dephasing, escape: escapeRates(rates, d) };
  return { dim: d, energies: spectrum.energies, basis: spectrum.basis, baths: gens, dephasing, total };
}

/** The steady state of B3 (diagonal in the energy basis). */
export interface SteadyState {
  readonly populations: Float64Array;
  /** ln p_ss,n (−∞ where p_ss,n = 0: levels of a connected component that holds no population). */
  readonly logPopulations: Float64Array;
  /** Number of connected components of the summed rate graph (1: ρ_ss is unique). */
  readonly components: number;
}

/** Connected components of the graph with an edge n–m when W(n|m) + W(m|n) > 0: a label per level. */
function components(W: Float64Array, d: number): number[] {
  const label = new Array<number>(d).fill(-1);
  let c = 0;
  for (let s = 0; s < d; s++) {
    if (label[s] >= 0) continue;
    const stack = [s];
    label[s] = c;
    while (stack.length) {
      const n = stack.pop() as number;
      for (let m = 0; m < d; m++) {
        if (label[m] < 0 && W[n * d + m] + W[m * d + n] > 0) {
          label[m] = c;
          stack.push(m);
        }
      }
    }
    c++;
  }
  return label;
}

/**
 * Stationary distribution of the rates restricted to `levels` (ascending), by the
 * Grassmann–Taksar–Heyman state reduction: no subtractions, so it stays accurate when
 * rates differ by many orders of magnitude. O(|levels|³). Returns ln π (normalized), −∞ only
 * for a level no rate leads up to (an up-rate that underflowed to 0).
 */
function gthLog(W: Float64Array, d: number, levels: readonly number[], field: string): Float64Array {
  const c = levels.length;
  // Q[i][j] = rate i → j = W(j|i).
  const Q = float64(c * c);
  for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) if (i !== j) Q[i * c + j] = W[levels[j] * d + levels[i]];
  const s = float64(c);
  for (let n = c - 1; n >= 1; n--) {
    let out = 0;
    for (let j = 0; j < n; j++) out += Q[n * c + j];
    if (!(out > 0)) {
      throw new QepInputError(field, 'rates under which every level of a connected component reaches its lowest level (one closed class per component)', `no path down from level ${levels[n]}`);
    }
    s[n] = out;
    for (let i = 0; i < n; i++) {
      const a = Q[i * c + n] / out;
      if (a === 0) continue;
      for (let j = 0; j < n; j++) if (j !== i) Q[i * c + j] += a * Q[n * c + j];
    }
  }
  // Back substitution in log space: π_n = Σ_{i<n} π_i Q[i][n] / s_n multiplies up-rates level after
  // level, so π underflows long before any single rate does (β·ΔE ≳ 745 over the ladder).
  const logPi = float64(c);
  for (let n = 1; n < c; n++) {
    let top = -Infinity;
    for (let i = 0; i < n; i++) if (Q[i * c + n] > 0) top = Math.max(top, logPi[i] + Math.log(Q[i * c + n]));
    let sum = 0;
    if (top > -Infinity) for (let i = 0; i < n; i++) if (Q[i * c + n] > 0) sum += Math.exp(logPi[i] + Math.log(Q[i * c + n]) - top);
    logPi[n] = top + Math.log(sum) - Math.log(s[n]);
  }
  const top = Math.max(...logPi);
  let z = 0;
  for (const x of logPi) z += Math.exp(x - top);
  const lz = top + Math.log(z);
  return Float64Array.from(logPi, (x) => x - lz);
}

/**
 * The steady state ρ_ss = diag(p_ss) of B3: L(ρ_ss) = 0 with p_ss in the kernel of the
 * summed Pauli matrix. Unique when the summed rates connect all levels. Otherwise the
 * one the populations `p` reach: each connected component keeps the weight `p` gives it
 * (the Pauli equation never moves population between components). Within a component:
 * ln p_eq of the common β when all baths share one (exact at any β, so K = 1 gives
 * ρ_eq: B9), else the GTH reduction of the summed rates.
 * ln p_ss is exact in log space, so p_ss may underflow (very low temperatures) while its
 * logarithm, used by S(ρ‖ρ_ss), Π_na and Π_a, stays finite.
 * @throws QepInputError `baths` when ln p_ss is −∞ in a component holding population: a
 *   level that no rate leads up to, because an up-rate W_k(n|m) = g n̄ underflowed to 0
 *   (β_k ω ≳ 745).
 */
export function steadyState(gen: MultiBathGenerator, p: ArrayLike<number>): SteadyState {
  const d = gen.dim;
  const W = gen.total.rates;
  const label = components(W, d);
  const count = Math.max(...label) + 1;
  const mass = float64(count);
  let all = 0;
  for (let n = 0; n < d; n++) {
    const x = Math.max(0, p[n]);
    mass[label[n]] += x;
    all += x;
  }
  const logP = float64(d);
  const shared = 'logPeq' in gen.total ? (gen.total as DaviesGenerator).logPeq : null;
  for (let c = 0; c < count; c++) {
    const levels = label.flatMap((l, n) => (l === c ? [n] : []));
    const lw = count === 1 ? 0 : all > 0 ? Math.log(mass[c] / all) : -Math.log(count);
    let within: Float64Array;
    if (shared) {
      const top = Math.max(...levels.map((n) => shared[n]));
      const lz = top + Math.log(levels.reduce((acc, n) => acc + Math.exp(shared[n] - top), 0));
      within = Float64Array.from(levels, (n) => shared[n] - lz);
    } else {
      within = gthLog(W, d, levels, 'baths');
    }
    levels.forEach((n, i) => {
      logP[n] = within[i] + lw;
      if (logP[n] === -Infinity && mass[c] > 0) {
        throw new QepInputError('baths', `rates that reach every level of a populated group of levels (an up-rate into level ${n} underflows to 0: β_k·ω too large)`, `ln p_ss = -Infinity at level ${n}`);
      }
    });
  }
  return { populations: Float64Array.from(logP, Math.exp), logPopulations: logP, components: count };
}

/** The rates of B4–B7 at one state. Each is finite or +∞. */
export interface MultiBathRates {
  /** dS/dt = −tr(ρ̇ ln ρ). */
  readonly dSdt: number;
  /** Π = Σ_k Π_k + Υ_φ (B5). */
  readonly Pi: number;
  /** Π_d = Σ_k Π_d,k (B6). */
  readonly Pi_d: number;
  /** Υ = Σ_k Υ_k + Υ_φ (B6). */
  readonly Upsilon: number;
  /** Υ_φ = −tr[D_φ(ρ)(ln ρ − ln Δ_H ρ)] (B5). */
  readonly Upsilon_deph: number;
  /** Φ = −Σ_k β_k J_k (B4). */
  readonly Phi: number;
  /** Π_na = −dS(ρ‖ρ_ss)/dt = dS/dt + Σ_n ṗ_n ln p_ss,n (B7). */
  readonly Pi_na: number;
  /** Π_a = Σ_k Σ_n (dp_n/dt)_k [ln p_eq,k,n − ln p_ss,n] (B7). */
  readonly Pi_a: number;
  /** J_k = tr[H D_k(ρ)] = Σ_n (E_n − E_0)(dp_n/dt)_k (B4). */
  readonly J: number[];
  /** Π_k = −tr[D_k(ρ)(ln ρ − ln ρ_eq,k)] (B5). */
  readonly Pi_baths: number[];
  /** Π_d,k = −Σ_n (dp_n/dt)_k (ln p_n − ln p_eq,k,n) (B6). */
  readonly Pi_d_baths: number[];
  /** Υ_k = −tr[D_k(ρ)(ln ρ − ln Δ_H ρ)] (B6). */
  readonly Upsilon_baths: number[];
}

/** Per-level derivative (dp_n/dt)_k = g_n − Γ_n p_n of one rate matrix, and its gain g, written into `gain` and `dp`. */
function pauliParts(W: Float64Array, escape: Float64Array, p: Float64Array, gain: Float64Array, dp: Float64Array): void {
  const d = p.length;
  for (let n = 0; n < d; n++) {
    let inflow = 0;
    for (let m = 0; m < d; m++) if (m !== n) inflow += W[n * d + m] * p[m];
    gain[n] = inflow;
    dp[n] = inflow - escape[n] * p[n];
  }
}

/** The finite part, or +∞ when the weight on zero eigenvalues exceeds `threshold` (the zero-eigenvalue convention). */
function finiteOr(parts: { finite: number; kernelWeight: number }, threshold: number): number {
  return parts.kernelWeight > threshold ? Infinity : parts.finite;
}

/** Σ x_k, left to right. */
function sum(xs: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k];
  return s;
}

/** Scratch vectors of {@link multiBathRates}, per dimension (every entry is written before it is read). */
const scratch = new Map<number, { A: Float64Array; wPhi: Float64Array; w: Float64Array; gain: Float64Array; dp: Float64Array }>();

function scratchOf(d: number): { A: Float64Array; wPhi: Float64Array; w: Float64Array; gain: Float64Array; dp: Float64Array } {
  let s = scratch.get(d);
  if (s === undefined) {
    s = { A: float64(d * d), wPhi: float64(d), w: float64(d), gain: float64(d), dp: float64(d) };
    scratch.set(d, s);
  }
  return s;
}

/**
 * The rates of B4–B7 at ρ (energy basis), analytic (see the module comment), given the
 * steady state's ln p_ss. `rhoDot` (the whole generator's L(ρ)) sets the rate scale of
 * the zero-eigenvalue convention, as in the one-bath {@link entropyRates}.
 */
export function multiBathRates(gen: MultiBathGenerator, rho: CMatrix, logPss: ArrayLike<number>, eig: Eigh = eigh(rho), rhoDot: CMatrix = applyDavies(gen.total, rho)): MultiBathRates {
  const d = gen.dim;
  const lambda = eig.values;
  const V = eig.vectors;
  const p = float64(d);
  for (let n = 0; n < d; n++) p[n] = rho.re[n * d + n];
  const { A, wPhi, w, gain, dp } = scratchOf(d);
  // A[n·d + j] = |⟨n|v_j⟩|²
  for (let i = 0; i < d * d; i++) A[i] = V.re[i] * V.re[i] + V.im[i] * V.im[i];
  const threshold = TOL.zeroEigenvalue * Math.max(normMax(rhoDot), maxFlux(gen.total, p));

  const wTotal = float64(d);
  const dpTotal = float64(d);
  // Dephasing: ⟨v_j|D_φ(ρ)|v_j⟩ = Σ_n γ_n |⟨n|v_j⟩|² (p_n − λ_j); no population change.
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let n = 0; n < d; n++) s += gen.dephasing[n] * A[n * d + j] * (p[n] - lambda[j]);
    wPhi[j] = s;
    wTotal[j] = s;
  }
  const Upsilon_deph = finiteOr(entropyDerivativeParts(lambda, wPhi), threshold) + 0;

  const J: number[] = [];
  const Pi_baths: number[] = [];
  const Pi_d_baths: number[] = [];
  const Upsilon_baths: number[] = [];
  let Phi = 0;
  let Pi_a = 0;
  for (const bath of gen.baths) {
    pauliParts(bath.rates, bath.escape, p, gain, dp);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let n = 0; n < d; n++) s += A[n * d + j] * (gain[n] - lambda[j] * bath.escape[n]);
      w[j] = s;
      wTotal[j] += s;
    }
    let lnEq = 0;
    let heat = 0;
    let adiabatic = 0;
    for (let n = 0; n < d; n++) {
      dpTotal[n] += dp[n];
      lnEq += dp[n] * bath.logPeq[n];
      heat += (gen.energies[n] - gen.energies[0]) * dp[n];
      // Levels outside ρ_ss's support (a group of levels holding no population) carry no flux but rounding.
      if (dp[n] !== 0 && logPss[n] > -Infinity) adiabatic += dp[n] * (bath.logPeq[n] - logPss[n]);
    }
    const q = entropyDerivativeParts(lambda, w);
    const c = entropyDerivativeParts(p, dp);
    J.push(heat + 0);
    Pi_baths.push(finiteOr(q, threshold) + lnEq + 0);
    Pi_d_baths.push(finiteOr(c, threshold) + lnEq + 0);
    Upsilon_baths.push((q.kernelWeight - c.kernelWeight > threshold ? Infinity : q.finite - c.finite) + 0);
    Phi -= bath.beta * heat;
    Pi_a += adiabatic;
  }
  const dSdt = finiteOr(entropyDerivativeParts(lambda, wTotal), threshold);
  let lnSs = 0;
  for (let n = 0; n < d; n++) if (dpTotal[n] !== 0 && logPss[n] > -Infinity) lnSs += dpTotal[n] * logPss[n];
  return {
    dSdt: dSdt + 0,
    Pi: sum(Pi_baths) + Upsilon_deph + 0,
    Pi_d: sum(Pi_d_baths) + 0,
    Upsilon: sum(Upsilon_baths) + Upsilon_deph + 0,
    Upsilon_deph,
    Phi: Phi + 0,
    Pi_na: dSdt + lnSs + 0,
    Pi_a: Pi_a + 0,
    J,
    Pi_baths,
    Pi_d_baths,
    Upsilon_baths,
  };
}

/** Everything at one state: S, C, S(ρ‖ρ_ss), and the rates of B4–B7. */
export interface MultiBathQuantities extends MultiBathRates {
  readonly populations: Float64Array;
  readonly S: number;
  readonly C: number;
  /** S(ρ‖ρ_ss) = −S(ρ) − Σ_n p_n ln p_ss,n (+∞ when ρ has weight where ρ_ss has none). */
  readonly Srel_ss: number;
}

/**
 * The state functions and rates of B1–B7 at ρ (energy basis) with one eigendecomposition
 * (pass `eig = eigh(rho)` when already computed).
 * @example multiBathQuantities(gen, fromDiagonal(ss.populations), ss).Pi_na // 0: the steady state
 */
export function multiBathQuantities(gen: MultiBathGenerator, rho: CMatrix, ss: SteadyState, eig: Eigh = eigh(rho)): MultiBathQuantities {
  const f = daviesStateFunctions(gen.baths[0], rho, eig);
  let cross = 0;
  for (let n = 0; n < gen.dim; n++) if (f.populations[n] > 0) cross += f.populations[n] * ss.logPopulations[n];
  const r = multiBathRates(gen, rho, ss.logPopulations, eig, applyDavies(gen.total, rho, zeros(gen.dim, gen.dim)));
  // Written out, not spread: one object of fixed shape per state.
  return {
    dSdt: r.dSdt,
    Pi: r.Pi,
    Pi_d: r.Pi_d,
    Upsilon: r.Upsilon,
    Upsilon_deph: r.Upsilon_deph,
    Phi: r.Phi,
    Pi_na: r.Pi_na,
    Pi_a: r.Pi_a,
    J: r.J,
    Pi_baths: r.Pi_baths,
    Pi_d_baths: r.Pi_d_baths,
    Upsilon_baths: r.Upsilon_baths,
    populations: f.populations,
    S: f.S,
    C: f.C,
    Srel_ss: Math.max(0, -f.S - cross) + 0,
  };
}
