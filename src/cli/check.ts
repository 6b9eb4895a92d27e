import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import type { Claim } from '../claims/claim.js';
import { ClaimWorkers, Interrupted, moduleUrl, runClaimsParallel } from '../claims/parallel.js';
import { prettyJson } from '../claims/prettyJson.js';
import { formatJson, formatMarkdown, formatText, jsonReport, type Summary, summarize } from '../claims/report.js';
import { type ClaimResult, DEFAULT_RUNS, DEFAULT_SEED, runClaim } from '../claims/runner.js';
import { registryProblems, selectClaims } from '../claims/select.js';
import { parseShard, type Shard, shardBlock, shardClaims } from '../claims/shard.js';
import { configureSymbolicCache, symbolicCacheSettings } from '../symbolic/cache.js';
import { type CliContext, UsageError } from './_internal/context.js';
import { commandAction } from './_internal/failure.js';
import { colorEnabled, paintFor } from './_internal/io.js';
import { choiceParser, collect, collectClaim, type Format, FORMATS, parsePath, parseRuns, parseSeed } from './_internal/options.js';
import { announceRuns } from './_internal/runs.js';
import { packageVersion } from './_internal/version.js';

/** The options of `qep check`, as parsed. */
export interface CheckOptions {
  readonly runs: number;
  readonly seed: number;
  /** Claim ids or id prefixes (repeatable); none means every claim. */
  readonly claim: readonly string[];
  readonly path?: string;
  readonly format: CheckFormat;
  /** Threads to run claims on (the calling thread and `jobs − 1` workers); default: the number of cores. */
  readonly jobs: number;
  /** Run only this shard of the selection (see src/claims/shard.ts for the rule). */
  readonly shard?: Shard;
  /** Read and write the on-disk cache of the symbolic checks (`--no-cache` sets false). */
  readonly cache: boolean;
  /** Model files (or `qubit-davies`) whose claims join the run (repeatable). */
  readonly model?: readonly string[];
}

/** The formats of `qep check`: those of every claims report, and the HTML page of `qep report`. */
export const CHECK_FORMATS = [...FORMATS, 'html'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** Largest `--jobs` accepted. */
export const MAX_JOBS = 256;

/** `--jobs N`: an integer from 1 to {@link MAX_JOBS}. @throws InvalidArgumentError otherwise. */
export function parseJobs(text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_JOBS)) throw new InvalidArgumentError(`Expected an integer from 1 to ${MAX_JOBS}.`);
  return n;
}

function parseShardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch {
    throw new InvalidArgumentError(`Expected K/N with 1 ≤ K ≤ N, such as 3/8 (got "${text}").`);
  }
}

/** The registry module: the injected one, or properties/index (its `.ts` source under vitest and tsx). */
function registryUrl(ctx: CliContext): string {
  return ctx.deps.claimsModule ?? moduleUrl('../../properties/index.js', import.meta.url);
}

async function loadClaims(url: string): Promise<readonly Claim<unknown>[]> {
  const registry = (await import(url)) as { allClaims: readonly Claim<unknown>[] };
  return registry.allClaims;
}

/** What a claims run needs: which claims, the seed, the runs, an optional replay path; threads, shard and cache (defaults: 1 thread, no shard, cache on). */
export type ClaimRunOptions = Pick<CheckOptions, 'runs' | 'seed' | 'claim' | 'path'> & Partial<Pick<CheckOptions, 'jobs' | 'shard' | 'cache' | 'model'>>;

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

/** The outcome of a claims run: the results of the claims run, the summary, and the selection (before the shard). */
export interface ClaimRun {
  readonly results: ClaimResult[];
  readonly summary: Summary;
  /** Every claim the `--claim` patterns selected. */
  readonly chosen: readonly Claim<unknown>[];
  /** The claims this run checked: `chosen`, or its shard. */
  readonly selected: readonly Claim<unknown>[];
}

/**
 * Run the selected claims (with a progress bar on a terminal, on `jobs` threads)
 * and summarise them. Shared by `qep check` and `qep report`.
 *
 * @throws UsageError (the caller exits 2) when a `--claim` pattern matches
 *   nothing, `--path` is given for other than one claim, or `--runs` is above
 *   its limit (a long run first prints its estimated duration).
 * @throws QepInputError for an invalid `--model` file (exit 2); DetailedBalanceError when
 *   its rates break detailed balance (exit 1).
 * @throws Interrupted on Ctrl-C (the workers are stopped first).
 */
export async function runClaims(options: ClaimRunOptions, ctx: CliContext, command = 'qep check'): Promise<ClaimRun> {
  const jobs = options.jobs ?? 1;
  const cache = options.cache ?? true;
  // Workers start loading the registry now, while this thread loads its own copy. The claims
  // of model files exist only on this thread, so a run with --model stays on it.
  const parallel = ctx.deps.claims === undefined && options.path === undefined && (options.model ?? []).length === 0 && jobs > 1;
  const before = symbolicCacheSettings();
  configureSymbolicCache({ enabled: cache });
  const workers = parallel ? new ClaimWorkers(registryUrl(ctx), jobs - 1, cache) : undefined;
  try {
    return await runWith(options, ctx, command, workers);
  } finally {
    await workers?.close();
    configureSymbolicCache(before);
  }
}

