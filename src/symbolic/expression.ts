/**
 * Reading a user's expression (`qep verify EXPR`) safely: size and nesting
 * limits are checked on the text and on the tree without recursion before
 * any other work, and every construct outside qep's supported arithmetic is
 * refused with an {@link ExpressionError} that says what to change.
 */
import type { MathNode } from 'mathjs';
import type { SymbolicLimits } from '../numeric/tolerance.js';
import { math } from './cas/mathjs.js';
import { ExpressionError, LimitError } from './errors.js';

/** Functions a user expression may use, with the numbers of arguments they take. */
export const FUNCTION_ARITY: Readonly<Record<string, readonly number[]>> = {
  exp: [1],
  log: [1, 2],
  log2: [1],
  log10: [1],
  sqrt: [1],
  cbrt: [1],
  nthRoot: [2],
  square: [1],
  cube: [1],
  abs: [1],
  sin: [1],
  cos: [1],
  tan: [1],
  cot: [1],
  sec: [1],
  csc: [1],
  sinh: [1],
  cosh: [1],
  tanh: [1],
  coth: [1],
  sech: [1],
  csch: [1],
};

/** Operators a user expression may use (mathjs names). */
const OPERATORS: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  unaryMinus: '-',
  unaryPlus: '+',
};

const NODE_WORDS: Readonly<Record<string, string>> = {
  AssignmentNode: 'an assignment',
  FunctionAssignmentNode: 'a function definition',
  BlockNode: 'several expressions',
  ArrayNode: 'a matrix or list',
  ObjectNode: 'an object',
  AccessorNode: 'an index or property access',
  IndexNode: 'an index',
  ConditionalNode: 'a conditional (? :)',
  RangeNode: 'a range (:)',
  RelationalNode: 'a comparison',
};

/** The deepest nesting of brackets in a text (one pass, no recursion). */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') deepest = Math.max(deepest, ++depth);
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
  }
  return deepest;
}

function children(n: MathNode): readonly MathNode[] {
  if (n.type === 'ParenthesisNode') return [(n as unknown as { content: MathNode }).content];
  if (n.type === 'OperatorNode' || n.type === 'FunctionNode') return (n as unknown as { args: MathNode[] }).args;
  return [];
}

/** One node of a user expression: supported, or an ExpressionError saying why not. */
function checkNode(n: MathNode, field: string, params: readonly string[]): void {
  const allowed = `built from numbers, the parameters ${params.join(', ')}, pi, e, + - * / ^ and the functions ${Object.keys(FUNCTION_ARITY).join(', ')}`;
  switch (n.type) {
    case 'ParenthesisNode':
      return;
    case 'ConstantNode': {
      const v: unknown = (n as unknown as { value: unknown }).value;
      if (typeof v === 'number' && Number.isFinite(v)) return;
      throw new ExpressionError(field, 'constant', `${allowed}, with finite numbers`, `the constant ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
    }
    case 'SymbolNode': {
      const name = (n as unknown as { name: string }).name;
      if (params.includes(name) || name === 'pi' || name === 'e') return;
      throw new ExpressionError(field, 'symbol', `written in the parameters ${params.join(', ')} (and pi, e)`, `unknown symbol "${name}"`);
    }
    case 'OperatorNode': {
      const op = n as unknown as { fn: string; op: string };
      if (op.fn in OPERATORS) return;
      throw new ExpressionError(field, 'unsupported', allowed, `unsupported operator "${op.op}" (${op.fn})`);
    }
    case 'FunctionNode': {
      const f = n as unknown as { fn: MathNode; args: MathNode[] };
      const name = f.fn.type === 'SymbolNode' ? (f.fn as unknown as { name: string }).name : undefined;
      const arity = name === undefined ? undefined : FUNCTION_ARITY[name];
      if (name === undefined || arity === undefined) throw new ExpressionError(field, 'unsupported', allowed, `unknown function "${name ?? f.fn.toString()}"`);
      if (!arity.includes(f.args.length)) {
        const want = arity.map((k) => `${k} argument${k === 1 ? '' : 's'}`).join(' or ');
        throw new ExpressionError(field, 'arity', `a call of ${name} with ${want}`, `${name} with ${f.args.length}`);
      }
      return;
    }
    default:
      throw new ExpressionError(field, 'unsupported', `one arithmetic expression, ${allowed}`, NODE_WORDS[n.type] ?? n.type);
  }
}

/**
 * Parse and check a user expression in the given parameters: not empty, at
 * most `maxExpressionChars` characters, `maxExpressionNodes` nodes and
 * `maxExpressionDepth` levels of nesting, and only supported constructs.
 * @throws LimitError over a limit; ExpressionError for anything qep cannot read.
 */
export function parseUserExpression(expr: string, params: readonly string[], limits: SymbolicLimits, field = 'EXPR'): MathNode {
  if (expr.trim() === '') throw new ExpressionError(field, 'empty', `a non-empty expression in the parameters ${params.join(', ')}`, 'an empty string');
  if (expr.length > limits.maxExpressionChars) {
    throw new LimitError(field, 'maxExpressionChars', limits.maxExpressionChars, `at most ${limits.maxExpressionChars} characters long`, `${expr.length} characters`);
  }
  const brackets = bracketDepth(expr);
  if (brackets > limits.maxExpressionDepth) {
    throw new LimitError(field, 'maxExpressionDepth', limits.maxExpressionDepth, `nested at most ${limits.maxExpressionDepth} levels deep`, `${brackets} levels of brackets`);
  }
  let root: MathNode;
  try {
    root = math.parse(expr);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new LimitError(field, 'maxExpressionDepth', limits.maxExpressionDepth, 'nested shallowly enough to parse', 'a nesting too deep for the parser');
    }
    const shown = expr.length > 80 ? `${JSON.stringify(expr.slice(0, 80))}… (${expr.length} characters)` : JSON.stringify(expr);
    throw new ExpressionError(field, 'syntax', 'valid mathjs syntax', `${(e as Error).message} in ${shown}`);
  }
  let nodes = 0;
  const stack: { node: MathNode; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (++nodes > limits.maxExpressionNodes) {
      throw new LimitError(field, 'maxExpressionNodes', limits.maxExpressionNodes, `at most ${limits.maxExpressionNodes} operations, numbers and symbols`, `more than ${limits.maxExpressionNodes}`);
    }
    if (depth > limits.maxExpressionDepth) {
      throw new LimitError(field, 'maxExpressionDepth', limits.maxExpressionDepth, `nested at most ${limits.maxExpressionDepth} levels deep`, `more than ${limits.maxExpressionDepth} levels`);
    }
    checkNode(node, field, params);
    for (const c of children(node)) stack.push({ node: c, depth: depth + 1 });
  }
  return root;
}
