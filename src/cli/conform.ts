import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_SEED, errorMessage } from '../claims/runner.js';
import {
  type ConformModel,
  type ConformReport,
  DEFAULT_CONFORM_RUNS,
  DEFAULT_CONFORM_TOLERANCE,
  DEFAULT_TIMEOUT_MS,
  EngineProcess,
  PROBE_TIMEOUT_MS,
  type FailureFiles,
  type ProgressEvent,
  formatConformJson,
  formatConformMarkdown,
  formatConformText,
  rowIds,
  runConform,
  scenarioFor,
  writeFailures,
} from '../conform/index.js';
import { type CliContext, UsageError } from './_internal/context.js';
import { BadInput, commandAction } from './_internal/failure.js';
import { colorEnabled, paintFor } from './_internal/io.js';
import { choiceParser, collect, type Format, parseFormat, parsePath, parseRuns, parseSeed } from './_internal/options.js';
import { parseTolerance } from './eval.js';

/** The options of `qep conform`, as parsed. */
export interface ConformOptions {
  readonly engine: string;
  readonly model: ConformModel | 'both';
  readonly runs: number;
  readonly seed: number;
  /** Row ids or prefixes (repeatable); none means every row. */
  readonly claim: readonly string[];
  readonly path?: string;
  readonly timeoutMs: number;
  readonly atol: number;
  readonly rtol: number;
  readonly out: string;
  readonly format: Format;
}

/** Where failing scenarios go unless `--out` says otherwise. */
export const DEFAULT_OUT_DIR = './qep-conform-failures';

/** Largest `--timeout-ms` accepted (one day). */
const MAX_TIMEOUT_MS = 86_400_000;

/** The values of `--model`. */
const MODELS = ['davies', 'thermal-operation', 'both'] as const;

function parseTimeout(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !(n >= 1 && n <= MAX_TIMEOUT_MS)) throw new InvalidArgumentError(`Expected an integer number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`);
  return n;
}

/**
 * Start the engine and send it one small scenario (a qubit): when it exits or
 * times out before answering anything, it cannot be started at all.
 */
async function startEngine(options: ConformOptions, models: readonly ConformModel[]): Promise<EngineProcess> {
  const engine = new EngineProcess({ command: options.engine, timeoutMs: options.timeoutMs });
  const probe = models[0] === 'davies'
    ? scenarioFor({ model: 'davies', dim: 2, times: 1, state: 'mixed', hamiltonian: 'energies', bath: 'gamma', dephasing: false, baths: 1, seed: 0 })
    : scenarioFor({ model: 'thermal-operation', dimS: 2, dimE: 2, state: 'mixed', unitary: 'U', seed: 0 });
  const answer = await engine.probe(JSON.stringify(probe));
  if (answer.kind === 'crash' || answer.kind === 'timeout') {
    await engine.close();
    const why = answer.kind === 'crash' ? answer.message : `it did not answer a qubit scenario within ${Math.max(PROBE_TIMEOUT_MS, options.timeoutMs)} ms`;
    const last = answer.stderr.trim().split('\n').pop()?.trim() ?? '';
    throw new BadInput(`the engine could not be started: ${JSON.stringify(options.engine)}: ${why}${last !== '' ? ` (stderr: ${last.slice(0, 200)})` : ''}`);
  }
  return engine;
}

/**
 * Run `qep conform` and print the report; 0 when every applicable claim holds
 * and every returned key agrees, 1 when something fails.
 *
 * @throws UsageError for a `--claim` that matches no row, or `--path` without exactly one row.
 * @throws BadInput when the engine cannot be started at all (exit 2, one line).
 */
