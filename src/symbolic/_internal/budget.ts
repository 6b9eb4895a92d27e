/**
 * Limits of exact algebra while a guarded computation runs: a deadline
 * (SymbolicLimits.exactBudgetMs), a maximum number of terms per polynomial and
 * a maximum integer exponent. Polynomial and rational arithmetic call the
 * checks below in their loops; outside {@link withExactLimits} they cost one
 * comparison and never stop anything (derivations of qep's own models run
 * unguarded, so their output never depends on the machine's speed).
 */
import { ExactBudgetExceeded } from '../errors.js';
import type { SymbolicLimits } from '../../numeric/tolerance.js';

/** The limits that guard exact algebra. */
export type ExactLimits = Pick<SymbolicLimits, 'exactBudgetMs' | 'maxPolynomialTerms' | 'maxExactExponent'>;

let guard: (ExactLimits & { readonly deadline: number }) | null = null;
let ticks = 0;

/**
 * Run `fn` with exact algebra limited by `limits`.
 * @throws ExactBudgetExceeded when a limit is hit (the guard is lifted either way).
 */
export function withExactLimits<T>(limits: ExactLimits, fn: () => T): T {
  const outer = guard;
  guard = { ...limits, deadline: performance.now() + limits.exactBudgetMs };
  try {
    return fn();
  } finally {
    guard = outer;
  }
}

/** A unit of exact work: checks the deadline every 1024 calls. */
export function exactTick(): void {
  if (guard !== null && (++ticks & 1023) === 0 && performance.now() > guard.deadline) throw new ExactBudgetExceeded('exactBudgetMs', guard.exactBudgetMs);
}

/** A polynomial of `n` terms was built. */
export function exactTerms(n: number): void {
  if (guard !== null && n > guard.maxPolynomialTerms) throw new ExactBudgetExceeded('maxPolynomialTerms', guard.maxPolynomialTerms);
}

/** An integer power with exponent k is about to be expanded. */
export function exactExponent(k: number | bigint): void {
  if (guard !== null && (k > guard.maxExactExponent || k < -guard.maxExactExponent)) throw new ExactBudgetExceeded('maxExactExponent', guard.maxExactExponent);
}
