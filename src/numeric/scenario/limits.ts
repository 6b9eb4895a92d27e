import { QepInputError } from '../errors.js';

/**
 * Input limits of `qep eval` (and of anything that evaluates a scenario given by a
 * user): checked before any work starts, so that no input makes qep run for hours,
 * run out of memory, overflow its stack, or return a number outside the range where
 * it is correct. Each limit is refused with one message naming the field, the
 * limit and, where it can be raised, the environment variable that raises it.
 */
export interface InputLimits {
  /** Bytes of a scenario file (or stdin). */
  readonly inputBytes: number;
  /** Nesting depth of the JSON (a scenario needs 4: object → matrix → re → row). */
  readonly jsonDepth: number;
  /** Entries of `times` (each is an output row). */
  readonly times: number;
  /** Dimension d of a `davies` scenario (the generator is dense: the work grows like d³ per time). */
  readonly daviesDimension: number;
  /** d_S·d_E of a `thermal-operation` scenario (the engine's own dense limit; not raisable). */
  readonly thermalDimension: number;
  /** Numbers in the output of a `davies` scenario, about |times|·d² (each time gives a d×d state). */
  readonly outputValues: number;
  /**
   * Largest magnitude of any number of a scenario (energies, matrix entries, rates, β,
   * times). Up to it, products such as β·E and rates × logarithms stay far from
   * overflow (1e100² = 1e200 < 1.8e308).
   */
  readonly magnitude: number;
  /**
   * Smallest β > 0. Below it F = tr(Hρ) − S/β is dominated by S/β and overflows to −∞
   * at β ≈ 1e-308; from it on F is finite (|S/β| ≤ ln d · 1e100).
   */
  readonly betaMin: number;
  /**
   * Davies: largest (E_max − E_min) / (largest jump or dephasing rate). The unitary
   * part of ρ̇ has size ω·|ρ_nm| and cancels exactly in the entropy rates; its rounding
   * ε·ω does not, and past ~1e15 it swamps the dissipative rates (Υ came out negative,
   * −5e3 at 1e20). 1e8 keeps that rounding below 1e-7 of the rates.
   */
  readonly frequencyToRate: number;
  /**
   * Davies: largest (fastest total escape rate Γ_n + dephasing) × (last time). The
   * stationary mode of the evolution carries a rounding of ε·rate per unit time: the trace
   * drifts by ~1e-16·rate·t (at 1e17 the state came out all zeros). The scenario divides by
   * the trace, which removes the drift when the rates connect all levels; disconnected groups
   * of levels still drift apart by ~1e-17·rate·t (1.6e-9 at 1e8, 1e-7 at 1e10, measured), so
   * 1e9 keeps every population within 1e-8.
   */
  readonly rateTime: number;
}

/**
 * The defaults. Measured on a shared two-core machine: a davies scenario with d = 256 takes ~2 s
 * per time, d = 512 ~13 s, d = 2000 ~8 min; 10 000 times at d = 14 (2·10⁶ output values) 8 s and 320 MB.
 */
export const LIMITS: InputLimits = Object.freeze({
  inputBytes: 16 * 1024 * 1024,
  jsonDepth: 64,
  times: 10_000,
  daviesDimension: 256,
  thermalDimension: 64,
  outputValues: 2_000_000,
  magnitude: 1e100,
  betaMin: 1e-100,
  frequencyToRate: 1e8,
  rateTime: 1e9,
});

/** The limits an environment variable raises (or lowers), and its name. */
export const LIMIT_ENV = Object.freeze({
  inputBytes: 'QEP_MAX_INPUT_BYTES',
  jsonDepth: 'QEP_MAX_JSON_DEPTH',
  times: 'QEP_MAX_TIMES',
  daviesDimension: 'QEP_MAX_DAVIES_DIMENSION',
  outputValues: 'QEP_MAX_OUTPUT_VALUES',
} as const satisfies Partial<Record<keyof InputLimits, string>>);

type RaisableLimit = keyof typeof LIMIT_ENV;

/**
 * The limits, with those named in {@link LIMIT_ENV} replaced by the environment's
 * value when set (a positive integer).
 * @throws QepInputError `QEP_MAX_TIMES must be a positive integer (got "x")`.
 */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>>, base: InputLimits = LIMITS): InputLimits {
  const out: Record<string, number> = { ...base };
  for (const [key, name] of Object.entries(LIMIT_ENV) as [RaisableLimit, string][]) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const n = Number(text);
    if (!/^\s*\d+(\.\d*)?(e\+?\d+)?\s*$/i.test(text) || !Number.isSafeInteger(n) || n < 1) throw new QepInputError(name, 'a positive integer (an input limit)', text);
    out[key] = n;
  }
  return out as unknown as InputLimits;
}