export async function runConformCommand(options: ConformOptions, ctx: CliContext): Promise<number> {
  const models: ConformModel[] = options.model === 'both' ? ['davies', 'thermal-operation'] : [options.model];
  const ids = rowIds(models);
  const unmatched = options.claim.filter((p) => !ids.some((id) => id === p || id.startsWith(p)));
  if (unmatched.length > 0) throw new UsageError(`no row matches ${unmatched.map((p) => `"${p}"`).join(', ')} (rows look like conform.davies.pi-split, agree.davies.Pi, engine.davies)`);
  if (options.path !== undefined) {
    const chosen = ids.filter((id) => options.claim.some((p) => id === p || id.startsWith(p)));
    if (models.length !== 1 || chosen.length !== 1) throw new UsageError('--path replays one row: give --model and --claim with the row\'s full id');
  }

  const engine = await startEngine(options, models);
  const bar =
    ctx.io.stderr.isTTY === true
      ? new SingleBar({ stream: ctx.io.stderr as NodeJS.WritableStream, format: 'qep conform [{bar}] {value}/{total} {what}', clearOnComplete: true, hideCursor: false, barsize: 30 })
      : undefined;
  const onProgress = bar
    ? (e: ProgressEvent) => {
        if (e.phase === 'check') {
          if (e.done === 1) bar.start(e.total, 0, { what: e.model });
          bar.update(e.done, { what: e.model });
        } else {
          bar.update(bar.getProgress() * bar.getTotal(), { what: `shrinking ${e.row ?? ''} (${e.done} candidates)` });
        }
      }
    : undefined;

  let report: ConformReport;
  try {
    report = await runConform(engine, {
      command: options.engine,
      models,
      runs: options.runs,
      seed: options.seed,
      ...(options.path !== undefined ? { path: options.path } : {}),
      claims: options.claim,
      tolerance: { atol: options.atol, rtol: options.rtol },
      timeoutMs: options.timeoutMs,
      ...(onProgress ? { onProgress } : {}),
    });
  } finally {
    bar?.stop();
    await engine.close();
  }

  let files: Map<string, FailureFiles> = new Map();
  try {
    files = writeFailures(report, options.out);
  } catch (e) {
    ctx.io.stderr.write(`qep conform: warning: could not write the failing scenarios to ${options.out}: ${errorMessage(e)}\n`);
  }
  const format: Record<Format, () => string> = {
    text: () => formatConformText(report, files, paintFor(colorEnabled(ctx.io.stdout, ctx.env))),
    json: () => formatConformJson(report, files),
    markdown: () => formatConformMarkdown(report, files),
  };
  ctx.io.stdout.write(`${format[options.format]()}\n`);
  return report.ok ? 0 : 1;
}

/** Register `qep conform` on `program`. */
export function registerConform(program: Command, ctx: CliContext): void {
  program
    .command('conform')
    .description('check an engine of your own against the claims and qep\'s results on random scenarios; exit 0 when it conforms, 1 when something fails')
    .requiredOption('--engine <cmd>', 'the engine: a shell command reading one scenario per line on stdin, writing one JSON result per line on stdout')
    .option('--model <m>', 'davies, thermal-operation or both', choiceParser(MODELS), 'both')
    .option('--runs <n>', 'random scenarios per model', parseRuns, DEFAULT_CONFORM_RUNS)
    .option('--seed <s>', 'fast-check seed (32-bit integer)', parseSeed, DEFAULT_SEED)
    .option('--claim <id>', 'a row id, or an id prefix such as conform.davies or agree (repeatable)', collect, [])
    .option('--path <p>', 'fast-check replay path of a counterexample (with --model, --claim and --seed)', parsePath)
    .option('--timeout-ms <t>', 'per-scenario timeout; the engine is killed and restarted on expiry', parseTimeout, DEFAULT_TIMEOUT_MS)
    .option('--atol <x>', 'absolute tolerance of agreement and consistency', parseTolerance, DEFAULT_CONFORM_TOLERANCE.atol)
    .option('--rtol <x>', 'relative tolerance of agreement and consistency', parseTolerance, DEFAULT_CONFORM_TOLERANCE.rtol)
    .option('--out <dir>', 'where failing scenarios are written (qep eval input, with the engine\'s and qep\'s answers)', DEFAULT_OUT_DIR)
    .option('--format <f>', 'report format: text, json or markdown', parseFormat, 'text')
    .addHelpText('after', '\nThe protocol, the four-line Python engine and the Node engine: see the README, `qep conform`.')
    .action(commandAction(ctx, (opts: ConformOptions) => runConformCommand(opts, ctx)));
}
