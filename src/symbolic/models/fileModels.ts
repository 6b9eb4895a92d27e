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
import { pointFromUnit, seededRandom } from '../domain.js';
import type { VerifyResult } from '../verify.js';
import type { DerivedModel } from './model.js';
import { readModelFile, parseModelExpression, type ModelSpec } from './modelFile.js';
import { deriveQubitFamily } from './qubitFamily.js';
import { numericQubitFamily } from './qubitFamilyNumeric.js';

/** A derived model file. */
export interface FileModel {
  readonly path: string;
  readonly spec: ModelSpec;
  readonly model: DerivedModel;
}

const cache = new Map<string, FileModel>();

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
  const params = Object.keys(model.domain.params);
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
  const userF = compileNumber(user);
  const rand = seededRandom(options.seed ?? 1);
  const count = options.points ?? 20;
  let worst = 0;
  let at: { point: Record<string, number>; user: number; engine: number } | undefined;
  for (let i = 0; i < count; i++) {
    const point = pointFromUnit(model.domain, params.map(() => rand()));
    const engine = engineAt(point, rand() * 2 * Math.PI) ?? NaN;
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
