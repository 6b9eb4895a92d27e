/**
 * The shape of an engine's result: which `qep eval` output keys qep knows per
 * model, and whether each key an engine returned has the right structure for
 * its scenario (a list over `times`, a d×d matrix, …). Unknown keys are
 * ignored; a known key with the wrong structure makes the whole answer a
 * `wrong-shape` engine failure.
 */

/** The models `qep conform` drives. */
export type ConformModel = 'davies' | 'thermal-operation';

/** A complex matrix as results carry it. */
export interface MatrixValue {
  re: number[][];
  im: number[][];
}

/** A number as a result carries it: finite, or ±∞ / NaN as the strings `"Infinity"`, `"-Infinity"`, `"NaN"`. */
export type ResultNumber = number | 'Infinity' | '-Infinity' | 'NaN';

/**
 * The output keys of a `davies` scenario, in the README's order: those of
 * Eqs. 1–15, then those of several baths (B1–B9): the steady state, per-bath
 * heat currents and entropy production, and the adiabatic split.
 */
export const DAVIES_KEYS = [
  'times',
  'rho',
  'populations',
  'S',
  'F',
  'Srel',
  'Srel_pop',
  'C',
  'Pi',
  'Pi_d',
  'Upsilon',
  'Phi',
  'dSdt',
  'rho_ss',
  'Srel_ss',
  'J',
  'Pi_baths',
  'Pi_d_baths',
  'Upsilon_baths',
  'Upsilon_deph',
  'Pi_na',
  'Pi_a',
] as const;

/** The output keys of a `thermal-operation` scenario, in the README's order. */
export const THERMAL_KEYS = [
  'rhoS_final',
  'rhoE_final',
  'Q',
  'alpha',
  'Sigma',
  'Sigma_d',
  'Xi',
  'Srel_E',
  'I_SE',
  'C_S',
  'C_S_final',
  'C_SE_final',
  'C_E_final',
  'C_cc',
  'S_deph_SE_final',
  'S_deph_S',
  'S_E_eq',
  'traj',
] as const;

/** The known output keys of a model. */
export function knownKeys(model: ConformModel): readonly string[] {
  return model === 'davies' ? DAVIES_KEYS : THERMAL_KEYS;
}

const PER_TIME_NUMBERS = new Set(['times', 'S', 'F', 'Srel', 'Srel_pop', 'C', 'Pi', 'Pi_d', 'Upsilon', 'Phi', 'dSdt', 'Srel_ss', 'Upsilon_deph', 'Pi_na', 'Pi_a']);
/** Keys with one list over the baths at each time. */
const PER_TIME_PER_BATH = new Set(['J', 'Pi_baths', 'Pi_d_baths', 'Upsilon_baths']);
const THERMAL_SCALARS = new Set(['Sigma', 'Sigma_d', 'Xi', 'Srel_E', 'I_SE', 'C_S', 'C_S_final', 'C_SE_final', 'C_E_final', 'C_cc', 'S_deph_SE_final', 'S_deph_S', 'S_E_eq']);

/** The number a result value stands for: ±Infinity and NaN from their strings; undefined for anything else. */
export function toNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  if (x === 'NaN') return NaN;
  return undefined;
}

function isResultNumber(x: unknown): x is ResultNumber {
  return toNumber(x) !== undefined;
}

function numberList(x: unknown, n: number): string | null {
  if (!Array.isArray(x)) return `a list of ${n} numbers`;
  if (x.length !== n) return `a list of ${n} numbers (got length ${x.length})`;
  const bad = x.findIndex((v) => !isResultNumber(v));
  return bad < 0 ? null : `a list of ${n} numbers (item ${bad} is ${JSON.stringify(x[bad]) ?? 'undefined'})`;
}

function grid(x: unknown, rows: number, cols: number, allowNull: boolean): string | null {
  if (!Array.isArray(x) || x.length !== rows) return `${rows} rows`;
  for (const row of x) {
    if (!Array.isArray(row) || row.length !== cols) return `${rows} rows of ${cols} numbers`;
    if (!row.every((v) => isResultNumber(v) || (allowNull && v === null))) return `${rows} rows of ${cols} numbers`;
  }
  return null;
}

/** A d×d matrix `[[...]]` or `{"re", "im"}` normalised to `{re, im}`; an error text otherwise. */
function matrix(x: unknown, d: number, allowNull = false): MatrixValue | string {
  if (Array.isArray(x)) {
    const err = grid(x, d, d, allowNull);
    if (err !== null) return `a ${d}×${d} matrix (${err})`;
    return { re: x as number[][], im: (x as unknown[][]).map((row) => row.map((v) => (v === null ? null : 0))) as number[][] };
  }
  if (x !== null && typeof x === 'object' && 're' in x && 'im' in x) {
    const m = x as { re: unknown; im: unknown };
    const err = grid(m.re, d, d, allowNull) ?? grid(m.im, d, d, allowNull);
    if (err !== null) return `a ${d}×${d} matrix {re, im} (${err})`;
    return { re: m.re as number[][], im: m.im as number[][] };
  }
  return `a ${d}×${d} matrix, [[...]] or {"re": [[...]], "im": [[...]]}`;
}

