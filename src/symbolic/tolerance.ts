/**
 * Thresholds of the symbolic engine, in one place (DESIGN.md decision 3).
 * Named at each use; none is typed in elsewhere in src/symbolic.
 */
export interface SymbolicTolerances {
  /** Significant digits of BigNumber sampling (issue 6: ≥ 60). */
  readonly sampleDigits: number;
  /** Random points per sampled identity (issue 6: ≥ 50). */
  readonly samplePoints: number;
  /** Points at which an exactly proved identity is also evaluated, as a guard against bugs in the proof pipeline. */
  readonly guardPoints: number;
  /** A sampled identity holds when |lhs − rhs| ≤ sampleResidual · max(1, |lhs|, |rhs|) at every point (issue 6: 1e-40). */
  readonly sampleResidual: number;
  /** Closed form vs numeric engine: relative error ≤ crossCheck · max(1, |value|) (issue 6: 1e-10). */
  readonly crossCheck: number;
  /** Milliseconds an algebrite or nerdamer call may take before its worker is terminated. */
  readonly casTimeoutMs: number;
  /** The same, for algebrite's opinion on each step of a derivation (they queue behind one another). */
  readonly algebriteStepTimeoutMs: number;
  /** Total algebrite time one model derivation may spend on opinions (the rest are reported "not asked"). */
  readonly algebriteBudgetMs: number;
  /** Atomized differences longer than this are not sent to algebrite during derivations (it would time out). */
  readonly algebriteMaxChars: number;
}

/** The defaults (issue 6 fixes the sampling digits, points and residual, and the cross-check tolerance). */
export const SYMBOLIC_TOL: SymbolicTolerances = Object.freeze({
  sampleDigits: 64,
  samplePoints: 50,
  guardPoints: 8,
  sampleResidual: 1e-40,
  crossCheck: 1e-10,
  casTimeoutMs: 20_000,
  algebriteStepTimeoutMs: 2_500,
  algebriteBudgetMs: 6_000,
  algebriteMaxChars: 20_000,
});
