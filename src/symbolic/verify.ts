/**
 * `qep verify`'s engine: a user's closed form (mathjs syntax) for a named
 * quantity of a model is checked against the derived closed form (proved /
 * agrees by sampling / refuted with the point and both values) and against
 * the numeric engine at random points of the physical domain.
 */
import { QepInputError } from '../numeric/errors.js';
import type { SymbolicLimits } from '../numeric/tolerance.js';
import { compileNumber } from './cas/mathjs.js';
import { checkIdentitySync, addOpinions, type IdentityReport } from './identity.js';
import { deriveModel, MODEL_FORMS, MODEL_NAMES, MODEL_DOMAINS, isModelName, type ModelName } from './derive.js';
import { FUNCTION_ARITY, parseUserExpression } from './expression.js';
import { ExpressionError, LimitError } from './errors.js';
import { symbolicLimits } from './limits.js';
import { numericForms } from './numeric.js';
import { pointFromUnit, seededRandom, type Domain } from './domain.js';
import { CHECK_TOL, SYMBOLIC_TOL } from '../numeric/tolerance.js';

const SYMBOLIC_DIGITS = SYMBOLIC_TOL.sampleDigits;

/** Functions a user expression may use (those the atomizer and the BigNumber evaluator both support). */
export const SUPPORTED_FUNCTIONS: readonly string[] = Object.keys(FUNCTION_ARITY);

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
  /** Limits on the expression and on exact algebra, over the defaults and `QEP_LIMITS`. */
  readonly limits?: Partial<SymbolicLimits>;
}

/** Where a numeric cross-check differs most: the point and both values. */
export interface EngineWorst {
  readonly point: Record<string, number>;
  readonly user: number;
  readonly engine: number;
}

/**
 * The numeric cross-check of a user's form: at `count` seeded points of the
 * domain (each with a phase of ρ₀₁ drawn in [0, 2π) for the engine), the
 * largest relative difference |user − engine| / max(1, |user|, |engine|)
 * (a NaN counts as +∞; a user form that throws is +∞) and where it occurs.
 */
export function sampleAgainstEngine(
  userF: (point: Readonly<Record<string, number>>) => number,
  domain: Domain,
  seed: number,
  count: number,
  engineAt: (point: Readonly<Record<string, number>>, phase: number) => number,
): { worst: number; at: EngineWorst | undefined } {
  const rand = seededRandom(seed);
  const dims = Object.keys(domain.params).length;
  let worst = 0;
  let at: EngineWorst | undefined;
  for (let i = 0; i < count; i++) {
    const point = pointFromUnit(domain, Array.from({ length: dims }, () => rand()));
    const engine = engineAt(point, rand() * 2 * Math.PI);
    let u: number;
    try {
      u = userF(point);
    } catch {
      u = Infinity;
    }
    const r = Math.abs(u - engine) / Math.max(1, Math.abs(u), Math.abs(engine));
    if (!(r <= worst)) {
      worst = Number.isNaN(r) ? Infinity : r;
      at = { point, user: u, engine };
    }
  }
  return { worst, at };
}

/** A seed must be a 32-bit integer. */
function checkSeed(seed: number | undefined): void {
  if (seed !== undefined && !(Number.isInteger(seed) && Math.abs(seed) <= 0xffffffff)) throw new QepInputError('--seed', 'a 32-bit integer', String(seed));
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
  const limits = symbolicLimits(options.limits);
  checkSeed(options.seed);
  const modelName = resolveModel(quantity, options.model);
  const params = Object.keys(MODEL_DOMAINS[modelName].params);
  // every size limit is checked, without recursion, before any work on the expression
  const user = parseUserExpression(expr, params, limits);
  const model = await deriveModel(modelName, { algebrite: false });
  const form = model.forms[quantity];
  let sync: ReturnType<typeof checkIdentitySync>;
  try {
    sync = checkIdentitySync(user, form.inlined, { atoms: model.atoms, domain: model.domain, seed: options.seed, exactLimits: limits });
  } catch (e) {
    if (e instanceof RangeError) throw new LimitError('EXPR', 'maxExpressionDepth', limits.maxExpressionDepth, 'nested shallowly enough for the evaluator', 'a nesting too deep');
    throw e;
  }
  if (sync.report.status === 'error' && sync.errorSide === 'lhs' && sync.errorKind === 'not-evaluable') {
    throw new ExpressionError('EXPR', 'not-evaluable', `evaluable at ${SYMBOLIC_DIGITS} significant digits on the domain of ${modelName}`, sync.report.detail);
  }
  const identity = await addOpinions(sync, { algebrite: limits.exactBudgetMs, nerdamer: limits.exactBudgetMs });
  if (identity.status === 'error') {
    // the user's expression is not real (or not finite) somewhere on the domain: refuted there
    if (identity.counterexample && sync.errorSide === 'lhs') {
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
  const count = options.numericPoints ?? 20;
  const { worst, at: worstAt } = sampleAgainstEngine(compileNumber(user), model.domain, options.seed ?? 1, count, (point, phase) => numericForms(modelName, point, phase)[quantity]);
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
