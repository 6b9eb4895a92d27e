import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Claim } from '../claims/claim.js';
import { formatJson, formatMarkdown, formatText, summarize } from '../claims/report.js';
import { type ClaimResult, DEFAULT_RUNS, DEFAULT_SEED, runClaim } from '../claims/runner.js';
import { registryProblems, selectClaims } from '../claims/select.js';
import { type CliContext, UsageError } from './_internal/context.js';
import { commandAction } from './_internal/failure.js';
import { colorEnabled, paintFor } from './_internal/io.js';
import { collect, type Format, parseFormat, parsePath, parseRuns, parseSeed } from './_internal/options.js';

/** The options of `qep check`, as parsed. */
export interface CheckOptions {
  readonly runs: number;
  readonly seed: number;
  /** Claim ids or id prefixes (repeatable); none means every claim. */
  readonly claim: readonly string[];
  readonly path?: string;
  readonly format: Format;
  /** Model files (or `qubit-davies`) whose claims join the run (repeatable). */
  readonly model?: readonly string[];
}

async function defaultClaims(): Promise<readonly Claim<unknown>[]> {
  const registry = await import('../../properties/index.js');
  return registry.allClaims;
}

/** The claims of each `--model` file: its forms against the numeric engine, and its identities (B1–B9). */
async function modelFileClaims(args: readonly string[]): Promise<readonly Claim<unknown>[]> {
  if (args.length === 0) return [];
  const { modelFileOf } = await import('../symbolic/models/fileModels.js');
  const { modelClaims } = await import('../../properties/symbolicModels.js');
  return args.flatMap((arg) => {
    const f = modelFileOf(arg);
    return modelClaims(f.spec, f.model);
  });
}

/** Let the event loop breathe (progress bar redraws) between two synchronous claim runs. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Run the selected claims and print the report; the exit code is 0 when every
 * verdict matches its expectation and 1 otherwise.
 *
 * @throws Error with a usage message (the caller exits 2) when a `--claim`
 *   pattern matches nothing, or `--path` is given for other than one claim;
 *   QepInputError for an invalid `--model` file (exit 2); DetailedBalanceError when
 *   its rates break detailed balance (exit 1).
 */
export async function runCheck(options: CheckOptions, ctx: CliContext): Promise<number> {
  const claims = [...(ctx.deps.claims ?? (await defaultClaims())), ...(await modelFileClaims(options.model ?? []))];
  const { selected, unmatched } = selectClaims(claims, options.claim);
  if (unmatched.length > 0) throw new UsageError(`no claim matches ${unmatched.map((p) => `"${p}"`).join(', ')} (ids look like davies.pi-split; a prefix such as davies selects a section)`);
  if (options.path !== undefined && selected.length !== 1) {
    throw new UsageError(`--path replays one claim, but the selection has ${selected.length}: give --claim with the claim's full id`);
  }
  for (const problem of registryProblems(selected)) ctx.io.stderr.write(`qep check: warning: ${problem}\n`);

  const showProgress = ctx.io.stderr.isTTY === true && selected.length > 0;
  const bar = showProgress
    ? new SingleBar({
        stream: ctx.io.stderr as NodeJS.WritableStream,
        format: 'qep check [{bar}] {value}/{total} {claim}',
        clearOnComplete: true,
        hideCursor: false,
        barsize: 30,
      })
    : undefined;
  bar?.start(selected.length, 0, { claim: '' });

  const start = performance.now();
  const results: ClaimResult[] = [];
  try {
    for (const claim of selected) {
      bar?.update(results.length, { claim: claim.id });
      await tick();
      results.push(await runClaim(claim, { seed: options.seed, runs: options.runs, ...(options.path !== undefined ? { path: options.path } : {}) }));
    }
    bar?.update(results.length, { claim: '' });
  } finally {
    bar?.stop();
  }

  const summary = summarize(results, { seed: options.seed, runs: options.runs, ms: performance.now() - start });
  let out: string;
  if (options.format === 'json') out = formatJson(results, summary);
  else if (options.format === 'markdown') out = formatMarkdown(results, summary);
  else out = formatText(results, summary, paintFor(colorEnabled(ctx.io.stdout, ctx.env)));
  ctx.io.stdout.write(`${out}\n`);
  return summary.ok ? 0 : 1;
}

/** Register `qep check` on `program`. */
export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description('check the claims of the paper on random instances; exit 0 when every verdict is as expected, 1 otherwise')
    .option('--runs <n>', 'random instances per property claim', parseRuns, DEFAULT_RUNS)
    .option('--seed <s>', 'fast-check seed (32-bit integer)', parseSeed, DEFAULT_SEED)
    .option('--claim <id>', 'a claim id, or an id prefix such as davies (repeatable)', collect, [])
    .option('--path <p>', 'fast-check replay path of a counterexample (with --claim and --seed)', parsePath)
    .option('--format <f>', 'report format: text, json or markdown', parseFormat, 'text')
    .option('--model <file>', "a model file FILE.json (or qubit-davies) whose claims join the run (repeatable; ids models.NAME.*)", collect, [])
    .addHelpText(
      'after',
      '\nA refuted claim prints the command that replays its counterexample:\n  qep check --claim ID --seed S --path P --runs N',
    )
    .action(commandAction(ctx, (opts: CheckOptions) => runCheck(opts, ctx)));
}
