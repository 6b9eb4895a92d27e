/**
 * Adaptive Runge–Kutta of Dormand and Prince, order 5 with an embedded order-4
 * error estimate (DOPRI5: Dormand & Prince 1980; Hairer, Nørsett & Wanner,
 * "Solving ODEs I", §II.4–5): first-same-as-last, local extrapolation, the
 * standard step-size controller h ← h · clamp(0.9 · err^{−1/5}, 0.2, 10) with
 *
 *     err = sqrt( (1/N) Σ_i ( e_i / (atol + rtol · max(|y_i|, |y_new,i|)) )² ),
 *
 * a step accepted when err ≤ 1. Output times are hit exactly (the step is
 * clipped to the next one), so no interpolation error enters the output.
 * Default tolerances and the starting-step constants: ENGINE_TOL.ode.
 */
import { ENGINE_TOL } from '../tolerance.js';

/** Right-hand side y' = f(t, y), written into `dydt` (must not allocate-and-return). */
export type OdeRhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** Options of {@link dormandPrince}. */
export interface DormandPrinceOptions {
  /** Relative tolerance per component (default {@link DEFAULT_RTOL}). */
  readonly rtol?: number;
  /** Absolute tolerance per component (default {@link DEFAULT_ATOL}). */
  readonly atol?: number;
  /** Give up (throw) after this many attempted steps (default 1e6). */
  readonly maxSteps?: number;
  /** First step size (default: Hairer's estimate from f(t0, y0)). */
  readonly initialStep?: number;
}

/** The solution at the requested times and the work done. */
export interface DormandPrinceResult {
  readonly y: Float64Array[];
  readonly accepted: number;
  readonly rejected: number;
  /** Evaluations of f. */
  readonly evaluations: number;
}

/** Default relative tolerance, {@link ENGINE_TOL}.ode.rtol (1e-10). */
export const DEFAULT_RTOL = ENGINE_TOL.ode.rtol;
/** Default absolute tolerance, {@link ENGINE_TOL}.ode.atol (1e-12). */
export const DEFAULT_ATOL = ENGINE_TOL.ode.atol;

const { startNorm, startStep, startFlat, startStepRatio } = ENGINE_TOL.ode;

// Butcher tableau of DOPRI5.
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const B1 = 35 / 384, B3 = 500 / 1113, B4 = 125 / 192, B5 = -2187 / 6784, B6 = 11 / 84;
// e = b(5) − b(4)
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;

/**
 * Integrate y' = f(t, y) from (t0, y0) and return y at each of `times`
 * (ascending, each ≥ t0). O(N) memory per stage, 6 evaluations of f per step.
 * @throws Error when the step size underflows or `maxSteps` is exceeded (a
 *   stiff or non-finite problem), naming the time reached.
 * @example dormandPrince((t, y, dy) => { dy[0] = -y[0]; }, Float64Array.of(1), 0, [1]).y[0][0] // ≈ e^{-1}
 */
export function dormandPrince(f: OdeRhs, y0: Float64Array, t0: number, times: readonly number[], options: DormandPrinceOptions = {}): DormandPrinceResult {
  const rtol = options.rtol ?? DEFAULT_RTOL;
  const atol = options.atol ?? DEFAULT_ATOL;
  const maxSteps = options.maxSteps ?? 1_000_000;
  const N = y0.length;
  const y = y0.slice();
  const k1 = new Float64Array(N), k2 = new Float64Array(N), k3 = new Float64Array(N), k4 = new Float64Array(N);
  const k5 = new Float64Array(N), k6 = new Float64Array(N), k7 = new Float64Array(N);
  const ytmp = new Float64Array(N), ynew = new Float64Array(N);
  let evaluations = 0;
  let accepted = 0;
  let rejected = 0;
  let t = t0;
  f(t, y, k1);
  evaluations++;

  const wnorm = (v: Float64Array, ref: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const w = v[i] / (atol + rtol * Math.abs(ref[i]));
      s += w * w;
    }
    return Math.sqrt(s / Math.max(1, N));
  };

  let h = options.initialStep ?? 0;
  if (!(h > 0)) {
    // Hairer's starting step (HNW I, II.4): h = 0.01 ‖y0‖/‖f0‖, refined by a second-derivative estimate.
    const d0 = wnorm(y, y);
    const d1 = wnorm(k1, y);
    const h0 = d0 < startNorm || d1 < startNorm ? startStep : (0.01 * d0) / d1;
    for (let i = 0; i < N; i++) ytmp[i] = y[i] + h0 * k1[i];
    f(t + h0, ytmp, k2);
    evaluations++;
    for (let i = 0; i < N; i++) k3[i] = (k2[i] - k1[i]) / h0;
    const d2 = wnorm(k3, y);
    const h1 = Math.max(d1, d2) <= startFlat ? Math.max(startStep, h0 * startStepRatio) : Math.pow(0.01 / Math.max(d1, d2), 1 / 5);
    h = Math.min(100 * h0, h1);
  }

  const out: Float64Array[] = [];
  let attempts = 0;
  for (const target of times) {
    while (t < target) {
      if (++attempts > maxSteps) throw new Error(`dormandPrince: more than ${maxSteps} steps (stiff problem?) at t = ${t}`);
      const last = h >= target - t;
      const hs = last ? target - t : h;
      if (!(hs > 0) || t + hs === t) throw new Error(`dormandPrince: step size underflow at t = ${t}`);
      for (let i = 0; i < N; i++) ytmp[i] = y[i] + hs * A21 * k1[i];
      f(t + C2 * hs, ytmp, k2);
      for (let i = 0; i < N; i++) ytmp[i] = y[i] + hs * (A31 * k1[i] + A32 * k2[i]);
      f(t + C3 * hs, ytmp, k3);
      for (let i = 0; i < N; i++) ytmp[i] = y[i] + hs * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
      f(t + C4 * hs, ytmp, k4);
      for (let i = 0; i < N; i++) ytmp[i] = y[i] + hs * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
      f(t + C5 * hs, ytmp, k5);
      for (let i = 0; i < N; i++) ytmp[i] = y[i] + hs * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
      f(t + hs, ytmp, k6);
      for (let i = 0; i < N; i++) ynew[i] = y[i] + hs * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
      f(t + hs, ynew, k7);
      evaluations += 6;
      let s = 0;
      for (let i = 0; i < N; i++) {
        const e = hs * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        const w = e / (atol + rtol * Math.max(Math.abs(y[i]), Math.abs(ynew[i])));
        s += w * w;
      }
      const err = Math.sqrt(s / Math.max(1, N));
      if (!Number.isFinite(err)) throw new Error(`dormandPrince: non-finite solution at t = ${t}`);
      const factor = err === 0 ? 10 : Math.min(10, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
      if (err <= 1) {
        t = last ? target : t + hs;
        y.set(ynew);
        k1.set(k7); // first same as last
        accepted++;
        // Do not let a short final clip shrink the next step.
        h = last ? Math.max(h, hs * factor) : hs * factor;
      } else {
        rejected++;
        h = hs * Math.min(1, factor);
      }
    }
    out.push(y.slice());
  }
  return { y: out, accepted, rejected, evaluations };
}
