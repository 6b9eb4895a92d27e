import type { InstanceOutcome } from '../../src/claims/claim.js';
import { EPS, MIN_NORMAL } from '../../src/numeric/tolerance.js';

/**
 * Helpers shared by the checks of every section: how numbers are printed in a
 * failure's detail, how two routes to one quantity are compared, and how an
 * instance outside a claim's hypotheses is reported.
 */

export { within } from '../../src/claims/claim.js';

/** A number for a failure's detail: 6 significant digits, `Infinity` / `NaN` spelled out. */
export const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(6) : String(x));

/** The outcome of an instance that violates a hypothesis of the claim. */
export const notApplicable = (reason: string): InstanceOutcome => ({ kind: 'not-applicable', reason });

/**
 * Smallest scale at which rounding is relative: below MIN_NORMAL/ε ≈ 1e-292 products of rates
 * and populations are subnormal and keep fewer than 53 bits (very low temperatures, β·ΔE ≳ 670).
 */
export const SUBNORMAL_FLOOR = MIN_NORMAL / EPS;

/**
 * |lhs − rhs| / scale in extended arithmetic: both +∞ → 0, one +∞ → ∞; the scale is
 * floored at {@link SUBNORMAL_FLOOR}.
 */
export function relResidual(lhs: number, rhs: number, scale: number): number {
  if (lhs === Infinity || rhs === Infinity) return lhs === rhs ? 0 : Infinity;
  const diff = Math.abs(lhs - rhs);
  if (diff === 0) return 0;
  return diff / Math.max(scale, SUBNORMAL_FLOOR);
}

/**
 * |a − b| / (1 + |b|): the deviation of `a` from an O(1) reference `b`, absolute near 0
 * and relative beyond (entropies, coherences and their differences).
 */
export const residualAgainst = (a: number, b: number): number => Math.abs(a - b) / (1 + Math.abs(b));

/** The largest |A_nm| off the diagonal of a square matrix given by real and imaginary parts. */
export function largestOffDiagonal(A: { readonly rows: number; readonly re: ArrayLike<number>; readonly im: ArrayLike<number> }): number {
  const d = A.rows;
  let r = 0;
  for (let n = 0; n < d; n++) for (let m = 0; m < d; m++) if (n !== m) r = Math.max(r, Math.hypot(A.re[n * d + m], A.im[n * d + m]));
  return r;
}
