import { type CMatrix, fromReal, zeros } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';
import { expm } from '../linalg/expm.js';
import { ENGINE_TOL, EPS } from '../tolerance.js';
import { type DaviesGenerator, type RateGenerator, daviesLindbladian } from './davies.js';
import { pauliRateMatrix } from './daviesRates.js';
import { type DormandPrinceOptions } from './dormandPrince.js';
import { assertTimes, propagateExact, propagateRK45 } from './propagate.js';
import { float64 } from '../linalg/float64.js';

/**
 * Time evolution under a Davies generator (Eq. 2), three ways:
 * - `structured` (default): the decoupling of Eqs. 3 and 5. Populations by the
 *   Pauli rate matrix, coherences as damped phases
 *   ρ_nm(t) = e^{−(iω_nm + ½(Γ_n+Γ_m) + ½(γ_n+γ_m)) t} ρ_nm(0). O(d³) once, O(d²) per time.
 * - `expm`: the generic Liouvillian (d² × d²) propagated exactly, O(d⁶).
 * - `rk45`: the generic Lindbladian action integrated by Dormand–Prince.
 * All states are in the energy basis.
 */
export type DaviesMethod = 'structured' | 'expm' | 'rk45';

/** Options of {@link evolveDavies}. */
export interface EvolveOptions extends DormandPrinceOptions {
  readonly method?: DaviesMethod;
}

/**
 * Largest e^{½β(E_max − E_min)} = max sqrt(p_eq,n/p_eq,m) for which the populations use the
 * symmetrised eigen-decomposition; beyond it they use expm of the rate matrix.
 * {@link ENGINE_TOL}.daviesPath.maxCondition (1e4), where the reason is given.
 */
export const SYMMETRIC_PATH_MAX_CONDITION = ENGINE_TOL.daviesPath.maxCondition;

/**
 * Largest relative asymmetry of D^{−1/2} M D^{1/2} accepted by the eigen path:
 * {@link ENGINE_TOL}.daviesPath.maxAsymmetryEps (64) × EPS, where the reason is given.
 */
export const SYMMETRIC_PATH_MAX_ASYMMETRY = ENGINE_TOL.daviesPath.maxAsymmetryEps * EPS;

/** A propagator of the populations, p(t) from p(0), for the rates of one generator. */
interface PopulationPropagator {
  (p0: Float64Array, times: readonly number[]): Float64Array[];
}

/** The symmetrised rate matrix's eigen-decomposition D^{−1/2} M D^{1/2} = V diag(values) V†, and sqrt(p_eq). */
interface EigenModes {
  readonly d: number;
  readonly values: Float64Array;
  readonly V: CMatrix;
  readonly sqrtPeq: Float64Array;
}

function eigenModes(gen: DaviesGenerator, M: Float64Array): EigenModes | null {
  const d = gen.dim;
  const lp = gen.logPeq;
  let lmin = Infinity;
  let lmax = -Infinity;
  for (let n = 0; n < d; n++) {
    lmin = Math.min(lmin, lp[n]);
    lmax = Math.max(lmax, lp[n]);
  }
  if (Math.exp(0.5 * (lmax - lmin)) > SYMMETRIC_PATH_MAX_CONDITION) return null;
  // S = D^{-1/2} M D^{1/2}: S_nm = M_nm sqrt(p_eq,m / p_eq,n)
  const S: number[][] = [];
  let smax = 0;
  for (let n = 0; n < d; n++) {
    S.push([]);
    for (let m = 0; m < d; m++) {
      const s = M[n * d + m] * Math.exp(0.5 * (lp[m] - lp[n]));
      S[n].push(s);
      smax = Math.max(smax, Math.abs(s));
    }
  }
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < n; m++) {
      if (Math.abs(S[n][m] - S[m][n]) > SYMMETRIC_PATH_MAX_ASYMMETRY * smax) return null;
      const avg = 0.5 * (S[n][m] + S[m][n]);
      S[n][m] = avg;
      S[m][n] = avg;
    }
  }
  const { values, vectors: V } = eigh(fromReal(S));
  return { d, values, V, sqrtPeq: Float64Array.from(lp, (x) => Math.exp(0.5 * x)) };
}

/** The mode amplitudes q = V† D^{−1/2} p0 (complex in general: eigh may return complex phases), into qr, qi. */
function modeAmplitudes(modes: EigenModes, p0: ArrayLike<number>, qr: Float64Array, qi: Float64Array): void {
  const { d, V, sqrtPeq } = modes;
  for (let k = 0; k < d; k++) {
    for (let n = 0; n < d; n++) {
      const x = p0[n] / sqrtPeq[n];
      qr[k] += V.re[n * d + k] * x;
      qi[k] -= V.im[n * d + k] * x;
    }
  }
}

