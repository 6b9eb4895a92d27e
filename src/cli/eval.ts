import { type Command, InvalidArgumentError } from 'commander';
import { prettyJson } from '../claims/prettyJson.js';
import { type JsonValue, toJsonValue } from '../claims/report.js';
import { errorMessage } from '../claims/runner.js';
import { type Comparison, DEFAULT_COMPARE_TOLERANCE, type Mismatch, compareResults } from '../numeric/scenario/compare.js';
import { type CliContext, type ScenarioEvaluator, scenarioEvaluator, UsageError } from './_internal/context.js';
import { BadInput, commandAction, readJsonInput } from './_internal/failure.js';

/** The options of `qep eval`. */
export interface EvalOptions {
  /** Indent the output JSON by two spaces. */
  readonly pretty?: boolean;
  /** Compare with this expected-results file (a golden fixture) instead of printing the results. */
  readonly expect?: string;
  /** Absolute tolerance of the comparison (default 1e-8). */
  readonly atol?: number;
  /** Relative tolerance of the comparison (default 1e-7). */
  readonly rtol?: number;
}

/** Mismatches `qep eval --expect` lists before summarising the rest. */
export const MAX_MISMATCHES_SHOWN = 20;

/** `--atol X` / `--rtol X`: a finite number ≥ 0. @throws InvalidArgumentError otherwise. */
export function parseTolerance(text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x < 0) throw new InvalidArgumentError('Expected a finite number ≥ 0, such as 1e-8.');
  return x;
}

/** A value for one line of the mismatch list: numbers in full, anything else as JSON cut at 60 characters. */
function show(x: unknown): string {
  if (x === undefined) return 'nothing';
  const text = typeof x === 'number' ? String(x) : (JSON.stringify(x) ?? String(x));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fmt(x: number): string {
  if (x === 0) return '0';
  return Number.isFinite(x) ? x.toExponential(1) : String(x);
}

/** One line of the mismatch list. */
export function formatMismatch(m: Mismatch): string {
  const where = m.path === '' ? '(the whole result)' : m.path;
  switch (m.kind) {
    case 'missing':
      return `${where}: missing (expected ${show(m.expected)})`;
    case 'extra':
      return `${where}: not in the expected file (got ${show(m.actual)})`;
    case 'type':
      return `${where}: got ${show(m.actual)}, expected ${show(m.expected)}`;
    case 'value':
      return `${where}: got ${show(m.actual)}, expected ${show(m.expected)} (deviation ${fmt(m.deviation)} > tolerance ${fmt(m.tolerance)})`;
  }
}

/** The report of `qep eval --expect`: one `ok:` line, or a `FAILED:` line and the first mismatches. */
export function formatComparison(c: Comparison, expectedFile: string): string {
  const tol = `atol ${c.atol}, rtol ${c.rtol}`;
  if (c.ok) {
    const worst = c.worst === null ? '' : `worst deviation ${fmt(c.worst.deviation)}${c.worst.deviation > 0 ? ` at ${c.worst.path}, ${c.worst.ratio.toPrecision(2)} of its tolerance` : ''}; `;
    return `ok: ${c.compared} values agree with ${expectedFile} (${worst}${tol})`;
  }
  const lines = [`FAILED: ${c.mismatches.length} of ${c.compared} values differ from ${expectedFile} (${tol})`];
  for (const m of c.mismatches.slice(0, MAX_MISMATCHES_SHOWN)) lines.push(`  ${formatMismatch(m)}`);
  if (c.mismatches.length > MAX_MISMATCHES_SHOWN) lines.push(`  ... and ${c.mismatches.length - MAX_MISMATCHES_SHOWN} more`);
  return lines.join('\n');
}

/** Read the expected results of `--expect`: a JSON object. @throws BadInput otherwise. */
async function readExpected(file: string, ctx: CliContext): Promise<object> {
  const what = (source: string) => ({ name: `the expected results ${source}`, is: 'are' as const });
  const expected = await readJsonInput(file, ctx, what);
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) {
    const kind = expected === null ? 'null' : Array.isArray(expected) ? 'an array' : typeof expected;
    throw new BadInput(`${what(file === '-' ? 'stdin' : file).name} must be a JSON object (the output of qep eval), not ${kind}`);
  }
  return expected;
}

