/**
 * Root atoms: a k-th root becomes a product of exact parts (perfect powers,
 * exp atoms, even powers of non-negative variables) and one root atom R of
 * the remaining radicand with the reduction rule R^k = radicand; denominators
 * and signs are split only when certified. |A| is ±A for a certified sign,
 * else √(A²). Rational powers a^(p/r) of exp monomials stay exact.
 */
import { type Q, Q1, q, qIsInt, qSign, qToString, qAbs, qneg, qmul, isqrtExact, qdiv } from '../_internal/rat.js';
import { type Poly, type Mono, pmono, pSplitContent, pAsConst, pKey, pToString } from '../_internal/poly.js';
import type { RatFun } from '../_internal/ratfun.js';
import { QepInputError } from '../../numeric/errors.js';
import { exactExponent } from '../_internal/budget.js';
import { type AtomTable, type Converted, pnegate } from './table.js';
import { polySign, ratSign } from './signs.js';
import { ratToAlgebrite, ratToString } from './print.js';

/** k-th root of a rational function, as root atoms with the rule R^k = radicand. */
export function rootOf(t: AtomTable, A: RatFun, k: number): Converted {
  const F = t.field;
  const a = F.cancel(A);
  if (F.isZero(a)) return { rf: F.const(q(0)), alg: '(0)' };
  const even = k % 2 === 0;
  // denominator: root(N/D) = root(σN)/Π root(σ_f f)^e, signs certified
  let den = F.const(Q1);
  let sigma = 1;
  for (const f of a.den.values()) {
    const s = polySign(t, f.p);
    if (even && s !== 'pos' && s !== 'neg') return opaqueRoot(t, a, k);
    const sf = s === 'neg' ? -1 : 1;
    if (sf < 0 && f.e % 2 === 1) sigma = -sigma;
    const r = rootOfPoly(t, sf > 0 ? f.p : pnegate(f.p), k);
    den = F.mul(den, F.powInt(r, f.e));
  }
  const { c, m, prim } = pSplitContent(F.numerator(a));
  const cs = qSign(c) * sigma;
  if (cs < 0 && even) return opaqueRoot(t, a, k);
  let out = F.const(Q1);
  let radConst: Q = cs < 0 ? qneg(qAbs(c)) : qAbs(c);
  const cr = rationalRoot(qAbs(c), q(1, k));
  if (cr) {
    out = F.scale(out, cs < 0 ? qneg(cr) : cr);
    radConst = Q1;
  }
  const rest: (readonly [string, Q])[] = [];
  for (const [v, e] of m) {
    const info = t.info(v);
    const vs = info?.sign ?? 'unknown';
    if (info?.kind === 'exp') out = F.mul(out, t.variable(v, qdiv(e, q(k))));
    else if (qIsInt(e) && e.n % BigInt(k) === 0n && (!even || vs === 'pos' || vs === 'nonneg')) out = F.mul(out, t.variable(v, qdiv(e, q(k))));
    else rest.push([v, e]);
  }
  const rad = F.numerator(F.mul(F.fromPoly(pmono(rest, radConst)), F.fromPoly(prim)));
  const radValue = pAsConst(rad);
  if (radValue === null || !(radValue.n === 1n && radValue.d === 1n)) out = F.mul(out, rootOfPoly(t, rad, k));
  const rf = F.div(out, den);
  return { rf, alg: ratToAlgebrite(t, rf) };
}

function rootOfPoly(t: AtomTable, p: Poly, k: number): RatFun {
  const key = `root${k}[${pKey(p)}]`;
  const sign = polySign(t, p);
  const name = t.intern(key, () => ({
    kind: 'root',
    sign: sign === 'pos' ? 'pos' : 'nonneg',
    meaning: k === 2 ? `sqrt(${pToString(p)})` : `nthRoot(${pToString(p)}, ${k})`,
    rule: { index: k, radicand: p },
    arg: t.field.fromPoly(p),
    algebrite: `((${pToString(p, (v) => t.algebriteName(v))})^(1/${k}))`,
  }));
  return t.variable(name);
}

/** A root of uncertified sign structure: one atom for the whole argument, with no rule. */
function opaqueRoot(t: AtomTable, a: RatFun, k: number): Converted {
  const key = `root${k}[${t.field.key(a)}]`;
  const name = t.intern(key, () => ({ kind: 'root', sign: 'nonneg', meaning: `root${k}(${ratToString(t, a)})`, arg: a }));
  return { rf: t.variable(name), alg: t.algebriteName(name) };
}

/** |A|: ±A when the sign is certified, else the root atom √(A²). */
export function absOf(t: AtomTable, A: RatFun): Converted {
  const F = t.field;
  const s = ratSign(t, A);
  if (s === 'pos' || s === 'nonneg') return { rf: A, alg: ratToAlgebrite(t, A) };
  if (s === 'neg') {
    const rf = F.neg(A);
    return { rf, alg: ratToAlgebrite(t, rf) };
  }
  return rootOf(t, F.powInt(A, 2), 2);
}

/**
 * base^k for a rational constant k: integer powers exactly; p/r powers of a
 * monomial in exp atoms exactly (when the coefficient is a perfect power);
 * otherwise (r-th root atom)^p.
 */
export function powConst(t: AtomTable, base: Converted, k: Q): Converted {
  const F = t.field;
  if (qIsInt(k)) {
    if (qSign(k) < 0 && F.isZero(base.rf)) throw new QepInputError('expression', 'free of division by zero (0 to a negative power)');
    return { rf: F.powInt(base.rf, Number(k.n)), alg: `(${base.alg})^(${qToString(k)})` };
  }
  // rational exponent p/r: exact for monomials of unit atoms, else a root atom
  const c = F.cancel(base.rf);
  if (c.den.size === 0) {
    const terms = [...c.num.values()];
    if (terms.length === 1 && terms[0].m.every(([v]) => t.info(v)?.kind === 'exp')) {
      const coef = terms[0].c;
      const cRoot = rationalRoot(coef, k);
      if (cRoot) {
        const m: Mono = terms[0].m.map(([v, e]) => [v, qmul(e, k)] as const);
        const rf = F.fromPoly(pmono(m, cRoot));
        return { rf, alg: ratToAlgebrite(t, rf) };
      }
    }
  }
  const r = Number(k.d);
  const p = Number(k.n);
  const root = rootOf(t, base.rf, r);
  return { rf: F.powInt(root.rf, p), alg: `(${root.alg})^(${p})` };
}

/** c^k for a rational k when exact (perfect powers), else null. */
function rationalRoot(c: Q, k: Q): Q | null {
  if (qIsInt(k)) return c;
  if (qSign(c) < 0) return null;
  const r = Number(k.d);
  const root = (x: bigint): bigint | null => {
    if (r === 2) return isqrtExact(x);
    const guess = BigInt(Math.round(Math.pow(Number(x), 1 / r)));
    for (const g of [guess - 1n, guess, guess + 1n]) if (g >= 0n && g ** BigInt(r) === x) return g;
    return null;
  };
  const n = root(c.n);
  const d = root(c.d);
  if (n === null || d === null) return null;
  const base = q(n, d);
  const p = Number(k.n);
  exactExponent(p);
  let out: Q = Q1;
  for (let i = 0; i < Math.abs(p); i++) out = qmul(out, base);
  return p < 0 ? qdiv(Q1, out) : out;
}
