/**
 * Exact multivariate (Laurent, Puiseux) polynomials over ℚ, keyed by variable
 * name. A monomial maps names to rational exponents; a polynomial maps the
 * canonical monomial key to its coefficient. Zero is the empty polynomial.
 *
 * This is the decision procedure behind "proved": a polynomial is zero iff all
 * its coefficients are zero after the sound reduction rules (I² = −1,
 * R^k = radicand for a k-th root atom R) have been applied.
 */
import { type Q, Q0, Q1, q, qadd, qmul, qneg, qIsZero, qIsOne, qIsInt, qToString, qPowInt, qdiv, qCmp, gcdBig, qSign } from './rat.js';
import { exactTick, exactTerms, exactExponent } from './budget.js';

/** A monomial: [name, exponent] pairs sorted by name, exponents non-zero. */
export type Mono = ReadonlyArray<readonly [string, Q]>;

/** One term: coefficient times monomial. */
export interface Term {
  readonly m: Mono;
  readonly c: Q;
}

/** A polynomial: canonical monomial key → term. Treat as immutable. */
export type Poly = ReadonlyMap<string, Term>;

/** A reduction rule for a variable V: V^index = radicand (a root atom, or I with I² = −1). */
export interface Rule {
  readonly index: number;
  readonly radicand: Poly;
}

/** Canonical key of a monomial: `x*y^2` (names in sorted order). */
export function monoKey(m: Mono): string {
  let s = '';
  for (const [v, e] of m) {
    if (s) s += '*';
    s += qIsOne(e) ? v : `${v}^${qToString(e)}`;
  }
  return s;
}

/** Product of monomials (exponents add; zero exponents drop). */
export function monoMul(a: Mono, b: Mono): Mono {
  const out: (readonly [string, Q])[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i][0] < b[j][0])) out.push(a[i++]);
    else if (i >= a.length || b[j][0] < a[i][0]) out.push(b[j++]);
    else {
      const e = qadd(a[i][1], b[j][1]);
      if (!qIsZero(e)) out.push([a[i][0], e]);
      i++;
      j++;
    }
  }
  return out;
}

function monoPow(a: Mono, k: Q): Mono {
  if (qIsZero(k)) return [];
  return a.map(([v, e]) => [v, qmul(e, k)] as const);
}

/** The zero polynomial. */
export const pzero = (): Poly => new Map();

/** The constant polynomial c. */
export function pconst(c: Q): Poly {
  return qIsZero(c) ? new Map() : new Map([['', { m: [], c }]]);
}

/** The monomial name^e. */
export function pvar(name: string, e: Q = Q1): Poly {
  const m: Mono = [[name, e]];
  return new Map([[monoKey(m), { m, c: Q1 }]]);
}

/** The term c·m. */
export function pmono(m: Mono, c: Q = Q1): Poly {
  return qIsZero(c) ? new Map() : new Map([[monoKey(m), { m, c }]]);
}

function addTerm(out: Map<string, Term>, key: string, t: Term): void {
  const prev = out.get(key);
  if (!prev) {
    out.set(key, t);
    return;
  }
  const c = qadd(prev.c, t.c);
  if (qIsZero(c)) out.delete(key);
  else out.set(key, { m: prev.m, c });
}

/** a + b. */
export function padd(a: Poly, b: Poly): Poly {
  if (a.size < b.size) [a, b] = [b, a];
  const out = new Map(a);
  for (const [k, t] of b) {
    exactTick();
    addTerm(out, k, t);
  }
  exactTerms(out.size);
  return out;
}

/** c·a for a rational c. */
export function pscale(a: Poly, c: Q): Poly {
  if (qIsZero(c)) return new Map();
  if (qIsOne(c)) return a;
  const out = new Map<string, Term>();
  for (const [k, t] of a) out.set(k, { m: t.m, c: qmul(t.c, c) });
  return out;
}

/** −a. */
export const pneg = (a: Poly): Poly => pscale(a, q(-1));
/** a − b. */
export const psub = (a: Poly, b: Poly): Poly => padd(a, pneg(b));

/** a·b (term by term; no reduction rules applied here). */
export function pmul(a: Poly, b: Poly): Poly {
  if (a.size === 0 || b.size === 0) return new Map();
  const out = new Map<string, Term>();
  for (const ta of a.values()) {
    for (const tb of b.values()) {
      exactTick();
      const m = monoMul(ta.m, tb.m);
      addTerm(out, monoKey(m), { m, c: qmul(ta.c, tb.c) });
    }
    exactTerms(out.size);
  }
  return out;
}

/** a^k, k a non-negative integer. */
export function ppow(a: Poly, k: number): Poly {
  if (!Number.isInteger(k) || k < 0) throw new Error(`ppow: exponent must be a non-negative integer, got ${k}`);
  exactExponent(k);
  let result: Poly = pconst(Q1);
  let base = a;
  let n = k;
  while (n > 0) {
    if (n & 1) result = pmul(result, base);
    n >>= 1;
    if (n > 0) base = pmul(base, base);
  }
  return result;
}

