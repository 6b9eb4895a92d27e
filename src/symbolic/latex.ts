/**
 * LaTeX in paper notation for qep's closed forms. qep prints the expression
 * tree itself (mathjs `toTex` glues `\cdot` to the next token, e.g.
 * `\cdote^{…}`, and sets unit-like names such as `g` or `t` upright), with
 * parentheses decided by precedence, `\frac` for quotients, `e^{…}` for exp,
 * `\ln` for log, `\sin^{4}\theta` for powers of trig functions, and a symbol
 * table for Greek letters, subscripts and the models' named quantities.
 */
import type { MathNode } from 'mathjs';

/** Symbol name → LaTeX. */
export type SymbolTable = Readonly<Record<string, string>>;

const PREC = { add: 1, mul: 2, neg: 3, pow: 4, atom: 5 } as const;

const FUNCS: Record<string, string> = {
  log: '\\ln',
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  cot: '\\cot',
  sec: '\\sec',
  csc: '\\csc',
  sinh: '\\sinh',
  cosh: '\\cosh',
  tanh: '\\tanh',
  coth: '\\coth',
};

interface Printed {
  readonly tex: string;
  readonly prec: number;
  /** Starts with a digit (a following juxtaposed factor needs \cdot). */
  readonly numeric: boolean;
}

function symbolTex(name: string, table: SymbolTable): string {
  const t = table[name];
  if (t !== undefined) return `{${t}}`;
  if (name === 'pi') return '\\pi';
  if (name === 'e') return 'e';
  return name.length === 1 ? name : `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

function paren(p: Printed, min: number): string {
  return p.prec < min ? `\\left(${p.tex}\\right)` : p.tex;
}

function isSimpleArg(n: MathNode): boolean {
  const inner = n.type === 'ParenthesisNode' ? (n as unknown as { content: MathNode }).content : n;
  return inner.type === 'SymbolNode' || inner.type === 'ConstantNode';
}

function unparen(n: MathNode): MathNode {
  let x = n;
  while (x.type === 'ParenthesisNode') x = (x as unknown as { content: MathNode }).content;
  return x;
}

function print(n: MathNode, table: SymbolTable): Printed {
  const node = unparen(n);
  switch (node.type) {
    case 'ConstantNode': {
      const v = String((node as unknown as { value: unknown }).value);
      return { tex: v, prec: v.startsWith('-') ? PREC.neg : PREC.atom, numeric: true };
    }
    case 'SymbolNode':
      return { tex: symbolTex((node as unknown as { name: string }).name, table), prec: PREC.atom, numeric: false };
    case 'OperatorNode': {
      const op = node as unknown as { fn: string; args: MathNode[] };
      const a = op.args.map((x) => print(x, table));
      switch (op.fn) {
        case 'add':
          return { tex: a.map((x, i) => (i > 0 && x.prec === PREC.neg ? `\\left(${x.tex}\\right)` : x.tex)).join(' + '), prec: PREC.add, numeric: a[0].numeric };
        case 'subtract':
          return { tex: `${a[0].tex} - ${paren(a[1], PREC.mul)}`, prec: PREC.add, numeric: a[0].numeric };
        case 'unaryMinus':
          return { tex: `-${paren(a[0], PREC.mul)}`, prec: PREC.neg, numeric: false };
        case 'unaryPlus':
          return a[0];
        case 'multiply': {
          // juxtapose factors (thin space); \cdot only before a factor that starts with a digit
          const parts = a.map((x) => paren(x, PREC.mul));
          const tex = parts.reduce((acc, part, i) => (i === 0 ? part : /^[\d.]/.test(part) ? `${acc} \\cdot ${part}` : `${acc}\\,${part}`), '');
          return { tex, prec: PREC.mul, numeric: /^[\d.]/.test(parts[0]) };
        }
        case 'divide': {
          const num = unparen(op.args[0]);
          // −x/2 reads better as −\frac{x}{2}
          if (num.type === 'OperatorNode' && (num as unknown as { fn: string }).fn === 'unaryMinus') {
            const inner = print((num as unknown as { args: MathNode[] }).args[0], table);
            return { tex: `-\\frac{${inner.tex}}{${a[1].tex}}`, prec: PREC.neg, numeric: false };
          }
          return { tex: `\\frac{${a[0].tex}}{${a[1].tex}}`, prec: PREC.mul, numeric: false };
        }
        case 'pow': {
          const base = unparen(op.args[0]);
          if (base.type === 'FunctionNode') {
            const f = (base as unknown as { fn: { name: string }; args: MathNode[] }).fn.name;
            if (FUNCS[f] && f !== 'log') {
              const arg = (base as unknown as { args: MathNode[] }).args[0];
              const argTex = print(arg, table);
              const argPart = isSimpleArg(arg) ? ` ${argTex.tex}` : `\\left(${argTex.tex}\\right)`;
              return { tex: `${FUNCS[f]}^{${a[1].tex}}${argPart}`, prec: PREC.pow, numeric: false };
            }
          }
          return { tex: `{${paren(a[0], PREC.atom)}}^{${a[1].tex}}`, prec: PREC.pow, numeric: false };
        }
        default:
          return { tex: `\\mathrm{${op.fn}}\\left(${a.map((x) => x.tex).join(', ')}\\right)`, prec: PREC.atom, numeric: false };
      }
    }
    case 'FunctionNode': {
      const fn = node as unknown as { fn: { name: string }; args: MathNode[] };
      const name = fn.fn.name;
      const a = fn.args.map((x) => print(x, table));
      if (name === 'exp') return { tex: `e^{${a[0].tex}}`, prec: PREC.pow, numeric: false };
      if (name === 'sqrt') return { tex: `\\sqrt{${a[0].tex}}`, prec: PREC.atom, numeric: false };
      if (name === 'abs') return { tex: `\\left|${a[0].tex}\\right|`, prec: PREC.atom, numeric: false };
      if (name === 'log' && a.length === 2) return { tex: `\\log_{${a[1].tex}}\\left(${a[0].tex}\\right)`, prec: PREC.atom, numeric: false };
      const f = FUNCS[name];
      if (f) {
        const simple = name !== 'log' && isSimpleArg(fn.args[0]);
        return { tex: simple ? `${f} ${a[0].tex}` : `${f}\\left(${a[0].tex}\\right)`, prec: simple ? PREC.mul : PREC.atom, numeric: false };
      }
      return { tex: `\\operatorname{${name}}\\left(${a.map((x) => x.tex).join(', ')}\\right)`, prec: PREC.atom, numeric: false };
    }
    default:
      throw new Error(`cannot print ${node.type} as LaTeX`);
  }
}

/**
 * An expression as LaTeX, symbols through `table`.
 * @throws Error for node types outside arithmetic and functions.
 */
export function toLatex(node: MathNode, table: SymbolTable = {}): string {
  return print(node, table).tex;
}

/** One line of an align block: `lhs &= rhs`. */
export interface AlignLine {
  readonly lhs: string;
  readonly rhs: string;
}

/** An `align` environment from lines (each line ends with `\\` except the last). */
export function alignBlock(lines: readonly AlignLine[]): string {
  return `\\begin{align}\n${lines.map((l) => `  ${l.lhs} &= ${l.rhs}`).join(' \\\\\n')}\n\\end{align}`;
}
