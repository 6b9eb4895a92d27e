/**
 * The nerdamer adapter: a third, independent opinion only — never the sole
 * basis of a verdict (it was measured to give wrong results on simple inputs).
 * qep relies on exactly one behaviour, pinned in test/symbolic/cas.test.ts:
 * `expand(P)` of a polynomial P with rational coefficients that is zero
 * returns `0`, and of a non-zero one returns something else.
 */
import { runCas } from './worker.js';
import { SYMBOLIC_TOL } from '../../numeric/tolerance.js';

/** nerdamer's opinion on whether a polynomial expression expands to 0. */
export type NerdamerZero = 'zero' | 'nonzero' | 'timeout' | 'error';

/** Ask nerdamer to `expand` a polynomial expression (nerdamer syntax) and say whether it is 0. Never throws. */
export async function nerdamerExpandIsZero(expr: string, timeoutMs: number = SYMBOLIC_TOL.casTimeoutMs): Promise<{ verdict: NerdamerZero; output: string }> {
  const r = await runCas('nerdamer', [`expand(${expr})`], timeoutMs);
  if (r.kind === 'timeout') return { verdict: 'timeout', output: '' };
  if (r.kind === 'error') return { verdict: 'error', output: r.message };
  return { verdict: r.output.trim() === '0' ? 'zero' : 'nonzero', output: r.output };
}
