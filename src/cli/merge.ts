import type { Command } from 'commander';
import { mergeShardReports, type NamedReport } from '../claims/merge.js';
import { renderReport } from './check.js';
import type { CliContext } from './_internal/context.js';
import { commandAction, readJsonInput } from './_internal/failure.js';
import { type Format, parseFormat } from './_internal/options.js';

/** The options of `qep merge`, as parsed. */
export interface MergeOptions {
  readonly format: Format;
}

/**
 * Merge the shard reports in `files` (`qep check --shard K/N --format json`)
 * into the report of a single run and print it; the exit code is 0 when every
 * verdict matches its expectation and 1 otherwise, as `qep check` would.
 *
 * @throws BadInput or QepInputError (the caller exits 2 with one line) for an
 *   unreadable file, malformed JSON, or reports that are not the shards of one run.
 */
export async function runMerge(files: readonly string[], options: MergeOptions, ctx: CliContext): Promise<number> {
  const reports: NamedReport[] = [];
  for (const file of files) {
    const value = await readJsonInput(file, ctx, (source) => ({ name: source, is: 'is' }));
    reports.push({ name: file === '-' ? 'stdin' : file, value });
  }
  const { results, summary } = mergeShardReports(reports);
  ctx.io.stdout.write(`${renderReport(results, summary, options.format, ctx)}\n`);
  return summary.ok ? 0 : 1;
}

/** Register `qep merge` on `program`. */
export function registerMerge(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description('merge the JSON reports of qep check --shard K/N into the report of a single run; exit 0 when every verdict is as expected, 1 otherwise')
    .argument('<report...>', 'shard reports (qep check --shard K/N --format json), one per shard; - reads one from stdin')
    .option('--format <f>', 'report format: text, json or markdown', parseFormat, 'text')
    .addHelpText('after', '\nExample:\n  qep check --shard 1/2 --format json > a.json; qep check --shard 2/2 --format json > b.json\n  qep merge a.json b.json')
    .action(commandAction(ctx, (files: string[], opts: MergeOptions) => runMerge(files, opts, ctx)));
}
