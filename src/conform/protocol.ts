import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/**
 * The engine line protocol of `qep conform`.
 *
 * The engine is any shell command. qep starts it once, in a process group of
 * its own, and keeps it running: it writes one scenario per line on the
 * engine's stdin (the `qep eval` input, compact JSON) and reads one JSON object
 * per line on its stdout, in order: a result (any subset of the `qep eval`
 * output keys) or `{"error": "message"}` for a scenario the engine declines.
 *
 * Robustness: a scenario unanswered after the timeout kills the engine's whole
 * process group and is recorded as a `timeout`; an engine that exits is
 * recorded as a `crash`; both are restarted on the next request. A line that is
 * not JSON is recorded as `garbage` with its first {@link OFFENDING_TEXT_CHARS}
 * characters. Everything the engine writes on stderr is kept (the last
 * {@link STDERR_KEEP_CHARS} characters) and attached to the answer it was
 * written during. Every live engine is killed when qep exits, on SIGINT and on
 * SIGTERM.
 */

/** Characters of an offending line kept in a `garbage` or `wrong-shape` record. */
export const OFFENDING_TEXT_CHARS = 200;

/** Characters of the engine's stderr kept (the most recent ones), overall and per answer. */
export const STDERR_KEEP_CHARS = 4000;

/**
 * Timeout of the first scenario qep sends (a qubit), which also covers the
 * engine's start-up (an interpreter, a JIT, imports), in ms: an engine that has
 * not answered it by then cannot be started at all. The per-scenario timeout
 * applies when it is longer.
 */
export const PROBE_TIMEOUT_MS = 60_000;

/** Time an engine is given to exit after its stdin is closed, before its process group is killed (ms). */
export const CLOSE_GRACE_MS = 300;

/** What came back for one scenario. */
export type EngineAnswer =
  /** A JSON object without an `error` key (its shape is checked later, per model). */
  | { readonly kind: 'result'; readonly value: Record<string, unknown>; readonly line: string; readonly stderr: string; readonly ms: number }
  /** `{"error": "message"}`: the engine declines the scenario. */
  | { readonly kind: 'declined'; readonly message: string; readonly stderr: string; readonly ms: number }
  /** A line that is not a JSON object. */
  | { readonly kind: 'garbage'; readonly text: string; readonly stderr: string; readonly ms: number }
  /** No answer within the timeout: the engine was killed and will be restarted. */
  | { readonly kind: 'timeout'; readonly timeoutMs: number; readonly stderr: string; readonly ms: number }
  /** The engine exited (or could not be spawned) before answering. */
  | { readonly kind: 'crash'; readonly code: number | null; readonly signal: string | null; readonly message: string; readonly stderr: string; readonly ms: number };

/** The kinds of {@link EngineAnswer} that are engine failures (a `result` may still fail its shape check). */
export type EngineFailureKind = 'garbage' | 'timeout' | 'crash' | 'wrong-shape';

/** The first `n` characters of `text`, with `…` when cut. */
export function clip(text: string, n: number = OFFENDING_TEXT_CHARS): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

/**
 * Make an engine's line parseable by JSON.parse: the bare tokens `Infinity`,
 * `-Infinity` and `NaN` that Python's `json.dumps` writes become the strings
 * `"Infinity"`, `"-Infinity"`, `"NaN"` (the scenario convention for ±∞; NaN then
 * fails every comparison). Text inside strings is left alone.
 */
