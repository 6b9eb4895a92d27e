import { describe, expect, it } from 'vitest';
import { float64, float64Copy } from '../../../src/numeric/linalg/float64.js';

describe('float64: zeroed arrays carved from slabs', () => {
  it('returns zero-filled arrays of the requested length at every size class', () => {
    for (const n of [0, 1, 8, 9, 64, 4096, 4097, 40000]) {
      const a = float64(n);
      expect(a.length).toBe(n);
      expect(a.every((x) => x === 0)).toBe(true);
    }
  });

  it('never hands out overlapping memory, across slab boundaries', () => {
    const arrays = Array.from({ length: 400 }, (_, k) => float64(9 + ((k * 37) % 4000)));
    arrays.forEach((a, k) => a.fill(k + 1));
    arrays.forEach((a, k) => expect(a.every((x) => x === k + 1)).toBe(true));
  });

  it('copies without aliasing the source', () => {
    const src = Float64Array.from({ length: 40 }, (_, i) => i * 0.5);
    const c = float64Copy(src);
    expect(Array.from(c)).toEqual(Array.from(src));
    c[0] = 99;
    expect(src[0]).toBe(0);
    expect(Array.from(float64Copy([1, 2, 3]))).toEqual([1, 2, 3]);
  });
});
