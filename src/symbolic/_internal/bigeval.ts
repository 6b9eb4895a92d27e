/**
 * A BigNumber evaluator for mathjs expression trees with common-subexpression
 * elimination: structurally equal subtrees (CAS derivatives repeat them many
 * times) are evaluated once per point. Arithmetic is decimal.js at the
 * precision of `bigMath` (SYMBOLIC_TOL.sampleDigits). A non-real or
 * non-finite value is an Error result, never NaN.
 */
import type { MathNode, BigNumber } from 'mathjs';
import { bigMath } from '../cas/mathjs.js';
import { SYMBOLIC_TOL } from '../../numeric/tolerance.js';

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

/** decimal.js's configured class: its precision and rounding are global state of the evaluator. */
const DecimalClass = (bigMath as unknown as { BigNumber: { precision: number; rounding: number } }).BigNumber;

/** A value decimal.js refused to compute (not a property of the mathematics: e.g. sin of 10^100000 at 64 digits). */
export class NotEvaluableError extends Error {
  override readonly name = 'NotEvaluableError';
}

/** A compiled expression: evaluate at a point of BigNumbers. */
export type BigEvaluator = (scope: Readonly<Record<string, Big>>) => Big | Error;

/**
 * A growing program of BigNumber instructions with common-subexpression
 * elimination across every expression compiled into it, and the values
 * computed so far at each point (kept per point object, so identities sampled
 * at the same frozen points share their common sub-expressions).
 * Compilation walks the tree with an explicit stack (no recursion).
 */
export class BigEvalContext {
  private readonly program: Instr[] = [];
  private readonly intern = new Map<string, number>();
  private readonly values = new WeakMap<object, (Big | Error | undefined)[]>();

  private emit(key: string, instr: Instr): number {
    const found = this.intern.get(key);
    if (found !== undefined) return found;
    this.program.push(instr);
    this.intern.set(key, this.program.length - 1);
    return this.program.length - 1;
  }

  /** The instruction of one node whose children are already compiled (their indices in `args`). */
  private emitNode(n: MathNode, args: readonly number[]): number {
    switch (n.type) {
      case 'ParenthesisNode':
        return args[0];
      case 'ConstantNode': {
        const v = (n as unknown as { value: unknown }).value;
        const s = String(v);
        return this.emit(`c:${s}`, { op: 'const', args: [], value: bigMath.bignumber(s) as Big });
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        if (name === 'pi') return this.emit('c:pi', { op: 'const', args: [], value: bigMath.pi as unknown as Big });
        if (name === 'e') return this.emit('c:e', { op: 'const', args: [], value: bigMath.e as unknown as Big });
        return this.emit(`s:${name}`, { op: 'symbol', args: [], name });
      }
      case 'OperatorNode':
      case 'FunctionNode': {
        const fn = n.type === 'OperatorNode' ? (n as unknown as { fn: string }).fn : (n as unknown as { fn: { name: string } }).fn.name;
        if (fn === 'log' && args.length === 2) {
          const a = this.emit(`log(${args[0]})`, { op: 'log', args: [args[0]] });
          const b = this.emit(`log(${args[1]})`, { op: 'log', args: [args[1]] });
          return this.emit(`divide(${a},${b})`, { op: 'divide', args: [a, b] });
        }
        if (fn === 'nthRoot' && args.length === 2) return this.emit(`nthRoot(${args.join(',')})`, { op: 'nthRoot', args });
        if (args.length === 2 && BINARY[fn]) {
          // n-ary chains come as nested binaries from the parser; associativity is kept as written
          return this.emit(`${fn}(${args.join(',')})`, { op: fn, args });
        }
        if (args.length > 2 && (fn === 'add' || fn === 'multiply')) {
          let acc = args[0];
          for (const b of args.slice(1)) acc = this.emit(`${fn}(${acc},${b})`, { op: fn, args: [acc, b] });
          return acc;
        }
        if (args.length === 1 && UNARY[fn]) return this.emit(`${fn}(${args[0]})`, { op: fn, args });
        throw new Error(`cannot evaluate function ${fn} with ${args.length} arguments`);
      }
      default:
        throw new Error(`cannot evaluate ${n.type}`);
    }
  }

