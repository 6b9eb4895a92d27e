import { QepInputError } from '../../numeric/errors.js';

/**
 * True for a QepInputError, also one recognised by its name only (an error
 * rebuilt outside this module instance, e.g. rethrown from a CAS worker thread).
 */
export function isInputError(e: unknown): e is Error {
  return e instanceof QepInputError || (e instanceof Error && e.name === 'QepInputError');
}

/**
 * Report an error caught by a subcommand on one stderr line, `COMMAND: MESSAGE`
 * for bad input (exit code 2) or `COMMAND: internal error: MESSAGE` otherwise
 * (a bug in qep, exit code 1); only the first line of the message is printed.
 * @returns the exit code, 2 or 1
 */
export function reportFailure(command: string, e: unknown, stderr: (s: string) => void): 1 | 2 {
  if (isInputError(e)) {
    stderr(`${command}: ${e.message.split('\n')[0]}\n`);
    return 2;
  }
  stderr(`${command}: internal error: ${(e as Error).message.split('\n')[0]}\n`);
  return 1;
}