/** `FIELD must be at most N CONDITION (got X; raise the limit with ENV=M)`, or without the hint for a fixed limit. */
export function limitError(field: string, what: string, limit: number, got: number | string, key?: keyof InputLimits): QepInputError {
  const env = key !== undefined && key in LIMIT_ENV ? LIMIT_ENV[key as RaisableLimit] : undefined;
  const hint = env === undefined ? '' : `; raise the limit with ${env}=N`;
  return new QepInputError(field, `${what} ${limit}`, `${got}${hint}`);
}

/** The number of rows of a matrix as written in scenario JSON (`[[…]]` or `{re, im}`), or undefined. */
function rowsOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object' && Array.isArray((value as { re?: unknown }).re)) return ((value as { re: unknown[] }).re).length;
  return undefined;
}

/** One open array or object of {@link walkNumbers}: its entries and the next to visit. */
interface Frame {
  readonly entries: readonly (readonly [string | number, unknown])[] | readonly unknown[];
  readonly keyed: boolean;
  next: number;
}

/** The path of the entry a frame is at, from the frames below it: `rho0.re[3][1]`. */
function pathOf(stack: readonly Frame[], root: string): string {
  let path = root;
  for (const f of stack) {
    const i = f.next - 1;
    if (f.keyed) {
      const key = String((f.entries[i] as readonly [string, unknown])[0]);
      path = path === '' ? key : `${path}.${key}`;
    } else path = `${path}[${i}]`;
  }
  return path;
}

/**
 * Every number of a JSON value with its path (computed only when asked for), depth
 * first and without recursion: a value nested 100 000 deep walks like a flat one, and
 * the memory used is one frame per level of nesting.
 * @throws QepInputError when the nesting is deeper than `maxDepth`.
 */
function walkNumbers(value: unknown, root: string, maxDepth: number, visit: (x: number, path: () => string) => void): void {
  const stack: Frame[] = [];
  const open = (v: unknown): void => {
    if (typeof v === 'number') visit(v, () => pathOf(stack, root));
    else if (v !== null && typeof v === 'object') {
      if (stack.length >= maxDepth) throw limitError(pathOf(stack, root) || 'scenario', 'nested at most', maxDepth, 'deeper', 'jsonDepth');
      stack.push(Array.isArray(v) ? { entries: v, keyed: false, next: 0 } : { entries: Object.entries(v), keyed: true, next: 0 });
    }
  };
  open(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.entries.length) {
      stack.pop();
      continue;
    }
    const entry = top.entries[top.next++];
    open(top.keyed ? (entry as readonly [string, unknown])[1] : entry);
  }
}

/** The spread max − min of the finite numbers of a list (0 when it has none). */
function spreadOf(list: readonly unknown[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of list) {
    if (typeof x !== 'number' || !Number.isFinite(x)) continue;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return hi > lo ? hi - lo : 0;
}

/** The largest |x| over the numbers of a JSON value (0 when it has none). */
function largest(value: unknown, diagonal: 'with' | 'without' = 'with'): number {
  let m = 0;
  const grid = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? (value as { re?: unknown }).re : undefined;
  const im = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { im?: unknown }).im : undefined;
  for (const g of [grid, im]) {
    if (!Array.isArray(g)) continue;
    g.forEach((row: unknown, i) => {
      if (typeof row === 'number') m = Math.max(m, Math.abs(row));
      else if (Array.isArray(row)) row.forEach((x: unknown, j) => {
        if (typeof x === 'number' && (diagonal === 'with' || i !== j) && Number.isFinite(x)) m = Math.max(m, Math.abs(x));
      });
    });
  }
  return m;
}

/**
 * An upper bound on the spread E_max − E_min of the spectrum of `H` as written in
 * scenario JSON (Gershgorin: every eigenvalue lies within the largest off-diagonal
 * row sum of some diagonal entry).
 */
function spectralSpread(H: unknown): number {
  const re = Array.isArray(H) ? H : (H as { re?: unknown } | null)?.re;
  const im = Array.isArray(H) ? undefined : (H as { im?: unknown } | null)?.im;
  if (!Array.isArray(re)) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  re.forEach((row: unknown, i) => {
    if (!Array.isArray(row)) return;
    const imRow: unknown = Array.isArray(im) ? im[i] : undefined;
    let radius = 0;
    row.forEach((x: unknown, j) => {
      if (i === j) return;
      const y: unknown = Array.isArray(imRow) ? imRow[j] : 0;
      radius += Math.hypot(typeof x === 'number' ? x : 0, typeof y === 'number' ? y : 0);
    });
    const a: unknown = row[i];
    if (typeof a !== 'number') return;
    lo = Math.min(lo, a - radius);
    hi = Math.max(hi, a + radius);
  });
  return hi > lo ? hi - lo : 0;
}

