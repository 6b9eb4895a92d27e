/**
 * `qep verify`'s engine: a user's closed form (mathjs syntax) for a named
 * quantity of a model is checked against the derived closed form (proved /
 * agrees by sampling / refuted with the point and both values) and against
 * the numeric engine at random points of the physical domain.
 */
import type { MathNode } from 'mathjs';
import { QepInputError } from '../numeric/errors.js';
import { parseExpression, freeSymbols, compileNumber } from './cas/mathjs.js';
import { checkIdentity, type IdentityReport } from './identity.js';
import { deriveModel, MODEL_FORMS, MODEL_NAMES, isModelName, type ModelName } from './derive.js';
import { numericForms } from './numeric.js';
import { pointFromUnit, seededRandom } from './domain.js';
import { CHECK_TOL } from '../numeric/tolerance.js';

/** Functions a user expression may use (those the atomizer and the BigNumber evaluator both support). */
export const SUPPORTED_FUNCTIONS: readonly string[] = [
  'exp',
  'log',
  'log2',
  'log10',
  'sqrt',
  'cbrt',
  'nthRoot',
  'square',
  'cube',
  'abs',
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'sinh',
  'cosh',
  'tanh',
  'coth',
  'sech',
  'csch',
];

/** The verdict of `qep verify`. */
export type VerifyVerdict = 'proved' | 'agrees-by-sampling' | 'refuted';

/** The numeric engine's opinion on a user expression. */
export interface NumericComparison {
  readonly points: number;
  /** Largest |user − engine| / max(1, |user|, |engine|). */
  readonly worst: number;
  readonly agrees: boolean;
  /** The worst point when it disagrees. */
  readonly point?: Readonly<Record<string, number>>;
  readonly user?: number;
  readonly engine?: number;
}

/** What `qep verify` found. */
export interface VerifyResult {
  readonly quantity: string;
  readonly model: ModelName;
  readonly verdict: VerifyVerdict;
  /** The derived closed form it was compared with (mathjs syntax, parameters only). */
  readonly derived: string;
  readonly identity: IdentityReport;
  readonly numeric: NumericComparison;
  /** At a refuting point: the parameter values, the user's value, the derived value (decimal strings), and the engine's value. */
  readonly counterexample?: { readonly point: Readonly<Record<string, string>>; readonly user: string; readonly derived: string; readonly engine?: number };
}

/** Options of {@link verifyQuantity}. */
export interface VerifyOptions {
  readonly model?: string;
  readonly seed?: number;
  /** Points at which the numeric engine is compared (default 20). */
  readonly numericPoints?: number;
}

function validateExpression(node: MathNode, params: readonly string[], expr: string): void {
  const known = new Set([...params, 'pi', 'e']);
  for (const s of freeSymbols(node)) {
    if (!known.has(s)) throw new QepInputError('EXPR', `written in the parameters ${params.join(', ')} (and pi, e); unknown symbol "${s}" in ${JSON.stringify(expr)}`);
  }
  node.traverse((n) => {
    if (n.type === 'FunctionNode') {
      const name = (n as unknown as { fn: { name: string } }).fn.name;
      if (!SUPPORTED_FUNCTIONS.includes(name)) throw new QepInputError('EXPR', `built from supported functions (${SUPPORTED_FUNCTIONS.join(', ')}); unknown function "${name}"`);
    } else if (!['OperatorNode', 'ConstantNode', 'SymbolNode', 'ParenthesisNode', 'FunctionNode'].includes(n.type)) {
      throw new QepInputError('EXPR', `one arithmetic expression (found ${n.type})`);
    }
  });
}

/** The model a quantity belongs to (the given one, or the only one that has it). */
export function resolveModel(quantity: string, model?: string): ModelName {
  if (model !== undefined) {
    if (!isModelName(model)) throw new QepInputError('--model', `one of ${MODEL_NAMES.join(', ')} (got ${JSON.stringify(model)})`);
    if (!MODEL_FORMS[model].includes(quantity)) throw new QepInputError('QUANTITY', `a quantity of ${model}: ${MODEL_FORMS[model].join(', ')} (got ${JSON.stringify(quantity)})`);
    return model;
  }
  const owners = MODEL_NAMES.filter((m) => MODEL_FORMS[m].includes(quantity));
  if (owners.length === 0) {
    throw new QepInputError('QUANTITY', `a known quantity (${MODEL_NAMES.map((m) => `${m}: ${MODEL_FORMS[m].join(', ')}`).join('; ')}); got ${JSON.stringify(quantity)}`);
  }
  if (owners.length > 1) throw new QepInputError('--model', `given: ${quantity} is a quantity of ${owners.join(' and ')}`);
  return owners[0];
}

