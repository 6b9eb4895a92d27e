import type { Command } from 'commander';
import type { CliContext } from './_internal/context.js';
import { reportFailure } from './_internal/failure.js';

/** The output streams of `qep derive` / `qep verify` (each call writes a chunk as is). */
export interface CommandIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

/** Output formats of `qep derive`. */
export const DERIVE_FORMATS = ['text', 'latex', 'json'] as const;

/** The parsed arguments of `qep derive`. */
export interface DeriveArgs {
  /** `qubit-davies` or `partial-swap`; both when absent. */
  readonly model?: string;
  /** `text` (default), `latex` or `json`. */
  readonly format?: string;
  /** Ask algebrite for its opinion on every proof (default true; `--no-algebrite` is faster, same statuses). */
  readonly algebrite?: boolean;
}

/**
 * `qep derive [--model qubit-davies|partial-swap] [--format text|latex|json]`:
 * derive the closed forms from the definitions (cached within the process) and
 * print them with their status (proved / sampled).
 *
 * Exit codes: 0 printed; 2 unknown model or format (one line on stderr, nothing
 * on stdout); 1 a derivation step failed (a bug in qep, reported on stderr).
 * JSON: `{"models": {NAME: {"title", "parameters": {…}, "forms": {FORM: {"expr", "latex", "status"}}}}}`.
 */
export async function runDerive(args: DeriveArgs, io: CommandIO): Promise<number> {
  const format = args.format ?? 'text';
  if (!(DERIVE_FORMATS as readonly string[]).includes(format)) {
    io.stderr(`qep derive: --format must be one of ${DERIVE_FORMATS.join(', ')} (got ${JSON.stringify(format)})\n`);
    return 2;
  }
  const { deriveModel, MODEL_NAMES, toDeriveJson, toDeriveLatex, toDeriveText } = await import('../symbolic/derive.js');
  const names = args.model === undefined ? [...MODEL_NAMES] : [args.model];
  try {
    const models = await Promise.all(names.map((n) => deriveModel(n, { algebrite: args.algebrite !== false })));
    const out = format === 'json' ? `${JSON.stringify(toDeriveJson(models), null, 2)}\n` : format === 'latex' ? `${toDeriveLatex(models)}\n` : toDeriveText(models);
    io.stdout(out);
    return 0;
  } catch (e) {
    return reportFailure('qep derive', e, io.stderr);
  } finally {
    const { closeCasWorkers } = await import('../symbolic/cas/worker.js');
    await closeCasWorkers();
  }
}

/** Register `qep derive` on a commander program (same shape as registerCheck in check.ts). */
export function registerDerive(program: Command, ctx: CliContext): void {
  program
    .command('derive')
    .description('derive the qubit closed forms from the definitions (status proved or sampled) as text, LaTeX or JSON')
    .option('--model <name>', 'qubit-davies or partial-swap (default: both)')
    .option('--format <f>', 'text, latex or json', 'text')
    .option('--no-algebrite', 'skip algebrite\'s second opinions (faster; the statuses do not change)')
    .action(async (opts: DeriveArgs) => {
      ctx.exitCode = await runDerive(opts, { stdout: (s) => void ctx.io.stdout.write(s), stderr: (s) => void ctx.io.stderr.write(s) });
    });
}
