/**
 * Logarithm atoms. log(A) of a positive quantity is expanded into logs of its
 * factors (products, quotients, powers, exp, roots); each factor of certified
 * sign gets one atom per canonical argument, and factors of unknown sign stay
 * together in one atom (sound: only certified signs are ever split). Logs of
 * rational constants are sums of logs of primes.
 */
import type { MathNode, FunctionNode, OperatorNode, ParenthesisNode } from 'mathjs';
import { type Q, Q1, q, qIsInt, qSign, qToString, qAbs } from '../_internal/rat.js';
import { type Poly, pSplitContent, pAsConst } from '../_internal/poly.js';
import type { RatFun } from '../_internal/ratfun.js';
import { QepInputError } from '../../numeric/errors.js';
import { type AtomTable, type Converted, type Convert, pnegate } from './table.js';
import { polySign, ratSign } from './signs.js';
import { ratToAlgebrite, ratToString } from './print.js';

/** Trial division of constants in log(c) goes up to this prime; a larger cofactor gets one atom. */
const PRIME_LIMIT = 1000n;

/** log of a positive rational constant: Σ k·log(prime), exact for small primes. */
export function logConst(t: AtomTable, c: Q): Converted {
  const F = t.field;
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
      if (e > 0) rf = F.add(rf, F.scale(logAtomConst(t, p), q(sgn * e)));
    }
    if (x > 1n) rf = F.add(rf, F.scale(logAtomConst(t, x), q(sgn)));
  };
  add(c.n, 1);
  add(c.d, -1);
  return { rf, alg: ratToAlgebrite(t, rf) };
}

function logAtomConst(t: AtomTable, p: bigint): RatFun {
  const n = t.intern(`log[${p}]`, () => ({ kind: 'log', sign: 'unknown', meaning: `log(${p})`, arg: t.field.const(q(p)) }));
  return t.variable(n);
}

/**
 * log of a (positive) expression, expanded structurally over products,
 * quotients, powers, exp and roots; factors of uncertified sign stay whole.
 */
export function logOf(t: AtomTable, convert: Convert<MathNode>, node: MathNode): Converted {
  const F = t.field;
  if (node.type === 'ParenthesisNode') return logOf(t, convert, (node as ParenthesisNode).content);
  if (node.type === 'OperatorNode') {
    const op = node as OperatorNode<never, never>;
    const fn = op.fn as string;
    if ((fn === 'multiply' || fn === 'divide') && op.args.length === 2) {
      const sa = ratSign(t, convert(op.args[0]).rf);
      const sb = ratSign(t, convert(op.args[1]).rf);
      if (sa === 'pos' && sb === 'pos') {
        const a = logOf(t, convert, op.args[0]);
        const b = logOf(t, convert, op.args[1]);
        return fn === 'multiply' ? { rf: F.add(a.rf, b.rf), alg: `(${a.alg}+${b.alg})` } : { rf: F.sub(a.rf, b.rf), alg: `(${a.alg}-${b.alg})` };
      }
    }
    if (fn === 'pow') {
      const k = F.asConst(convert(op.args[1]).rf);
      if (k === null || !qIsInt(k) || k.n % 2n !== 0n || ratSign(t, convert(op.args[0]).rf) === 'pos') {
        // log(a^b) = b·log a: a^b real and positive forces a > 0 unless b is an even integer
        const b = convert(op.args[1]);
        const la = logOf(t, convert, op.args[0]);
        return { rf: F.mul(b.rf, la.rf), alg: `(${b.alg}*${la.alg})` };
      }
    }
  }
  if (node.type === 'FunctionNode') {
    const fnode = node as FunctionNode;
    const name = fnode.fn.name;
    if (name === 'exp' && fnode.args.length === 1) return convert(fnode.args[0]);
    if ((name === 'sqrt' || name === 'cbrt') && fnode.args.length === 1) {
      const l = logOf(t, convert, fnode.args[0]);
      const k = name === 'sqrt' ? 2 : 3;
      return { rf: F.scale(l.rf, q(1, k)), alg: `(${l.alg}/${k})` };
    }
  }
  return logLeaf(t, convert(node).rf);
}

/** log of a rational function of atoms: split over factors of certified sign. */
export function logLeaf(t: AtomTable, A: RatFun): Converted {
  const F = t.field;
  const a = F.cancel(A);
  const k = F.asConst(a);
  if (k !== null) return logConst(t, k);
  const { c, m, prim } = pSplitContent(F.numerator(a));
  let rf = F.const(q(0));
  let sign = qSign(c);
  const unknown: { p: RatFun; e: number }[] = [];
  const known: { kind: 'var' | 'poly'; v?: string; p?: Poly; e: Q; s: number }[] = [];
  for (const [v, e] of m) {
    const vs = t.varSign(v);
    if (vs === 'pos' || vs === 'neg') known.push({ kind: 'var', v, e, s: vs === 'pos' ? 1 : -1 });
    else if (qIsInt(e)) unknown.push({ p: t.variable(v), e: Number(e.n) });
    else unknown.push({ p: t.variable(v, e), e: 1 });
  }
  if (pAsConst(prim) === null) {
    const ps = polySign(t, prim);
    if (ps === 'pos' || ps === 'neg') known.push({ kind: 'poly', p: prim, e: Q1, s: ps === 'pos' ? 1 : -1 });
    else unknown.push({ p: F.fromPoly(prim), e: 1 });
  }
  for (const f of a.den.values()) {
    const fs = polySign(t, f.p);
    if (fs === 'pos' || fs === 'neg') known.push({ kind: 'poly', p: f.p, e: q(-f.e), s: fs === 'pos' ? 1 : -1 });
    else unknown.push({ p: F.fromPoly(f.p), e: -f.e });
  }
  for (const kf of known) if (kf.s < 0 && qIsInt(kf.e) && kf.e.n % 2n !== 0n) sign = -sign;
  rf = F.add(rf, logConst(t, qAbs(c)).rf);
  for (const kf of known) {
    const part = kf.kind === 'var' ? logVar(t, kf.v!, kf.s) : logAtomOf(t, F.fromPoly(kf.s > 0 ? kf.p! : pnegate(kf.p!)));
    rf = F.add(rf, F.scale(part, kf.e));
  }
  if (unknown.length > 0) {
    // the product of the unknown-sign factors has sign `sign` (the whole argument is positive)
    let prod = F.const(sign > 0 ? Q1 : q(-1));
    for (const u of unknown) prod = F.mul(prod, F.powInt(u.p, u.e));
    rf = F.add(rf, logAtomOf(t, prod));
  } else if (sign < 0) {
    throw new QepInputError('expression', `real (log of a negative quantity: ${ratToString(t, a)})`);
  }
  return { rf, alg: ratToAlgebrite(t, rf) };
}

function logVar(t: AtomTable, v: string, s: number): RatFun {
  const info = t.info(v)!;
  if (info.kind === 'exp' && info.arg) return info.arg;
  if (info.kind === 'root' && info.rule && s > 0) {
    return t.field.scale(logLeaf(t, t.field.fromPoly(info.rule.radicand)).rf, q(1, info.rule.index));
  }
  return logAtomOf(t, s > 0 ? t.variable(v) : t.field.neg(t.variable(v)));
}

function logAtomOf(t: AtomTable, arg: RatFun): RatFun {
  const key = `log[${t.field.key(arg)}]`;
  const n = t.intern(key, () => ({ kind: 'log', sign: 'unknown', meaning: `log(${ratToString(t, arg)})`, arg }));
  return t.variable(n);
}
