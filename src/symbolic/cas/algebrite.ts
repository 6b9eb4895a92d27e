/**
 * The algebrite adapter: proves rational identities (`simplify` to 0) and
 * factors polynomials, always in a worker with a timeout (see worker.ts).
 *
 * Measured behaviour relied upon (pinned in test/symbolic/cas.test.ts):
 * `simplify` and `numerator(rationalize(…))` of a zero rational expression return `0`; errors come back as
 * strings starting with `Stop:`; `clearall()` resets its global state.
 */
import { runCas, type CasResult } from './worker.js';
import { SYMBOLIC_TOL } from '../../numeric/tolerance.js';

/** What algebrite said about an expression that should be zero. */
export type AlgebriteZero = 'zero' | 'not-reduced' | 'timeout' | 'error';

/**
 * Ask algebrite whether `expr` (algebrite syntax) is 0: first the numerator of
 * `rationalize` (one fraction over a common denominator), then, when that
 * numerator is not reduced to 0, `simplify`. Each call has `timeoutMs`; when the
 * first times out the answer is `timeout`. On the quotients of exponentials of
 * the derivations, `rationalize` answers in 50 ms where `simplify` takes 600 ms,
 * and `simplify` still catches what a common denominator leaves unexpanded.
 * Never throws: errors and timeouts are outcomes; `ms` is the time of both calls.
 */
export async function algebriteIsZero(expr: string, timeoutMs: number = SYMBOLIC_TOL.casTimeoutMs): Promise<{ verdict: AlgebriteZero; output: string; ms: number }> {
  const first = await runCas('algebrite', [`numerator(rationalize(${expr}))`], timeoutMs);
  if (first.kind === 'ok' && first.output.trim() === '0') return { verdict: 'zero', output: '0', ms: first.ms };
  if (first.kind === 'timeout') return { verdict: 'timeout', output: '', ms: first.ms };
  const r = await runCas('algebrite', [`simplify(${expr})`], timeoutMs);
  const second = interpret(r, (out) => (out.trim() === '0' ? 'zero' : 'not-reduced'));
  return { ...second, ms: first.ms + second.ms };
}

/** algebrite `factor(expr[, variable])`: the factored form as a string, or null on error/timeout. */
export async function algebriteFactor(expr: string, variable?: string, timeoutMs: number = SYMBOLIC_TOL.casTimeoutMs): Promise<string | null> {
  const r = await runCas('algebrite', [variable ? `factor(${expr}, ${variable})` : `factor(${expr})`], timeoutMs);
  return r.kind === 'ok' ? r.output.trim() : null;
}

/** Run raw algebrite commands (last output returned). */
export function algebriteRun(commands: readonly string[], timeoutMs: number = SYMBOLIC_TOL.casTimeoutMs): Promise<CasResult> {
  return runCas('algebrite', commands, timeoutMs);
}

function interpret(r: CasResult, ok: (out: string) => AlgebriteZero): { verdict: AlgebriteZero; output: string; ms: number } {
  if (r.kind === 'ok') return { verdict: ok(r.output), output: r.output, ms: r.ms };
  if (r.kind === 'timeout') return { verdict: 'timeout', output: '', ms: r.ms };
  return { verdict: 'error', output: r.message, ms: r.ms };
}
