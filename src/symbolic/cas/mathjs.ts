/**
 * The mathjs adapter: mathjs holds qep's expressions (parse, derivative,
 * substitution, evaluation in float64 and in BigNumber, LaTeX).
 *
 * Measured caveats: `simplify` rarely reaches 0 on log identities,
 * folds `log(2)` into a float and rewrites `(x^2)^(1/2)` to `x` (unsound), so
 * qep never uses mathjs `simplify` for a verdict; `derivative` is always
 * called with `{ simplify: false }` so that exact constants stay exact.
 */
import { createRequire } from 'node:module';
import type { MathNode, MathJsInstance, BigNumber } from 'mathjs';
import { QepInputError } from '../../numeric/errors.js';
import { SYMBOLIC_TOL } from '../../numeric/tolerance.js';

/**
 * mathjs's one-file bundle, the same library as its ES modules: Node loads the
 * ES build's several hundred modules in about a second, this file in about 0.1 s,
 * and every thread that runs a symbolic check pays that once.
 */
const { create, all } = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as typeof import('mathjs');

/** mathjs with float64 numbers. */
export const math: MathJsInstance = create(all, {});

/** mathjs with BigNumber at {@link SYMBOLIC_TOL.sampleDigits} significant digits. */
export const bigMath: MathJsInstance = create(all, { number: 'BigNumber', precision: SYMBOLIC_TOL.sampleDigits });

/**
 * Parse an expression in mathjs syntax.
 * @throws QepInputError with the parser's message on a syntax error.
 */
export function parseExpression(expr: string, field = 'expression'): MathNode {
  try {
    return math.parse(expr);
  } catch (e) {
    throw new QepInputError(field, `valid mathjs syntax (${(e as Error).message}: ${JSON.stringify(expr)})`);
  }
}

/** d(node)/d(variable), unsimplified so exact constants stay exact (mathjs `derivative`). */
export function derivative(node: MathNode, variable: string): MathNode {
  return math.derivative(node, variable, { simplify: false });
}

/** Replace symbols by expressions (simultaneously). */
export function substitute(node: MathNode, map: Readonly<Record<string, MathNode>>): MathNode {
  return node.transform((n) => {
    if (n.type === 'SymbolNode') {
      const name = (n as unknown as { name: string }).name;
      const r = map[name];
      if (r !== undefined) return new math.ParenthesisNode(r.cloneDeep());
    }
    return n;
  });
}

/** The symbol names that occur in an expression (functions excluded). */
export function freeSymbols(node: MathNode): Set<string> {
  const out = new Set<string>();
  node.traverse((n, _path, parent) => {
    if (n.type === 'SymbolNode') {
      const isFnName = parent !== null && parent.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n;
      if (!isFnName) out.add((n as unknown as { name: string }).name);
    }
  });
  return out;
}

/** Build a node from mathjs syntax (for programmatic construction). */
export function node(expr: string): MathNode {
  return math.parse(expr);
}

/** A compiled float64 evaluator. */
export function compileNumber(n: MathNode): (scope: Readonly<Record<string, number>>) => number {
  const code = n.compile();
  return (scope) => {
    const v: unknown = code.evaluate({ ...scope });
    if (typeof v === 'number') return v;
    throw new Error(`expression is not real at ${JSON.stringify(scope)}: got ${String(v)}`);
  };
}

/** A compiled BigNumber evaluator; the result is a BigNumber or an Error (non-real, non-finite). */
export function compileBig(n: MathNode): (scope: Readonly<Record<string, BigNumber>>) => BigNumber | Error {
  const code = bigMath.parse(n.toString()).compile();
  return (scope) => {
    try {
      const v: unknown = code.evaluate({ ...scope });
      if (bigMath.isBigNumber(v) && (v as BigNumber).isFinite()) return v as BigNumber;
      return new Error(`not a finite real number: ${String(v)}`);
    } catch (e) {
      return e as Error;
    }
  };
}
