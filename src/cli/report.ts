import { availableParallelism } from 'node:os';
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { Summary } from '../claims/report.js';
import { DEFAULT_RUNS, DEFAULT_SEED, type ClaimResult } from '../claims/runner.js';
import { QepInputError } from '../numeric/errors.js';
import type { EvaluatedScenario } from '../report/index.js';
import { withCasWorkers } from './_internal/cas.js';
import type { CliContext } from './_internal/context.js';
import { commandAction, fileFailure, readJsonInput } from './_internal/failure.js';
import { collect, parseRuns, parseSeed } from './_internal/options.js';
import { packageVersion } from './_internal/version.js';
import { runClaims } from './check.js';

/** The options of `qep report`, as parsed. */
export interface ReportOptions {
  /** Output file; `-` writes the page to stdout. */
  readonly out: string;
  /** Models whose closed forms are shown (repeatable); none means every model qep derives. */
  readonly model: readonly string[];
  readonly runs: number;
  readonly seed: number;
  /** Scenario files in the `qep eval` format to plot (repeatable). */
  readonly scenario: readonly string[];
}

/** What the page needs besides the claims run. */
export interface ReportExtras {
  readonly seed: number;
  readonly runs: number;
  /** The command that regenerates the page. */
  readonly replay: string;
  readonly models?: readonly string[];
  readonly scenarios?: readonly EvaluatedScenario[];
}

/**
 * The HTML page of `qep report` for a finished claims run (also `qep check --format html`).
 * @throws QepInputError for an unknown model name
 */
export async function reportHtml(results: readonly ClaimResult[], summary: Summary, extras: ReportExtras): Promise<string> {
  const { buildReport, findQutipFixtures } = await import('../report/index.js');
  const { MODEL_NAMES } = await import('../symbolic/derive.js');
  const { deriveAnyModel } = await import('../symbolic/models/fileModels.js');
  const names = extras.models && extras.models.length > 0 ? extras.models : MODEL_NAMES;
  // Derivations are cached per process: the symbolic claims of the run already derived these.
  const models = await withCasWorkers(() => Promise.all(names.map((n) => deriveAnyModel(n))));
  return buildReport({
    results,
    summary,
    version: packageVersion(),
    date: new Date(),
    replay: extras.replay,
    models,
    scenarios: extras.scenarios ?? [],
    fixturesDir: findQutipFixtures(),
    seed: extras.seed,
  });
}

/** Read and evaluate the `--scenario` files (`-` is stdin) before the long claims run, so that bad input fails fast. */
async function readScenarios(files: readonly string[], ctx: CliContext): Promise<EvaluatedScenario[]> {
  const { evaluateForFigure } = await import('../report/index.js');
  const out: EvaluatedScenario[] = [];
  for (const file of files) {
    const json = await readJsonInput(file, ctx, (source) => ({ name: `--scenario ${source}`, is: 'is' }));
    out.push(evaluateForFigure(file === '-' ? 'stdin' : file, json));
  }
  return out;
}

function quote(arg: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command line that regenerates the report. */
export function reportReplay(o: ReportOptions): string {
  const args = ['qep', 'report', '--runs', String(o.runs), '--seed', String(o.seed)];
  for (const m of o.model) args.push('--model', m);
  for (const s of o.scenario) args.push('--scenario', s);
  args.push('--out', o.out);
  return args.map(quote).join(' ');
}

/**
 * `qep report`: run every claim, then write the self-contained HTML report.
 * Returns 0 when every verdict is as expected, 1 otherwise (the page is written either way).
 * @throws QepInputError or BadInput (exit 2, one line) for an unknown model, an
 *   unreadable or invalid scenario, or an unwritable output file
 */
export async function runReport(options: ReportOptions, ctx: CliContext): Promise<number> {
  const { isModelName, MODEL_NAMES } = await import('../symbolic/derive.js');
  const { isModelFileArgument, modelFileOf } = await import('../symbolic/models/fileModels.js');
  const files = options.model.filter(isModelFileArgument);
  for (const m of options.model) if (!isModelFileArgument(m) && !isModelName(m)) throw new QepInputError('--model', `one of ${MODEL_NAMES.join(', ')}, or a model file FILE.json`, JSON.stringify(m));
  // A model file is read, validated and derived before the long claims run (an invalid one exits 2 now).
  for (const f of files) modelFileOf(f);
  const scenarios = await readScenarios(options.scenario, ctx);
  if (options.out !== '-') {
    // fail before the long claims run when the page could not be written
    await access(dirname(options.out), constants.W_OK).catch((e: unknown) => {
      throw fileFailure('write', `--out ${options.out}`, e);
    });
  }
  const { results, summary } = await runClaims({ runs: options.runs, seed: options.seed, claim: [], jobs: availableParallelism(), model: files }, ctx, 'qep report');
  const html = await reportHtml(results, summary, { seed: options.seed, runs: options.runs, replay: reportReplay(options), models: options.model, scenarios });
  if (options.out === '-') {
    ctx.io.stdout.write(html);
  } else {
    try {
      await writeFile(options.out, html);
    } catch (e) {
      throw fileFailure('write', `--out ${options.out}`, e);
    }
    const { summaryLine } = await import('../claims/report.js');
    ctx.io.stdout.write(`wrote ${options.out} (${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB): ${summaryLine(summary)}\n`);
  }
  return summary.ok ? 0 : 1;
}

/** Register `qep report` on `program`. */
export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('check every claim and write a self-contained HTML report (claims, counterexamples, closed forms, plots, accuracy against QuTiP)')
    .option('--out <file>', 'the HTML file to write (- for stdout)', 'report.html')
    .option('--model <name>', 'a built-in model name or a model file FILE.json whose closed forms to show (repeatable; default: the built-in models); the claims of a file join the run', collect, [])
    .option('--runs <n>', 'random instances per property claim', parseRuns, DEFAULT_RUNS)
    .option('--seed <s>', 'fast-check seed (32-bit integer), also of the sampled trajectories', parseSeed, DEFAULT_SEED)
    .option('--scenario <file>', 'a scenario in the qep eval format to plot (repeatable; - for stdin)', collect, [])
    .action(commandAction(ctx, (opts: ReportOptions) => runReport(opts, ctx)));
}
