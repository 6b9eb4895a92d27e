import { z } from 'zod';
import { QepInputError } from '../../errors.js';
import { showJsonValue } from '../../untrusted.js';

/**
 * Scenario shapes as zod schemas, and one translation of the first schema issue into
 * the project's input error, `FIELD must be CONDITION (got VALUE)`, with FIELD the JSON
 * path (`baths[1].spectralDensity.alpha`). The shapes are checked first; the physics
 * (Hermitian, positive, trace, detailed balance, energy conservation, each with its
 * residual and tolerance) is checked after, on parsed values.
 */

/** A finite number (zod's number refuses NaN and ±∞). */
export const finite = z.number();

/** The shape of {@link grid}, element by element, with zod's issue for the first bad entry. */
const gridShape = z.array(z.array(finite, { error: 'a row of numbers' }), { error: 'a real matrix [[...]]' });

/** The shape of {@link matrix}, element by element. */
const matrixShape = z.union([gridShape, z.object({ re: gridShape, im: gridShape.optional() }).strict()], {
  error: 'a matrix: [[...]] or {"re": [[...]], "im": [[...]]}',
});

/** Whether `v` is a list of lists of finite numbers (one pass, no allocation). */
function isFiniteGrid(v: unknown): v is number[][] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const row: unknown = v[i];
    if (!Array.isArray(row)) return false;
    for (let j = 0; j < row.length; j++) {
      const x: unknown = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) return false;
    }
  }
  return true;
}

/** Whether `v` has the shape of {@link matrix}: a finite grid, or `{re, im?}` finite grids and no other key. */
function isMatrixShape(v: unknown): boolean {
  if (Array.isArray(v)) return isFiniteGrid(v);
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  for (const k in o) if (k !== 're' && k !== 'im') return false;
  return isFiniteGrid(o.re) && (o.im === undefined || isFiniteGrid(o.im));
}

/**
 * A schema that accepts what `fast` accepts in one plain loop and otherwise
 * reports the issues of the element-wise `shape` unchanged (with their paths).
 * zod's element-by-element parse of a 32×32 unitary costs more than evaluating
 * the scenario; the loop costs a few microseconds.
 */
function checkedBy<T>(fast: (v: unknown) => boolean, shape: z.ZodType): z.ZodType<T> {
  return z.custom<T>().superRefine((v, ctx) => {
    if (fast(v)) return;
    const r = shape.safeParse(v);
    if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
  });
}

/** Rows of finite numbers (raggedness and size are checked when the matrix is read). */
export const grid = checkedBy<number[][]>(isFiniteGrid, gridShape);

/** A matrix in the scenario format: `[[...]]` (real) or `{"re": [[...]], "im": [[...]]}`. */
export const matrix = checkedBy<number[][] | { re: number[][]; im?: number[][] }>(isMatrixShape, matrixShape);

/** A non-empty list of finite numbers. */
export const numberList = z.array(finite).min(1, { error: 'a non-empty list of numbers' });

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** `a.b[1].c` from a zod path. */
export function pathString(path: readonly PathKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s;
}

/** A short view of a JSON value for `(got …)`; a string is quoted, escaped and cut with its length shown (untrusted.ts). */
export function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'missing';
  if (Array.isArray(x)) return x.length === 0 ? 'an empty list' : 'a list';
  if (typeof x === 'number') return String(x);
  if (typeof x === 'string') return showJsonValue(x);
  return typeof x;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const GENERIC = /^(Invalid|Too |Unrecognized|Expected)/;

/** The issue that got furthest into the value: in a union, the branch with the longest path. */
function deepest(issue: Issue, prefix: readonly PathKey[]): { issue: Issue; path: PathKey[] } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union') return { issue, path };
  let best: { issue: Issue; path: PathKey[] } | null = null;
  for (const branch of issue.errors) {
    if (branch.length === 0) continue;
    const candidate = deepest(branch[0], path);
    if (candidate.path.length > path.length && (best === null || candidate.path.length > best.path.length)) best = candidate;
  }
  return best ?? { issue, path };
}

function condition(issue: Issue, value: unknown, where: string): string {
  if (value === undefined && issue.code !== 'custom') return `given (a required key of ${where})`;
  if (!GENERIC.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return 'a finite number';
      if (issue.expected === 'int') return 'an integer';
      if (issue.expected === 'array') return 'a list';
      if (issue.expected === 'object') return 'a JSON object';
      return `of type ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `a list of at least ${String(issue.minimum)} entries`;
      return `a finite number ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' or ');
    default:
      return issue.message;
  }
}

/**
 * Parse `input` with `schema`, or throw the project's input error for its first issue.
 * `where` names the input in messages (`the davies scenario`).
 */
export function parseShape<S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const { issue, path } = deepest(r.error.issues[0], []);
  if (issue.code === 'unrecognized_keys') {
    const field = pathString([...path, issue.keys[0]]);
    const allowed = schemaKeys(schema, path);
    throw new QepInputError(field, `absent: not a key of ${path.length ? pathString(path) : where}${allowed ? ` (keys: ${allowed.join(', ')})` : ''}`);
  }
  const value = valueAt(input, path);
  const field = path.length ? pathString(path) : 'scenario';
  const got = issue.code === 'custom' && typeof issue.params?.got === 'string' ? issue.params.got : value === undefined ? undefined : describeValue(value);
  throw new QepInputError(field, condition(issue, value, path.length > 1 ? pathString(path.slice(0, -1)) : where), got);
}

/** The keys an object schema allows at `path` (only followed through plain objects and arrays). */
function schemaKeys(schema: z.ZodType, path: readonly PathKey[]): string[] | null {
  let s: z.ZodType = schema;
  for (const k of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject && typeof k === 'string') s = s.shape[k] as z.ZodType;
    else if (s instanceof z.ZodArray && typeof k === 'number') s = s.element as z.ZodType;
    else return null;
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : null;
}

function unwrap(s: z.ZodType): z.ZodType {
  let t = s;
  while (t instanceof z.ZodOptional || t instanceof z.ZodPipe) t = t instanceof z.ZodOptional ? (t.unwrap() as z.ZodType) : (t.in as z.ZodType);
  return t;
}