/**
 * `qep eval FILE|-`: read a scenario (JSON), evaluate it, print the results as
 * JSON on stdout (+∞ as the string "Infinity", as in the reference data).
 *
 * With `expect` (a golden fixture: the JSON `qep eval` or `qep fixtures` wrote),
 * compare the results with it instead ({@link compareResults}: |a − e| ≤
 * atol + rtol·|e|, "Infinity" only with "Infinity", missing and extra keys count)
 * and print `ok: N values agree …` (return 0) or the first
 * {@link MAX_MISMATCHES_SHOWN} mismatches with their paths (return 1). An
 * unreadable expected file, or one that is not a JSON object, is bad input (2).
 *
 * Nothing reaches stdout unless the whole evaluation succeeded.
 *
 * @throws UsageError for --atol/--rtol without --expect, or both the scenario
 *   and --expect read from stdin; BadInput for an unreadable file or malformed
 *   JSON; the evaluator's QepInputError for a bad scenario (all exit 2, one
 *   line); any other error, such as a NaN in the result, is internal (exit 1).
 */
export async function runEval(file: string, options: EvalOptions, ctx: CliContext): Promise<number> {
  if (options.expect === undefined && (options.atol !== undefined || options.rtol !== undefined)) {
    throw new UsageError('--atol and --rtol set the tolerance of --expect: give --expect EXPECTED.json too');
  }
  if (options.expect === '-' && file === '-') throw new UsageError('the scenario and --expect cannot both be stdin');
  const input = await readJsonInput(file, ctx, (source) => ({ name: source, is: 'is' }));
  const expected = options.expect === undefined ? undefined : await readExpected(options.expect, ctx);
  let evaluate: ScenarioEvaluator;
  try {
    evaluate = await scenarioEvaluator(ctx.deps);
  } catch (e) {
    throw new Error(`the scenario evaluator is not available: ${errorMessage(e)}`);
  }
  const result = await evaluate(input);
  let json: JsonValue;
  try {
    json = toJsonValue(result, 'throw');
  } catch (e) {
    throw new Error(`the result has ${errorMessage(e)}`);
  }
  if (options.expect !== undefined) {
    const comparison = compareResults(json, expected, {
      atol: options.atol ?? DEFAULT_COMPARE_TOLERANCE.atol,
      rtol: options.rtol ?? DEFAULT_COMPARE_TOLERANCE.rtol,
    });
    ctx.io.stdout.write(`${formatComparison(comparison, options.expect === '-' ? 'stdin' : options.expect)}\n`);
    return comparison.ok ? 0 : 1;
  }
  ctx.io.stdout.write(`${options.pretty ? prettyJson(json) : JSON.stringify(json)}\n`);
  return 0;
}

/** Register `qep eval` on `program`. */
export function registerEval(program: Command, ctx: CliContext): void {
  program
    .command('eval')
    .description('evaluate a scenario JSON file (or - for stdin) and print the results as JSON')
    .argument('<file>', 'scenario JSON file, or - to read stdin')
    .option('--pretty', 'indent the output for humans')
    .option('--expect <expected>', 'compare with an expected-results JSON file (a golden fixture) instead of printing; exit 1 on a mismatch')
    .option('--atol <x>', `absolute tolerance of --expect (default ${DEFAULT_COMPARE_TOLERANCE.atol})`, parseTolerance)
    .option('--rtol <x>', `relative tolerance of --expect (default ${DEFAULT_COMPARE_TOLERANCE.rtol})`, parseTolerance)
    .addHelpText(
      'after',
      '\nUnits: hbar = k_B = 1, entropies in nats. A rate that diverges is the string "Infinity".\nBad input: one line on stderr naming the field, exit code 2, nothing on stdout.\nWith --expect: a value passes when |actual - expected| <= atol + rtol*|expected|; prints "ok: ..." (exit 0)\nor every mismatch with its path, e.g. rho[2].im[0][1] (the first 20; exit 1).',
    )
    .action(commandAction(ctx, (file: string, opts: EvalOptions) => runEval(file, opts, ctx)));
}
