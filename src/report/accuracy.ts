import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareResults, DEFAULT_COMPARE_TOLERANCE } from '../numeric/scenario/compare.js';
import { evaluateScenario } from '../numeric/scenario/index.js';

/**
 * The numeric engine's accuracy against the QuTiP reference set
 * (`test/fixtures/qutip`: scenarios and the outputs QuTiP computed for them):
 * for each model and output key, the worst absolute deviation over every
 * scenario, and how many scenarios agree within the comparison tolerances
 * (|a − e| ≤ atol + rtol·|e|).
 */

/** The worst deviation of one output key over the reference set. */
export interface KeyAccuracy {
  readonly model: string;
  /** Top-level output key, e.g. `Pi_d` or `traj`. */
  readonly key: string;
  /** Largest |ours − QuTiP| over every number under the key (+∞ when one side is infinite and the other not). */
  readonly worst: number;
  /** Where it occurs: `scenario-file: path`. */
  readonly where: string;
  /** Numbers compared under the key. */
  readonly compared: number;
}

/** What {@link qutipAccuracy} measured. */
export interface AccuracyTable {
  readonly scenarios: number;
  /** Scenarios whose every value agrees within atol/rtol. */
  readonly agreeing: number;
  readonly atol: number;
  readonly rtol: number;
  readonly keys: readonly KeyAccuracy[];
  /** Output keys the reference set has no values for (e.g. the several-baths outputs), per model: not compared. */
  readonly unchecked: Readonly<Record<string, readonly string[]>>;
}

/**
 * Find the QuTiP reference set: `test/fixtures/qutip` in the first directory
 * above `from` that has one (the source tree, or a clone with `dist/` built).
 * @returns the directory, or undefined when this installation does not ship it
 */
export function findQutipFixtures(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'test', 'fixtures', 'qutip');
    if (existsSync(join(candidate, 'scenarios')) && existsSync(join(candidate, 'expected'))) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

function topKey(path: string): string {
  return /^[^.[]*/.exec(path)?.[0] ?? path;
}

/** Count the numbers under a JSON value (numbers and ±"Infinity"). */
function countNumbers(v: unknown): number {
  if (typeof v === 'number' || v === 'Infinity' || v === '-Infinity') return 1;
  if (Array.isArray(v)) return v.reduce((s: number, x) => s + countNumbers(x), 0);
  if (v !== null && typeof v === 'object') return Object.values(v).reduce((s: number, x) => s + countNumbers(x), 0);
  return 0;
}

/**
 * Evaluate every scenario of the reference set in `dir` with `evaluateScenario`
 * and compare it with QuTiP's output: the worst deviation per model and key
 * (compared exactly, atol = rtol = 0, so that every difference is seen), and
 * the number of scenarios within the default tolerances.
 * @throws Error when a file cannot be read or parsed (a broken checkout)
 */
export function qutipAccuracy(dir: string): AccuracyTable {
  const names = readdirSync(join(dir, 'scenarios'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  const worst = new Map<string, KeyAccuracy>();
  let agreeing = 0;
  const unchecked: Record<string, Set<string>> = {};
  for (const name of names) {
    const scenario = JSON.parse(readFileSync(join(dir, 'scenarios', name), 'utf8')) as { model?: unknown };
    const expected = JSON.parse(readFileSync(join(dir, 'expected', name), 'utf8')) as Record<string, unknown>;
    const model = String(scenario.model);
    const actual = evaluateScenario(scenario);
    if (compareResults(actual, expected).ok) agreeing++;
    const exact = compareResults(actual, expected, { atol: 0, rtol: 0 });
    for (const key of exact.unchecked) (unchecked[model] ??= new Set()).add(key);
    for (const key of Object.keys(expected)) {
      const id = `${model}\u0000${key}`;
      const prev = worst.get(id) ?? { model, key, worst: 0, where: '', compared: 0 };
      worst.set(id, { ...prev, compared: prev.compared + countNumbers(expected[key]) });
    }
    for (const m of exact.mismatches) {
      const id = `${model}\u0000${topKey(m.path)}`;
      const prev = worst.get(id);
      if (prev && m.deviation > prev.worst) worst.set(id, { ...prev, worst: m.deviation, where: `${name}: ${m.path}` });
    }
  }
  return {
    scenarios: names.length,
    agreeing,
    atol: DEFAULT_COMPARE_TOLERANCE.atol,
    rtol: DEFAULT_COMPARE_TOLERANCE.rtol,
    keys: [...worst.values()],
    unchecked: Object.fromEntries(Object.entries(unchecked).map(([m, keys]) => [m, [...keys]])),
  };
}
