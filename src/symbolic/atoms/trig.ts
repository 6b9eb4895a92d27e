/**
 * Trigonometric functions of A as rational functions of the atom τ_A = tan(A/2)
 * (Weierstrass substitution): cos A = (1 − τ²)/(1 + τ²), sin A = 2τ/(1 + τ²).
 */
import { type Q, Q1, q, qToString } from '../_internal/rat.js';
import type { RatFun } from '../_internal/ratfun.js';
import { QepInputError } from '../../numeric/errors.js';
import type { AtomTable, Converted } from './table.js';
import { ratToAlgebrite, ratToString } from './print.js';

/** cos, sin, tan, cot, sec or csc of A. */
export function trig(t: AtomTable, name: string, A: RatFun): Converted {
  const F = t.field;
  const a = F.cancel(A);
  if (F.isZero(a)) {
    const table: Record<string, Q | null> = { cos: Q1, sin: q(0), tan: q(0), sec: Q1, cot: null, csc: null };
    const v = table[name];
    if (v === null) throw new QepInputError('expression', `free of division by zero (${name}(0))`);
    return { rf: F.const(v), alg: `(${qToString(v)})` };
  }
  const key = `tan2[${F.key(a)}]`;
  const n = t.intern(key, () => ({ kind: 'tan', sign: 'unknown', meaning: `tan((${ratToString(t, a)})/2)`, arg: a }));
  const tau = t.variable(n);
  const t2 = F.mul(tau, tau);
  const one = F.const(Q1);
  const cos = F.div(F.sub(one, t2), F.add(one, t2));
  const sin = F.div(F.scale(tau, q(2)), F.add(one, t2));
  const pick: Record<string, () => RatFun> = {
    cos: () => cos,
    sin: () => sin,
    tan: () => F.div(sin, cos),
    cot: () => F.div(cos, sin),
    sec: () => F.inv(cos),
    csc: () => F.inv(sin),
  };
  const rf = pick[name]();
  return { rf, alg: ratToAlgebrite(t, rf) };
}
