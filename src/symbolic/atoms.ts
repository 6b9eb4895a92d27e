/**
 * Atomization: a mathjs expression becomes an exact rational function of
 * "atoms" — the model's parameters plus one variable per canonical
 * transcendental sub-expression:
 *
 * - `exp(A)` → X_A^c, with A's rational content c pulled out (so
 *   exp(−γt/2)² = exp(−γt)), and exp of a polynomial split term by term
 *   (exp(a + b) = exp(a)·exp(b)); this is the substitution x = e^{βω}.
 * - `log(A)` of a positive quantity is expanded into logs of its factors
 *   (products, quotients, powers, exp, roots), each factor of certified sign
 *   getting one atom per canonical argument; factors of unknown sign stay
 *   together in one atom (sound: only certified signs are ever split).
 * - `sqrt`, roots, `abs` → root atoms R with the rule R^k = radicand.
 * - `cos`, `sin`, `tan` of A → rational functions of τ_A = tan(A/2) (Weierstrass).
 * - hyperbolic functions → exponentials; `i` → I with I² = −1.
 *
 * A rational function of atoms that is zero as a polynomial is zero for every
 * value of the atoms; that is the soundness of "proved". Missing relations
 * between atoms can only make a true identity fail to be proved, never make
 * a false one pass.
 */
import type { MathNode, ConstantNode, FunctionNode, OperatorNode, ParenthesisNode, SymbolNode } from 'mathjs';
import { QepInputError } from '../numeric/errors.js';
import { type Q, Q1, q, qFromNumber, qIsInt, qSign, qToString, qAbs, qneg, qmul, isqrtExact, qdiv } from './_internal/rat.js';
import { type Poly, type Rule, type Mono, pvar, pmono, pconst, pSplitContent, pAsConst, pKey, pSortedTerms, pToString, monoKey } from './_internal/poly.js';
import { Field, type RatFun } from './_internal/ratfun.js';
import { parseExpression } from './cas/mathjs.js';

/** Sign knowledge about a variable or polynomial. */
export type Sign = 'pos' | 'nonneg' | 'neg' | 'unknown';

/** The kinds of atom. */
export type AtomKind = 'param' | 'exp' | 'log' | 'root' | 'tan' | 'imag' | 'const';

/** What an atom stands for. */
export interface AtomInfo {
  readonly name: string;
  readonly kind: AtomKind;
  readonly sign: Sign;
  /** Human-readable definition in mathjs syntax (for reports). */
  readonly meaning: string;
  /** For exp atoms: the exponent A of X = e^A; for log atoms: the argument; for roots: the radicand. */
  readonly arg?: RatFun;
  readonly rule?: Rule;
  /** The expression in algebrite syntax that this atom stands for (roots, I), or its own name. */
  readonly algebrite: string;
}

/** A converted expression: the exact rational function and the same expression in algebrite syntax. */
export interface Converted {
  readonly rf: RatFun;
  /** The rational expression in atoms, unexpanded, in algebrite syntax. */
  readonly alg: string;
}

/** Signs of parameters: `pos` (> 0), `nonneg` (≥ 0) or `real`. */
export type ParamSign = 'pos' | 'nonneg' | 'real';

const PRIME_LIMIT = 1000n;

function wrap(s: string): string {
  return `(${s})`;
}

/**
 * The atoms of one model: parameters with their signs, the transcendental
 * atoms found so far, and sign facts of the physical domain. Share one table
 * between both sides of an identity (and across a model's identities) so the
 * same sub-expression always maps to the same atom.
 */
export class Atoms {
  readonly field: Field;
  private readonly atoms = new Map<string, AtomInfo>();
  private readonly byKey = new Map<string, string>();
  private readonly facts = new Map<string, { sign: 'pos' | 'neg'; why: string }>();
  private readonly cache = new WeakMap<MathNode, Converted>();
  private counter = 0;

