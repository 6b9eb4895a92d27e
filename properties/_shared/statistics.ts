import { CHECK_TOL } from '../../src/numeric/tolerance.js';

/**
 * Thresholds of the Monte Carlo checks that hold at any run count: a run that
 * compares m sampled means with their exact values raises a false alarm with
 * probability ≤ α = CHECK_TOL.falseAlarm, whatever m is (Bonferroni: each
 * comparison is allowed α/m), and whatever the distribution sampled, heavy
 * tails included (Bernstein's inequality, not a normal approximation: the
 * e^{−σ} of a path through a tiny eigenvalue of ρ_S can be 10³ with probability
 * 10⁻⁶, and a normal z would then fire once in a few hundred instances).
 */

/**
 * Bernstein's bound for the mean of N independent draws of X with variance v and
 * |X − E X| ≤ b: P(|X̄ − E X| ≥ t) ≤ 2 exp(−N t² / (2v + 2bt/3)). The t* returned makes
 * that probability α/m: t* = [bL/3 + √((bL/3)² + 2NvL)] / N with L = ln(2m/α). For a light
 * tail (b small) t* ≈ √(2L) standard errors: 6.5 for m = 500, 6.8 for m = 5000.
 *
 * @throws RangeError unless N, m are positive integers, v, b ≥ 0 finite and 0 < α < 1.
 */
export function bernsteinThreshold(N: number, variance: number, range: number, comparisons: number, alpha: number = CHECK_TOL.falseAlarm): number {
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`N must be a positive integer (got ${N})`);
  if (!Number.isInteger(comparisons) || comparisons < 1) throw new RangeError(`comparisons must be a positive integer (got ${comparisons})`);
  if (!(variance >= 0 && Number.isFinite(variance))) throw new RangeError(`variance must be finite and ≥ 0 (got ${variance})`);
  if (!(range >= 0 && Number.isFinite(range))) throw new RangeError(`range must be finite and ≥ 0 (got ${range})`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1) (got ${alpha})`);
  const L = Math.log((2 * comparisons) / alpha);
  const a = (range * L) / 3;
  return (a + Math.sqrt(a * a + 2 * N * variance * L)) / N;
}
