import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Summary } from '../claims/report.js';
import { DEFAULT_RUNS, DEFAULT_SEED, type ClaimResult } from '../claims/runner.js';
import type { EvaluatedScenario } from '../report/index.js';
import { type CliContext, UsageError } from './_internal/context.js';
import { isInputError } from './_internal/failure.js';
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
  const { deriveModel, MODEL_NAMES } = await import('../symbolic/derive.js');
  const names = extras.models && extras.models.length > 0 ? extras.models : MODEL_NAMES;
  try {
    // deriveModel caches per process: the symbolic claims of the run above already derived these.
    const models = await Promise.all(names.map((n) => deriveModel(n)));
    return await buildReport({
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
  } finally {
    const { closeCasWorkers } = await import('../symbolic/cas/worker.js');
    await closeCasWorkers();
  }
}

/** Read and evaluate the `--scenario` files (before the long claims run, so that bad input fails fast). */
async function readScenarios(files: readonly string[]): Promise<EvaluatedScenario[]> {
  const { evaluateForFigure } = await import('../report/index.js');
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --scenario ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--scenario ${file} is not JSON: ${(e as Error).message}`);
    }
    return evaluateForFigure(file, json);
  });
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
 * @throws UsageError or QepInputError (the caller exits 2) for unreadable or invalid scenarios and unknown models
 */
export async function runReport(options: ReportOptions, ctx: CliContext): Promise<number> {
  const { isModelName } = await import('../symbolic/derive.js');
  const unknown = options.model.filter((m) => !isModelName(m));
  if (unknown.length > 0) throw new UsageError(`unknown --model ${unknown.map((m) => `"${m}"`).join(', ')} (qep derives qubit-davies and partial-swap)`);
  const scenarios = await readScenarios(options.scenario);
  const { results, summary } = await runClaims({ runs: options.runs, seed: options.seed, claim: [] }, ctx, 'qep report');
  const html = await reportHtml(results, summary, { seed: options.seed, runs: options.runs, replay: reportReplay(options), models: options.model, scenarios });
  if (options.out === '-') {
    ctx.io.stdout.write(html);
  } else {
    try {
      writeFileSync(options.out, html);
    } catch (e) {
      throw new UsageError(`cannot write --out ${options.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
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
    .option('--model <name>', 'a derived model whose closed forms to show (repeatable; default: all)', collect, [])
    .option('--runs <n>', 'random instances per property claim', parseRuns, DEFAULT_RUNS)
    .option('--seed <s>', 'fast-check seed (32-bit integer), also of the sampled trajectories', parseSeed, DEFAULT_SEED)
    .option('--scenario <file>', 'a scenario in the qep eval format to plot (repeatable)', collect, [])
    .action(async (opts: ReportOptions, command: Command) => {
      try {
        ctx.exitCode = await runReport(opts, ctx);
      } catch (e) {
        if (e instanceof UsageError || isInputError(e)) command.error(`qep report: ${(e as Error).message}`, { exitCode: 2, code: 'qep.usage' });
        throw e;
      }
    });
}
