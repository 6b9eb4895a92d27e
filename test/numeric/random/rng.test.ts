import { describe, expect, it } from 'vitest';
import { createRng, xoshiro128ssStep } from '../../../src/numeric/random/index.js';
import { QepInputError } from '../../../src/numeric/errors.js';

/** Naive xoshiro128** on BigInt, straight from Blackman & Vigna's C reference. */
function referenceXoshiro(state: bigint[]): () => bigint {
  const M = 0xffffffffn;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  const s = state.slice();
  return () => {
    const result = (rotl((s[1] * 5n) & M, 7n) * 9n) & M;
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    return result;
  };
}

describe('xoshiro128**', () => {
  it('gives 11520 first from the state (1, 2, 3, 4), as the C reference does', () => {
    expect(xoshiro128ssStep(Uint32Array.of(1, 2, 3, 4))).toBe(11520);
  });

  it('matches a naive BigInt implementation for 5000 steps from an arbitrary state', () => {
    const init = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x12345678];
    const s = Uint32Array.from(init);
    const ref = referenceXoshiro(init.map(BigInt));
    for (let k = 0; k < 5000; k++) expect(xoshiro128ssStep(s)).toBe(Number(ref()));
  });
});

describe('createRng', () => {
  it('gives the same sequence for the same seed', () => {
    const a = createRng(12345);
    const b = createRng(12345);
    for (let k = 0; k < 100; k++) {
      expect(a.uniform()).toBe(b.uniform());
      expect(a.normal()).toBe(b.normal());
      expect(a.int(7)).toBe(b.int(7));
    }
  });

  it('gives different sequences for seeds 0, 1, -1, 2^32 and 2^32 + 1', () => {
    const firsts = [0, 1, -1, 2 ** 32, 2 ** 32 + 1].map((seed) => createRng(seed).nextUint32());
    expect(new Set(firsts).size).toBe(firsts.length);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12 (within 5 standard errors)', () => {
    const rng = createRng(7);
    const N = 40000;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < N; k++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s1 += u;
      s2 += u * u;
    }
    const mean = s1 / N;
    const variance = s2 / N - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / N));
  });

  it('draws normals with mean 0, variance 1 and fourth moment 3 (within 5 standard errors)', () => {
    const rng = createRng(8);
    const N = 40000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (let k = 0; k < N; k++) {
      const z = rng.normal();
      expect(Number.isFinite(z)).toBe(true);
      m1 += z;
      m2 += z * z;
      m4 += z ** 4;
    }
    expect(Math.abs(m1 / N)).toBeLessThan(5 * Math.sqrt(1 / N));
    expect(Math.abs(m2 / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m4 / N - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
  });

  it('draws integers in [0, n) uniformly (chi-square below its 99.9% point)', () => {
    const rng = createRng(9);
    const n = 6;
    const N = 30000;
    const counts = new Array<number>(n).fill(0);
    for (let k = 0; k < N; k++) {
      const x = rng.int(n);
      expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
      counts[x]++;
    }
    const chi2 = counts.reduce((s, c) => s + (c - N / n) ** 2 / (N / n), 0);
    expect(chi2).toBeLessThan(20.5); // 5 degrees of freedom, p = 0.001
  });

  it('rejects a seed that is not a safe integer with a QepInputError naming seed', () => {
    expect(() => createRng(1.5)).toThrow(QepInputError);
    expect(() => createRng(Number.NaN)).toThrow(/seed must be a safe integer/);
    expect(() => createRng(0).int(0)).toThrow(QepInputError);
  });
});