export function quoteNonFiniteTokens(line: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += line[i + 1] ?? '';
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const token = line.startsWith('-Infinity', i) ? '-Infinity' : line.startsWith('Infinity', i) ? 'Infinity' : line.startsWith('NaN', i) ? 'NaN' : null;
    if (token !== null) {
      out += `"${token}"`;
      i += token.length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Parse one answer line: a result, a decline, or garbage (with the offending text). */
export function parseAnswerLine(line: string, stderr: string, ms: number): EngineAnswer {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    try {
      value = JSON.parse(quoteNonFiniteTokens(line));
    } catch {
      return { kind: 'garbage', text: clip(line), stderr, ms };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'garbage', text: clip(line), stderr, ms };
  const obj = value as Record<string, unknown>;
  if (Object.hasOwn(obj, 'error')) return { kind: 'declined', message: clip(typeof obj.error === 'string' ? obj.error : JSON.stringify(obj.error) ?? 'null'), stderr, ms };
  return { kind: 'result', value: obj, line, stderr, ms };
}

/** Options of {@link EngineProcess}. */
export interface EngineOptions {
  /** The shell command that starts the engine. */
  readonly command: string;
  /** Per-scenario timeout in milliseconds. */
  readonly timeoutMs: number;
  /** Working directory (default: the current one). */
  readonly cwd?: string;
  /** Environment (default: the process's). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Counts of what happened to the engine process over a run. */
export interface EngineStats {
  /** Times the engine was started (1 + restarts). */
  readonly starts: number;
  readonly timeouts: number;
  readonly crashes: number;
}

interface Pending {
  readonly resolve: (a: EngineAnswer) => void;
  readonly started: number;
  readonly timer: NodeJS.Timeout;
  stderrFrom: number;
}

/** Every engine process alive in this qep process (killed on exit, SIGINT, SIGTERM). */
const live = new Set<EngineProcess>();

function killGroup(child: ChildProcessWithoutNullStreams): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
  try {
    child.kill('SIGKILL');
  } catch {
    // already gone
  }
}

function killAll(): void {
  for (const engine of live) engine.killNow();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  process.stderr.write(`\nqep conform: interrupted by ${signal}; the engine was stopped\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function registerLive(engine: EngineProcess): void {
  if (live.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', killAll);
  }
  live.add(engine);
}

function unregisterLive(engine: EngineProcess): void {
  if (!live.delete(engine) || live.size > 0) return;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('exit', killAll);
}

/**
 * One engine, started on the first request and restarted after a timeout or a
 * crash. Requests are answered strictly in order, one at a time.
 */
export class EngineProcess {
  private child: ChildProcessWithoutNullStreams | null = null;
  private pending: Pending | null = null;
  private stdoutBuffer = '';
  private stderrText = '';
  private stderrDropped = 0;
  private closed = false;
  private counts = { starts: 0, timeouts: 0, crashes: 0 };
  /**
   * Added to the timeout of the first scenario after a restart: the engine's
   * start-up time, measured on the probe (see {@link EngineProcess.probe}), so
   * that a restart is not mistaken for a hang.
   */
  startupMs = 0;

  constructor(private readonly options: EngineOptions) {}

  /** Counts of starts, timeouts and crashes so far. */
  get stats(): EngineStats {
    return { ...this.counts };
  }

  /** The most recent {@link STDERR_KEEP_CHARS} characters the engine wrote on stderr (over all its starts). */
  get stderr(): string {
    return this.stderrText;
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(this.options.command, {
      shell: true,
      detached: true, // a process group of its own: killed as a whole, and not sent the terminal's Ctrl-C
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: this.options.cwd,
      env: this.options.env ?? process.env,
    });
    this.counts.starts++;
    this.child = child;
    this.stdoutBuffer = '';
    registerLive(this);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onStdout(child, chunk));
    child.stderr.on('data', (chunk: string) => this.onStderr(chunk));
    child.stdin.on('error', () => {
      // EPIPE when the engine died: its exit is reported by the 'exit' handler
    });
    child.on('error', (e) => this.onExit(child, null, null, e.message));
    child.on('exit', (code, signal) => this.onExit(child, code, signal, null));
    return child;
  }

  private onStdout(child: ChildProcessWithoutNullStreams, chunk: string): void {
    if (child !== this.child) return;
    this.stdoutBuffer += chunk;
    let nl: number;
    while ((nl = this.stdoutBuffer.indexOf('\n')) >= 0) {
      const line = this.stdoutBuffer.slice(0, nl).replace(/\r$/, '');
      this.stdoutBuffer = this.stdoutBuffer.slice(nl + 1);
      this.onLine(line);
    }
  }

  private onLine(line: string): void {
    const p = this.pending;
    if (p === null) return; // an unrequested line (e.g. a banner before the first scenario): ignored
    this.finish(parseAnswerLine(line.trim(), this.stderrSince(p), performance.now() - p.started));
  }

  private onStderr(chunk: string): void {
    this.stderrText += chunk;
    if (this.stderrText.length > STDERR_KEEP_CHARS) {
      const cut = this.stderrText.length - STDERR_KEEP_CHARS;
      this.stderrDropped += cut;
      this.stderrText = this.stderrText.slice(cut);
    }
  }

  private stderrSince(p: Pending): string {
    const from = Math.max(0, p.stderrFrom - this.stderrDropped);
    return this.stderrText.slice(from);
  }

  private onExit(child: ChildProcessWithoutNullStreams, code: number | null, signal: NodeJS.Signals | null, spawnError: string | null): void {
    if (child !== this.child) return;
    this.child = null;
    killGroup(child); // grandchildren the engine left behind
    unregisterLive(this);
    const p = this.pending;
    if (p === null) return;
    // Give stderr a moment to drain so that the crash record carries the engine's last words.
    setImmediate(() => {
      if (this.pending !== p) return;
      this.counts.crashes++;
      const message = spawnError ?? (signal !== null ? `the engine was killed by ${signal}` : `the engine exited with code ${code}`);
      this.finish({ kind: 'crash', code, signal, message, stderr: this.stderrSince(p), ms: performance.now() - p.started });
    });
  }

  private finish(answer: EngineAnswer): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve(answer);
  }

  private onTimeout(p: Pending, timeoutMs: number): void {
    if (this.pending !== p) return;
    this.counts.timeouts++;
    const child = this.child;
    this.child = null;
    if (child !== null) {
      killGroup(child);
      unregisterLive(this);
    }
    this.finish({ kind: 'timeout', timeoutMs, stderr: this.stderrSince(p), ms: performance.now() - p.started });
  }

  /**
   * Send one scenario (already serialised, one line, no newline) and wait for
   * its answer, at most `timeoutMs`. Never rejects: every failure is an answer.
   */
  request(scenarioLine: string, timeoutMs: number = this.options.timeoutMs): Promise<EngineAnswer> {
    if (this.closed) return Promise.resolve({ kind: 'crash', code: null, signal: null, message: 'the engine was closed', stderr: '', ms: 0 });
    if (this.pending !== null) throw new Error('EngineProcess.request: one request at a time');
    const fresh = this.child === null;
    const child = this.child ?? this.start();
    const limit = timeoutMs + (fresh ? this.startupMs : 0);
    return new Promise<EngineAnswer>((resolve) => {
      const p: Pending = { resolve, started: performance.now(), stderrFrom: this.stderrDropped + this.stderrText.length, timer: setTimeout(() => this.onTimeout(p, timeoutMs), limit) };
      this.pending = p;
      child.stdin.write(`${scenarioLine}\n`);
    });
  }

  /**
   * Start the engine and send it its first scenario with {@link PROBE_TIMEOUT_MS}
   * (or the per-scenario timeout, when longer); the time the answer took becomes
   * {@link EngineProcess.startupMs}. A `crash` or `timeout` answer means the
   * engine cannot be started at all.
   */
  async probe(scenarioLine: string): Promise<EngineAnswer> {
    const answer = await this.request(scenarioLine, Math.max(PROBE_TIMEOUT_MS, this.options.timeoutMs));
    if (answer.kind !== 'crash' && answer.kind !== 'timeout') this.startupMs = Math.ceil(answer.ms);
    return answer;
  }

  /** Kill the engine's process group now (synchronous; used on exit and on signals). */
  killNow(): void {
    const child = this.child;
    this.child = null;
    if (child !== null) killGroup(child);
    unregisterLive(this);
  }

  /**
   * Close the engine: end its stdin, give it {@link CLOSE_GRACE_MS} to exit, then
   * kill its process group, whatever it did (no process is left behind).
   */
  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (child === null) return;
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(resolve, CLOSE_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin.end();
    });
    this.child = null;
    killGroup(child);
    unregisterLive(this);
    this.finish({ kind: 'crash', code: null, signal: null, message: 'the engine was closed', stderr: '', ms: 0 });
  }
}
