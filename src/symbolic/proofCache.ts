/**
 * The on-disk cache of a derivation's exact reductions, next to the opinion
 * cache (cache.ts): one plain JSON file per qep version and model under
 * `$XDG_CACHE_HOME/qep/<version>/`, keyed by the model (its name and a key the
 * caller gives, such as a model file's content hash) and, per entry, by the
 * step id and both sides' full text.
 *
 * What is stored is the outcome of the exact reduction of lhs − rhs (the
 * expensive part) and the verdict and residual it led to. A cached outcome is
 * never trusted blindly: on load the identity is sampled again exactly as on
 * the first run (the same seeded guard or sample points, 64-digit BigNumber,
 * the same residual bound), the verdict and residual must come out the same,
 * and a cached exact zero must also agree at fresh points of the seeded
 * sampler that the file does not name. Any mismatch, or a malformed or foreign
 * file or entry, discards the entry and the step is reduced again.
 * `configureSymbolicCache({ enabled: false })` (the CLI's `--no-cache`) turns
 * reading and writing off.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { MathNode } from 'mathjs';
import { checkIdentitySync, sampleIdentity, type ExactOutcome, type IdentityOptions, type SyncCheck } from './identity.js';
import { cacheDirectory, qepVersion, symbolicCacheSettings } from './cache.js';
import { SYMBOLIC_TOL } from '../numeric/tolerance.js';

/** The format tag of a proof cache file. */
export const PROOF_CACHE_FORMAT = 'qep-proofs/1';

/** The seed of the fresh guard points that re-check a cached exact zero (not the derivation's sampling seed). */
export const FRESH_GUARD_SEED = 7_340_033;

/** One cached step: both sides as checked, the exact outcome, and the verdict and residual it gave. */
export interface ProofCacheEntry {
  readonly lhs: string;
  readonly rhs: string;
  readonly exact: ExactOutcome;
  readonly status: string;
  readonly residual: number;
}

/** How a run used the proof cache: entries reused, reduced afresh, and discarded on re-check. */
export interface ProofCacheStats {
  hits: number;
  misses: number;
  discarded: number;
}

interface Store {
  readonly model: string;
  readonly modelKey: string;
  readonly old: Map<string, ProofCacheEntry>;
  readonly used: Map<string, ProofCacheEntry>;
  readonly stats: ProofCacheStats;
}

let active: Store | undefined;

const safe = (s: string): string => s.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_');

/** The proof cache file of a model, always inside the cache folder (or undefined when it would not be). */
export function proofCacheFile(model: string): string | undefined {
  const root = resolve(cacheDirectory());
  const file = resolve(join(root, safe(qepVersion()), `proofs-${safe(model)}.json`));
  return file.startsWith(root + sep) ? file : undefined;
}

function isExact(x: unknown): x is ExactOutcome {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return ['zero', 'nonzero', 'error'].includes(o.exact as string) && typeof o.note === 'string' && typeof o.alg === 'string' && typeof o.polynomialOnly === 'boolean';
}

function isEntry(x: unknown): x is ProofCacheEntry {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.lhs === 'string' && typeof o.rhs === 'string' && isExact(o.exact) && typeof o.status === 'string' && typeof o.residual === 'number';
}

function readStore(model: string, modelKey: string): Map<string, ProofCacheEntry> {
  const out = new Map<string, ProofCacheEntry>();
  const file = proofCacheFile(model);
  if (!file) return out;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (data.format !== PROOF_CACHE_FORMAT || data.version !== qepVersion() || data.model !== model || data.modelKey !== modelKey) return out;
    const entries = data.entries;
    if (typeof entries !== 'object' || entries === null) return out;
    for (const [k, v] of Object.entries(entries)) if (/^[0-9a-f]{64}$/.test(k) && isEntry(v)) out.set(k, v);
  } catch {
    // no cache yet, or unreadable: start empty
  }
  return out;
}

function writeStore(s: Store): void {
  const file = proofCacheFile(s.model);
  if (!file || /^\/(proc|sys)(\/|$)/.test(file)) return;
  const tmp = `${file}.${process.pid}-${threadId}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const body = { format: PROOF_CACHE_FORMAT, version: qepVersion(), model: s.model, modelKey: s.modelKey, entries: Object.fromEntries(s.used) };
    writeFileSync(tmp, `${JSON.stringify(body)}\n`);
    // rename is atomic: a concurrent run reads the old file or the new one, never a half-written one
    renameSync(tmp, file);
  } catch {
    // a read-only or full disk only costs the next run some time
    rmSync(tmp, { force: true });
  }
}

/**
 * Run a model's derivation `f` with its proof cache: steps checked through
 * {@link cachedIdentityCheck} inside `f` reuse and store exact reductions.
 * `modelKey` identifies the model's content (e.g. a model file's SHA-256; the
 * name for a built-in model). The file is rewritten (atomically) when any step
 * was reduced afresh. With the cache off, `f` just runs.
 */
export function withProofCache<T>(model: string, modelKey: string, f: () => T, stats?: ProofCacheStats): T {
  if (!symbolicCacheSettings().enabled || active) return f();
  const store: Store = { model, modelKey, old: readStore(model, modelKey), used: new Map(), stats: stats ?? { hits: 0, misses: 0, discarded: 0 } };
  active = store;
  try {
    const out = f();
    if (store.stats.misses > 0 || store.used.size !== store.old.size) writeStore(store);
    return out;
  } finally {
    active = undefined;
  }
}

/** The key of one step: SHA-256 of its id and both sides' text. */
export function proofKey(id: string, lhs: string, rhs: string): string {
  return createHash('sha256').update(`${id}\u0000${lhs}\u0000${rhs}`).digest('hex');
}

/** A cached step re-checked by its samples: the same verdict and residual at its seeded points, and (for an exact zero) agreement at fresh points. */
function recheck(e: ProofCacheEntry, l: MathNode, r: MathNode, opts: Omit<IdentityOptions, 'algebrite' | 'nerdamer'>): SyncCheck | undefined {
  const sync = checkIdentitySync(l, r, { ...opts, knownExact: e.exact });
  if (sync.report.status !== e.status || sync.report.residual !== e.residual) return undefined;
  if (e.exact.exact === 'zero' && !opts.skipSampling) {
    const fresh = sampleIdentity(l, r, opts.domain, FRESH_GUARD_SEED, SYMBOLIC_TOL.guardPoints);
    if (!fresh.ok) return undefined;
  }
  return sync;
}

/**
 * {@link checkIdentitySync} of step `id` through the active proof cache (see
 * {@link withProofCache}); outside one, a plain check. The verdict is the
 * same either way: a cached reduction is only used when its samples agree.
 */
export function cachedIdentityCheck(id: string, l: MathNode, r: MathNode, opts: Omit<IdentityOptions, 'algebrite' | 'nerdamer'>): SyncCheck {
  const store = active;
  if (!store || opts.exactLimits) return checkIdentitySync(l, r, opts);
  const lhs = l.toString();
  const rhs = r.toString();
  const key = proofKey(id, lhs, rhs);
  const e = store.old.get(key);
  if (e && e.lhs === lhs && e.rhs === rhs) {
    const sync = recheck(e, l, r, opts);
    if (sync) {
      store.stats.hits++;
      store.used.set(key, e);
      return sync;
    }
    store.stats.discarded++;
  }
  store.stats.misses++;
  const sync = checkIdentitySync(l, r, opts);
  store.used.set(key, { lhs, rhs, exact: sync.exactOutcome, status: sync.report.status, residual: sync.report.residual });
  return sync;
}
