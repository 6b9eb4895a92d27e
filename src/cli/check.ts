import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Claim } from '../claims/claim.js';
import { formatJson, formatMarkdown, formatText, type Summary, summarize } from '../claims/report.js';
import { type ClaimResult, DEFAULT_RUNS, DEFAULT_SEED, runClaim } from '../claims/runner.js';
import { registryProblems, selectClaims } from '../claims/select.js';
import { type CliContext, UsageError } from './_internal/context.js';
import { commandAction } from './_internal/failure.js';
import { colorEnabled, paintFor } from './_internal/io.js';
import { announceRuns } from './_internal/runs.js';
import { choiceParser, collectClaim, FORMATS, parsePath, parseRuns, parseSeed } from './_internal/options.js';

/** The options of `qep check`, as parsed. */
export interface CheckOptions {
  readonly runs: number;
  readonly seed: number;
  /** Claim ids or id prefixes (repeatable); none means every claim. */
  readonly claim: readonly string[];
  readonly path?: string;
  readonly format: CheckFormat;
}

/** The formats of `qep check`: those of every claims report, and the HTML page of `qep report`. */
export const CHECK_FORMATS = [...FORMATS, 'html'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

async function defaultClaims(): Promise<readonly Claim<unknown>[]> {
  const registry = await import('../../properties/index.js');
  return registry.allClaims;
}

/** Let the event loop breathe (progress bar redraws) between two synchronous claim runs. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What a claims run needs: which claims, the seed, the runs and an optional replay path. */
export type ClaimRunOptions = Pick<CheckOptions, 'runs' | 'seed' | 'claim' | 'path'>;

/**
 * Run the selected claims (with a progress bar on a terminal) and summarise them.
 * Shared by `qep check` and `qep report`.
 *
 * @throws UsageError (the caller exits 2) when a `--claim` pattern matches
 *   nothing, `--path` is given for other than one claim, or `--runs` is above
 *   its limit (a long run first prints its estimated duration).
 */
export async function runClaims(options: ClaimRunOptions, ctx: CliContext, command = 'qep check'): Promise<{ results: ClaimResult[]; summary: Summary }> {
  const claims = ctx.deps.claims ?? (await defaultClaims());
  const { selected, unmatched } = selectClaims(claims, options.claim);
  if (unmatched.length > 0) throw new UsageError(`no claim matches ${unmatched.map((p) => `"${p}"`).join(', ')} (ids look like davies.pi-split; a prefix such as davies selects a section)`);
  if (options.path !== undefined && selected.length !== 1) {
    throw new UsageError(`--path replays one claim, but the selection has ${selected.length}: give --claim with the claim's full id`);
  }
  for (const problem of registryProblems(selected)) ctx.io.stderr.write(`${command}: warning: ${problem}\n`);
  await announceRuns(selected, options.runs, options.seed, ctx);

  const showProgress = ctx.io.stderr.isTTY === true && selected.length > 0;
  const bar = showProgress
    ? new SingleBar({
        stream: ctx.io.stderr as NodeJS.WritableStream,
        format: `${command} [{bar}] {value}/{total} {claim}`,
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
  return { results, summary: summarize(results, { seed: options.seed, runs: options.runs, ms: performance.now() - start }) };
}

/**
 * Run the selected claims and print the report; the exit code is 0 when every
 * verdict matches its expectation and 1 otherwise. `--format html` writes the
 * page of `qep report` to stdout.
 *
 * @throws Error with a usage message (the caller exits 2) when a `--claim`
 *   pattern matches nothing, or `--path` is given for other than one claim.
 */
export async function runCheck(options: CheckOptions, ctx: CliContext): Promise<number> {
  const { results, summary } = await runClaims(options, ctx);
  let out: string;
  if (options.format === 'html') out = await (await import('./report.js')).reportHtml(results, summary, { seed: options.seed, runs: options.runs, replay: checkReplay(options) });
  else if (options.format === 'json') out = formatJson(results, summary);
  else if (options.format === 'markdown') out = formatMarkdown(results, summary);
  else out = formatText(results, summary, paintFor(colorEnabled(ctx.io.stdout, ctx.env)));
  ctx.io.stdout.write(`${out}\n`);
  return summary.ok ? 0 : 1;
}

/** The command that regenerates a `qep check --format html` page. */
function checkReplay(o: CheckOptions): string {
  const claims = o.claim.map((c) => ` --claim ${c}`).join('');
  return `qep check --format html --runs ${o.runs} --seed ${o.seed}${claims}${o.path !== undefined ? ` --path ${o.path}` : ''} > report.html`;
}

/** Register `qep check` on `program`. */
export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description('check the claims of the paper on random instances; exit 0 when every verdict is as expected, 1 otherwise')
    .option('--runs <n>', 'random instances per property claim', parseRuns, DEFAULT_RUNS)
    .option('--seed <s>', 'fast-check seed (32-bit integer)', parseSeed, DEFAULT_SEED)
    .option('--claim <id>', 'a claim id, or an id prefix such as davies (repeatable)', collectClaim, [])
    .option('--path <p>', 'fast-check replay path of a counterexample (with --claim and --seed)', parsePath)
    .option('--format <f>', 'report format: text, json, markdown or html', choiceParser(CHECK_FORMATS), 'text')
    .addHelpText(
      'after',
      '\nA refuted claim prints the command that replays its counterexample:\n  qep check --claim ID --seed S --path P --runs N',
    )
    .action(commandAction(ctx, (opts: CheckOptions) => runCheck(opts, ctx)));
}
