/**
 * The model file of the qubit family: a JSON description of a qubit
 * H = diag(0, ω) coupled to K baths (each by a standard coupling g_k or by its
 * absorption and emission rates), with optional pure dephasing, an initial
 * state (p₁(0), |ρ₀₁(0)|) and a time parameter. The shape is validated with zod
 * (errors name the JSON path); every expression is mathjs syntax over the
 * declared parameters only, under the sandbox rules and size limits of
 * `qep verify` (parseUserExpression: the supported functions, arithmetic
 * operators, finite numbers, no other symbols than the parameters, `pi` and `e`).
 *
 * ```json
 * { "model": "two-baths",
 *   "parameters": { "w": {"domain": "positive", "latex": "\\omega"}, … },
 *   "gap": "w",
 *   "baths": [ {"beta": "bh", "coupling": "gh"},
 *              {"beta": "bc", "absorption": "…", "emission": "…"} ],
 *   "dephasing": "gphi",
 *   "initial": {"p1": "p10", "abs_c": "c0"},
 *   "time": "t" }
 * ```
 *
 * Optional keys beyond the contract's required ones: `title`, a parameter's
 * `description`, and `forms` (the form names to print, in order; default all).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { MathNode } from 'mathjs';
import { z } from 'zod';
import { QepInputError } from '../../numeric/errors.js';
import { FUNCTION_ARITY, parseUserExpression } from '../expression.js';
import { symbolicLimits } from '../limits.js';

/** The domains a parameter may declare. */
export const PARAMETER_DOMAINS = ['positive', 'nonnegative', 'probability', 'coherence'] as const;
/** A parameter's domain: > 0, ≥ 0, in (0, 1), or a coherence |c| with c² ≤ p(1 − p) for p = `initial.p1`. */
export type ParameterDomain = (typeof PARAMETER_DOMAINS)[number];

const NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;

const expression = z.string().min(1, 'a non-empty mathjs expression');

const parameterSchema = z.strictObject({
  domain: z.enum(PARAMETER_DOMAINS),
  latex: z.string().min(1).optional(),
  description: z.string().optional(),
});

const bathSchema = z
  .strictObject({
    beta: expression,
    coupling: expression.optional(),
    absorption: expression.optional(),
    emission: expression.optional(),
  })
  .superRefine((b, ctx) => {
    const rates = b.absorption !== undefined || b.emission !== undefined;
    if (b.coupling !== undefined && rates) ctx.addIssue({ code: 'custom', message: 'either "coupling" or both "absorption" and "emission", not both kinds' });
    else if (b.coupling === undefined && !(b.absorption !== undefined && b.emission !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'given by "coupling" or by both "absorption" and "emission"' });
    }
  });

const modelFileSchema = z.strictObject({
  model: z.string().min(1),
  title: z.string().optional(),
  parameters: z.record(z.string().regex(NAME, 'a parameter name (letters and digits, words joined by _)'), parameterSchema),
  gap: expression,
  baths: z.array(bathSchema).min(1, 'at least one bath'),
  dephasing: expression.optional(),
  initial: z.strictObject({ p1: expression, abs_c: expression }),
  time: z.string().regex(NAME, 'a parameter name'),
  forms: z.array(z.string()).min(1).optional(),
});

/** The raw, shape-checked content of a model file. */
export type ModelFileJson = z.infer<typeof modelFileSchema>;

/** One declared parameter. */
export interface ModelParameter {
  readonly domain: ParameterDomain;
  readonly latex: string;
  readonly description?: string;
}

/** One bath: β_k and either the coupling g_k or the absorption W_k(1|0) and emission W_k(0|1) rates (mathjs syntax). */
export type ModelBath =
  | { readonly kind: 'coupling'; readonly beta: string; readonly coupling: string }
  | { readonly kind: 'rates'; readonly beta: string; readonly absorption: string; readonly emission: string };

