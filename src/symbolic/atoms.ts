/**
 * Atomization: a mathjs expression becomes an exact rational function of
 * "atoms" — the model's parameters plus one variable per canonical
 * transcendental sub-expression:
 *
 * - `exp(A)` → X_A^c, with A's rational content c pulled out (so
 *   exp(−γt/2)² = exp(−γt)), and exp of a polynomial split term by term
 *   (exp(a + b) = exp(a)·exp(b)); this is the substitution x = e^{βω}
 *   (atoms/exponential.ts).
 * - `log(A)` of a positive quantity is expanded into logs of its factors
 *   (products, quotients, powers, exp, roots), each factor of certified sign
 *   getting one atom per canonical argument; factors of unknown sign stay
 *   together in one atom (sound: only certified signs are ever split;
 *   atoms/logarithm.ts, atoms/signs.ts).
 * - `sqrt`, roots, `abs` → root atoms R with the rule R^k = radicand (atoms/roots.ts).
 * - `cos`, `sin`, `tan` of A → rational functions of τ_A = tan(A/2) (Weierstrass; atoms/trig.ts).
 * - hyperbolic functions → exponentials; `i` → I with I² = −1.
 *
 * A rational function of atoms that is zero as a polynomial is zero for every
 * value of the atoms; that is the soundness of "proved". Missing relations
 * between atoms can only make a true identity fail to be proved, never make
 * a false one pass.
 */
import type { MathNode } from 'mathjs';
import { qIsInt, qSign } from './_internal/rat.js';
import { type Poly, pSplitContent, pAsConst, pKey } from './_internal/poly.js';
import type { RatFun } from './_internal/ratfun.js';
import { parseExpression } from './cas/mathjs.js';
import { AtomTable, type Converted, type Sign } from './atoms/table.js';
import { polySign, ratSign } from './atoms/signs.js';
import { toExpression, ratToAlgebrite, ratToString } from './atoms/print.js';
import { expOf } from './atoms/exponential.js';
import { rootOf, absOf } from './atoms/roots.js';
import { logOf, logLeaf } from './atoms/logarithm.js';
import { convertNode } from './atoms/convert.js';

export type { Sign, AtomKind, AtomInfo, Converted, ParamSign } from './atoms/table.js';

/**
 * The atoms of one model: parameters with their signs, the transcendental
 * atoms found so far, and sign facts of the physical domain. Share one table
 * between both sides of an identity (and across a model's identities) so the
 * same sub-expression always maps to the same atom.
 */
export class Atoms extends AtomTable {
  private readonly cache = new WeakMap<MathNode, Converted>();
  /**
   * Function calls converted so far, by their text: inlined definitions repeat
   * the same log, exp and root sub-expressions in fresh nodes. Cleared when a
   * fact or rule is added (a new sign can split a logarithm differently).
   */
  private readonly calls = new Map<string, Converted>();
  private readonly convertBound = (node: MathNode): Converted => this.convert(node);

  /**
   * Give a parameter a reduction rule name^index = radicand (e.g. st² = 1 − ct²
   * for st = sin θ, ct = cos θ used as independent symbols).
   */
  addRule(name: string, index: number, radicand: string): void {
    if (this.info(name)?.kind !== 'param') throw new Error(`addRule: ${name} is not a parameter`);
    this.setRule(name, { index, radicand: this.field.numerator(this.convertString(radicand).rf) });
    this.calls.clear();
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
    this.setFact(pKey(prim), { sign: s > 0 ? 'pos' : 'neg', why });
    this.calls.clear();
  }

  /** The certified sign of a polynomial (a declared fact, or structural). */
  polySign(p: Poly): Sign {
    return polySign(this, p);
  }

  /** The certified sign of a rational function (numerator and every denominator factor). */
  ratSign(rf: RatFun): Sign {
    return ratSign(this, rf);
  }

  /** A rational function as a mathjs expression in the parameters (atoms replaced by what they stand for). */
  toExpression(rf: RatFun): string {
    return toExpression(this, rf);
  }

  /** Render a rational function in algebrite syntax (expanded numerator over the factored denominator). */
  ratToAlgebrite(rf: RatFun): string {
    return ratToAlgebrite(this, rf);
  }

  /** Render a rational function in mathjs syntax with atom names (for reports). */
  ratToString(rf: RatFun): string {
    return ratToString(this, rf);
  }

  /**
   * Convert a mathjs expression into a rational function of atoms (cached per node).
   * @throws QepInputError for an unknown symbol or an unsupported function.
   */
  convert(node: MathNode): Converted {
    const hit = this.cache.get(node);
    if (hit) return hit;
    const text = node.type === 'FunctionNode' ? node.toString() : undefined;
    const known = text === undefined ? undefined : this.calls.get(text);
    const out = known ?? convertNode(this, this.convertBound, node);
    if (text !== undefined && known === undefined) this.calls.set(text, out);
    this.cache.set(node, out);
    return out;
  }

  /** Convert a string in mathjs syntax. */
  convertString(expr: string): Converted {
    return this.convert(parseExpression(expr));
  }

  /** e^A as an exact monomial in exp atoms. */
  expOf(A: RatFun): Converted {
    return expOf(this, A);
  }

  /** k-th root of a rational function, as root atoms with the rule R^k = radicand. */
  rootOf(A: RatFun, k: number): Converted {
    return rootOf(this, A, k);
  }

  /** |A|: ±A when the sign is certified, else the root atom √(A²). */
  absOf(A: RatFun): Converted {
    return absOf(this, A);
  }

  /** log of a (positive) expression, expanded over products, quotients, powers, exp and roots. */
  logOf(node: MathNode): Converted {
    return logOf(this, this.convertBound, node);
  }

  /** log of a rational function of atoms: split over factors of certified sign. */
  logLeaf(A: RatFun): Converted {
    return logLeaf(this, A);
  }
}
