/**
 * Exact rational functions N / Π D_k^{e_k} over ℚ in the atoms of an
 * identity. Denominators stay factored (primitive polynomials with their
 * multiplicities), so sums take the least common multiple of factor lists
 * instead of multiplying denominators blindly. No gcd is needed: a rational
 * function is zero iff its numerator (after the reduction rules) is zero.
 */
import { type Q, Q1, q, qdiv, qIsZero, qIsInt, qneg } from './rat.js';
import { exactExponent } from './budget.js';
import {
  type Poly,
  type Rule,
  type Mono,
  pconst,
  padd,
  pmul,
  ppow,
  pscale,
  pKey,
  pSplitContent,
  pAsConst,
  pdivExact,
  preduce,
  pmono,
  pIsZero,
  monoKey,
} from './poly.js';

/** One denominator factor: a primitive polynomial, its canonical key and multiplicity. */
export interface DenFactor {
  readonly key: string;
  readonly p: Poly;
  readonly e: number;
}

/** num / Π den. Den factors are primitive, non-constant, sign-normalized. */
export interface RatFun {
  readonly num: Poly;
  readonly den: ReadonlyMap<string, DenFactor>;
}

/** The algebraic facts of a variable set: reduction rules and which variables are units (invertible monomials). */
export interface FieldContext {
  readonly rule: (v: string) => Rule | undefined;
  /** Variables whose negative powers may stay in a numerator (exp atoms: always non-zero). */
  readonly unit: (v: string) => boolean;
}

const EMPTY: ReadonlyMap<string, DenFactor> = new Map();

/** Arithmetic of rational functions under a context. */
export class Field {
  constructor(readonly ctx: FieldContext) {}

  fromPoly(p: Poly): RatFun {
    return { num: preduce(p, this.ctx.rule), den: EMPTY };
  }

  const(c: Q): RatFun {
    return { num: pconst(c), den: EMPTY };
  }

  isZero(a: RatFun): boolean {
    return pIsZero(preduce(a.num, this.ctx.rule));
  }

  /** The constant value when a is constant, else null. */
  asConst(a: RatFun): Q | null {
    if (a.den.size > 0) {
      if (pIsZero(a.num)) return q(0);
      const c = this.cancel(a);
      if (c.den.size > 0) return null;
      return pAsConst(c.num);
    }
    return pAsConst(a.num);
  }

  private expandDen(den: ReadonlyMap<string, DenFactor>, skip?: ReadonlyMap<string, number>): Poly {
    let p: Poly = pconst(Q1);
    for (const f of den.values()) {
      const k = f.e - (skip?.get(f.key) ?? 0);
      if (k > 0) p = pmul(p, ppow(f.p, k));
    }
    return preduce(p, this.ctx.rule);
  }

  add(a: RatFun, b: RatFun): RatFun {
    if (pIsZero(a.num)) return b;
    if (pIsZero(b.num)) return a;
    if (a.den.size === 0 && b.den.size === 0) return { num: preduce(padd(a.num, b.num), this.ctx.rule), den: EMPTY };
    const lcm = new Map<string, DenFactor>();
    for (const f of a.den.values()) lcm.set(f.key, f);
    for (const f of b.den.values()) {
      const g = lcm.get(f.key);
      if (!g || g.e < f.e) lcm.set(f.key, f);
    }
    const mulA = this.cofactor(lcm, a.den);
    const mulB = this.cofactor(lcm, b.den);
    const num = preduce(padd(pmul(a.num, mulA), pmul(b.num, mulB)), this.ctx.rule);
    return { num, den: lcm };
  }

  private cofactor(lcm: ReadonlyMap<string, DenFactor>, den: ReadonlyMap<string, DenFactor>): Poly {
    let p: Poly = pconst(Q1);
    for (const f of lcm.values()) {
      const k = f.e - (den.get(f.key)?.e ?? 0);
      if (k > 0) p = pmul(p, ppow(f.p, k));
    }
    return p;
  }

  neg(a: RatFun): RatFun {
    return { num: pscale(a.num, q(-1)), den: a.den };
  }

  sub(a: RatFun, b: RatFun): RatFun {
    return this.add(a, this.neg(b));
  }

  scale(a: RatFun, c: Q): RatFun {
    return { num: pscale(a.num, c), den: qIsZero(c) ? EMPTY : a.den };
  }

  mul(a: RatFun, b: RatFun): RatFun {
    if (pIsZero(a.num) || pIsZero(b.num)) return { num: pconst(q(0)), den: EMPTY };
    const den = new Map<string, DenFactor>(a.den);
    for (const f of b.den.values()) {
      const g = den.get(f.key);
      den.set(f.key, g ? { ...g, e: g.e + f.e } : f);
    }
    return { num: preduce(pmul(a.num, b.num), this.ctx.rule), den };
  }

