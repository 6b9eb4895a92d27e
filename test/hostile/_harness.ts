import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type CliDeps, type CliIO, main } from '../../src/cli/main.js';

/**
 * Running `qep` as a hostile user would, in-process (fast: most cases) or as a
 * child process (for what only a real process shows: a full disk on stdout, a pipe
 * closed early, a crash of the heap). Both give the exit code, stdout, stderr and
 * the time taken.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What one run of qep gave. */
export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Run `qep ARGV` in-process with recorded streams. */
export async function runInProcess(argv: readonly string[], opts: { stdin?: string; env?: Record<string, string>; deps?: CliDeps } = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s), isTTY: false },
    stderr: { write: (s: string) => err.push(s), isTTY: false },
    stdin: Readable.from([opts.stdin ?? '']),
    env: opts.env ?? {},
  };
  const start = performance.now();
  const code = await main(argv, io, opts.deps ?? {});
  return { code, stdout: out.join(''), stderr: err.join(''), ms: performance.now() - start };
}

/**
 * Run `qep ARGV` as a child process (the sources through tsx, as bin/qep.js runs the
 * build), killed after `timeoutMs`.
 * @param stdout 'pipe' to record it, 'full' for /dev/full (ENOSPC on every write),
 *   'closed' for a pipe whose reader goes away after the first bytes (EPIPE)
 */
export function runProcess(argv: readonly string[], opts: { stdout?: 'pipe' | 'full' | 'closed'; timeoutMs: number; env?: Record<string, string> }): Promise<Outcome & { signal: string | null }> {
  const mode = opts.stdout ?? 'pipe';
  const fd = mode === 'full' ? openSync('/dev/full', 'w') : undefined;
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'hostile', '_qep.ts'), ...argv], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    stdio: ['ignore', fd ?? 'pipe', 'pipe'],
  });
  if (fd !== undefined) closeSync(fd);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (mode === 'closed') child.stdout?.destroy();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr, ms: performance.now() - start });
    });
  });
}

/**
 * The promises every failure keeps: the exit code, exactly one line on stderr
 * matching `line` (or nothing when `line` is null), no stack trace, no raw control
 * character, and nothing on stdout unless `stdoutAllowed`.
 */
export function expectOneLine(o: Outcome, code: number, line: RegExp | null, what: string): void {
  expect(o.code, `${what}: exit code (stderr: ${o.stderr.slice(0, 300)})`).toBe(code);
  if (line === null) {
    expect(o.stderr, what).toBe('');
    return;
  }
  expect(o.stderr.endsWith('\n'), `${what}: stderr ends with a newline`).toBe(true);
  const lines = o.stderr.slice(0, -1).split('\n');
  expect(lines, `${what}: one line on stderr`).toHaveLength(1);
  expect(lines[0], what).toMatch(line);
  expect(lines[0], `${what}: no stack trace`).not.toMatch(/^\s+at |node:internal/);
  // eslint-disable-next-line no-control-regex
  expect(lines[0], `${what}: no raw control character`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(lines[0].length, `${what}: a line of bounded length`).toBeLessThan(600);
}