/**
 * Check a user's closed form for a quantity.
 * @throws QepInputError for an unknown quantity or model, a syntax error, an unknown symbol or function.
 */
export async function verifyQuantity(quantity: string, expr: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const modelName = resolveModel(quantity, options.model);
  const user = parseExpression(expr, 'EXPR');
  const model = await deriveModel(modelName, { algebrite: false });
  const params = Object.keys(model.domain.params);
  validateExpression(user, params, expr);
  const form = model.forms[quantity];
  const identity = await checkIdentity(user, form.inlined, { atoms: model.atoms, domain: model.domain, seed: options.seed, nerdamer: true });
  if (identity.status === 'error') {
    // the user's expression is not real (or not finite) somewhere on the domain: refuted there
    if (identity.counterexample && /^cannot evaluate .*\(lhs:/.test(identity.detail)) {
      const cx = identity.counterexample;
      const pointNum = Object.fromEntries(Object.entries(cx.point).map(([k, v]) => [k, Number(v)]));
      return {
        quantity,
        model: modelName,
        verdict: 'refuted',
        derived: form.inlined.toString(),
        identity,
        numeric: { points: 0, worst: Infinity, agrees: false },
        counterexample: { point: cx.point, user: cx.lhs, derived: cx.rhs, engine: numericForms(modelName, pointNum)[quantity] },
      };
    }
    throw new Error(`the derived form of ${quantity} could not be evaluated: ${identity.detail}`);
  }

  // the numeric engine, at seeded random points (and at the refuting point, if any)
  const userF = compileNumber(user);
  const rand = seededRandom(options.seed ?? 1);
  const count = options.numericPoints ?? 20;
  let worst = 0;
  let worstAt: { point: Record<string, number>; user: number; engine: number } | undefined;
  for (let i = 0; i < count; i++) {
    const point = pointFromUnit(model.domain, params.map(() => rand()));
    const engine = numericForms(modelName, point, rand() * 2 * Math.PI)[quantity];
    let u: number;
    try {
      u = userF(point);
    } catch {
      u = Infinity;
    }
    const r = Math.abs(u - engine) / Math.max(1, Math.abs(u), Math.abs(engine));
    if (!(r <= worst)) {
      worst = Number.isNaN(r) ? Infinity : r;
      worstAt = { point, user: u, engine };
    }
  }
  const agrees = worst <= CHECK_TOL.crossCheck;
  const numeric: NumericComparison = agrees ? { points: count, worst, agrees } : { points: count, worst, agrees, ...worstAt };

  let counterexample: VerifyResult['counterexample'];
  let verdict: VerifyVerdict;
  if (identity.status === 'refuted') {
    verdict = 'refuted';
    const cx = identity.counterexample!;
    const pointNum = Object.fromEntries(Object.entries(cx.point).map(([k, v]) => [k, Number(v)]));
    let engine: number | undefined;
    try {
      engine = numericForms(modelName, pointNum)[quantity];
    } catch {
      engine = undefined;
    }
    counterexample = { point: cx.point, user: cx.lhs, derived: cx.rhs, engine };
  } else if (!agrees) {
    // the symbolic check agreed but the numeric engine does not: report it as refuted at the engine's point
    verdict = 'refuted';
    const p = worstAt!;
    counterexample = {
      point: Object.fromEntries(Object.entries(p.point).map(([k, v]) => [k, String(v)])),
      user: String(p.user),
      derived: String(compileNumber(form.inlined)(p.point)),
      engine: p.engine,
    };
  } else verdict = identity.status === 'proved' ? 'proved' : 'agrees-by-sampling';
  return { quantity, model: modelName, verdict, derived: form.inlined.toString(), identity, numeric, counterexample };
}
