import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/main.js';
import type { ConformReport } from '../../src/conform/index.js';
import { main } from '../../src/cli/main.js';

/** The repository root and the test engines. */
export const ROOT = join(import.meta.dirname, '..', '..');
export const ENGINES = join(import.meta.dirname, 'engines');

/** A broken engine written in TypeScript, run by node with tsx. */
export const tsEngine = (name: string): string => `node --import tsx ${join(ENGINES, name)}`;
/** A broken engine written as a plain ES module. */
export const mjsEngine = (name: string, ...args: string[]): string => [`node ${join(ENGINES, name)}`, ...args].join(' ');

/** Streams that record what the CLI writes. */
function io(errTty: boolean): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s), isTTY: false }, stderr: { write: (s: string) => err.push(s), isTTY: errTty, columns: 100 }, stdin: (async function* () {})(), env: {} },
    out,
    err,
  };
}

/** Run `qep ARGS` in-process (stderr a terminal when `errTty`): the exit code, stdout, stderr and the wall time. */
export async function qep(args: readonly string[], errTty = false): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const f = io(errTty);
  const t0 = performance.now();
  const code = await main(args, f.io);
  return { code, stdout: f.out.join(''), stderr: f.err.join(''), ms: performance.now() - t0 };
}

/** Run `qep conform ... --format json` and parse the report. */
export async function conformJson(args: readonly string[]): Promise<{ code: number; report: ConformReport; stderr: string; ms: number }> {
  const r = await qep(['conform', ...args, '--format', 'json']);
  if (r.stdout === '') throw new Error(`qep conform exited ${r.code} with no report: ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as ConformReport, stderr: r.stderr, ms: r.ms };
}

/** Process ids whose command line contains `marker` and not `unless` (Linux /proc). */
export function processesWith(marker: string, unless?: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(join('/proc', entry, 'cmdline'), 'utf8');
      if (cmdline.includes(marker) && (unless === undefined || !cmdline.includes(unless))) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/** A unique marker to put on an engine's command line. */
export function marker(): string {
  return `qep-conform-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
}
