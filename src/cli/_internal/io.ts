import pc from 'picocolors';
import type { Paint } from '../../claims/report.js';

/**
 * The streams and environment a CLI run talks to. `main` takes them as an
 * argument so that tests run the CLI in-process with fakes.
 */

/** An output stream: anything with `write`; `isTTY` decides colours and progress. */
export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** The input stream (`qep eval -`): any async iterable of text or bytes, e.g. process.stdin. */
export type InStream = AsyncIterable<string | Uint8Array>;

/** The streams of one CLI run, and the environment variables it reads (`NO_COLOR`, `TERM`). */
export interface CliIO {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdin: InStream;
  /** Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The process's own streams and environment. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/**
 * Whether to colour what goes to `stream`: only on a terminal, and never when
 * `NO_COLOR` is set to a non-empty value (https://no-color.org) or `TERM=dumb`.
 */
export function colorEnabled(stream: OutStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (stream.isTTY !== true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

/** The colour functions for a report: picocolors when enabled, identity otherwise. */
export function paintFor(enabled: boolean): Paint {
  const c = pc.createColors(enabled);
  const wrap = (f: (s: string) => string) => (s: string) => f(s);
  return { bold: wrap(c.bold), dim: wrap(c.dim), red: wrap(c.red), green: wrap(c.green), yellow: wrap(c.yellow) };
}

/** Thrown by {@link readAll} when the input exceeds its byte limit. */
export class InputTooLarge extends Error {
  override readonly name = 'InputTooLarge';
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

/**
 * Read a whole input stream as UTF-8 text, stopping as soon as it exceeds
 * `maxBytes` (so /dev/zero or a 100 GB file costs at most `maxBytes` of memory).
 * @throws InputTooLarge past `maxBytes`; whatever the stream throws (ENOENT, EISDIR, …)
 */
export async function readAll(stream: InStream, maxBytes: number = Infinity): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  const encoder = new TextEncoder();
  let text = '';
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += typeof chunk === 'string' ? encoder.encode(chunk).length : chunk.length;
    if (bytes > maxBytes) throw new InputTooLarge(maxBytes);
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
