import { QepInputError } from '../errors.js';
import { type CMatrix, mul, scale } from '../linalg/cmatrix.js';
import { expm } from '../linalg/expm.js';
import { type DormandPrinceOptions, dormandPrince } from './dormandPrince.js';
import { type Lindbladian, applyLindbladian, liouvillian } from './lindblad.js';
import { float64, float64Copy } from '../linalg/float64.js';

/**
 * Generic propagation of dρ/dt = L(ρ) (Eq. 2) for any Lindbladian:
 * exactly with the matrix exponential of the Liouvillian superoperator, or
 * with adaptive Dormand–Prince RK45 on the matrix-free action (larger d).
 */

/**
 * @throws QepInputError `times` unless every entry is finite, ≥ 0 and the list ascends (non-decreasing).
 */
export function assertTimes(times: readonly number[], field = 'times'): void {
  for (let k = 0; k < times.length; k++) {
    const t = times[k];
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) throw new QepInputError(`${field}[${k}]`, 'a finite number ≥ 0', String(t));
    if (k > 0 && t < times[k - 1]) throw new QepInputError(field, `ascending (times[${k}] < times[${k - 1}])`, `${t} < ${times[k - 1]}`);
  }
}

/**
 * ρ(t_k) = e^{𝓛 t_k} ρ(0) for the superoperator 𝓛 (row-major vec, see lindblad.ts), stepping
 * from each output time to the next with P(Δt) = expm(𝓛 Δt). Propagators are cached by the
 * exact value of Δt, so an evenly spaced grid costs one expm (O(d⁶)) and one O(d⁴) product per
 * time. `times` ascending from t = 0.
 * @throws QepInputError `times` (see {@link assertTimes}).
 */
export function propagateSuperoperator(S: CMatrix, rho0: CMatrix, times: readonly number[]): CMatrix[] {
  assertTimes(times);
  const d = rho0.rows;
  const cache = new Map<number, CMatrix>();
  let v: CMatrix = { rows: d * d, cols: 1, re: float64Copy(rho0.re), im: float64Copy(rho0.im) };
  let t = 0;
  const out: CMatrix[] = [];
  const n2 = d * d;
  const bre = float64(times.length * n2);
  const bim = float64(times.length * n2);
  for (const tk of times) {
    const dt = tk - t;
    if (dt > 0) {
      let P = cache.get(dt);
      if (!P) {
        P = expm(scale(S, dt));
        cache.set(dt, P);
      }
      v = mul(P, v);
      t = tk;
    }
    const k = out.length;
    const R: CMatrix = { rows: d, cols: d, re: bre.subarray(k * n2, (k + 1) * n2), im: bim.subarray(k * n2, (k + 1) * n2) };
    R.re.set(v.re);
    R.im.set(v.im);
    out.push(R);
  }
  return out;
}

/** ρ(t_k) by the exact route: {@link propagateSuperoperator} of {@link liouvillian}(gen). */
export function propagateExact(gen: Lindbladian, rho0: CMatrix, times: readonly number[]): CMatrix[] {
  return propagateSuperoperator(liouvillian(gen), rho0, times);
}

/**
 * ρ(t_k) by adaptive Dormand–Prince RK45 on the matrix-free action {@link applyLindbladian}
 * (O(K d³) per evaluation, no d² × d² matrix): for dimensions where the superoperator is
 * too large. Error per step controlled by `rtol`/`atol` on the entries of ρ.
 * @throws QepInputError `times`; Error when the integrator fails (stiffness, see dormandPrince).
 */
export function propagateRK45(gen: Lindbladian, rho0: CMatrix, times: readonly number[], options: DormandPrinceOptions = {}): CMatrix[] {
  assertTimes(times);
  const d = gen.dim;
  const n2 = d * d;
  const y0 = float64(2 * n2);
  y0.set(rho0.re, 0);
  y0.set(rho0.im, n2);
  const rho: CMatrix = { rows: d, cols: d, re: float64(n2), im: float64(n2) };
  const rhs = (_t: number, y: Float64Array, dy: Float64Array): void => {
    rho.re.set(y.subarray(0, n2));
    rho.im.set(y.subarray(n2));
    const r = applyLindbladian(gen, rho);
    dy.set(r.re, 0);
    dy.set(r.im, n2);
  };
  const res = dormandPrince(rhs, y0, 0, times, options);
  return res.y.map((y) => ({ rows: d, cols: d, re: y.slice(0, n2), im: y.slice(n2) }));
}