/**
 * Refuse, before any work, a scenario beyond the {@link InputLimits}: nested deeper
 * than `jsonDepth`, a number above `magnitude`, β in (0, betaMin), more `times` or
 * output values than allowed, a dimension above its model's limit, or (davies) Bohr
 * frequencies more than `frequencyToRate` times the largest rate. Shapes and physics
 * are left to the evaluator: this only looks at what can be counted cheaply, in time
 * linear in the size of the input and without recursion.
 * @throws QepInputError naming the field, the limit and how to raise it.
 * @example checkScenarioLimits({ model: 'davies', beta: 1, energies: [0, 1e308] }) // throws: energies[1] must be at most 1e100 in magnitude …
 */
export function checkScenarioLimits(input: unknown, limits: InputLimits = LIMITS): void {
  const s: Record<string, unknown> = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  checkSizes(s, limits);
  walkNumbers(input, '', limits.jsonDepth, (x, path) => {
    if (Math.abs(x) > limits.magnitude) {
      throw new QepInputError(path() || 'scenario', `at most ${limits.magnitude} in magnitude (the range qep evaluates correctly)`, x);
    }
  });
  // The one-bath β, and the β of each bath of a `baths` list.
  const baths = Array.isArray(s.baths) ? s.baths.map((b: unknown) => (b !== null && typeof b === 'object' ? (b as Record<string, unknown>) : {})) : [];
  for (const [field, beta] of [['beta', s.beta] as const, ...baths.map((b, k) => [`baths[${k}].beta`, b.beta] as const)]) {
    if (typeof beta === 'number' && beta > 0 && beta < limits.betaMin) {
      throw new QepInputError(field, `0 or at least ${limits.betaMin} (below it F = tr(Hρ) − S/β overflows)`, beta);
    }
  }
  if (s.model === 'davies') {
    const spread = Array.isArray(s.energies) ? spreadOf(s.energies) : spectralSpread(s.H);
    const rate = Math.max(largest(s.rates, 'without'), largest(s.gamma, 'without'), largest(s.dephasing), ...baths.map((b) => Math.max(largest(b.rates, 'without'), largest(b.gamma, 'without'))));
    // A bath given by its spectral density has rates only known after evaluation: no cheap bound then.
    const ratesKnown = baths.every((b) => b.spectralDensity === undefined);
    if (ratesKnown && rate > 0 && spread / rate > limits.frequencyToRate) {
      throw new QepInputError(
        Array.isArray(s.energies) ? 'energies' : 'H',
        `such that (E_max − E_min) / (largest rate) ≤ ${limits.frequencyToRate} (beyond it rounding of the unitary part swamps the dissipative rates)`,
        spread / rate,
      );
    }
  }
}

/** The counts of {@link checkScenarioLimits}: times, dimensions, output size (O(1), before anything is walked). */
function checkSizes(s: Readonly<Record<string, unknown>>, limits: InputLimits): void {
  if (s.model === 'davies') {
    const times = Array.isArray(s.times) ? s.times.length : 0;
    if (times > limits.times) throw limitError('times', 'a list of at most', limits.times, times, 'times');
    const d = Array.isArray(s.energies) ? s.energies.length : (rowsOf(s.H) ?? rowsOf(s.rho0) ?? 0);
    if (d > limits.daviesDimension) throw limitError(Array.isArray(s.energies) ? 'energies' : 'H', 'of dimension at most', limits.daviesDimension, d, 'daviesDimension');
    if (times * d * d > limits.outputValues) {
      throw limitError('times', 'such that |times|·d² (the output size) is at most', limits.outputValues, `${times}·${d}² = ${times * d * d}`, 'outputValues');
    }
  } else if (s.model === 'thermal-operation') {
    const dS = rowsOf(s.HS) ?? 0;
    const dE = rowsOf(s.HE) ?? 0;
    if (dS * dE > limits.thermalDimension) throw limitError('HE', 'such that d_S·d_E is at most', limits.thermalDimension, `${dS}·${dE} = ${dS * dE}`);
  }
}

/**
 * Davies, once the rates are known: refuse a last time t with (max_n Γ_n + γ_n)·t above
 * `rateTime` (see {@link InputLimits.rateTime}), where Γ_n is the total escape rate of
 * level n and γ_n its pure-dephasing rate.
 * @throws QepInputError naming `times`, the product and the limit.
 */
export function checkRateTime(escape: ArrayLike<number>, dephasing: ArrayLike<number>, times: readonly number[], limits: InputLimits = LIMITS): void {
  let rate = 0;
  for (let n = 0; n < escape.length; n++) rate = Math.max(rate, escape[n] + (dephasing[n] ?? 0));
  const t = times.length > 0 ? times[times.length - 1] : 0;
  if (rate * t > limits.rateTime) {
    throw new QepInputError(
      `times[${times.length - 1}]`,
      `such that (fastest rate)·t ≤ ${limits.rateTime} (beyond it rounding of the stationary modes, ~1e-17·rate·t, exceeds 1e-8; the state has long relaxed)`,
      rate * t,
    );
  }
}
