import { createReadStream } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { errorMessage } from '../../claims/runner.js';
import { QepInputError } from '../../numeric/errors.js';
import { LIMIT_ENV, limitsFromEnv } from '../../numeric/scenario/limits.js';
import { showUntrusted } from '../../numeric/untrusted.js';
import { type CliContext, UsageError } from './context.js';
import { InputTooLarge, type OutStream, readAll } from './io.js';
import { scanJsonText } from './jsonText.js';

/**
 * How every subcommand fails. Three kinds, one line each on stderr, never a stack trace:
 * - UsageError (bad arguments found after parsing): `qep CMD: MESSAGE (see qep --help)`, exit 2,
 *   printed by commander like its own parse errors;
 * - bad input (a QepInputError, or a {@link BadInput} such as an unreadable file): `qep CMD: MESSAGE`, exit 2;
 * - a failing disk ({@link DiskFailure}: ENOSPC, EIO): `qep CMD: cannot write X (ENOSPC)`, exit 1;
 * - anything else is a bug in qep: `qep CMD: internal error: MESSAGE (…please report…)`, exit 1.
 * The line is printed with its control characters escaped: it may quote the input.
 */

/** Bad input that is not a physics check: an unreadable or unwritable file, malformed JSON, an existing output file. */
export class BadInput extends Error {
  override readonly name = 'BadInput';
}

/**
 * A failing disk or device (ENOSPC, EIO, EDQUOT, EFBIG) while reading or writing:
 * not the user's input and not a bug in qep. One line, `cannot write X (ENOSPC)`, exit 1.
 */
export class DiskFailure extends Error {
  override readonly name = 'DiskFailure';
}

/** The error codes of a failing disk or device (exit 1); every other file-system error is a bad path (exit 2). */
export const DISK_FAILURE_CODES: readonly string[] = ['ENOSPC', 'EIO', 'EDQUOT', 'EFBIG', 'ENXIO'];

/**
 * True for bad input: a BadInput, or a QepInputError, also one recognised by its
 * name only (an error rebuilt outside this module instance, e.g. rethrown from a
 * CAS worker thread).
 */
export function isInputError(e: unknown): e is Error {
  return e instanceof QepInputError || e instanceof BadInput || (e instanceof Error && e.name === 'QepInputError');
}

/** Longest line a failure prints: a safety net behind the cut of each echoed value. */
export const MAX_LINE_CHARS = 500;

/** The first line of a message, trimmed, with any control character left in it escaped, and cut at {@link MAX_LINE_CHARS}. */
export function oneLine(text: string): string {
  return showUntrusted(text.split(/\r?\n/)[0].trim(), MAX_LINE_CHARS);
}

/** What an internal error adds: it is a bug, and how to report it. */
export const BUG_REPORT_HINT = 'this is a bug in qep: please report it with the command line that produced it';

/**
 * Print a failure on one stderr line, `COMMAND: MESSAGE` for bad input or
 * `COMMAND: internal error: MESSAGE` otherwise.
 * @returns the exit code: 2 for bad input, 1 for an internal error
 */
export function reportFailure(command: string, e: unknown, stderr: OutStream): 1 | 2 {
  // a failing disk, or a model refuted by its own definition (a model file whose rates break
  // detailed balance): exit 1, not a bug
  if (e instanceof DiskFailure || (e instanceof Error && e.name === 'DetailedBalanceError')) {
    stderr.write(`${command}: ${oneLine(e.message)}\n`);
    return 1;
  }
  if (isInputError(e)) {
    stderr.write(`${command}: ${oneLine(e.message)}\n`);
    return 2;
  }
  stderr.write(`${command}: internal error: ${oneLine(errorMessage(e))} (${BUG_REPORT_HINT})\n`);
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

/** Pseudo file systems: qep never writes under them, and an error reading from them is a bad path (exit 2), not a failing disk. */
export const PSEUDO_FILE_SYSTEMS: readonly string[] = ['/proc', '/sys'];

/** Whether `path` (made absolute) is a pseudo file system or inside one. */
export function isPseudoPath(path: string): boolean {
  const absolute = resolve(path);
  return PSEUDO_FILE_SYSTEMS.some((root) => absolute === root || absolute.startsWith(`${root}${sep}`));
}

/**
 * A file-system failure, `cannot VERB WHAT (CODE)` (or the message when there is no
 * code): a {@link DiskFailure} for the codes of a failing disk, bad input otherwise.
 * `what` may be a user's path: it is shown escaped and cut.
 */
export function fileFailure(verb: string, what: string, e: unknown): BadInput | DiskFailure {
  const code = (e as { code?: unknown } | null)?.code;
  const Kind = typeof code === 'string' && DISK_FAILURE_CODES.includes(code) ? DiskFailure : BadInput;
  return new Kind(`cannot ${verb} ${showUntrusted(what, 200)}${typeof code === 'string' ? ` (${code})` : `: ${errorMessage(e)}`}`);
}

/**
 * Read and parse a JSON input: the file `file`, or stdin for `-`. Reads at most the
 * input-byte limit, drops a leading UTF-8 byte-order mark, and refuses a key given
 * twice in one object and nesting deeper than the depth limit (limits of
 * src/numeric/scenario/limits.ts, raised by their environment variables).
 * @param what how the messages name it, given the source (`stdin` or the path)
 * @throws BadInput `cannot read WHAT (CODE)`, `WHAT is not valid JSON: …`, `WHAT has the key "k" twice …`;
 *   QepInputError for an input over a limit
 */
export async function readJsonInput(file: string, ctx: CliContext, what: (source: string) => { readonly name: string; readonly is: 'is' | 'are' }): Promise<unknown> {
  const { name, is } = what(file === '-' ? 'stdin' : showUntrusted(file, 200));
  const limits = limitsFromEnv(ctx.env);
  let text: string;
  try {
    text = await readAll(file === '-' ? ctx.io.stdin : createReadStream(file), limits.inputBytes);
  } catch (e) {
    if (e instanceof InputTooLarge) {
      throw new BadInput(`${name} ${is} larger than the input limit of ${e.maxBytes} bytes (raise it with ${LIMIT_ENV.inputBytes}=N)`);
    }
    const failure = fileFailure('read', name, e);
    // /proc/self/mem answers EIO: a path that is no file to read, not a failing disk.
    throw failure instanceof DiskFailure && file !== '-' && isPseudoPath(file) ? new BadInput(failure.message) : failure;
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new BadInput(`${name} ${is} not valid JSON: ${showUntrusted(errorMessage(e).replace(/^SyntaxError: /, ''), 160)}`);
  }
  const problem = scanJsonText(text, limits.jsonDepth);
  if (problem?.kind === 'duplicate-key') throw new BadInput(`${name} ${problem.message}`);
  if (problem?.kind === 'too-deep') throw new BadInput(`${name} ${problem.message} (the input limit; raise it with ${LIMIT_ENV.jsonDepth}=N)`);
  return value;
}