async function runWith(options: ClaimRunOptions, ctx: CliContext, command: string, workers: ClaimWorkers | undefined): Promise<ClaimRun> {
  const claims = [...(ctx.deps.claims ?? (await loadClaims(registryUrl(ctx)))), ...(await modelFileClaims(options.model ?? []))];
  const { selected: chosen, unmatched } = selectClaims(claims, options.claim);
  if (unmatched.length > 0) throw new UsageError(`no claim matches ${unmatched.map((p) => `"${p}"`).join(', ')} (ids look like davies.pi-split; a prefix such as davies selects a section)`);
  if (options.path !== undefined && chosen.length !== 1) {
    throw new UsageError(`--path replays one claim, but the selection has ${chosen.length}: give --claim with the claim's full id`);
  }
  for (const problem of registryProblems(chosen)) ctx.io.stderr.write(`${command}: warning: ${problem}\n`);
  const selected = options.shard ? shardClaims(chosen, options.shard) : chosen;
  await announceRuns(selected, options.runs, options.seed, ctx);
  workers?.shrink(selected.length - 1);

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

  // Ctrl-C: stop the workers (the claim running on this thread is abandoned); the caller exits 130.
  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  process.once('SIGINT', onSigint);
  const start = performance.now();
  let results: ClaimResult[];
  let done = 0;
  try {
    if (options.path !== undefined) {
      bar?.update(0, { claim: selected[0].id });
      results = [await runClaim(selected[0], { seed: options.seed, runs: options.runs, path: options.path })];
    } else {
      results = await runClaimsParallel(selected, {
        seed: options.seed,
        runs: options.runs,
        ...(workers ? { workers } : {}),
        signal: interrupt.signal,
        onStart: (i) => bar?.update(done, { claim: selected[i].id }),
        onResult: (_, __, n) => {
          done = n;
          bar?.update(n);
        },
        onWarning: (message) => ctx.io.stderr.write(`${command}: warning: ${message}\n`),
      });
    }
    bar?.update(results.length, { claim: '' });
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar?.stop();
  }
  const summary = summarize(results, { seed: options.seed, runs: options.runs, ms: performance.now() - start });
  return { results, summary, chosen, selected };
}

/**
 * Run the selected claims and print the report; the exit code is 0 when every
 * verdict matches its expectation, 1 otherwise, 130 on Ctrl-C. `--format html`
 * writes the page of `qep report` to stdout.
 *
 * @throws UsageError (the caller exits 2): see {@link runClaims}.
 */
export async function runCheck(options: CheckOptions, ctx: CliContext): Promise<number> {
  let run: ClaimRun;
  try {
    run = await runClaims(options, ctx);
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
    ctx.io.stderr.write('qep check: interrupted\n');
    return 130;
  }
  const { results, summary, chosen, selected } = run;
  let out: string;
  if (options.shard && options.format === 'json') {
    out = prettyJson({ ...jsonReport(results, summary), shard: shardBlock(options.shard, packageVersion(), chosen, results) });
  } else if (options.format === 'html') {
    out = await (await import('./report.js')).reportHtml(results, summary, { seed: options.seed, runs: options.runs, replay: checkReplay(options) });
  } else {
    out = renderReport(results, summary, options.format, ctx);
  }
  if (options.shard && options.format !== 'json') {
    out += `\n\nshard ${options.shard.index}/${options.shard.count}: ${selected.length} of the ${chosen.length} selected claims (qep merge combines the shards' --format json reports)`;
  }
  ctx.io.stdout.write(`${out}\n`);
  return summary.ok ? 0 : 1;
}

/** The command that regenerates a `qep check --format html` page. */
function checkReplay(o: CheckOptions): string {
  const claims = o.claim.map((c) => ` --claim ${c}`).join('');
  const shard = o.shard ? ` --shard ${o.shard.index}/${o.shard.count}` : '';
  return `qep check --format html --runs ${o.runs} --seed ${o.seed}${claims}${shard}${o.path !== undefined ? ` --path ${o.path}` : ''} > report.html`;
}

/** The report of a run in `format` (text coloured when stdout is a terminal); `qep check` and `qep merge` print it. */
export function renderReport(results: readonly ClaimResult[], summary: Summary, format: Format, ctx: CliContext): string {
  if (format === 'json') return formatJson(results, summary);
  if (format === 'markdown') return formatMarkdown(results, summary);
  return formatText(results, summary, paintFor(colorEnabled(ctx.io.stdout, ctx.env)));
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
    .option('--jobs <n>', 'threads to run claims on (default: the number of cores); verdicts do not depend on it', parseJobs, availableParallelism())
    .option('--no-cache', 'neither read nor write the on-disk cache of the symbolic checks')
    .option('--shard <K/N>', 'run shard K of N of the selected claims (merge the JSON reports with qep merge)', parseShardOption)
    .option('--model <file>', 'a model file FILE.json (or qubit-davies) whose claims join the run (repeatable; ids models.NAME.*)', collect, [])
    .addHelpText(
      'after',
      '\nA refuted claim prints the command that replays its counterexample:\n  qep check --claim ID --seed S --path P --runs N',
    )
    .action(commandAction(ctx, (opts: CheckOptions) => runCheck(opts, ctx)));
}
