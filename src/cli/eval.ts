import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { prettyJson } from '../claims/prettyJson.js';
import { toJsonValue } from '../claims/report.js';
import { errorMessage } from '../claims/runner.js';
import { QepInputError } from '../numeric/errors.js';
import type { CliContext, ScenarioEvaluator } from './_internal/context.js';
import { readAll } from './_internal/io.js';

/** The options of `qep eval`. */
export interface EvalOptions {
  /** Indent the output JSON by two spaces. */
  readonly pretty?: boolean;
}

/** The scenario evaluator, loaded on first use (keeps `qep check` start-up lean). */
async function defaultEvaluator(): Promise<ScenarioEvaluator> {
  return (await import('../numeric/scenario/index.js')).evaluateScenario;
}

function isInputError(e: unknown): e is Error {
  return e instanceof QepInputError || (e instanceof Error && e.name === 'QepInputError');
}

/** One line: the first line of a message, for stderr. */
function oneLine(text: string): string {
  return text.split(/\r?\n/)[0].trim();
}

/**
 * `qep eval FILE|-`: read a scenario (JSON), evaluate it, print the results as
 * JSON on stdout (+∞ as the string "Infinity", as in the reference data).
 *
 * Bad input (unreadable file, malformed JSON, a QepInputError from the
 * evaluator) prints one line `qep eval: <message>` on stderr, nothing on
 * stdout, and returns 2. A failure of qep itself (an unexpected exception, a
 * NaN in the output) prints `qep eval: internal error: <message>` and returns 1.
 * Nothing reaches stdout unless the whole evaluation succeeded.
 */
export async function runEval(file: string, options: EvalOptions, ctx: CliContext): Promise<number> {
  const fail = (code: number, message: string): number => {
    ctx.io.stderr.write(`qep eval: ${oneLine(message)}\n`);
    return code;
  };
  const source = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = file === '-' ? await readAll(ctx.io.stdin) : await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return fail(2, `cannot read ${source}${typeof code === 'string' ? ` (${code})` : `: ${errorMessage(e)}`}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return fail(2, `${source} is not valid JSON: ${errorMessage(e).replace(/^SyntaxError: /, '')}`);
  }
  let evaluate: ScenarioEvaluator;
  try {
    evaluate = ctx.deps.evaluateScenario ?? (await defaultEvaluator());
  } catch (e) {
    return fail(1, `internal error: the scenario evaluator is not available: ${errorMessage(e)}`);
  }
  let result: unknown;
  try {
    result = await evaluate(input);
  } catch (e) {
    if (isInputError(e)) return fail(2, e.message);
    return fail(1, `internal error: ${errorMessage(e)}`);
  }
  let out: string;
  try {
    out = options.pretty ? prettyJson(toJsonValue(result, 'throw')) : JSON.stringify(toJsonValue(result, 'throw'));
  } catch (e) {
    return fail(1, `internal error: the result has ${errorMessage(e)}`);
  }
  ctx.io.stdout.write(`${out}\n`);
  return 0;
}

/** Register `qep eval` on `program`. */
export function registerEval(program: Command, ctx: CliContext): void {
  program
    .command('eval')
    .description('evaluate a scenario JSON file (or - for stdin) and print the results as JSON')
    .argument('<file>', 'scenario JSON file, or - to read stdin')
    .option('--pretty', 'indent the output for humans')
    .addHelpText(
      'after',
      '\nUnits: hbar = k_B = 1, entropies in nats. A rate that diverges is the string "Infinity".\nBad input: one line on stderr naming the field, exit code 2, nothing on stdout.',
    )
    .action(async (file: string, opts: EvalOptions) => {
      ctx.exitCode = await runEval(file, opts, ctx);
    });
}
