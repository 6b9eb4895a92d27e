import type { Command } from 'commander';
import type { CliContext } from './_internal/context.js';
import { withCasWorkers } from './_internal/cas.js';
import { commandAction } from './_internal/failure.js';
import { choiceParser } from './_internal/options.js';

/** Output formats of `qep derive`. */
export const DERIVE_FORMATS = ['text', 'latex', 'json'] as const;
export type DeriveFormat = (typeof DERIVE_FORMATS)[number];

/** The options of `qep derive`, as parsed. */
export interface DeriveCommandOptions {
  /** `qubit-davies`, `partial-swap` or a model file (a path ending in .json); both built-in models when absent. */
  readonly model?: string;
  readonly format: DeriveFormat;
  /** Ask algebrite for its opinion on every proof (default true; `--no-algebrite` is faster, same statuses). */
  readonly algebrite: boolean;
}

/**
 * `qep derive [--model qubit-davies|partial-swap|FILE] [--format text|latex|json]`:
 * derive the closed forms from the definitions (cached within the process) and
 * print them with their status (proved / sampled). Returns 0. A model file
 * (see src/symbolic/models/modelFile.ts) is named by its base name.
 *
 * JSON: `{"models": {NAME: {"title", "parameters": {…}, "forms": {FORM: {"expr", "latex", "status"}}}}}`.
 * @throws QepInputError for an unknown model or an invalid model file (exit 2, one
 *   line, nothing on stdout); DetailedBalanceError for a model file whose rates break
 *   detailed balance (exit 1, one line); another error when a derivation step fails (a bug in qep, exit 1).
 */
export async function runDerive(options: DeriveCommandOptions, ctx: CliContext): Promise<number> {
  const { MODEL_NAMES, toDeriveJson, toDeriveLatex, toDeriveText } = await import('../symbolic/derive.js');
  const { deriveAnyModel } = await import('../symbolic/models/fileModels.js');
  const names = options.model === undefined ? [...MODEL_NAMES] : [options.model];
  const models = await withCasWorkers(() => Promise.all(names.map((n) => deriveAnyModel(n, { algebrite: options.algebrite }))));
  const format = options.format;
  ctx.io.stdout.write(format === 'json' ? `${JSON.stringify(toDeriveJson(models), null, 2)}\n` : format === 'latex' ? `${toDeriveLatex(models)}\n` : toDeriveText(models));
  return 0;
}

/** Register `qep derive` on `program`. */
export function registerDerive(program: Command, ctx: CliContext): void {
  program
    .command('derive')
    .description('derive the qubit closed forms from the definitions (status proved or sampled) as text, LaTeX or JSON')
    .option('--model <name>', 'qubit-davies, partial-swap or a model file FILE.json (default: both built-in models)')
    .option('--format <f>', 'text, latex or json', choiceParser(DERIVE_FORMATS), 'text')
    .option('--no-algebrite', 'skip algebrite\'s second opinions (faster; the statuses do not change)')
    .action(commandAction(ctx, (opts: DeriveCommandOptions) => runDerive(opts, ctx)));
}