/** A validated model file. */
export interface ModelSpec {
  /** The file's base name without `.json`: the model's name in `qep derive` output. */
  readonly name: string;
  /** The file's `model` field. */
  readonly model: string;
  readonly title: string;
  readonly parameters: Readonly<Record<string, ModelParameter>>;
  readonly gap: string;
  readonly baths: readonly ModelBath[];
  readonly dephasing?: string;
  readonly initial: { readonly p1: string; readonly abs_c: string };
  readonly time: string;
  readonly forms?: readonly string[];
}

/**
 * Names a parameter may not take: the symbols of expressions (`pi`, `e`, `i`),
 * the supported functions, the names of the derivation's definitions and forms,
 * its formal state variables, and the atom names (A0, A1, …) of the exact arithmetic.
 */
export function reservedName(name: string, bathCount: number): boolean {
  const fixed = new Set([
    'pi', 'e', 'i', 'phi0', 'P0', 'P1', 'Cm',
    'nbar', 'q1', 'r', 'dr', 'dp1', 'W10', 'W01',
    'detailed_balance', 'gamma1', 'gamma2', 'p1_ss', 'p1', 'abs_c', 'S', 'C', 'Srel', 'Srel_pop', 'Srel_ss', 'Srel_pop_ss',
    'Pi', 'Pi_d', 'Upsilon', 'Upsilon_deph', 'Phi', 'dSdt', 'Pi_na', 'Pi_a', 'dr_deph',
    ...Object.keys(FUNCTION_ARITY),
  ]);
  if (fixed.has(name) || /^A\d+$/.test(name)) return true;
  const perBath = /^(J|Pi|Pi_d|Upsilon|detailed_balance|nbar|peq|W10|W01|Wa|We|dp1|dr)_(\d+)$/.exec(name);
  return perBath !== null && Number(perBath[2]) >= 1 && Number(perBath[2]) <= bathCount;
}

function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(the file)' : out;
}

/** The zod issue as `condition` and `got` of the one-line input error. */
function issueText(issue: z.core.$ZodIssue): { condition: string; got?: string } {
  switch (issue.code) {
    case 'invalid_type':
      return { condition: `of type ${issue.expected}`, got: issue.input === undefined ? 'missing' : Array.isArray(issue.input) ? 'array' : issue.input === null ? 'null' : typeof issue.input };
    case 'unrecognized_keys':
      return { condition: 'free of unknown keys', got: issue.keys.map((k) => JSON.stringify(k)).join(', ') };
    case 'invalid_value':
      return { condition: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, got: JSON.stringify(issue.input) };
    default:
      return { condition: issue.message };
  }
}

/**
 * Parse an expression of a model file under the sandbox rules: the declared
 * parameters (and pi, e) only, supported functions, arithmetic operators.
 * @throws QepInputError naming `field`: a syntax error, an undeclared symbol, an unsupported function or node.
 */
export function parseModelExpression(expr: string, field: string, params: Iterable<string>): MathNode {
  return parseUserExpression(expr, [...params], symbolicLimits(), field);
}

/**
 * Validate a parsed model file.
 * @param json the parsed JSON value
 * @param name the model's name (the file's base name)
 * @throws QepInputError naming the JSON path: a wrong shape, a bad parameter name
 *   or domain, an expression with a syntax error, an undeclared symbol or an
 *   unsupported function, a time parameter that is not declared ≥ 0, or a
 *   time-dependent generator.
 */
