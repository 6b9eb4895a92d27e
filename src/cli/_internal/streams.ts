import { errorMessage } from '../../claims/runner.js';
import { BUG_REPORT_HINT, oneLine } from './failure.js';

/** The process-level hooks {@link guardProcessStreams} installs on (the process itself, or a fake in tests). */
export interface GuardedProcess {
  readonly stdout: NodeJS.EventEmitter;
  readonly stderr: NodeJS.EventEmitter & { write(chunk: string): unknown };
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (e: unknown) => void): unknown;
  exit(code: number): never;
  exitCode?: number | string | undefined | null;
}

/**
 * Make every stream failure of the `qep` process one line and an exit code, never
 * a stack trace:
 * - stdout closed early (EPIPE, `qep check | head`): stop quietly with the exit code so far;
 * - any other stdout error (ENOSPC on /dev/full, EIO, EBADF: a failing disk):
 *   `qep: cannot write to stdout (ENOSPC)`, exit 1;
 * - a stderr error: exit 1 (there is nowhere left to say why);
 * - an exception nothing caught: `qep: internal error: MESSAGE (…please report…)`, exit 1.
 * Call once, from the executable, before {@link main}.
 */
export function guardProcessStreams(proc: GuardedProcess = process as unknown as GuardedProcess): void {
  const previous = (): number => (typeof proc.exitCode === 'number' ? proc.exitCode : 0);
  proc.stdout.on('error', (e: unknown) => {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'EPIPE') proc.exit(previous());
    try {
      proc.stderr.write(`qep: cannot write to stdout (${typeof code === 'string' ? code : oneLine(errorMessage(e))})\n`);
    } finally {
      proc.exit(1);
    }
  });
  proc.stderr.on('error', () => proc.exit(previous() === 0 ? 1 : previous()));
  const internal = (e: unknown): void => {
    try {
      proc.stderr.write(`qep: internal error: ${oneLine(errorMessage(e))} (${BUG_REPORT_HINT})\n`);
    } finally {
      proc.exit(1);
    }
  };
  proc.on('uncaughtException', internal);
  proc.on('unhandledRejection', internal);
}