  constructor(params: Readonly<Record<string, ParamSign>>) {
    this.field = new Field({
      rule: (v) => this.atoms.get(v)?.rule,
      unit: (v) => {
        const a = this.atoms.get(v);
        return a !== undefined && (a.kind === 'exp' || a.kind === 'imag');
      },
    });
    for (const [name, sign] of Object.entries(params)) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad parameter name ${name}`);
      this.atoms.set(name, {
        name,
        kind: 'param',
        sign: sign === 'real' ? 'unknown' : sign,
        meaning: name,
        algebrite: `P${name.replace(/_/g, 'U')}`,
      });
    }
  }

  /**
   * Give a parameter a reduction rule name^index = radicand (e.g. st² = 1 − ct²
   * for st = sin θ, ct = cos θ used as independent symbols).
   */
  addRule(name: string, index: number, radicand: string): void {
    const a = this.atoms.get(name);
    if (!a || a.kind !== 'param') throw new Error(`addRule: ${name} is not a parameter`);
    const rad = this.field.numerator(this.convertString(radicand).rf);
    this.atoms.set(name, { ...a, rule: { index, radicand: rad } });
  }

  /** True when a rational function involves an atom with a reduction rule (roots, I, st² = 1 − ct²). */
  usesRules(rf: RatFun): boolean {
    const polys = [this.field.numerator(rf), ...[...rf.den.values()].map((f) => f.p)];
    return polys.some((p) => [...p.values()].some((t) => t.m.some(([v]) => this.atoms.get(v)?.rule !== undefined)));
  }

  /** A rational function as a mathjs expression in the parameters (atoms replaced by what they stand for). */
  toExpression(rf: RatFun): string {
    const name = (v: string): string => this.expressionOf(v);
    const num = pToString(this.field.numerator(rf), name);
    const dens = [...rf.den.values()].map((f) => `(${pToString(f.p, name)})^${f.e}`);
    return dens.length ? `(${num})/(${dens.join('*')})` : `(${num})`;
  }

  private expressionOf(v: string): string {
    const a = this.atoms.get(v);
    if (!a) throw new Error(`unknown atom ${v}`);
    switch (a.kind) {
      case 'param':
        return v;
      case 'imag':
        return 'i';
      case 'const':
        return a.meaning;
      case 'exp':
        return `exp(${this.toExpression(a.arg!)})`;
      case 'log':
        return `log(${this.toExpression(a.arg!)})`;
      case 'tan':
        return `tan((${this.toExpression(a.arg!)})/2)`;
      case 'root':
        if (!a.rule) return `(${a.meaning})`;
        return a.rule.index === 2 ? `sqrt(${this.toExpression(this.field.fromPoly(a.rule.radicand))})` : `nthRoot(${this.toExpression(this.field.fromPoly(a.rule.radicand))}, ${a.rule.index})`;
    }
  }

  /** The parameter names. */
  params(): string[] {
    return [...this.atoms.values()].filter((a) => a.kind === 'param').map((a) => a.name);
  }

  /** Information about an atom or parameter by name. */
  info(name: string): AtomInfo | undefined {
    return this.atoms.get(name);
  }

  /** Every atom created so far (not parameters). */
  list(): AtomInfo[] {
    return [...this.atoms.values()].filter((a) => a.kind !== 'param');
  }

  /**
   * Declare that an expression is positive (or negative) on the physical
   * domain, with the reason. Used to certify the sign of log arguments.
   * @throws Error when the fact's denominator or monomial factors have no certified sign.
   */
  addFact(expr: string, why: string, sign: 'pos' | 'neg' = 'pos'): void {
    const rf = this.field.cancel(this.convert(parseExpression(expr)).rf);
    const { c, m, prim } = pSplitContent(this.field.numerator(rf));
    let s = qSign(c) * (sign === 'pos' ? 1 : -1);
    for (const [v, e] of m) {
      const vs = this.varSign(v);
      if (vs !== 'pos' && vs !== 'neg') throw new Error(`fact ${expr}: sign of ${v} unknown`);
      if (vs === 'neg' && qIsInt(e) && e.n % 2n !== 0n) s = -s;
    }
    for (const f of rf.den.values()) {
      const fs = this.polySign(f.p);
      if (fs !== 'pos' && fs !== 'neg') throw new Error(`fact ${expr}: sign of denominator ${pKey(f.p)} unknown`);
      if (fs === 'neg' && f.e % 2 === 1) s = -s;
    }
    if (pAsConst(prim) !== null) return;
    this.facts.set(pKey(prim), { sign: s > 0 ? 'pos' : 'neg', why });
  }

  /** The sign facts declared so far, for reports. */
  factList(): { key: string; sign: string; why: string }[] {
    return [...this.facts.entries()].map(([key, f]) => ({ key, sign: f.sign, why: f.why }));
  }

  private varSign(v: string): Sign {
    return this.atoms.get(v)?.sign ?? 'unknown';
  }

  /**
   * The certified sign of a polynomial: a declared fact, or structural (all
   * coefficients of one sign, every variable of known sign or in an even power,
   * and at least one term that cannot vanish).
   */
  polySign(p: Poly): Sign {
    const k = pAsConst(p);
    if (k !== null) return qSign(k) > 0 ? 'pos' : qSign(k) < 0 ? 'neg' : 'unknown';
    const { c, m, prim } = pSplitContent(p);
    let s: number = qSign(c);
    let strict = true;
    for (const [v, e] of m) {
      const vs = this.varSign(v);
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
      const fact = this.facts.get(pKey(prim));
      if (fact) ps = fact.sign;
      else ps = this.structuralSign(prim);
    }
    if (ps === 'unknown') return 'unknown';
    if (ps === 'nonneg') strict = false;
    if (ps === 'neg') s = -s;
    if (!strict) return s > 0 ? 'nonneg' : 'unknown';
    return s > 0 ? 'pos' : 'neg';
  }

  private structuralSign(p: Poly): Sign {
    let coefSign = 0;
    let someStrict = false;
    for (const t of pSortedTerms(p)) {
      const cs = qSign(t.c);
      if (coefSign === 0) coefSign = cs;
      else if (cs !== coefSign) return 'unknown';
      let termStrict = true;
      for (const [v, e] of t.m) {
        const vs = this.varSign(v);
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
  ratSign(rf: RatFun): Sign {
    let s = this.polySign(this.field.numerator(rf));
    for (const f of rf.den.values()) {
      const fs = this.polySign(f.p);
      if (fs === 'unknown' || fs === 'nonneg') return 'unknown';
      if (fs === 'neg' && f.e % 2 === 1) s = flip(s);
    }
    return s;
  }

  private newAtom(key: string, make: (name: string) => Omit<AtomInfo, 'name' | 'algebrite'> & { algebrite?: string }): string {
    const found = this.byKey.get(key);
    if (found) return found;
    const name = `A${this.counter++}`;
    const info = make(name);
    this.atoms.set(name, { ...info, name, algebrite: info.algebrite ?? name });
    this.byKey.set(key, name);
    return name;
  }

  /** The rational function of a parameter or atom variable. */
  private v(name: string, e: Q = Q1): RatFun {
    return this.field.fromPoly(pvar(name, e));
  }

  private alg(name: string): string {
    return this.atoms.get(name)!.algebrite;
  }

  /** Render a rational function in algebrite syntax (expanded numerator over the factored denominator). */
  ratToAlgebrite(rf: RatFun): string {
    const num = pToString(this.field.numerator(rf), (v) => this.alg(v));
    const dens = [...rf.den.values()].map((f) => `(${pToString(f.p, (v) => this.alg(v))})^${f.e}`);
    return dens.length ? `(${num})/(${dens.join('*')})` : `(${num})`;
  }

  /** Render a rational function in mathjs syntax with atom names (for reports). */
  ratToString(rf: RatFun): string {
    const num = pToString(this.field.numerator(rf));
    const dens = [...rf.den.values()].map((f) => `(${pToString(f.p)})^${f.e}`);
    return dens.length ? `(${num})/(${dens.join('*')})` : `(${num})`;
  }

  /**
   * Convert a mathjs expression into a rational function of atoms.
   * @throws QepInputError for an unknown symbol or an unsupported function.
   */
  convert(node: MathNode): Converted {
    const hit = this.cache.get(node);
    if (hit) return hit;
    const out = this.convertUncached(node);
    this.cache.set(node, out);
    return out;
  }

  private convertUncached(node: MathNode): Converted {
    const F = this.field;
    switch (node.type) {
      case 'ParenthesisNode':
        return this.convert((node as ParenthesisNode).content);
      case 'ConstantNode': {
        const value: unknown = (node as ConstantNode<number>).value;
        let c: Q;
        if (typeof value === 'number') c = qFromNumber(value);
        else if (value !== null && typeof value === 'object' && 'toString' in value) c = qFromNumber(Number(String(value)));
        else throw new QepInputError('expression', `numeric (got constant ${String(value)})`);
        return { rf: F.const(c), alg: wrap(qToString(c)) };
      }
      case 'SymbolNode': {
        const name = (node as SymbolNode).name;
        const a = this.atoms.get(name);
        if (a && a.kind === 'param') return { rf: this.v(name), alg: a.algebrite };
        if (name === 'pi') {
          const n = this.newAtom('const[pi]', () => ({ kind: 'const', sign: 'pos', meaning: 'pi' }));
          return { rf: this.v(n), alg: this.alg(n) };
        }
        if (name === 'e') return this.expOf(F.const(Q1));
        if (name === 'i') return this.imag();
        throw new QepInputError('expression', `written in the model's parameters ${this.params().join(', ')} (unknown symbol "${name}")`);
      }
      case 'OperatorNode':
        return this.convertOperator(node as OperatorNode<never, never>);
      case 'FunctionNode':
        return this.convertFunction(node as FunctionNode);
      default:
        throw new QepInputError('expression', `an arithmetic expression (unsupported ${node.type})`);
    }
  }

  private imag(): Converted {
    const n = this.newAtom('imag', () => ({ kind: 'imag', sign: 'unknown', meaning: 'i', rule: { index: 2, radicand: pconst(q(-1)) }, algebrite: 'i' }));
    return { rf: this.v(n), alg: 'i' };
  }

  private convertOperator(node: OperatorNode<never, never>): Converted {
    const F = this.field;
    const fn = node.fn as string;
    const args = node.args;
    if (fn === 'unaryMinus') {
      const a = this.convert(args[0]);
      return { rf: F.neg(a.rf), alg: `(-${a.alg})` };
    }
    if (fn === 'unaryPlus') return this.convert(args[0]);
    if (fn === 'add' || fn === 'subtract' || fn === 'multiply' || fn === 'divide') {
      if (args.length < 2) throw new QepInputError('expression', `well formed (operator ${node.op} with ${args.length} operands)`);
      let acc = this.convert(args[0]);
      for (const arg of args.slice(1)) {
        const b = this.convert(arg);
        if (fn === 'add') acc = { rf: F.add(acc.rf, b.rf), alg: `(${acc.alg}+${b.alg})` };
        else if (fn === 'subtract') acc = { rf: F.sub(acc.rf, b.rf), alg: `(${acc.alg}-${b.alg})` };
        else if (fn === 'multiply') acc = { rf: F.mul(acc.rf, b.rf), alg: `(${acc.alg}*${b.alg})` };
        else {
          if (F.isZero(b.rf)) throw new QepInputError('expression', 'free of division by zero (a denominator is identically 0)');
          acc = { rf: F.div(acc.rf, b.rf), alg: `(${acc.alg}/${b.alg})` };
        }
      }
      return acc;
    }
    if (fn === 'pow') return this.power(args[0], args[1]);
    throw new QepInputError('expression', `built from + - * / ^ and functions (unsupported operator ${node.op})`);
  }

  private power(baseNode: MathNode, expNode: MathNode): Converted {
    const F = this.field;
    const ex = this.convert(expNode);
    const k = F.asConst(ex.rf);
    const base = this.convert(baseNode);
    if (k === null) {
      // a^b = exp(b·log a), a > 0 (mathjs gives complex values otherwise)
      const l = this.logOf(baseNode);
      return this.expOf(F.mul(ex.rf, l.rf));
    }
    return this.powConst(base, k);
  }

  private powConst(base: Converted, k: Q): Converted {
    const F = this.field;
    if (qIsInt(k)) {
      if (qSign(k) < 0 && F.isZero(base.rf)) throw new QepInputError('expression', 'free of division by zero (0 to a negative power)');
      return { rf: F.powInt(base.rf, Number(k.n)), alg: `(${base.alg})^(${qToString(k)})` };
    }
    // rational exponent p/r: exact for monomials of unit atoms, else a root atom
    const c = F.cancel(base.rf);
    if (c.den.size === 0) {
      const t = [...c.num.values()];
      if (t.length === 1 && t[0].m.every(([v]) => this.atoms.get(v)?.kind === 'exp')) {
        const coef = t[0].c;
        const cRoot = rationalRoot(coef, k);
        if (cRoot) {
          const m: Mono = t[0].m.map(([v, e]) => [v, qmul(e, k)] as const);
          const rf = F.fromPoly(pmono(m, cRoot));
          return { rf, alg: this.ratToAlgebrite(rf) };
        }
      }
    }
    const r = Number(k.d);
    const p = Number(k.n);
    const root = this.rootOf(base.rf, r);
    return { rf: F.powInt(root.rf, p), alg: `(${root.alg})^(${p})` };
  }

  private convertFunction(node: FunctionNode): Converted {
    const F = this.field;
    const name = node.fn.name;
    const args = node.args;
    const need = (n: number): void => {
      if (args.length !== n) throw new QepInputError('expression', `well formed (${name} takes ${n} argument${n > 1 ? 's' : ''}, got ${args.length})`);
    };
    switch (name) {
      case 'exp':
        need(1);
        return this.expOf(this.convert(args[0]).rf);
      case 'log': {
        if (args.length === 2) {
          const a = this.logOf(args[0]);
          const b = this.logOf(args[1]);
          return { rf: F.div(a.rf, b.rf), alg: `(${a.alg}/${b.alg})` };
        }
        need(1);
        return this.logOf(args[0]);
      }
      case 'log2':
      case 'log10': {
        need(1);
        const a = this.logOf(args[0]);
        const b = this.logConst(q(name === 'log2' ? 2 : 10));
        return { rf: F.div(a.rf, b.rf), alg: `(${a.alg}/${b.alg})` };
      }
      case 'sqrt':
        need(1);
        return this.rootOf(this.convert(args[0]).rf, 2);
      case 'cbrt':
        need(1);
        return this.rootOf(this.convert(args[0]).rf, 3);
      case 'nthRoot': {
        need(2);
        const n = F.asConst(this.convert(args[1]).rf);
        if (!n || !qIsInt(n) || n.n < 2n) throw new QepInputError('expression', 'well formed (nthRoot needs an integer root ≥ 2)');
        return this.rootOf(this.convert(args[0]).rf, Number(n.n));
      }
      case 'square':
        need(1);
        return this.powConst(this.convert(args[0]), q(2));
      case 'cube':
        need(1);
        return this.powConst(this.convert(args[0]), q(3));
      case 'pow':
        need(2);
        return this.power(args[0], args[1]);
      case 'abs':
        need(1);
        return this.absOf(this.convert(args[0]).rf);
      case 'cos':
      case 'sin':
      case 'tan':
      case 'cot':
      case 'sec':
      case 'csc':
        need(1);
        return this.trig(name, this.convert(args[0]).rf);
      case 'cosh':
      case 'sinh':
      case 'tanh':
      case 'coth':
      case 'sech':
      case 'csch':
        need(1);
        return this.hyperbolic(name, this.convert(args[0]).rf);
      default:
        throw new QepInputError('expression', `built from supported functions exp, log, sqrt, abs, sin, cos, tan, sinh, cosh, tanh, coth, ... (unsupported function "${name}")`);
    }
  }

  /** e^A as an exact monomial in exp atoms. */
  expOf(A: RatFun): Converted {
    const F = this.field;
    const a = F.cancel(A);
    if (F.isZero(a)) return { rf: F.const(Q1), alg: '(1)' };
    let rf = F.const(Q1);
    if (a.den.size === 0) {
      for (const t of pSortedTerms(a.num)) {
        if (t.m.length === 0) {
          const n = this.expAtom('exp[1]', F.const(Q1), 'e');
          rf = F.mul(rf, this.v(n, t.c));
          continue;
        }
        // exp(c·log u) = u^c for a log atom
        if (t.m.length === 1 && qIsInt(t.m[0][1]) && t.m[0][1].n === 1n) {
          const info = this.atoms.get(t.m[0][0]);
          if (info?.kind === 'log' && info.arg && qIsInt(t.c)) {
            rf = F.mul(rf, F.powInt(info.arg, Number(t.c.n)));
            continue;
          }
        }
        const key = `exp[${monoKey(t.m)}]`;
        const n = this.expAtom(key, F.fromPoly(pmono(t.m)), pToString(pmono(t.m)));
        rf = F.mul(rf, this.v(n, t.c));
      }
    } else {
      const { c, m, prim } = pSplitContent(F.numerator(a));
      const unitNum = F.mul(F.fromPoly(pmono(m)), F.fromPoly(prim));
      const P = { num: unitNum.num, den: a.den };
      const key = `exp[${F.key(P)}]`;
      const n = this.expAtom(key, P, this.ratToString(P));
      rf = this.v(n, c);
    }
    return { rf, alg: this.ratToAlgebrite(rf) };
  }

  private expAtom(key: string, arg: RatFun, meaning: string): string {
    return this.newAtom(key, () => ({ kind: 'exp', sign: 'pos', meaning: `exp(${meaning})`, arg }));
  }

  /** k-th root of a rational function, as root atoms with the rule R^k = radicand. */
  rootOf(A: RatFun, k: number): Converted {
    const F = this.field;
    const a = F.cancel(A);
    if (F.isZero(a)) return { rf: F.const(q(0)), alg: '(0)' };
    const even = k % 2 === 0;
    // denominator: root(N/D) = root(σN)/Π root(σ_f f)^e, signs certified
    let den = F.const(Q1);
    let sigma = 1;
    for (const f of a.den.values()) {
      const s = this.polySign(f.p);
      if (even && s !== 'pos' && s !== 'neg') return this.opaqueRoot(a, k);
      const sf = s === 'neg' ? -1 : 1;
      if (sf < 0 && f.e % 2 === 1) sigma = -sigma;
      const r = this.rootOfPoly(sf > 0 ? f.p : pscaleNeg(f.p), k);
      den = F.mul(den, F.powInt(r, f.e));
    }
    const { c, m, prim } = pSplitContent(F.numerator(a));
    const cs = qSign(c) * sigma;
    if (cs < 0 && even) return this.opaqueRoot(a, k);
    let out = F.const(Q1);
    let radConst: Q = cs < 0 ? qneg(qAbs(c)) : qAbs(c);
    const cr = rationalRoot(qAbs(c), q(1, k));
    if (cr) {
      out = F.scale(out, cs < 0 ? qneg(cr) : cr);
      radConst = Q1;
    }
    const rest: (readonly [string, Q])[] = [];
    for (const [v, e] of m) {
      const info = this.atoms.get(v);
      const vs = info?.sign ?? 'unknown';
      if (info?.kind === 'exp') out = F.mul(out, this.v(v, qdiv(e, q(k))));
      else if (qIsInt(e) && e.n % BigInt(k) === 0n && (!even || vs === 'pos' || vs === 'nonneg')) out = F.mul(out, this.v(v, qdiv(e, q(k))));
      else rest.push([v, e]);
    }
    const rad = F.numerator(F.mul(F.fromPoly(pmono(rest, radConst)), F.fromPoly(prim)));
    const radValue = pAsConst(rad);
    if (radValue === null || !qIsOne(radValue)) out = F.mul(out, this.rootOfPoly(rad, k));
    const rf = F.div(out, den);
    return { rf, alg: this.ratToAlgebrite(rf) };
  }

  private rootOfPoly(p: Poly, k: number): RatFun {
    const key = `root${k}[${pKey(p)}]`;
    const sign = this.polySign(p);
    const name = this.newAtom(key, () => ({
      kind: 'root',
      sign: sign === 'pos' ? 'pos' : 'nonneg',
      meaning: k === 2 ? `sqrt(${pToString(p)})` : `nthRoot(${pToString(p)}, ${k})`,
      rule: { index: k, radicand: p },
      arg: this.field.fromPoly(p),
      algebrite: `((${pToString(p, (v) => this.alg(v))})^(1/${k}))`,
    }));
    return this.v(name);
  }

  private opaqueRoot(a: RatFun, k: number): Converted {
    const key = `root${k}[${this.field.key(a)}]`;
    const name = this.newAtom(key, () => ({ kind: 'root', sign: 'nonneg', meaning: `root${k}(${this.ratToString(a)})`, arg: a }));
    return { rf: this.v(name), alg: this.alg(name) };
  }

  /** |A|: ±A when the sign is certified, else the root atom √(A²). */
  absOf(A: RatFun): Converted {
    const F = this.field;
    const s = this.ratSign(A);
    if (s === 'pos' || s === 'nonneg') return { rf: A, alg: this.ratToAlgebrite(A) };
    if (s === 'neg') {
      const rf = F.neg(A);
      return { rf, alg: this.ratToAlgebrite(rf) };
    }
    return this.rootOf(F.powInt(A, 2), 2);
  }

  private trig(name: string, A: RatFun): Converted {
    const F = this.field;
    const a = F.cancel(A);
    if (F.isZero(a)) {
      const table: Record<string, Q | null> = { cos: Q1, sin: q(0), tan: q(0), sec: Q1, cot: null, csc: null };
      const v = table[name];
      if (v === null) throw new QepInputError('expression', `free of division by zero (${name}(0))`);
      return { rf: F.const(v), alg: wrap(qToString(v)) };
    }
    const key = `tan2[${F.key(a)}]`;
    const n = this.newAtom(key, () => ({ kind: 'tan', sign: 'unknown', meaning: `tan((${this.ratToString(a)})/2)`, arg: a }));
    const t = this.v(n);
    const t2 = F.mul(t, t);
    const one = F.const(Q1);
    const cos = F.div(F.sub(one, t2), F.add(one, t2));
    const sin = F.div(F.scale(t, q(2)), F.add(one, t2));
    const pick: Record<string, () => RatFun> = {
      cos: () => cos,
      sin: () => sin,
      tan: () => F.div(sin, cos),
      cot: () => F.div(cos, sin),
      sec: () => F.inv(cos),
      csc: () => F.inv(sin),
    };
    const rf = pick[name]();
    return { rf, alg: this.ratToAlgebrite(rf) };
  }

  private hyperbolic(name: string, A: RatFun): Converted {
    const F = this.field;
    const E = this.expOf(A).rf;
    const Ei = this.expOf(F.neg(A)).rf;
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
    return { rf, alg: this.ratToAlgebrite(rf) };
  }

  /** log of a positive rational constant: Σ k·log(prime), exact for small primes. */
  private logConst(c: Q): Converted {
    const F = this.field;
    if (qSign(c) <= 0) throw new QepInputError('expression', `real (log of ${qToString(c)} ≤ 0)`);
    let rf = F.const(q(0));
    const add = (n: bigint, sgn: number): void => {
      let x = n;
      for (let p = 2n; p <= PRIME_LIMIT && p * p <= x; p++) {
        let e = 0;
        while (x % p === 0n) {
          x /= p;
          e++;
        }
        if (e > 0) rf = F.add(rf, F.scale(this.logAtomConst(p), q(sgn * e)));
      }
      if (x > 1n) rf = F.add(rf, F.scale(this.logAtomConst(x), q(sgn)));
    };
    add(c.n, 1);
    add(c.d, -1);
    return { rf, alg: this.ratToAlgebrite(rf) };
  }

  private logAtomConst(p: bigint): RatFun {
    const n = this.newAtom(`log[${p}]`, () => ({ kind: 'log', sign: 'unknown', meaning: `log(${p})`, arg: this.field.const(q(p)) }));
    return this.v(n);
  }

  /**
   * log of a (positive) expression, expanded structurally over products,
   * quotients, powers, exp and roots; factors of uncertified sign stay whole.
   */
  logOf(node: MathNode): Converted {
    const F = this.field;
    if (node.type === 'ParenthesisNode') return this.logOf((node as ParenthesisNode).content);
    if (node.type === 'OperatorNode') {
      const op = node as OperatorNode<never, never>;
      const fn = op.fn as string;
      if ((fn === 'multiply' || fn === 'divide') && op.args.length === 2) {
        const sa = this.ratSign(this.convert(op.args[0]).rf);
        const sb = this.ratSign(this.convert(op.args[1]).rf);
        if (sa === 'pos' && sb === 'pos') {
          const a = this.logOf(op.args[0]);
          const b = this.logOf(op.args[1]);
          return fn === 'multiply' ? { rf: F.add(a.rf, b.rf), alg: `(${a.alg}+${b.alg})` } : { rf: F.sub(a.rf, b.rf), alg: `(${a.alg}-${b.alg})` };
        }
      }
      if (fn === 'pow') {
        const k = F.asConst(this.convert(op.args[1]).rf);
        if (k === null || !qIsInt(k) || k.n % 2n !== 0n || this.ratSign(this.convert(op.args[0]).rf) === 'pos') {
          // log(a^b) = b·log a: a^b real and positive forces a > 0 unless b is an even integer
          const b = this.convert(op.args[1]);
          const la = this.logOf(op.args[0]);
          return { rf: F.mul(b.rf, la.rf), alg: `(${b.alg}*${la.alg})` };
        }
      }
    }
    if (node.type === 'FunctionNode') {
      const fnode = node as FunctionNode;
      const name = fnode.fn.name;
      if (name === 'exp' && fnode.args.length === 1) return this.convert(fnode.args[0]);
      if ((name === 'sqrt' || name === 'cbrt') && fnode.args.length === 1) {
        const l = this.logOf(fnode.args[0]);
        const k = name === 'sqrt' ? 2 : 3;
        return { rf: F.scale(l.rf, q(1, k)), alg: `(${l.alg}/${k})` };
      }
    }
    return this.logLeaf(this.convert(node).rf);
  }

  /** log of a rational function of atoms: split over factors of certified sign. */
  logLeaf(A: RatFun): Converted {
    const F = this.field;
    const a = F.cancel(A);
    const k = F.asConst(a);
    if (k !== null) return this.logConst(k);
    const { c, m, prim } = pSplitContent(F.numerator(a));
    let rf = F.const(q(0));
    let sign = qSign(c);
    const unknown: { p: RatFun; e: number }[] = [];
    const known: { kind: 'var' | 'poly'; v?: string; p?: Poly; e: Q; s: number }[] = [];
    for (const [v, e] of m) {
      const vs = this.varSign(v);
      if (vs === 'pos' || vs === 'neg') known.push({ kind: 'var', v, e, s: vs === 'pos' ? 1 : -1 });
      else if (qIsInt(e)) unknown.push({ p: this.v(v), e: Number(e.n) });
      else unknown.push({ p: this.v(v, e), e: 1 });
    }
    if (pAsConst(prim) === null) {
      const ps = this.polySign(prim);
      if (ps === 'pos' || ps === 'neg') known.push({ kind: 'poly', p: prim, e: Q1, s: ps === 'pos' ? 1 : -1 });
      else unknown.push({ p: F.fromPoly(prim), e: 1 });
    }
    for (const f of a.den.values()) {
      const fs = this.polySign(f.p);
      if (fs === 'pos' || fs === 'neg') known.push({ kind: 'poly', p: f.p, e: q(-f.e), s: fs === 'pos' ? 1 : -1 });
      else unknown.push({ p: F.fromPoly(f.p), e: -f.e });
    }
    for (const kf of known) if (kf.s < 0 && qIsInt(kf.e) && kf.e.n % 2n !== 0n) sign = -sign;
    rf = F.add(rf, this.logConst(qAbs(c)).rf);
    for (const kf of known) {
      const part = kf.kind === 'var' ? this.logVar(kf.v!, kf.s) : this.logPolyAtom(kf.s > 0 ? kf.p! : pscaleNeg(kf.p!));
      rf = F.add(rf, F.scale(part, kf.e));
    }
    if (unknown.length > 0) {
      // the product of the unknown-sign factors has sign `sign` (the whole argument is positive)
      let prod = F.const(sign > 0 ? Q1 : q(-1));
      for (const u of unknown) prod = F.mul(prod, F.powInt(u.p, u.e));
      rf = F.add(rf, this.logAtomOf(prod));
    } else if (sign < 0) {
      throw new QepInputError('expression', `real (log of a negative quantity: ${this.ratToString(a)})`);
    }
    return { rf, alg: this.ratToAlgebrite(rf) };
  }

  private logVar(v: string, s: number): RatFun {
    const info = this.atoms.get(v)!;
    if (info.kind === 'exp' && info.arg) return info.arg;
    if (info.kind === 'root' && info.rule && s > 0) {
      return this.field.scale(this.logLeaf(this.field.fromPoly(info.rule.radicand)).rf, q(1, info.rule.index));
    }
    return this.logAtomOf(s > 0 ? this.v(v) : this.field.neg(this.v(v)));
  }

  private logPolyAtom(p: Poly): RatFun {
    return this.logAtomOf(this.field.fromPoly(p));
  }

  private logAtomOf(arg: RatFun): RatFun {
    const key = `log[${this.field.key(arg)}]`;
    const n = this.newAtom(key, () => ({ kind: 'log', sign: 'unknown', meaning: `log(${this.ratToString(arg)})`, arg }));
    return this.v(n);
  }

  /** Convert a string in mathjs syntax. */
  convertString(expr: string): Converted {
    return this.convert(parseExpression(expr));
  }
}

function flip(s: Sign): Sign {
  return s === 'pos' ? 'neg' : s === 'neg' ? 'pos' : s === 'nonneg' ? 'unknown' : 'unknown';
}

function pscaleNeg(p: Poly): Poly {
  const out = new Map<string, { m: Mono; c: Q }>();
  for (const [k, t] of p) out.set(k, { m: t.m, c: qneg(t.c) });
  return out;
}

function qIsOne(a: Q): boolean {
  return a.n === 1n && a.d === 1n;
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
  let out: Q = Q1;
  for (let i = 0; i < Math.abs(p); i++) out = qmul(out, base);
  return p < 0 ? qdiv(Q1, out) : out;
}

