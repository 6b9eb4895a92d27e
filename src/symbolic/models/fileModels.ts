/**
 * Model files on the command line: `--model FILE` for `qep derive`, `qep
 * verify` and `qep check`. A file is read, validated and derived once per
 * process; `verifyFileQuantity` checks a user's closed form against a derived
 * form of the file (proved / agrees by sampling / refuted with the point and
 * both values) and against the numeric engine at random points.
 */
import { resolve } from 'node:path';
import { QepInputError } from '../../numeric/errors.js';
import { CHECK_TOL } from '../../numeric/tolerance.js';
import { compileNumber } from '../cas/mathjs.js';
import { checkIdentity } from '../identity.js';
import { sampleAgainstEngine, type VerifyResult } from '../verify.js';
import type { DerivedModel, DeriveOptions } from './model.js';
import { deriveModel, deriveModelSync } from '../derive.js';
import { QUBIT_DAVIES_FILE } from './qubitDavies.js';
import { annotateWithAlgebrite } from '../annotate.js';
import { readModelFile, parseModelExpression, validateModelFile, type ModelSpec } from './modelFile.js';
import { deriveQubitFamily } from './qubitFamily.js';
import { numericQubitFamily } from './qubitFamilyNumeric.js';

/** A derived model file. */
export interface FileModel {
  readonly path: string;
  readonly spec: ModelSpec;
  readonly model: DerivedModel;
}

const cache = new Map<string, FileModel>();
const annotated = new Map<string, Promise<DerivedModel>>();

/** True when a `--model` argument names a model file (it ends in `.json` or has a directory part), not a built-in model. */
export function isModelFileArgument(arg: string): boolean {
  return arg.endsWith('.json') || arg.includes('/') || arg.includes('\\');
}

/**
 * The derivation of a built-in model (by name) or of a model file (by path),
 * with algebrite's second opinions unless `options.algebrite` is false.
 * @throws QepInputError for an unknown model or an invalid file; DetailedBalanceError (see {@link deriveModelFile}).
 */
export async function deriveAnyModel(arg: string, options: DeriveOptions = {}): Promise<DerivedModel> {
  if (!isModelFileArgument(arg)) return deriveModel(arg, options);
  const file = deriveModelFile(arg);
  if (options.algebrite === false) return file.model;
  const key = resolve(arg);
  let p = annotated.get(key);
  if (!p) {
    p = annotateWithAlgebrite(file.model, options);
    annotated.set(key, p);
  }
  return p;
}

/**
 * Read, validate and derive a model file (once per process and path).
 * @throws QepInputError for an unreadable file, bad JSON or an invalid model; DetailedBalanceError
 *   when a bath's rates break detailed balance.
 */
export function deriveModelFile(path: string): FileModel {
  const key = resolve(path);
  let m = cache.get(key);
  if (!m) {
    const spec = readModelFile(path);
    m = { path, spec, model: deriveQubitFamily(spec) };
    cache.set(key, m);
  }
  return m;
}

/**
 * The model file of a `--model` argument: a path, or `qubit-davies` (the shipped file).
 * @throws QepInputError for another built-in name (partial-swap is not of the qubit family) or an invalid file.
 */
export function modelFileOf(arg: string): FileModel {
  if (isModelFileArgument(arg)) return deriveModelFile(arg);
  if (arg !== 'qubit-davies') throw new QepInputError('--model', 'a model file FILE.json or qubit-davies (the shipped model file)', JSON.stringify(arg));
  return { path: 'qubit-davies', spec: validateModelFile(QUBIT_DAVIES_FILE, 'qubit-davies'), model: deriveModelSync('qubit-davies') };
}

/** What `qep verify --model FILE` found: as for a built-in model, with the file's model name. */
export type FileVerifyResult = Omit<VerifyResult, 'model'> & { readonly model: string };

/**
 * Check a user's closed form of a quantity of a model file: symbolically
 * against the derived form (on the model's domain, with the verify sandbox:
 * the declared parameters, `pi`, `e`, supported functions) and numerically
 * against the engine at `points` seeded random points
 * (|user − engine| ≤ CHECK_TOL.crossCheck · max(1, |user|, |engine|)).
 * @throws QepInputError for an unknown quantity, a syntax error, an undeclared symbol or an unsupported function.
 */
export async function verifyFileQuantity(file: FileModel, quantity: string, expr: string, options: { seed?: number; points?: number } = {}): Promise<FileVerifyResult> {
  const { spec, model } = file;
  const form = model.forms[quantity];
  if (!form) throw new QepInputError('QUANTITY', `a quantity of ${model.name}: ${Object.keys(model.forms).join(', ')}`, JSON.stringify(quantity));
  const user = parseModelExpression(expr, 'EXPR', Object.keys(spec.parameters));
  const identity = await checkIdentity(user, form.inlined, { atoms: model.atoms, domain: model.domain, seed: options.seed, nerdamer: true });
  const derived = form.inlined.toString();
  const engineAt = (point: Readonly<Record<string, number>>, phase = 0): number | undefined => {
    try {
      return numericQubitFamily(spec, point, phase)[quantity];
    } catch {
      return undefined;
    }
  };
  const toNum = (p: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Number(v)]));
  if (identity.status === 'error' || identity.status === 'refuted') {
    const cx = identity.counterexample;
    if (!cx) throw new Error(`the derived form of ${quantity} could not be evaluated: ${identity.detail}`);
    return { quantity, model: model.name, verdict: 'refuted', derived, identity, numeric: { points: 0, worst: Infinity, agrees: false }, counterexample: { point: cx.point, user: cx.lhs, derived: cx.rhs, engine: engineAt(toNum(cx.point)) } };
  }
  const count = options.points ?? 20;
  const { worst, at } = sampleAgainstEngine(compileNumber(user), model.domain, options.seed ?? 1, count, (point, phase) => engineAt(point, phase) ?? NaN);
  const agrees = worst <= CHECK_TOL.crossCheck;
  if (!agrees) {
    const p = at!;
    return {
      quantity,
      model: model.name,
      verdict: 'refuted',
      derived,
      identity,
      numeric: { points: count, worst, agrees, ...p },
      counterexample: { point: Object.fromEntries(Object.entries(p.point).map(([k, v]) => [k, String(v)])), user: String(p.user), derived: String(compileNumber(form.inlined)(p.point)), engine: p.engine },
    };
  }
  return { quantity, model: model.name, verdict: identity.status === 'proved' ? 'proved' : 'agrees-by-sampling', derived, identity, numeric: { points: count, worst, agrees } };
}
