import { CHECK_TOL } from '../../src/numeric/tolerance.js';

/**
 * Thresholds of the Monte Carlo checks, corrected for multiple testing: a run
 * that compares m sampled values with their exact ones raises a false alarm
 * with probability ≤ α (CHECK_TOL.falseAlarm) when each comparison uses the
 * two-sided normal quantile of α/m (Bonferroni).
 */

/**
 * erfc(x) for x ≥ 0 by the Chebyshev fit of Numerical Recipes (erfcc, relative error
 * < 1.2e-7 everywhere): enough for a threshold, whose z then moves by < 1e-7/z.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly);
}

/** The two-sided standard normal tail P(|Z| > z) = erfc(z/√2), z ≥ 0. */
export function twoSidedTail(z: number): number {
  return erfc(z / Math.SQRT2);
}

/** z* at the default α, by number of comparisons (a run asks for the same m on every instance). */
const cache = new Map<number, number>();

/**
 * The z* with P(|Z| > z*) = α/m (Bonferroni over m comparisons): bisection on the
 * monotone tail, to 1e-9. m = 1 and α = 1e-6 give z* = 4.89; m = 500, 6.00; m = 5000, 6.36.
 *
 * @throws RangeError unless m is a positive integer and 0 < α < 1.
 */
export function bonferroniZ(m: number, alpha: number = CHECK_TOL.falseAlarm): number {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`comparisons must be a positive integer (got ${m})`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1) (got ${alpha})`);
  const hit = alpha === CHECK_TOL.falseAlarm ? cache.get(m) : undefined;
  if (hit !== undefined) return hit;
  const p = alpha / m;
  let lo = 0;
  let hi = 40;
  while (hi - lo > 1e-9) {
    const mid = (lo + hi) / 2;
    if (twoSidedTail(mid) > p) lo = mid;
    else hi = mid;
  }
  const z = (lo + hi) / 2;
  if (alpha === CHECK_TOL.falseAlarm) cache.set(m, z);
  return z;
}
