import type { Arbitrary } from 'fast-check';

/**
 * Claims are data: each equation of the paper becomes a
 * Claim with an id, the equation number, a LaTeX statement, its hypotheses, how
 * it is checked, and the verdict expected of it. Printed errors of the paper
 * are claims whose expected verdict is `refuted`.
 */

/** What the paper's statement is expected to do under qep's checks. */
export type Expectation = 'holds' | 'refuted';

/** How a claim is checked. */
export type Method = 'property' | 'symbolic' | 'both';

/** The verdicts a check can reach. `proved` / `sampled` are for symbolic identities. */
export type Verdict = 'holds' | 'refuted' | 'not-applicable' | 'error' | 'proved' | 'sampled';

/** The outcome of checking one random instance. `residual` is the measured deviation (0 when exact). */
export type InstanceOutcome =
  | { readonly kind: 'pass'; readonly residual: number }
  | { readonly kind: 'fail'; readonly residual: number; readonly detail: string }
  | { readonly kind: 'not-applicable'; readonly reason: string };

/**
 * What the runner tells a check about the run it is part of. A statistical check
 * (a Monte Carlo mean within z standard errors) needs the number of instances of
 * the run to keep the chance of a false alarm over the whole run fixed.
 */
export interface CheckContext {
  /** Instances the run tests at most: the examples plus the random ones (`runs`). At least 1. */
  readonly instances: number;
}

/** A judge of one instance; `context` describes the run (checks that do not need it ignore it). */
export type InstanceCheck<T> = (instance: T, context: CheckContext) => InstanceOutcome;

/** A fast-check property: instances from `arbitrary`, each judged by `check`. */
export interface PropertyCheck<T> {
  readonly arbitrary: Arbitrary<T>;
  /** Judge one instance. Must not throw for physical instances; a throw is an `error` verdict. */
  readonly check: InstanceCheck<T>;
  /** A JSON-friendly, readable view of an instance for counterexample reports (defaults to the instance). */
  readonly describe?: (instance: T) => unknown;
  /**
   * A deliberately wrong version of `check` (a flipped sign, a missing factor).
   * The test suite runs it through the runner and requires it to be refuted:
   * that proves the property has teeth.
   */
  readonly mutant?: InstanceCheck<T>;
  /**
   * Instances tried before the random search (known counterexamples, boundary cases).
   * They add to it: the runner still draws `runs` random instances after them.
   */
  readonly examples?: readonly T[];
}

/** The result of a symbolic check. */
export interface SymbolicOutcome {
  readonly verdict: 'proved' | 'sampled' | 'refuted' | 'error';
  /** Largest residual seen (0 for a proof). */
  readonly residual: number;
  /** What was done, or the counterexample. */
  readonly detail: string;
}

/** One checkable statement of the paper. */
export interface Claim<T = unknown> {
  /** Stable id, `section.name`, e.g. `davies.pi-split`. */
  readonly id: string;
  /** The paper's equation number(s), e.g. `12` or `23-25`, or `-` when none. */
  readonly equation: string;
  /** The statement in LaTeX. */
  readonly statement: string;
  /** Hypotheses under which it is claimed (an instance violating them is not applicable). */
  readonly hypotheses: readonly string[];
  readonly method: Method;
  readonly expected: Expectation;
  /** Why a claim is expected refuted (the printed form), or other context for the report. */
  readonly note?: string;
  readonly property?: PropertyCheck<T>;
  /**
   * Claims with the same group share an expensive setup that each thread does
   * once (a symbolic model's derivation, memoized per thread): a parallel run
   * gives a group's claims to one thread, one after another, so that the setup
   * is done once per run rather than once per thread.
   */
  readonly group?: string;
  /** A symbolic derivation or identity check; may be slow, runs with its own timeout. */
  readonly symbolic?: () => Promise<SymbolicOutcome>;
}

/** Helper: a pass when `residual ≤ tol`, else a failure with `detail`. */
export function within(residual: number, tol: number, detail: () => string): InstanceOutcome {
  if (Number.isNaN(residual)) return { kind: 'fail', residual: Infinity, detail: `NaN: ${detail()}` };
  return residual <= tol ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: detail() };
}

/** Identity for typing a heterogeneous list of claims. */
export function defineClaim<T>(claim: Claim<T>): Claim<unknown> {
  return claim as unknown as Claim<unknown>;
}
