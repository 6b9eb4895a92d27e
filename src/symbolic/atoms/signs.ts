/**
 * Certified signs: a polynomial or rational function of atoms is positive,
 * non-negative or negative on the whole domain when a declared fact says so,
 * or structurally (coefficients of one sign over variables of known sign or
 * in even powers, with a term that cannot vanish). `unknown` otherwise; only
 * certified signs are ever used to split logarithms and roots.
 */
import { qIsInt, qSign } from '../_internal/rat.js';
import { type Poly, pSplitContent, pAsConst, pKey, pSortedTerms } from '../_internal/poly.js';
import type { RatFun } from '../_internal/ratfun.js';
import type { AtomTable, Sign } from './table.js';

/**
 * The certified sign of a polynomial: a declared fact, or structural (all
 * coefficients of one sign, every variable of known sign or in an even power,
 * and at least one term that cannot vanish).
 */
export function polySign(t: AtomTable, p: Poly): Sign {
  const k = pAsConst(p);
  if (k !== null) return qSign(k) > 0 ? 'pos' : qSign(k) < 0 ? 'neg' : 'unknown';
  const { c, m, prim } = pSplitContent(p);
  let s: number = qSign(c);
  let strict = true;
  for (const [v, e] of m) {
    const vs = t.varSign(v);
    const even = qIsInt(e) && e.n % 2n === 0n;
    if (vs === 'pos') continue;
    if (vs === 'neg') {
      if (!even) s = -s;
      continue;
    }
    if (vs === 'nonneg' || even) {
      strict = false;
      continue;
    }
    return 'unknown';
  }
  let ps: Sign = 'unknown';
  if (pAsConst(prim) !== null) ps = 'pos';
  else {
    const fact = t.fact(pKey(prim));
    if (fact) ps = fact.sign;
    else ps = structuralSign(t, prim);
  }
  if (ps === 'unknown') return 'unknown';
  if (ps === 'nonneg') strict = false;
  if (ps === 'neg') s = -s;
  if (!strict) return s > 0 ? 'nonneg' : 'unknown';
  return s > 0 ? 'pos' : 'neg';
}

function structuralSign(t: AtomTable, p: Poly): Sign {
  let coefSign = 0;
  let someStrict = false;
  for (const term of pSortedTerms(p)) {
    const cs = qSign(term.c);
    if (coefSign === 0) coefSign = cs;
    else if (cs !== coefSign) return 'unknown';
    let termStrict = true;
    for (const [v, e] of term.m) {
      const vs = t.varSign(v);
      const even = qIsInt(e) && e.n % 2n === 0n;
      if (vs === 'pos') continue;
      if (vs === 'nonneg' || (even && vs !== 'neg')) {
        termStrict = false;
        continue;
      }
      if (vs === 'neg' && even) continue;
      return 'unknown';
    }
    if (termStrict) someStrict = true;
  }
  if (coefSign > 0) return someStrict ? 'pos' : 'nonneg';
  return someStrict ? 'neg' : 'unknown';
}

/** The certified sign of a rational function (numerator and every denominator factor). */
export function ratSign(t: AtomTable, rf: RatFun): Sign {
  let s = polySign(t, t.field.numerator(rf));
  for (const f of rf.den.values()) {
    const fs = polySign(t, f.p);
    if (fs === 'unknown' || fs === 'nonneg') return 'unknown';
    if (fs === 'neg' && f.e % 2 === 1) s = flip(s);
  }
  return s;
}

function flip(s: Sign): Sign {
  return s === 'pos' ? 'neg' : s === 'neg' ? 'pos' : 'unknown';
}