/** A monomial (single term) raised to a rational power: exact for monomials. */
export function pmonoPow(a: Poly, k: Q): Poly | null {
  if (a.size !== 1) return null;
  const t = [...a.values()][0];
  if (!qIsInt(k) && !qIsOne(t.c)) return null;
  const c = qIsInt(k) ? qPowInt(t.c, Number(k.n)) : Q1;
  const m = monoPow(t.m, k);
  return pmono(m, c);
}

/** True for the zero polynomial (apply `preduce` first when rules exist). */
export const pIsZero = (a: Poly): boolean => a.size === 0;

/** The constant value when `a` is a constant, else null. */
export function pAsConst(a: Poly): Q | null {
  if (a.size === 0) return Q0;
  if (a.size !== 1) return null;
  const t = a.get('');
  return t ? t.c : null;
}

/** The variables that occur in `a`. */
export function pVars(a: Poly): Set<string> {
  const s = new Set<string>();
  for (const t of a.values()) for (const [v] of t.m) s.add(v);
  return s;
}

/** Canonical string: equal polynomials have equal keys. */
export function pKey(a: Poly): string {
  if (a.size === 0) return '0';
  return [...a.keys()]
    .sort()
    .map((k) => {
      const c = a.get(k)!.c;
      return k === '' ? qToString(c) : `${qToString(c)}*${k}`;
    })
    .join(' + ');
}

/** Sorted term list (by monomial key) for deterministic printing. */
export function pSortedTerms(a: Poly): Term[] {
  return [...a.keys()].sort().map((k) => a.get(k)!);
}

/**
 * Apply reduction rules until none applies: for a variable V with rule
 * V^index = radicand, V^e with integer e ≥ index becomes V^(e mod index)·radicand^⌊e/index⌋.
 * Sound because every rule holds for the values the atoms stand for.
 */
export function preduce(a: Poly, rules: (name: string) => Rule | undefined): Poly {
  let cur = a;
  for (let pass = 0; pass < 64; pass++) {
    let changed = false;
    let out: Poly = new Map();
    const keep = new Map<string, Term>();
    for (const [k, t] of cur) {
      let hit = -1;
      for (let i = 0; i < t.m.length; i++) {
        const [v, e] = t.m[i];
        const r = rules(v);
        if (!r || !qIsInt(e)) continue;
        // a negative power is reduced only when the radicand is a non-zero constant (I⁻¹ = −I)
        if (e.n >= BigInt(r.index) || (e.n < 0n && pAsConst(r.radicand) !== null && !qIsZero(pAsConst(r.radicand)!))) {
          hit = i;
          break;
        }
      }
      if (hit < 0) {
        keep.set(k, t);
        continue;
      }
      changed = true;
      const [v, e] = t.m[hit];
      const r = rules(v)!;
      const en = Number(e.n);
      const quo = Math.floor(en / r.index);
      const rem = en - quo * r.index;
      const rest: Mono = t.m.filter((_, i) => i !== hit);
      const restWithRem: Mono = rem === 0 ? rest : monoMul(rest, [[v, q(rem)]]);
      const factor = quo >= 0 ? ppow(r.radicand, quo) : pconst(qPowInt(pAsConst(r.radicand)!, quo));
      out = padd(out, pmul(pmono(restWithRem, t.c), factor));
    }
    cur = padd(keep, out);
    if (!changed) break;
  }
  return cur;
}

/** Lex comparison of monomials with the alphabetical variable order (a > b > …). */
function lexCmp(a: Mono, b: Mono): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i >= a.length) return -1;
    if (j >= b.length) return 1;
    const [va, ea] = a[i];
    const [vb, eb] = b[j];
    if (va === vb) {
      const c = qCmp(ea, eb);
      if (c !== 0) return c;
      i++;
      j++;
    } else if (va < vb) return qSign(ea);
    else return -qSign(eb);
  }
  return 0;
}

function leading(a: Poly): Term {
  let best: Term | null = null;
  for (const t of a.values()) if (!best || lexCmp(t.m, best.m) > 0) best = t;
  return best!;
}

function hasOnlyNatExponents(a: Poly): boolean {
  for (const t of a.values()) for (const [, e] of t.m) if (!qIsInt(e) || e.n < 0n) return false;
  return true;
}

