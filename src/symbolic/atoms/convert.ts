/**
 * The conversion of a mathjs expression tree into a rational function of
 * atoms, node by node: constants are exact rationals, symbols are parameters
 * (or pi, e, i), the four operations are exact rational arithmetic, and each
 * supported function goes to its atom module.
 */
import type { MathNode, ConstantNode, FunctionNode, OperatorNode, ParenthesisNode, SymbolNode } from 'mathjs';
import { type Q, Q1, q, qFromNumber, qIsInt, qToString } from '../_internal/rat.js';
import { pconst } from '../_internal/poly.js';
import { QepInputError } from '../../numeric/errors.js';
import type { AtomTable, Converted, Convert } from './table.js';
import { expOf, hyperbolic } from './exponential.js';
import { logOf, logConst } from './logarithm.js';
import { rootOf, absOf, powConst } from './roots.js';
import { trig } from './trig.js';

/**
 * One node of an expression as a rational function of atoms; `convert` is
 * used for the children (so that conversions are cached per node).
 * @throws QepInputError for an unknown symbol or an unsupported function.
 */
export function convertNode(t: AtomTable, convert: Convert<MathNode>, node: MathNode): Converted {
  const F = t.field;
  switch (node.type) {
    case 'ParenthesisNode':
      return convert((node as ParenthesisNode).content);
    case 'ConstantNode': {
      const value: unknown = (node as ConstantNode<number>).value;
      let c: Q;
      if (typeof value === 'number') c = qFromNumber(value);
      else if (value !== null && typeof value === 'object' && 'toString' in value) c = qFromNumber(Number(String(value)));
      else throw new QepInputError('expression', `numeric (got constant ${String(value)})`);
      return { rf: F.const(c), alg: `(${qToString(c)})` };
    }
    case 'SymbolNode': {
      const name = (node as SymbolNode).name;
      const a = t.info(name);
      if (a && a.kind === 'param') return { rf: t.variable(name), alg: a.algebrite };
      if (name === 'pi') {
        const n = t.intern('const[pi]', () => ({ kind: 'const', sign: 'pos', meaning: 'pi' }));
        return { rf: t.variable(n), alg: t.algebriteName(n) };
      }
      if (name === 'e') return expOf(t, F.const(Q1));
      if (name === 'i') return imag(t);
      throw new QepInputError('expression', `written in the model's parameters ${t.params().join(', ')} (unknown symbol "${name}")`);
    }
    case 'OperatorNode':
      return convertOperator(t, convert, node as OperatorNode<never, never>);
    case 'FunctionNode':
      return convertFunction(t, convert, node as FunctionNode);
    default:
      throw new QepInputError('expression', `an arithmetic expression (unsupported ${node.type})`);
  }
}

function imag(t: AtomTable): Converted {
  const n = t.intern('imag', () => ({ kind: 'imag', sign: 'unknown', meaning: 'i', rule: { index: 2, radicand: pconst(q(-1)) }, algebrite: 'i' }));
  return { rf: t.variable(n), alg: 'i' };
}

function convertOperator(t: AtomTable, convert: Convert<MathNode>, node: OperatorNode<never, never>): Converted {
  const F = t.field;
  const fn = node.fn as string;
  const args = node.args;
  if (fn === 'unaryMinus') {
    const a = convert(args[0]);
    return { rf: F.neg(a.rf), alg: `(-${a.alg})` };
  }
  if (fn === 'unaryPlus') return convert(args[0]);
  if (fn === 'add' || fn === 'subtract' || fn === 'multiply' || fn === 'divide') {
    if (args.length < 2) throw new QepInputError('expression', `well formed (operator ${node.op} with ${args.length} operands)`);
    let acc = convert(args[0]);
    for (const arg of args.slice(1)) {
      const b = convert(arg);
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
  if (fn === 'pow') return power(t, convert, args[0], args[1]);
  throw new QepInputError('expression', `built from + - * / ^ and functions (unsupported operator ${node.op})`);
}

/** a^b: a rational constant b is exact ({@link powConst}); otherwise a^b = exp(b·log a), a > 0. */
function power(t: AtomTable, convert: Convert<MathNode>, baseNode: MathNode, expNode: MathNode): Converted {
  const F = t.field;
  const ex = convert(expNode);
  const k = F.asConst(ex.rf);
  const base = convert(baseNode);
  if (k === null) {
    // a^b = exp(b·log a), a > 0 (mathjs gives complex values otherwise)
    const l = logOf(t, convert, baseNode);
    return expOf(t, F.mul(ex.rf, l.rf));
  }
  return powConst(t, base, k);
}

function convertFunction(t: AtomTable, convert: Convert<MathNode>, node: FunctionNode): Converted {
  const F = t.field;
  const name = node.fn.name;
  const args = node.args;
  const need = (n: number): void => {
    if (args.length !== n) throw new QepInputError('expression', `well formed (${name} takes ${n} argument${n > 1 ? 's' : ''}, got ${args.length})`);
  };
  switch (name) {
    case 'exp':
      need(1);
      return expOf(t, convert(args[0]).rf);
    case 'log': {
      if (args.length === 2) {
        const a = logOf(t, convert, args[0]);
        const b = logOf(t, convert, args[1]);
        return { rf: F.div(a.rf, b.rf), alg: `(${a.alg}/${b.alg})` };
      }
      need(1);
      return logOf(t, convert, args[0]);
    }
    case 'log2':
    case 'log10': {
      need(1);
      const a = logOf(t, convert, args[0]);
      const b = logConst(t, q(name === 'log2' ? 2 : 10));
      return { rf: F.div(a.rf, b.rf), alg: `(${a.alg}/${b.alg})` };
    }
    case 'sqrt':
      need(1);
      return rootOf(t, convert(args[0]).rf, 2);
    case 'cbrt':
      need(1);
      return rootOf(t, convert(args[0]).rf, 3);
    case 'nthRoot': {
      need(2);
      const n = F.asConst(convert(args[1]).rf);
      if (!n || !qIsInt(n) || n.n < 2n) throw new QepInputError('expression', 'well formed (nthRoot needs an integer root ≥ 2)');
      return rootOf(t, convert(args[0]).rf, Number(n.n));
    }
    case 'square':
      need(1);
      return powConst(t, convert(args[0]), q(2));
    case 'cube':
      need(1);
      return powConst(t, convert(args[0]), q(3));
    case 'pow':
      need(2);
      return power(t, convert, args[0], args[1]);
    case 'abs':
      need(1);
      return absOf(t, convert(args[0]).rf);
    case 'cos':
    case 'sin':
    case 'tan':
    case 'cot':
    case 'sec':
    case 'csc':
      need(1);
      return trig(t, name, convert(args[0]).rf);
    case 'cosh':
    case 'sinh':
    case 'tanh':
    case 'coth':
    case 'sech':
    case 'csch':
      need(1);
      return hyperbolic(t, name, convert(args[0]).rf);
    default:
      throw new QepInputError('expression', `built from supported functions exp, log, sqrt, abs, sin, cos, tan, sinh, cosh, tanh, coth, ... (unsupported function "${name}")`);
  }
}
