import { describe, expect, it } from 'vitest';
import { parseShard, shardClaims } from '../../src/claims/shard.js';
import type { Method } from '../../src/claims/claim.js';

const methods: Method[] = ['property', 'symbolic', 'property', 'property', 'both', 'property', 'property', 'symbolic', 'property', 'property'];
const claims = methods.map((method, i) => ({ id: `s.c${i}`, method }));

describe('parseShard', () => {
  it('reads K/N with 1 ≤ K ≤ N', () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/3', '4/3', '3', '1/0', 'a/b', '-1/2', '1.5/2', '1/20000'])('refuses %s with one message naming the form', (text) => {
    expect(() => parseShard(text)).toThrow(/^shard must be K\/N with 1 ≤ K ≤ N ≤ \d+ \(got "/);
  });
});

describe('shardClaims', () => {
  it('splits the selection into N disjoint parts that cover it, each in registry order', () => {
    for (const n of [1, 2, 3, 4, 10, 12]) {
      const parts = Array.from({ length: n }, (_, k) => shardClaims(claims, { index: k + 1, count: n }));
      const ids = parts.flat().map((c) => c.id);
      expect(new Set(ids).size).toBe(claims.length);
      expect([...ids].sort()).toEqual(claims.map((c) => c.id).sort());
      for (const p of parts) {
        expect(p.map((c) => claims.indexOf(c))).toEqual([...p.map((c) => claims.indexOf(c))].sort((a, b) => a - b));
        expect(p.length).toBeGreaterThanOrEqual(Math.floor(claims.length / n));
        expect(p.length).toBeLessThanOrEqual(Math.ceil(claims.length / n));
      }
    }
  });

  it('deals the slow symbolic claims over the shards first', () => {
    const parts = [1, 2, 3].map((k) => shardClaims(claims, { index: k, count: 3 }).map((c) => c.id));
    expect(parts).toEqual([
      // schedule: c1 c4 c7 (symbolic or both), then c0 c2 c3 c5 c6 c8 c9; dealt in turn
      ['s.c0', 's.c1', 's.c5', 's.c9'],
      ['s.c2', 's.c4', 's.c6'],
      ['s.c3', 's.c7', 's.c8'],
    ]);
  });
});
