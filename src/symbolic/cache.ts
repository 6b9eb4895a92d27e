/**
 * The on-disk cache of algebrite's second opinions on a model's derivation,
 * under `$XDG_CACHE_HOME/qep` (by default `~/.cache/qep`), one file per qep
 * version and model. An entry is keyed by a SHA-256 of exactly what algebrite
 * was asked (kind, variable, timeout and the atomized input), so an entry is
 * only ever used for the same question. An opinion never changes a verdict,
 * so this cache only spares the CAS worker's time; exact reductions have their
 * own cache (proofCache.ts), re-checked by their samples on load. A missing, unreadable or
 * malformed cache file is ignored; a failed write is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AlgebriteZero } from './cas/algebrite.js';

/** What algebrite answered to one request: a verdict on `simplify(…) = 0`, or a factored form (null: no answer). */
export type CachedOpinion = { readonly verdict: AlgebriteZero; readonly ms: number } | { readonly factor: string | null; readonly ms: number };

/** Process-wide cache settings of both on-disk caches, algebrite's opinions and the proof cache (proofCache.ts); the CLI's `--no-cache` sets `enabled: false`. */
export interface SymbolicCacheSettings {
  /** Read and write the cache (default true). */
  readonly enabled: boolean;
  /** The cache folder (default `$XDG_CACHE_HOME/qep`, else `~/.cache/qep`). */
  readonly dir?: string;
}

let settings: SymbolicCacheSettings = { enabled: true };

/**
 * Turn the caches (opinions and proofs) on or off, or move them, for the rest of
 * the process: `configureSymbolicCache({ enabled: false })` is `--no-cache`
 * (neither read nor written). Worker threads have their own settings: call it in each.
 */
export function configureSymbolicCache(s: Partial<SymbolicCacheSettings>): void {
  settings = { ...settings, ...s };
}

/** The current cache settings. */
export function symbolicCacheSettings(): SymbolicCacheSettings {
  return settings;
}

/** The cache folder: the configured one, `$XDG_CACHE_HOME/qep`, or `~/.cache/qep`. */
export function cacheDirectory(): string {
  if (settings.dir) return settings.dir;
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg && xdg.startsWith('/') ? join(xdg, 'qep') : join(homedir(), '.cache', 'qep');
}

/** qep's version: the `version` of the package.json named "qep" two or three folders up (src/ or dist/src/). */
export function qepVersion(): string {
  const require = createRequire(import.meta.url);
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(rel) as { name?: unknown; version?: unknown };
      if (pkg.name === 'qep' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not at this depth
    }
  }
  return 'unknown';
}

/** The key of one request. */
export function opinionKey(kind: string, input: string, timeoutMs: number, variable = ''): string {
  return createHash('sha256').update(`${kind}\u0000${variable}\u0000${timeoutMs}\u0000${input}`).digest('hex');
}

function fileOf(model: string): string {
  return join(cacheDirectory(), qepVersion(), `algebrite-opinions-${model.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
}

function isOpinion(x: unknown): x is CachedOpinion {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  if (typeof o.ms !== 'number' || !Number.isFinite(o.ms)) return false;
  if ('verdict' in o) return ['zero', 'not-reduced', 'timeout', 'error'].includes(o.verdict as string);
  return 'factor' in o && (o.factor === null || typeof o.factor === 'string');
}

/** The cached opinions of a model (empty when the cache is off, absent or unreadable). */
export function readOpinions(model: string): Map<string, CachedOpinion> {
  const out = new Map<string, CachedOpinion>();
  if (!settings.enabled) return out;
  try {
    const data = JSON.parse(readFileSync(fileOf(model), 'utf8')) as unknown;
    const entries = (data as { entries?: unknown }).entries;
    if (typeof entries !== 'object' || entries === null) return out;
    for (const [k, v] of Object.entries(entries)) if (/^[0-9a-f]{64}$/.test(k) && isOpinion(v)) out.set(k, v);
  } catch {
    // no cache yet, or unreadable: start empty
  }
  return out;
}

/** Store a model's opinions (atomically: a temporary file in the same folder, then a rename). Never throws. */
export function writeOpinions(model: string, opinions: ReadonlyMap<string, CachedOpinion>): void {
  if (!settings.enabled) return;
  const file = fileOf(model);
  // never create folders under /proc or /sys (a recursive mkdir there may not return)
  if (/^\/(proc|sys)(\/|$)/.test(file)) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ version: qepVersion(), model, entries: Object.fromEntries(opinions) })}\n`);
    renameSync(tmp, file);
  } catch {
    // a read-only or full disk only costs the next run some time
  }
}
