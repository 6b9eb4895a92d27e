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

/**
 * A propagator of the populations for the rates of one generator: visit(k, p(t_k)) for each of the
 * ascending times, from p(0). `p` is the propagator's own array, valid only during the call.
 */
interface PopulationPropagator {
  (p0: Float64Array, times: readonly number[], visit: (k: number, p: Float64Array) => void): void;
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
  return (p0, times, visit) => {
    const qr = float64(d);
    const qi = float64(d);
    modeAmplitudes(modes, p0, qr, qi);
    const er = float64(d);
    const ei = float64(d);
    const p = float64(d);
    for (let j = 0; j < times.length; j++) {
      modesAt(modes, qr, qi, times[j], er, ei, p);
      visit(j, p);
    }
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
  return (p0, times, visit) => {
    let p = Float64Array.from(p0);
    let q = float64(d);
    let t = 0;
    for (let k = 0; k < times.length; k++) {
      const tk = times[k];
      const dt = tk - t;
      if (dt > 0) {
        let P = cache.get(dt);
        if (!P) {
          P = rateExponential(d, M, dt);
          cache.set(dt, P);
        }
        applyReal(d, P, p, q);
        [p, q] = [q, p];
        t = tk;
      }
      visit(k, p);
    }
  };
}

/** The populations a propagator visits, copied out into views of one buffer (small typed arrays are costly one by one). */
function collect(d: number, times: readonly number[], run: (visit: (k: number, p: Float64Array) => void) => void): Float64Array[] {
  const buffer = float64(times.length * d);
  const out: Float64Array[] = [];
  run((k, p) => {
    const v = buffer.subarray(k * d, (k + 1) * d);
    v.set(p);
    out.push(v);
  });
  return out;
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
  return collect(gen.dim, times, (visit) => visitPopulations(gen, Float64Array.from(p0), times, visit));
}

/**
 * The populations of {@link evolvePopulations}, handed to visit(k, p(t_k)) one time at a time
 * (`p` valid only during the call). At t = 0 the propagator is the identity: p(0) is handed on
 * exactly, not V·V⁻¹·p(0) with its rounding. `times` already checked.
 */
function visitPopulations(gen: RateGenerator, p0: Float64Array, times: readonly number[], visit: (k: number, p: Float64Array) => void): void {
  const M = pauliRateMatrix(gen.rates, gen.dim);
  const prop = (hasTemperature(gen) ? eigenPath(gen, M) : null) ?? expmPath(gen.dim, M);
  prop(Float64Array.from(p0), times, (k, p) => visit(k, times[k] === 0 ? p0 : p));
}

/** As {@link evolvePopulations}, forcing one route ('eigen' or 'expm'); null when 'eigen' is not applicable. For tests and benchmarks. */
export function evolvePopulationsBy(route: 'eigen' | 'expm', gen: DaviesGenerator, p0: ArrayLike<number>, times: readonly number[]): Float64Array[] | null {
  assertTimes(times);
  const M = pauliRateMatrix(gen.rates, gen.dim);
  const prop = route === 'eigen' ? eigenPath(gen, M) : expmPath(gen.dim, M);
  return prop ? collect(gen.dim, times, (visit) => prop(Float64Array.from(p0), times, visit)) : null;
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
  // One allocation for all outputs (views into it): allocating 2·T small typed arrays costs more than the arithmetic.
  const bre = float64(times.length * d * d);
  const bim = float64(times.length * d * d);
  const out: CMatrix[] = [];
  visitStructured(gen, rho0, times, (k, rho) => {
    const R: CMatrix = { rows: d, cols: d, re: bre.subarray(k * d * d, (k + 1) * d * d), im: bim.subarray(k * d * d, (k + 1) * d * d) };
    R.re.set(rho.re);
    R.im.set(rho.im);
    out.push(R);
  });
  return out;
}

/** The states of {@link evolveStructured}, handed to visit(k, ρ(t_k)) in one matrix reused for every time. `times` already checked. */
function visitStructured(gen: RateGenerator, rho0: CMatrix, times: readonly number[], visit: (k: number, rho: CMatrix) => void): void {
  const d = gen.dim;
  const p0 = float64(d);
  for (let n = 0; n < d; n++) p0[n] = rho0.re[n * d + n];
  const ur = float64(d);
  const ui = float64(d);
  const R = zeros(d, d); // the diagonal's imaginary parts stay 0
  visitPopulations(gen, p0, times, (k, p) => {
    for (let n = 0; n < d; n++) R.re[n * d + n] = p[n];
    writeCoherences(gen, rho0, times[k], ur, ui, R);
    visit(k, R);
  });
}

/**
 * ρ(t_k) = e^{L t_k} ρ(0) of {@link evolveDavies} (Eqs. 2, 3 and 5; the structured method), handed to
 * visit(k, ρ(t_k)) one time at a time in one d × d matrix reused for every time: valid only during the call, and not to be
 * written to. The values are evolveDavies's bit for bit, without its list of T matrices; for
 * callers that reduce each state at once (a quadrature over many nodes).
 * @throws QepInputError `times` unless finite, ≥ 0, ascending.
 */
export function visitDavies(gen: RateGenerator, rho0: CMatrix, times: readonly number[], visit: (k: number, rho: CMatrix) => void): void {
  assertTimes(times);
  visitStructured(gen, rho0, times, visit);
}

/** ρ(t) of one generator and initial state, one time per call; see {@link daviesTrajectory}. */
export type DaviesTrajectory = (t: number, out?: CMatrix) => CMatrix;

/**
 * ρ(t) = e^{Lt} ρ(0) under the Davies generator `gen` (Eqs. 2, 3 and 5) from ρ(0) = `rho0` (energy
 * basis), one time t ≥ 0 per call, written into `out` (d × d) when given: the structured method of {@link evolveDavies}
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