/** a / b when b divides a exactly (non-negative integer exponents only), else null. */
export function pdivExact(a: Poly, b: Poly): Poly | null {
  if (b.size === 0) throw new Error('pdivExact: division by zero polynomial');
  if (a.size === 0) return new Map();
  if (!hasOnlyNatExponents(a) || !hasOnlyNatExponents(b)) return null;
  const lb = leading(b);
  let r = a;
  let quo: Poly = new Map();
  for (let guard = 0; r.size > 0; guard++) {
    if (guard > 100000) return null;
    exactTick();
    const lr = leading(r);
    // lr.m / lb.m must have non-negative exponents
    const m: (readonly [string, Q])[] = [];
    let ok = true;
    let i = 0;
    let j = 0;
    while (i < lr.m.length || j < lb.m.length) {
      if (j >= lb.m.length || (i < lr.m.length && lr.m[i][0] < lb.m[j][0])) {
        m.push(lr.m[i++]);
      } else if (i >= lr.m.length || lb.m[j][0] < lr.m[i][0]) {
        ok = false;
        break;
      } else {
        const e = qadd(lr.m[i][1], qneg(lb.m[j][1]));
        if (qSign(e) < 0) {
          ok = false;
          break;
        }
        if (!qIsZero(e)) m.push([lr.m[i][0], e]);
        i++;
        j++;
      }
    }
    if (!ok) return null;
    const t = pmono(m, qdiv(lr.c, lb.c));
    quo = padd(quo, t);
    r = psub(r, pmul(t, b));
  }
  return quo;
}

/**
 * Split a = c · x^m · P with c a rational (sign chosen so P's first term,
 * in key order, is positive), x^m the monomial of minimal exponents common to
 * every term, and P primitive (integer coefficients with gcd 1).
 */
export function pSplitContent(a: Poly): { c: Q; m: Mono; prim: Poly } {
  if (a.size === 0) return { c: Q0, m: [], prim: new Map() };
  const terms = pSortedTerms(a);
  // common monomial: per variable, the minimal exponent over all terms (an absent variable counts as
  // exponent 0), so Laurent polynomials in unit atoms normalize to non-negative exponents
  const minExp = new Map<string, Q>();
  for (const t of terms) for (const [v, e] of t.m) if (!minExp.has(v) || qCmp(e, minExp.get(v)!) < 0) minExp.set(v, e);
  for (const t of terms) {
    for (const v of minExp.keys()) {
      if (!t.m.some(([w]) => w === v) && qCmp(minExp.get(v)!, Q0) > 0) minExp.set(v, Q0);
    }
  }
  const m: Mono = [...minExp.entries()].filter(([, e]) => !qIsZero(e)).sort((x, y) => (x[0] < y[0] ? -1 : 1));
  let g = 0n;
  let l = 1n;
  for (const t of terms) {
    g = gcdBig(g, t.c.n);
    l = (l / gcdBig(l, t.c.d)) * t.c.d;
  }
  let c = q(g, l);
  if (qSign(terms[0].c) < 0) c = qneg(c);
  const inv = monoPow(m, q(-1));
  const prim = new Map<string, Term>();
  for (const t of terms) {
    const mm = monoMul(t.m, inv);
    prim.set(monoKey(mm), { m: mm, c: qdiv(t.c, c) });
  }
  return { c, m, prim };
}

/** Print with a name mapping; `style` picks the syntax of powers and products. */
export function pToString(a: Poly, name: (v: string) => string = (v) => v): string {
  if (a.size === 0) return '0';
  const parts: string[] = [];
  for (const t of pSortedTerms(a)) {
    const factors: string[] = [];
    for (const [v, e] of t.m) {
      const n = name(v);
      factors.push(qIsOne(e) ? n : `${n}^(${qToString(e)})`);
    }
    const c = t.c;
    const cs = qToString(c);
    if (factors.length === 0) parts.push(`(${cs})`);
    else if (qIsOne(c)) parts.push(factors.join('*'));
    else parts.push(`(${cs})*${factors.join('*')}`);
  }
  return parts.join(' + ');
}

/** Print for humans (and mathjs): `1 - q1`, `q1*st^4`, unit coefficients and integer exponents without clutter. */
export function pToPretty(a: Poly, name: (v: string) => string = (v) => v): string {
  if (a.size === 0) return '0';
  const terms = pSortedTerms(a);
  let out = '';
  terms.forEach((t, i) => {
    const factors = t.m.map(([v, e]) => (qIsOne(e) ? name(v) : qIsInt(e) && e.n > 0n ? `${name(v)}^${qToString(e)}` : `${name(v)}^(${qToString(e)})`));
    const neg = t.c.n < 0n;
    const abs = neg ? { n: -t.c.n, d: t.c.d } : t.c;
    const coef = qToString(abs);
    let body: string;
    if (factors.length === 0) body = coef;
    else if (qIsOne(abs)) body = factors.join('*');
    else body = `${abs.d === 1n ? coef : `(${coef})`}*${factors.join('*')}`;
    if (i === 0) out = neg ? `-${body}` : body;
    else out += neg ? ` - ${body}` : ` + ${body}`;
  });
  return out;
}
