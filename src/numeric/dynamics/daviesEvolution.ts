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

function eigenPath(gen: DaviesGenerator, M: Float64Array): PopulationPropagator | null {
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
  const sqrtPeq = Float64Array.from(lp, (x) => Math.exp(0.5 * x));
  return (p0, times) => {
    // q = V† D^{-1/2} p0 (complex in general: eigh may return complex phases)
    const qr = float64(d);
    const qi = float64(d);
    for (let k = 0; k < d; k++) {
      for (let n = 0; n < d; n++) {
        const x = p0[n] / sqrtPeq[n];
        qr[k] += V.re[n * d + k] * x;
        qi[k] -= V.im[n * d + k] * x;
      }
    }
    const er = float64(d);
    const ei = float64(d);
    const buffer = float64(times.length * d); // one allocation: small typed arrays are costly
    return times.map((t, j) => {
      for (let k = 0; k < d; k++) {
        const e = Math.exp(Math.min(0, values[k]) * t); // eigenvalues are ≤ 0; clamp rounding
        er[k] = e * qr[k];
        ei[k] = e * qi[k];
      }
      const p = buffer.subarray(j * d, (j + 1) * d);
      for (let n = 0; n < d; n++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += V.re[n * d + k] * er[k] - V.im[n * d + k] * ei[k];
        p[n] = sqrtPeq[n] * s;
      }
      return p;
    });
  };
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
          const A = zeros(d, d);
          for (let k = 0; k < d * d; k++) A.re[k] = M[k] * dt;
          P = expm(A);
          cache.set(dt, P);
        }
        const q = float64(d);
        for (let n = 0; n < d; n++) {
          let s = 0;
          for (let m = 0; m < d; m++) s += P.re[n * d + m] * p[m];
          q[n] = s;
        }
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

function evolveStructured(gen: RateGenerator, rho0: CMatrix, times: readonly number[]): CMatrix[] {
  const d = gen.dim;
  const p0 = float64(d);
  for (let n = 0; n < d; n++) p0[n] = rho0.re[n * d + n];
  const pops = evolvePopulations(gen, p0, times);
  const { energies: E, escape: G, dephasing: g } = gen;
  // The factor e^{−(iω_nm + ½(Γ_n+Γ_m) + ½(γ_n+γ_m))t} splits as u_n conj(u_m) with
  // u_n = e^{−½(Γ_n+γ_n)t} e^{−i(E_n − E_0)t}: d exponentials per time instead of d².
  const ur = float64(d);
  const ui = float64(d);
  // One allocation for all outputs (views into it): allocating 2·T small typed arrays costs more than the arithmetic.
  const bre = float64(times.length * d * d);
  const bim = float64(times.length * d * d);
  return times.map((t, k) => {
    for (let n = 0; n < d; n++) {
      const amp = Math.exp(-0.5 * (G[n] + g[n]) * t);
      const ph = (E[n] - E[0]) * t;
      ur[n] = amp * Math.cos(ph);
      ui[n] = -amp * Math.sin(ph);
    }
    const R: CMatrix = { rows: d, cols: d, re: bre.subarray(k * d * d, (k + 1) * d * d), im: bim.subarray(k * d * d, (k + 1) * d * d) };
    for (let n = 0; n < d; n++) {
      R.re[n * d + n] = pops[k][n];
      for (let m = 0; m < d; m++) {
        if (m === n) continue;
        const i = n * d + m;
        const a = rho0.re[i];
        const b = rho0.im[i];
        if (a === 0 && b === 0) continue;
        // f = u_n conj(u_m); ρ_nm(t) = f (a + ib)
        const fr = ur[n] * ur[m] + ui[n] * ui[m];
        const fi = ui[n] * ur[m] - ur[n] * ui[m];
        R.re[i] = fr * a - fi * b;
        R.im[i] = fr * b + fi * a;
      }
    }
    return R;
  });
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
