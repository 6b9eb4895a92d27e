import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { errorMessage } from '../../claims/runner.js';
import { QepInputError } from '../../numeric/errors.js';
import { type CliContext, UsageError } from './context.js';
import { type OutStream, readAll } from './io.js';

/**
 * How every subcommand fails. Three kinds, one line each on stderr, never a stack trace:
 * - UsageError (bad arguments found after parsing): `qep CMD: MESSAGE (see qep --help)`, exit 2,
 *   printed by commander like its own parse errors;
 * - bad input (a QepInputError, or a {@link BadInput} such as an unreadable file): `qep CMD: MESSAGE`, exit 2;
 * - anything else is a bug in qep: `qep CMD: internal error: MESSAGE`, exit 1.
 */

/** Bad input that is not a physics check: an unreadable or unwritable file, malformed JSON, an existing output file. */
export class BadInput extends Error {
  override readonly name = 'BadInput';
}

/**
 * True for bad input: a BadInput, or a QepInputError, also one recognised by its
 * name only (an error rebuilt outside this module instance, e.g. rethrown from a
 * CAS worker thread).
 */
export function isInputError(e: unknown): e is Error {
  return e instanceof QepInputError || e instanceof BadInput || (e instanceof Error && e.name === 'QepInputError');
}

/** The first line of a message, trimmed. */
export function oneLine(text: string): string {
  return text.split(/\r?\n/)[0].trim();
}

/**
 * Print a failure on one stderr line, `COMMAND: MESSAGE` for bad input or
 * `COMMAND: internal error: MESSAGE` otherwise.
 * @returns the exit code: 2 for bad input, 1 for an internal error
 */
export function reportFailure(command: string, e: unknown, stderr: OutStream): 1 | 2 {
  // a model refuted by its own definition (a model file whose rates break detailed balance): exit 1, not a bug
  if (e instanceof Error && e.name === 'DetailedBalanceError') {
    stderr.write(`${command}: ${oneLine(e.message)}\n`);
    return 1;
  }
  if (isInputError(e)) {
    stderr.write(`${command}: ${oneLine(e.message)}\n`);
    return 2;
  }
  stderr.write(`${command}: internal error: ${errorMessage(e)}\n`);
  return 1;
}

/**
 * The action of a subcommand: run it, set `ctx.exitCode` to what it returns,
 * and turn what it throws into one line and an exit code (the kinds above). The
 * command's own name prefixes the message (`qep eval: …`).
 *
 * @param run the subcommand, given commander's positional arguments and options
 * @example program.command('eval').argument('<file>').action(commandAction(ctx, (file: string, opts: EvalOptions) => runEval(file, opts, ctx)))
 */
export function commandAction<A extends unknown[]>(ctx: CliContext, run: (...args: A) => Promise<number>): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    // commander passes the positional arguments, the options, then the command itself.
    const command = args[args.length - 1] as Command;
    const name = `qep ${command.name()}`;
    try {
      ctx.exitCode = await run(...(args.slice(0, -1) as A));
    } catch (e) {
      if (e instanceof UsageError) command.error(`${name}: ${e.message}`, { exitCode: 2, code: 'qep.usage' });
      ctx.exitCode = reportFailure(name, e, ctx.io.stderr);
    }
  };
}

/** A file-system failure as bad input: `cannot VERB WHAT (CODE)`, or the message when there is no code. */
export function fileFailure(verb: string, what: string, e: unknown): BadInput {
  const code = (e as { code?: unknown }).code;
  return new BadInput(`cannot ${verb} ${what}${typeof code === 'string' ? ` (${code})` : `: ${errorMessage(e)}`}`);
}

/**
 * Read and parse a JSON input: the file `file`, or stdin for `-`.
 * @param what how the messages name it, given the source (`stdin` or the path)
 * @throws BadInput `cannot read WHAT (CODE)` or `WHAT is not valid JSON: …`
 */
export async function readJsonInput(file: string, ctx: CliContext, what: (source: string) => { readonly name: string; readonly is: 'is' | 'are' }): Promise<unknown> {
  const { name, is } = what(file === '-' ? 'stdin' : file);
  let text: string;
  try {
    text = file === '-' ? await readAll(ctx.io.stdin) : await readFile(file, 'utf8');
  } catch (e) {
    throw fileFailure('read', name, e);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new BadInput(`${name} ${is} not valid JSON: ${errorMessage(e).replace(/^SyntaxError: /, '')}`);
  }
}
