/**
 * Exponential atoms: e^A becomes a monomial X_A^c in exp atoms, with A's
 * rational content c pulled out (exp(−γt/2)² = exp(−γt)) and a polynomial
 * exponent split term by term (exp(a + b) = exp(a)·exp(b)); exp(k·log u) = u^k
 * for a log atom and an integer k. Hyperbolic functions are written in
 * exponentials.
 */
import { Q1, q, qIsInt } from '../_internal/rat.js';
import { pmono, pSplitContent, pSortedTerms, pToString, monoKey } from '../_internal/poly.js';
import type { RatFun } from '../_internal/ratfun.js';
import type { AtomTable, Converted } from './table.js';
import { ratToAlgebrite, ratToString } from './print.js';

/** e^A as an exact monomial in exp atoms. */
export function expOf(t: AtomTable, A: RatFun): Converted {
  const F = t.field;
  const a = F.cancel(A);
  if (F.isZero(a)) return { rf: F.const(Q1), alg: '(1)' };
  let rf = F.const(Q1);
  if (a.den.size === 0) {
    for (const term of pSortedTerms(a.num)) {
      if (term.m.length === 0) {
        const n = expAtom(t, 'exp[1]', F.const(Q1), 'e');
        rf = F.mul(rf, t.variable(n, term.c));
        continue;
      }
      // exp(c·log u) = u^c for a log atom
      if (term.m.length === 1 && qIsInt(term.m[0][1]) && term.m[0][1].n === 1n) {
        const info = t.info(term.m[0][0]);
        if (info?.kind === 'log' && info.arg && qIsInt(term.c)) {
          rf = F.mul(rf, F.powInt(info.arg, Number(term.c.n)));
          continue;
        }
      }
      const key = `exp[${monoKey(term.m)}]`;
      const n = expAtom(t, key, F.fromPoly(pmono(term.m)), pToString(pmono(term.m)));
      rf = F.mul(rf, t.variable(n, term.c));
    }
  } else {
    const { c, m, prim } = pSplitContent(F.numerator(a));
    const unitNum = F.mul(F.fromPoly(pmono(m)), F.fromPoly(prim));
    const P = { num: unitNum.num, den: a.den };
    const key = `exp[${F.key(P)}]`;
    const n = expAtom(t, key, P, ratToString(t, P));
    rf = t.variable(n, c);
  }
  return { rf, alg: ratToAlgebrite(t, rf) };
}

function expAtom(t: AtomTable, key: string, arg: RatFun, meaning: string): string {
  return t.intern(key, () => ({ kind: 'exp', sign: 'pos', meaning: `exp(${meaning})`, arg }));
}

/** cosh, sinh, tanh, coth, sech, csch of A, as rational functions of e^A and e^{−A}. */
export function hyperbolic(t: AtomTable, name: string, A: RatFun): Converted {
  const F = t.field;
  const E = expOf(t, A).rf;
  const Ei = expOf(t, F.neg(A)).rf;
  const half = q(1, 2);
  const cosh = F.scale(F.add(E, Ei), half);
  const sinh = F.scale(F.sub(E, Ei), half);
  const pick: Record<string, () => RatFun> = {
    cosh: () => cosh,
    sinh: () => sinh,
    tanh: () => F.div(sinh, cosh),
    coth: () => F.div(cosh, sinh),
    sech: () => F.inv(cosh),
    csch: () => F.inv(sinh),
  };
  const rf = pick[name]();
  return { rf, alg: ratToAlgebrite(t, rf) };
}