/** p(t) = D^{1/2} V e^{Λt} q into `p`, with er, ei scratch of length d. */
function modesAt(modes: EigenModes, qr: Float64Array, qi: Float64Array, t: number, er: Float64Array, ei: Float64Array, p: Float64Array): void {
  const { d, values, V, sqrtPeq } = modes;
  for (let k = 0; k < d; k++) {
    const e = Math.exp(Math.min(0, values[k]) * t); // eigenvalues are ≤ 0; clamp rounding
    er[k] = e * qr[k];
    ei[k] = e * qi[k];
  }
  for (let n = 0; n < d; n++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += V.re[n * d + k] * er[k] - V.im[n * d + k] * ei[k];
    p[n] = sqrtPeq[n] * s;
  }
}

function eigenPath(gen: DaviesGenerator, M: Float64Array): PopulationPropagator | null {
  const modes = eigenModes(gen, M);
  if (!modes) return null;
  const d = gen.dim;
  return (p0, times) => {
    const qr = float64(d);
    const qi = float64(d);
    modeAmplitudes(modes, p0, qr, qi);
    const er = float64(d);
    const ei = float64(d);
    const buffer = float64(times.length * d); // one allocation: small typed arrays are costly
    return times.map((t, j) => {
      const p = buffer.subarray(j * d, (j + 1) * d);
      modesAt(modes, qr, qi, t, er, ei, p);
      return p;
    });
  };
}

/** e^{M Δt} (real rate matrix M, d × d) by expm. */
function rateExponential(d: number, M: Float64Array, dt: number): CMatrix {
  const A = zeros(d, d);
  for (let k = 0; k < d * d; k++) A.re[k] = M[k] * dt;
  return expm(A);
}

/** q = Re(P) p (P a propagator of the populations). */
function applyReal(d: number, P: CMatrix, p: ArrayLike<number>, q: Float64Array): void {
  for (let n = 0; n < d; n++) {
    let s = 0;
    for (let m = 0; m < d; m++) s += P.re[n * d + m] * p[m];
    q[n] = s;
  }
}

function expmPath(d: number, M: Float64Array): PopulationPropagator {
  const cache = new Map<number, CMatrix>();
  return (p0, times) => {
    let p = Float64Array.from(p0);
    let t = 0;
    return times.map((tk) => {
      const dt = tk - t;
      if (dt > 0) {
        let P = cache.get(dt);
        if (!P) {
          P = rateExponential(d, M, dt);
          cache.set(dt, P);
        }
        const q = float64(d);
        applyReal(d, P, p, q);
        p = q;
        t = tk;
      }
      return Float64Array.from(p);
    });
  };
}

/** Whether a generator carries one temperature (its rates in detailed balance at `beta`). */
function hasTemperature(gen: RateGenerator): gen is DaviesGenerator {
  return 'logPeq' in gen;
}

/**
 * The populations p(t_k) = e^{M t_k} p(0) of the Pauli equation (Eq. 3; B2 for
 * summed rates), M from {@link pauliRateMatrix}. Exact: by the eigen-decomposition
 * of the symmetrised rate matrix D^{−1/2} M D^{1/2} (D = diag p_eq; symmetric by
 * detailed balance) when the generator has one temperature and is well conditioned
 * ({@link SYMMETRIC_PATH_MAX_CONDITION}), else by expm of M Δt stepped between
 * output times (cached per Δt). Both are O(d³) per distinct step.
 * @throws QepInputError `times` unless finite, ≥ 0, ascending.
 */
export function evolvePopulations(gen: RateGenerator, p0: ArrayLike<number>, times: readonly number[]): Float64Array[] {
  assertTimes(times);
  const M = pauliRateMatrix(gen.rates, gen.dim);
  const prop = (hasTemperature(gen) ? eigenPath(gen, M) : null) ?? expmPath(gen.dim, M);
  const pops = prop(Float64Array.from(p0), times);
  // At t = 0 the propagator is the identity: return p(0) exactly, not V·V⁻¹·p(0) with its rounding.
  times.forEach((t, k) => {
    if (t === 0) pops[k].set(p0);
  });
  return pops;
}

/** As {@link evolvePopulations}, forcing one route ('eigen' or 'expm'); null when 'eigen' is not applicable. For tests and benchmarks. */
export function evolvePopulationsBy(route: 'eigen' | 'expm', gen: DaviesGenerator, p0: ArrayLike<number>, times: readonly number[]): Float64Array[] | null {
  assertTimes(times);
  const M = pauliRateMatrix(gen.rates, gen.dim);
  const prop = route === 'eigen' ? eigenPath(gen, M) : expmPath(gen.dim, M);
  return prop ? prop(Float64Array.from(p0), times) : null;
}

/**
 * The coherences ρ_nm(t) = e^{−(iω_nm + ½(Γ_n+Γ_m) + ½(γ_n+γ_m))t} ρ_nm(0), n ≠ m, into R (the
 * diagonal is left alone). The factor splits as u_n conj(u_m) with
 * u_n = e^{−½(Γ_n+γ_n)t} e^{−i(E_n − E_0)t}: d exponentials per time instead of d² (ur, ui: scratch of length d).
 */
