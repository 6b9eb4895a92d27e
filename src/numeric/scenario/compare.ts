import { SCENARIO_TOL } from '../tolerance.js';
import { QepInputError } from '../errors.js';

/**
 * The default tolerances of {@link compareResults}: those the QuTiP reference set
 * is checked with (test/fixtures/qutip/README.md), loose enough for an ODE solver
 * run at tight tolerances, tight enough to catch a wrong formula.
 */
export const DEFAULT_COMPARE_TOLERANCE: Readonly<Required<CompareOptions>> = Object.freeze({ atol: SCENARIO_TOL.compareAtol, rtol: SCENARIO_TOL.compareRtol });

/** Options of {@link compareResults}: a number passes when |a − e| ≤ atol + rtol·|e|. */
export interface CompareOptions {
  /** Absolute tolerance, finite and ≥ 0. Default 1e-8. */
  readonly atol?: number;
  /** Relative tolerance (to the expected value), finite and ≥ 0. Default 1e-7. */
  readonly rtol?: number;
}

/** Why two values disagree. */
export type MismatchKind =
  /** Two numbers further apart than the tolerance (or a finite number against ±Infinity). */
  | 'value'
  /** Different JSON types, or two different strings, booleans or nulls. */
  | 'type'
  /** A key or array item the expected value has and the actual one lacks. */
  | 'missing'
  /** A key or array item the actual value has and the expected one lacks. */
  | 'extra';

/** One disagreement between an actual and an expected result. */
export interface Mismatch {
  /** Where: `Pi_d[3]`, `rho[2].im[0][1]`, `traj.mean_xi` (empty for the root). */
  readonly path: string;
  readonly kind: MismatchKind;
  /** The actual value there (undefined when missing). */
  readonly actual: unknown;
  /** The expected value there (undefined when extra). */
  readonly expected: unknown;
  /** |actual − expected| for two numbers (+Infinity when one is infinite), +Infinity otherwise. */
  readonly deviation: number;
  /** atol + rtol·|expected| for a finite expected number, 0 otherwise (±Infinity must match exactly). */
  readonly tolerance: number;
}

/** The worst agreeing number of a comparison. */
export interface WorstAgreement {
  readonly path: string;
  /** |actual − expected|. */
  readonly deviation: number;
  /** deviation / (atol + rtol·|expected|), ≤ 1 (0 when both are 0). */
  readonly ratio: number;
}

/** The outcome of {@link compareResults}. */
export interface Comparison {
  /** No mismatch. */
  readonly ok: boolean;
  /** Leaves compared: numbers, strings, booleans, nulls (a missing or extra subtree counts once). */
  readonly compared: number;
  /** Every mismatch, in document order (expected's key order, then extra keys). */
  readonly mismatches: readonly Mismatch[];
  /**
   * Top-level keys of the result that the expected file does not mention: not compared and
   * not mismatches (an expected file written before a key was added still checks what it has).
   */
  readonly unchecked: readonly string[];
  /** The agreeing number pair closest to its tolerance (largest ratio), or null when no numbers agree. */
  readonly worst: WorstAgreement | null;
  /** The tolerances used. */
  readonly atol: number;
  readonly rtol: number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function keyPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** A number, or ±Infinity written as a string (the scenario JSON convention); undefined otherwise. */
function asNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  return undefined;
}

function isList(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !isList(x);
}

function checkTolerance(field: string, x: number): void {
  if (!(Number.isFinite(x) && x >= 0)) throw new QepInputError(field, 'a finite number ≥ 0', String(x));
}

/**
 * Compare two results of `evaluateScenario` (or their JSON) value by value, for
 * golden-fixture regression tests (`qep eval FILE --expect EXPECTED.json`).
 *
 * Walks both values together: numbers agree when |a − e| ≤ atol + rtol·|e|;
 * +Infinity (the number or the string "Infinity") agrees only with +Infinity,
 * likewise −Infinity; NaN agrees with nothing; strings, booleans and null must be
 * equal; arrays item by item (typed arrays count as arrays), objects key by key
 * (`{re, im}` matrices and nested objects such as `traj` included). A key or item
 * present on one side only is a mismatch, except a top-level key of the result that the
 * expected file lacks: that one is listed in `unchecked`. Every mismatch is returned with its
 * path (`rho[2].im[0][1]`), both values and the deviation.
 *
 * @throws QepInputError naming `atol` or `rtol` when it is not a finite number ≥ 0.
 * @example compareResults({ Pi: [1, 'Infinity'] }, { Pi: [1 + 1e-12, 'Infinity'] }).ok // true
 */
export function compareResults(actual: unknown, expected: unknown, options: CompareOptions = {}): Comparison {
  const atol = options.atol ?? DEFAULT_COMPARE_TOLERANCE.atol;
  const rtol = options.rtol ?? DEFAULT_COMPARE_TOLERANCE.rtol;
  checkTolerance('atol', atol);
  checkTolerance('rtol', rtol);
  const mismatches: Mismatch[] = [];
  let compared = 0;
  let worst: WorstAgreement | null = null;

  const mismatch = (path: string, kind: MismatchKind, a: unknown, e: unknown, deviation = Infinity, tolerance = 0): void => {
    mismatches.push({ path, kind, actual: a, expected: e, deviation, tolerance });
  };

  const unchecked: string[] = [];
  const walk = (a: unknown, e: unknown, path: string): void => {
    const ea = asNumber(e);
    const aa = asNumber(a);
    if (ea !== undefined && aa !== undefined) {
      compared++;
      const tolerance = Number.isFinite(ea) ? atol + rtol * Math.abs(ea) : 0;
      if (Number.isNaN(ea) || Number.isNaN(aa)) return mismatch(path, 'value', a, e, Infinity, tolerance);
      if (!Number.isFinite(ea) || !Number.isFinite(aa)) {
        if (ea !== aa) mismatch(path, 'value', a, e, Infinity, tolerance);
        return;
      }
      const deviation = Math.abs(aa - ea);
      if (deviation > tolerance) return mismatch(path, 'value', a, e, deviation, tolerance);
      const ratio = deviation === 0 ? 0 : deviation / tolerance;
      if (worst === null || ratio > worst.ratio || (ratio === worst.ratio && deviation > worst.deviation)) worst = { path, deviation, ratio };
      return;
    }
    if (isList(e) && isList(a)) {
      const n = Math.max(e.length, a.length);
      for (let i = 0; i < n; i++) {
        const p = `${path}[${i}]`;
        if (i >= a.length) {
          compared++;
          mismatch(p, 'missing', undefined, e[i]);
        } else if (i >= e.length) {
          compared++;
          mismatch(p, 'extra', a[i], undefined);
        } else {
          walk(a[i], e[i], p);
        }
      }
      return;
    }
    if (isRecord(e) && isRecord(a)) {
      for (const key of Object.keys(e)) {
        const p = keyPath(path, key);
        if (!Object.hasOwn(a, key) || a[key] === undefined) {
          compared++;
          mismatch(p, 'missing', undefined, e[key]);
        } else {
          walk(a[key], e[key], p);
        }
      }
      for (const key of Object.keys(a)) {
        if (!Object.hasOwn(e, key) && a[key] !== undefined) {
          if (path === '') {
            unchecked.push(key);
            continue;
          }
          compared++;
          mismatch(keyPath(path, key), 'extra', a[key], undefined);
        }
      }
      return;
    }
    compared++;
    if (a !== e) mismatch(path, 'type', a, e);
  };

  walk(actual, expected, '');
  return { ok: mismatches.length === 0, compared, mismatches, unchecked, worst, atol, rtol };
}