  /** The children of a node that are evaluated (a function's name is not). */
  private static children(n: MathNode): readonly MathNode[] {
    if (n.type === 'ParenthesisNode') return [(n as unknown as { content: MathNode }).content];
    if (n.type === 'OperatorNode' || n.type === 'FunctionNode') return (n as unknown as { args: MathNode[] }).args;
    return [];
  }

  /**
   * Compile a mathjs tree.
   * @throws Error for node types or functions outside the supported set.
   */
  compile(root: MathNode): BigEvaluator {
    // post-order walk with an explicit stack: a node is emitted once its children are
    const done: number[] = [];
    const stack: { node: MathNode; expanded: boolean }[] = [{ node: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const kids = BigEvalContext.children(top.node);
      if (!top.expanded) {
        top.expanded = true;
        for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], expanded: false });
        continue;
      }
      stack.pop();
      const args = done.splice(done.length - kids.length, kids.length);
      done.push(this.emitNode(top.node, args));
    }
    const out = done[0];
    const deps = this.dependencies(out);
    return (scope) => this.run(scope, out, deps);
  }

  /** The instructions an output depends on, in program order (arguments come before their uses). */
  private dependencies(out: number): Int32Array {
    const seen = new Set<number>([out]);
    const todo = [out];
    while (todo.length > 0) {
      const i = todo.pop()!;
      for (const a of this.program[i].args)
        if (!seen.has(a)) {
          seen.add(a);
          todo.push(a);
        }
    }
    return Int32Array.from(seen).sort();
  }

  private run(scope: Readonly<Record<string, Big>>, out: number, deps: Int32Array): Big | Error {
    let vals = this.values.get(scope);
    if (!vals) {
      vals = [];
      this.values.set(scope, vals);
    }
    for (const i of deps) if (vals[i] === undefined) vals[i] = this.step(scope, vals, this.program[i]);
    return vals[out]!;
  }

  private step(scope: Readonly<Record<string, Big>>, vals: readonly (Big | Error | undefined)[], ins: Instr): Big | Error {
    for (const a of ins.args) {
      const v = vals[a];
      if (v instanceof Error) return v;
    }
    const arg = (k: number): Big => vals[ins.args[k]] as Big;
    const savedPrecision = DecimalClass.precision;
    const savedRounding = DecimalClass.rounding;
    let v: Big;
    try {
      if (ins.op === 'const') v = ins.value!;
      else if (ins.op === 'symbol') {
        const s = scope[ins.name!];
        if (s === undefined) return new Error(`no value for symbol ${ins.name}`);
        v = s;
      } else if (ins.op === 'nthRoot') {
        const a = arg(0);
        const k = arg(1);
        v = a.isNegative() && k.mod(2).eq(1) ? a.neg().pow(one().div(k)).neg() : a.pow(one().div(k));
      } else if (ins.args.length === 2) {
        const a = arg(0);
        const b = arg(1);
        if (ins.op === 'divide' && b.isZero()) return new Error('division by zero');
        if (ins.op === 'pow' && a.isNegative() && !b.isInteger()) return new Error('non-real power of a negative number');
        v = BINARY[ins.op](a, b);
      } else {
        const a = arg(0);
        if ((ins.op === 'log' || ins.op === 'log2' || ins.op === 'log10') && !a.isPositive()) return new Error(`log of ${a.toSignificantDigits(6).toString()} (not positive)`);
        if (ins.op === 'sqrt' && a.isNegative()) return new Error(`sqrt of ${a.toSignificantDigits(6).toString()} (negative)`);
        v = UNARY[ins.op](a);
      }
    } catch (e) {
      // decimal.js refuses some arguments (e.g. sin of a number beyond its precision limit),
      // and leaves its raised working precision behind: restore it before anything else runs
      DecimalClass.precision = savedPrecision;
      DecimalClass.rounding = savedRounding;
      return new NotEvaluableError(`${ins.op} cannot be evaluated at ${SYMBOLIC_TOL.sampleDigits} digits (${(e as Error).message})`);
    }
    if (!v.isFinite()) return new Error(`not a finite real number in ${ins.op}`);
    return v;
  }
}


/**
 * Compile a mathjs tree for BigNumber evaluation with CSE (a context of its own).
 * @throws Error for node types or functions outside the supported set.
 */
export function compileBigCse(root: MathNode): BigEvaluator {
  return new BigEvalContext().compile(root);
}