function writeCoherences(gen: RateGenerator, rho0: CMatrix, t: number, ur: Float64Array, ui: Float64Array, R: CMatrix): void {
  const d = gen.dim;
  const { energies: E, escape: G, dephasing: g } = gen;
  for (let n = 0; n < d; n++) {
    const amp = Math.exp(-0.5 * (G[n] + g[n]) * t);
    const ph = (E[n] - E[0]) * t;
    ur[n] = amp * Math.cos(ph);
    ui[n] = -amp * Math.sin(ph);
  }
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < d; m++) {
      if (m === n) continue;
      const i = n * d + m;
      const a = rho0.re[i];
      const b = rho0.im[i];
      if (a === 0 && b === 0) {
        R.re[i] = 0;
        R.im[i] = 0;
        continue;
      }
      // f = u_n conj(u_m); ρ_nm(t) = f (a + ib)
      const fr = ur[n] * ur[m] + ui[n] * ui[m];
      const fi = ui[n] * ur[m] - ur[n] * ui[m];
      R.re[i] = fr * a - fi * b;
      R.im[i] = fr * b + fi * a;
    }
  }
}

function evolveStructured(gen: RateGenerator, rho0: CMatrix, times: readonly number[]): CMatrix[] {
  const d = gen.dim;
  const p0 = float64(d);
  for (let n = 0; n < d; n++) p0[n] = rho0.re[n * d + n];
  const pops = evolvePopulations(gen, p0, times);
  const ur = float64(d);
  const ui = float64(d);
  // One allocation for all outputs (views into it): allocating 2·T small typed arrays costs more than the arithmetic.
  const bre = float64(times.length * d * d);
  const bim = float64(times.length * d * d);
  return times.map((t, k) => {
    const R: CMatrix = { rows: d, cols: d, re: bre.subarray(k * d * d, (k + 1) * d * d), im: bim.subarray(k * d * d, (k + 1) * d * d) };
    for (let n = 0; n < d; n++) R.re[n * d + n] = pops[k][n];
    writeCoherences(gen, rho0, t, ur, ui, R);
    return R;
  });
}

/** ρ(t) of one generator and initial state, one time per call; see {@link daviesTrajectory}. */
export type DaviesTrajectory = (t: number, out?: CMatrix) => CMatrix;

/**
 * ρ(t) under the Davies generator `gen` from ρ(0) = `rho0` (energy basis), one time t ≥ 0 per
 * call, written into `out` (d × d) when given: the structured method of {@link evolveDavies}
 * with its set-up (the Pauli rate matrix, the eigen-decomposition of its symmetrised form and
 * the mode amplitudes of p(0)) done once, so that a call costs O(d²) (O(d³) when the populations
 * take the expm route). Equal, bit for bit, to `evolveDavies(gen, rho0, [t])[0]`; for quadrature
 * nodes and other scattered times.
 * @throws QepInputError `times[0]` (when called) unless t is finite and ≥ 0.
 */
export function daviesTrajectory(gen: RateGenerator, rho0: CMatrix): DaviesTrajectory {
  const d = gen.dim;
  const p0 = float64(d);
  for (let n = 0; n < d; n++) p0[n] = rho0.re[n * d + n];
  const M = pauliRateMatrix(gen.rates, d);
  const modes = hasTemperature(gen) ? eigenModes(gen, M) : null;
  const qr = float64(d);
  const qi = float64(d);
  if (modes) modeAmplitudes(modes, p0, qr, qi);
  const er = float64(d);
  const ei = float64(d);
  const p = float64(d);
  return (t, out) => {
    if (!(t >= 0 && t < Infinity)) assertTimes([t]);
    const R = out ?? zeros(d, d);
    if (t === 0) p.set(p0); // the identity, exactly (as evolvePopulations)
    else if (modes) modesAt(modes, qr, qi, t, er, ei, p);
    else applyReal(d, rateExponential(d, M, t), p0, p);
    for (let n = 0; n < d; n++) {
      R.re[n * d + n] = p[n];
      R.im[n * d + n] = 0;
    }
    writeCoherences(gen, rho0, t, er, ei, R);
    return R;
  };
}

/**
 * ρ(t_k) under the Davies generator `gen` (one bath, or the summed rates of several: B1) from ρ(0) = `rho0` (energy basis), for
 * ascending `times` ≥ 0 measured from t = 0. See {@link DaviesMethod}.
 * The imaginary parts of ρ(0)'s diagonal are carried by the generic methods and
 * dropped by the structured one (a density matrix has none).
 * @throws QepInputError `times` unless finite, ≥ 0, ascending.
 */
export function evolveDavies(gen: RateGenerator, rho0: CMatrix, times: readonly number[], options: EvolveOptions = {}): CMatrix[] {
  const method = options.method ?? 'structured';
  if (method === 'structured') {
    assertTimes(times);
    return evolveStructured(gen, rho0, times);
  }
  const L = daviesLindbladian(gen);
  return method === 'expm' ? propagateExact(L, rho0, times) : propagateRK45(L, rho0, times, options);
}
