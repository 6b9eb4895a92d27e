/**
 * A BigNumber evaluator for mathjs expression trees with common-subexpression
 * elimination: structurally equal subtrees (CAS derivatives repeat them many
 * times) are evaluated once per point. Arithmetic is decimal.js at the
 * precision of `bigMath` (SYMBOLIC_TOL.sampleDigits). A non-real or
 * non-finite value is an Error result, never NaN.
 */
import type { MathNode, BigNumber } from 'mathjs';
import { bigMath } from '../cas/mathjs.js';

type Big = BigNumber;
type Instr = { readonly op: string; readonly args: readonly number[]; readonly value?: Big; readonly name?: string };

const BINARY: Record<string, (a: Big, b: Big) => Big> = {
  add: (a, b) => a.plus(b),
  subtract: (a, b) => a.minus(b),
  multiply: (a, b) => a.times(b),
  divide: (a, b) => a.div(b),
  pow: (a, b) => (b.isInteger() ? a.pow(b) : a.pow(b)),
};

const one = (): Big => bigMath.bignumber(1) as Big;

const UNARY: Record<string, (a: Big) => Big> = {
  unaryMinus: (a) => a.neg(),
  unaryPlus: (a) => a,
  exp: (a) => a.exp(),
  log: (a) => a.ln(),
  sqrt: (a) => a.sqrt(),
  cbrt: (a) => a.cbrt(),
  abs: (a) => a.abs(),
  square: (a) => a.times(a),
  cube: (a) => a.times(a).times(a),
  cos: (a) => a.cos(),
  sin: (a) => a.sin(),
  tan: (a) => a.tan(),
  cot: (a) => one().div(a.tan()),
  sec: (a) => one().div(a.cos()),
  csc: (a) => one().div(a.sin()),
  cosh: (a) => a.cosh(),
  sinh: (a) => a.sinh(),
  tanh: (a) => a.tanh(),
  coth: (a) => one().div(a.tanh()),
  sech: (a) => one().div(a.cosh()),
  csch: (a) => one().div(a.sinh()),
  log2: (a) => a.ln().div(bigMath.bignumber(2).ln()),
  log10: (a) => a.ln().div(bigMath.bignumber(10).ln()),
};

/** A compiled expression: evaluate at a point of BigNumbers. */
export type BigEvaluator = (scope: Readonly<Record<string, Big>>) => Big | Error;

/**
 * Compile a mathjs tree for BigNumber evaluation with CSE.
 * @throws Error for node types or functions outside the supported set.
 */
export function compileBigCse(root: MathNode): BigEvaluator {
  const program: Instr[] = [];
  const intern = new Map<string, number>();
  const emit = (key: string, instr: Instr): number => {
    const found = intern.get(key);
    if (found !== undefined) return found;
    program.push(instr);
    intern.set(key, program.length - 1);
    return program.length - 1;
  };
  const visit = (n: MathNode): number => {
    switch (n.type) {
      case 'ParenthesisNode':
        return visit((n as unknown as { content: MathNode }).content);
      case 'ConstantNode': {
        const v = (n as unknown as { value: unknown }).value;
        const s = String(v);
        return emit(`c:${s}`, { op: 'const', args: [], value: bigMath.bignumber(s) as Big });
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        if (name === 'pi') return emit('c:pi', { op: 'const', args: [], value: bigMath.pi as unknown as Big });
        if (name === 'e') return emit('c:e', { op: 'const', args: [], value: bigMath.e as unknown as Big });
        return emit(`s:${name}`, { op: 'symbol', args: [], name });
      }
      case 'OperatorNode':
      case 'FunctionNode': {
        const isOp = n.type === 'OperatorNode';
        const fn = isOp ? (n as unknown as { fn: string }).fn : (n as unknown as { fn: { name: string } }).fn.name;
        const args = (n as unknown as { args: MathNode[] }).args.map(visit);
        if (fn === 'log' && args.length === 2) {
          const a = emit(`log(${args[0]})`, { op: 'log', args: [args[0]] });
          const b = emit(`log(${args[1]})`, { op: 'log', args: [args[1]] });
          return emit(`divide(${a},${b})`, { op: 'divide', args: [a, b] });
        }
        if (fn === 'nthRoot' && args.length === 2) return emit(`nthRoot(${args.join(',')})`, { op: 'nthRoot', args });
        if (args.length === 2 && BINARY[fn]) {
          // n-ary chains come as nested binaries from the parser; associativity is kept as written
          return emit(`${fn}(${args.join(',')})`, { op: fn, args });
        }
        if (args.length > 2 && (fn === 'add' || fn === 'multiply')) {
          let acc = args[0];
          for (const b of args.slice(1)) acc = emit(`${fn}(${acc},${b})`, { op: fn, args: [acc, b] });
          return acc;
        }
        if (args.length === 1 && UNARY[fn]) return emit(`${fn}(${args[0]})`, { op: fn, args });
        throw new Error(`cannot evaluate function ${fn} with ${args.length} arguments`);
      }
      default:
        throw new Error(`cannot evaluate ${n.type}`);
    }
  };
  const out = visit(root);
  return (scope) => {
    const vals: Big[] = new Array(program.length);
    for (let i = 0; i < program.length; i++) {
      const ins = program[i];
      let v: Big;
      if (ins.op === 'const') v = ins.value!;
      else if (ins.op === 'symbol') {
        const s = scope[ins.name!];
        if (s === undefined) return new Error(`no value for symbol ${ins.name}`);
        v = s;
      } else if (ins.op === 'nthRoot') {
        const a = vals[ins.args[0]];
        const k = vals[ins.args[1]];
        v = a.isNegative() && k.mod(2).eq(1) ? a.neg().pow(one().div(k)).neg() : a.pow(one().div(k));
      } else if (ins.args.length === 2) {
        const a = vals[ins.args[0]];
        const b = vals[ins.args[1]];
        if (ins.op === 'divide' && b.isZero()) return new Error('division by zero');
        if (ins.op === 'pow' && a.isNegative() && !b.isInteger()) return new Error('non-real power of a negative number');
        v = BINARY[ins.op](a, b);
      } else {
        const a = vals[ins.args[0]];
        if ((ins.op === 'log' || ins.op === 'log2' || ins.op === 'log10') && !a.isPositive()) return new Error(`log of ${a.toSignificantDigits(6).toString()} (not positive)`);
        if (ins.op === 'sqrt' && a.isNegative()) return new Error(`sqrt of ${a.toSignificantDigits(6).toString()} (negative)`);
        v = UNARY[ins.op](a);
      }
      if (!v.isFinite()) return new Error(`not a finite real number in ${ins.op}`);
      vals[i] = v;
    }
    return vals[out];
  };
}