export function validateModelFile(json: unknown, name: string): ModelSpec {
  const parsed = modelFileSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const { condition, got } = issueText(issue);
    throw new QepInputError(jsonPath(issue.path), condition, got);
  }
  const f = parsed.data;
  const K = f.baths.length;
  const params = new Set(Object.keys(f.parameters));
  for (const p of params) if (reservedName(p, K)) throw new QepInputError(`parameters.${p}`, 'a name not reserved by the derivation', JSON.stringify(p));
  const time = f.parameters[f.time];
  if (!time) throw new QepInputError('time', 'a declared parameter', JSON.stringify(f.time));
  if (time.domain !== 'nonnegative') throw new QepInputError(`parameters.${f.time}.domain`, '"nonnegative" for the time parameter', JSON.stringify(time.domain));

  const timeFree = new Set([...params].filter((p) => p !== f.time));
  const expr = (field: string, e: string, allowed: ReadonlySet<string>): string => {
    parseModelExpression(e, field, allowed);
    return e;
  };
  const gap = expr('gap', f.gap, timeFree);
  const baths: ModelBath[] = f.baths.map((b, k) => {
    const beta = expr(`baths[${k}].beta`, b.beta, timeFree);
    if (b.coupling !== undefined) return { kind: 'coupling', beta, coupling: expr(`baths[${k}].coupling`, b.coupling, timeFree) };
    return { kind: 'rates', beta, absorption: expr(`baths[${k}].absorption`, b.absorption!, timeFree), emission: expr(`baths[${k}].emission`, b.emission!, timeFree) };
  });
  const dephasing = f.dephasing === undefined ? undefined : expr('dephasing', f.dephasing, timeFree);
  const noCoherence = new Set([...timeFree].filter((p) => f.parameters[p].domain !== 'coherence'));
  const initial = { p1: expr('initial.p1', f.initial.p1, noCoherence), abs_c: expr('initial.abs_c', f.initial.abs_c, timeFree) };

  const parameters: Record<string, ModelParameter> = {};
  for (const [k, p] of Object.entries(f.parameters)) parameters[k] = { domain: p.domain, latex: p.latex ?? k, ...(p.description !== undefined ? { description: p.description } : {}) };
  const known = new Set(allFormNames(K, dephasing !== undefined));
  f.forms?.forEach((n, i) => {
    if (!known.has(n)) throw new QepInputError(`forms[${i}]`, `a form of this model (${[...known].join(', ')})`, JSON.stringify(n));
  });
  return { name, model: f.model, title: f.title ?? f.model, parameters, gap, baths, dephasing, initial, time: f.time, ...(f.forms ? { forms: f.forms } : {}) };
}

/**
 * Every form a qubit-family model derives, in output order: for K baths
 * `gamma1 … Pi_a`, `Upsilon_deph` with dephasing, then per bath `J_k, Pi_k,
 * Pi_d_k, Upsilon_k, detailed_balance_k`; with one bath also `detailed_balance`,
 * `Srel` and `Srel_pop`.
 */
export function allFormNames(bathCount: number, dephasing: boolean): string[] {
  const out = [
    ...(bathCount === 1 ? ['detailed_balance'] : []),
    'gamma1', 'gamma2', 'p1_ss', 'p1', 'abs_c', 'S',
    ...(bathCount === 1 ? ['Srel', 'Srel_pop'] : []),
    'C', 'Srel_ss', 'Pi_d', 'Upsilon', ...(dephasing ? ['Upsilon_deph'] : []), 'Pi', 'Phi', 'dSdt', 'Pi_na', 'Pi_a',
  ];
  for (let k = 1; k <= bathCount; k++) out.push(`J_${k}`, `Pi_${k}`, `Pi_d_${k}`, `Upsilon_${k}`, `detailed_balance_${k}`);
  return out;
}

/** The model name of a file: its base name without `.json`. */
export function modelNameOf(path: string): string {
  const base = basename(path);
  return extname(base) === '.json' ? base.slice(0, -5) : base;
}

/**
 * Read and validate a model file.
 * @throws QepInputError for an unreadable file, bad JSON (`FILE must be valid JSON`), or an invalid model.
 */
export function readModelFile(path: string): ModelSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new QepInputError('--model', 'a readable model file', `${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new QepInputError(path, 'valid JSON', (e as Error).message);
  }
  const name = modelNameOf(path);
  try {
    return validateModelFile(json, name);
  } catch (e) {
    if (e instanceof QepInputError) throw new QepInputError(`${name}: ${e.field}`, e.condition, e.residual, e.tolerance);
    throw e;
  }
}
