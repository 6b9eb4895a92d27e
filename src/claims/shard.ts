import type { Claim } from './claim.js';
import { scheduleOrder } from './parallel.js';
import type { ClaimResult, InstanceCounts } from './runner.js';

/**
 * Shards: `qep check --shard K/N` runs a deterministic 1/N of the selected
 * claims, so that one large check splits across the jobs of a Slurm array or a
 * CI matrix, and `qep merge` puts the N reports back together.
 *
 * The rule: the selection is put in schedule order (claims with a symbolic
 * check first, then property claims, each group in registry order), and dealt
 * like cards: shard K gets schedule positions K−1, K−1+N, K−1+2N, … Every claim
 * is in exactly one shard; the slow symbolic claims are spread over the shards;
 * and the rule depends only on the selection, never on the machine.
 */

/** Shard K of N (1 ≤ K ≤ N). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Largest N of `--shard K/N`. */
export const MAX_SHARDS = 10_000;

/**
 * Parse `K/N` (1 ≤ K ≤ N ≤ {@link MAX_SHARDS}).
 * @throws RangeError `shard must be K/N with 1 ≤ K ≤ N (got "…")`
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw new RangeError(`shard must be K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS} (got "${text}")`);
  }
  return { index, count };
}

/**
 * The claims of shard `shard` of `claims` (the rule above), in the order of `claims`.
 * @example shardClaims(selected, { index: 2, count: 8 })
 */
export function shardClaims<C extends Pick<Claim<unknown>, 'method'>>(claims: readonly C[], shard: Shard): C[] {
  const order = scheduleOrder(claims);
  const mine = order.filter((_, position) => position % shard.count === shard.index - 1).sort((a, b) => a - b);
  return mine.map((i) => claims[i]);
}

/** What the text and markdown reports use of a result beyond the JSON report's fields. */
export interface ShardDetail {
  readonly note?: string;
  readonly error?: string;
  readonly instances?: InstanceCounts;
}

/**
 * The `shard` block of a shard's JSON report: which shard, of which run.
 * `selection` lists every claim id of the whole run, in registry order (what
 * `qep merge` orders by and checks the shards against).
 */
export interface ShardBlock {
  readonly index: number;
  readonly count: number;
  /** qep's version (shards of different versions are not merged). */
  readonly version: string;
  readonly selection: readonly string[];
  /** Per claim id of this shard: its note, error message and instance counts. */
  readonly details: Readonly<Record<string, ShardDetail>>;
}

/** The `shard` block for `results`, shard `shard` of a run over `selection`. */
export function shardBlock(shard: Shard, version: string, selection: readonly Pick<Claim<unknown>, 'id'>[], results: readonly ClaimResult[]): ShardBlock {
  const details: Record<string, ShardDetail> = {};
  for (const r of results) {
    details[r.id] = {
      ...(r.note !== undefined ? { note: r.note } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
      ...(r.instances !== undefined ? { instances: r.instances } : {}),
    };
  }
  return { index: shard.index, count: shard.count, version, selection: selection.map((c) => c.id), details };
}