function rows(x: unknown): number {
  if (Array.isArray(x)) return x.length;
  if (x !== null && typeof x === 'object' && Array.isArray((x as { re?: unknown }).re)) return (x as { re: unknown[] }).re.length;
  return 0;
}

/** The dimensions a scenario's results must have: d, the number of times and of baths (davies), d_S and d_E (thermal). */
export interface ScenarioDims {
  readonly model: ConformModel;
  readonly d: number;
  readonly nTimes: number;
  readonly baths: number;
  readonly dE: number;
}

/** Read the dimensions of a generated scenario. */
export function scenarioDims(scenario: Readonly<Record<string, unknown>>): ScenarioDims {
  if (scenario.model === 'davies') {
    const d = Array.isArray(scenario.energies) ? scenario.energies.length : rows(scenario.H);
    return { model: 'davies', d, nTimes: Array.isArray(scenario.times) ? scenario.times.length : 0, baths: Array.isArray(scenario.baths) ? scenario.baths.length : 1, dE: 0 };
  }
  return { model: 'thermal-operation', d: rows(scenario.HS), nTimes: 0, baths: 0, dE: rows(scenario.HE) };
}

/** The outcome of {@link checkShape}: the known keys (matrices as `{re, im}`), or what is wrong. */
export type ShapeCheck = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly message: string };

type KeyCheck = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly expected: string };

const good = (value: unknown): KeyCheck => ({ ok: true, value });
const bad = (expected: string): KeyCheck => ({ ok: false, expected });
const fromText = (err: string | null, value: unknown): KeyCheck => (err === null ? good(value) : bad(err));
const fromMatrix = (m: MatrixValue | string): KeyCheck => (typeof m === 'string' ? bad(m) : good(m));

function checkKey(key: string, x: unknown, dims: ScenarioDims): KeyCheck {
  const { d, nTimes: n } = dims;
  if (PER_TIME_NUMBERS.has(key)) return fromText(numberList(x, n), x);
  if (THERMAL_SCALARS.has(key)) return isResultNumber(x) ? good(x) : bad('a number');
  if (PER_TIME_PER_BATH.has(key)) {
    if (!Array.isArray(x) || x.length !== n) return bad(`a list of ${n} lists (one per time)`);
    for (const row of x) {
      const err = numberList(row, dims.baths);
      if (err !== null) return bad(`a list of ${n} lists, each ${err} (one per bath)`);
    }
    return good(x);
  }
  switch (key) {
    case 'rho': {
      if (!Array.isArray(x) || x.length !== n) return bad(`a list of ${n} matrices`);
      const out: MatrixValue[] = [];
      for (const m of x) {
        const r = matrix(m, d);
        if (typeof r === 'string') return bad(`a list of ${n} matrices, each ${r}`);
        out.push(r);
      }
      return good(out);
    }
    case 'populations': {
      if (!Array.isArray(x) || x.length !== n) return bad(`a list of ${n} lists`);
      for (const p of x) {
        const err = numberList(p, d);
        if (err !== null) return bad(`a list of ${n} lists, each ${err}`);
      }
      return good(x);
    }
    case 'rho_ss':
    case 'rhoS_final':
      return fromMatrix(matrix(x, d));
    case 'rhoE_final':
      return fromMatrix(matrix(x, dims.dE));
    case 'Q':
      return fromText(grid(x, d, d, false) === null ? null : `a real ${d}×${d} matrix`, x);
    case 'alpha':
      return fromMatrix(matrix(x, d, true));
    case 'traj': {
      if (x === null || typeof x !== 'object' || Array.isArray(x)) return bad('an object of numbers');
      const wrong = Object.entries(x).find(([, v]) => !isResultNumber(v));
      return wrong === undefined ? good(x) : bad(`an object of numbers (${wrong[0]} is ${JSON.stringify(wrong[1]) ?? 'undefined'})`);
    }
    default:
      return good(x);
  }
}

/**
 * Check the known keys of an engine's result against the scenario's
 * dimensions and keep only them (matrices normalised to `{re, im}`).
 */
export function checkShape(result: Readonly<Record<string, unknown>>, dims: ScenarioDims): ShapeCheck {
  const value: Record<string, unknown> = {};
  for (const key of knownKeys(dims.model)) {
    if (!Object.hasOwn(result, key) || result[key] === undefined) continue;
    const r = checkKey(key, result[key], dims);
    if (!r.ok) return { ok: false, message: `${key} must be ${r.expected}` };
    value[key] = r.value;
  }
  return { ok: true, value };
}