  /** Denominator factors of a polynomial: its content, unit monomial, other variables and primitive part. */
  private factorPoly(p: Poly): { c: Q; unitMono: Mono; factors: DenFactor[] } {
    const { c, m, prim } = pSplitContent(p);
    const unitMono: (readonly [string, Q])[] = [];
    const factors: DenFactor[] = [];
    for (const [v, e] of m) {
      if (this.ctx.unit(v) || !qIsInt(e) || e.n < 0n) unitMono.push([v, e]);
      else {
        const vp = pmono([[v, Q1]]);
        factors.push({ key: pKey(vp), p: vp, e: Number(e.n) });
      }
    }
    if (pAsConst(prim) === null) factors.push({ key: pKey(prim), p: prim, e: 1 });
    return { c, unitMono, factors };
  }

  /** 1 / a. @throws Error when a is identically zero. */
  inv(a: RatFun): RatFun {
    const n = preduce(a.num, this.ctx.rule);
    if (pIsZero(n)) throw new Error('division by an expression that is identically zero');
    const { c, unitMono, factors } = this.factorPoly(n);
    const invUnit: Mono = unitMono.map(([v, e]) => [v, qneg(e)] as const);
    const num0 = pmul(pmono(invUnit, qdiv(Q1, c)), this.expandDen(a.den));
    const den = new Map<string, DenFactor>();
    for (const f of factors) {
      const g = den.get(f.key);
      den.set(f.key, g ? { ...g, e: g.e + f.e } : f);
    }
    return { num: preduce(num0, this.ctx.rule), den };
  }

  div(a: RatFun, b: RatFun): RatFun {
    return this.mul(a, this.inv(b));
  }

  /** a^k for an integer k. */
  powInt(a: RatFun, k: number): RatFun {
    if (k === 0) return this.const(Q1);
    exactExponent(k);
    if (k < 0) return this.inv(this.powInt(a, -k));
    let result = this.const(Q1);
    let base = a;
    let n = k;
    while (n > 0) {
      if (n & 1) result = this.mul(result, base);
      n >>= 1;
      if (n > 0) base = this.mul(base, base);
    }
    return result;
  }


  /** Cancel every den factor that divides the numerator exactly (repeatedly). */
  cancel(a: RatFun): RatFun {
    const reduced = preduce(a.num, this.ctx.rule);
    if (pIsZero(reduced)) return { num: reduced, den: EMPTY };
    if (a.den.size === 0) return { num: reduced, den: EMPTY };
    // divide the primitive part (unit monomials split off, so Laurent numerators divide too)
    const { c, m, prim } = pSplitContent(reduced);
    const mono = new Map(m.map(([v, e]) => [v, e] as const));
    let num = prim;
    const den = new Map<string, DenFactor>();
    for (const f of a.den.values()) {
      let e = f.e;
      // a single-variable factor cancels against the monomial part
      const single = f.p.size === 1 ? [...f.p.values()][0] : undefined;
      if (single && single.m.length === 1 && qIsInt(single.m[0][1]) && single.m[0][1].n === 1n) {
        const v = single.m[0][0];
        const have = mono.get(v);
        if (have && qIsInt(have) && have.n > 0n) {
          const k = Math.min(e, Number(have.n));
          const left = have.n - BigInt(k);
          if (left === 0n) mono.delete(v);
          else mono.set(v, q(left));
          e -= k;
        }
      }
      while (e > 0) {
        const d = pdivExact(num, f.p);
        if (!d) break;
        num = d;
        e--;
      }
      if (e > 0) den.set(f.key, { ...f, e });
    }
    const mm: Mono = [...mono.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1));
    return { num: preduce(pmul(pmono(mm, c), num), this.ctx.rule), den };
  }

  /** A canonical key for a rational function (after cancellation), equal for equal representations. */
  key(a: RatFun): string {
    const c = this.cancel(a);
    const dens = [...c.den.values()].sort((x, y) => (x.key < y.key ? -1 : 1));
    const d = dens.map((f) => (f.e === 1 ? `(${f.key})` : `(${f.key})^${f.e}`)).join('*');
    return d ? `(${pKey(c.num)})/${d}` : pKey(c.num);
  }

  /** The numerator, reduced. */
  numerator(a: RatFun): Poly {
    return preduce(a.num, this.ctx.rule);
  }
}

export { monoKey };
