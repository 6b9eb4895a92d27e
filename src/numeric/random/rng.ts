import { QepInputError } from '../errors.js';

/**
 * A seeded pseudo-random number generator: the source of every random instance in qep
 * (the symbolic sampling points use the smaller mulberry32, mulberry32.ts).
 *
 * Same seed, same sequence, on every platform (32-bit integer arithmetic only).
 */
export interface Rng {
  /** The next raw 32-bit output, an integer in [0, 2³²). */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits: (a·2²⁶ + b) / 2⁵³ from two outputs a ≫ 5, b ≫ 6. */
  uniform(): number;
  /** A standard normal N(0, 1) by Box–Muller: √(−2 ln u₁) (cos 2πu₂, sin 2πu₂); the sine half is cached for the next call. */
  normal(): number;
  /** A uniform integer in [0, n) (n a positive integer), by rejection: no modulo bias. */
  int(n: number): number;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/**
 * One step of xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom
 * number generators"): returns rotl(s₁·5, 7)·9 and advances the 128-bit state
 * `s` (four uint32, not all zero) in place. Exported for the reference test.
 */
export function xoshiro128ssStep(s: Uint32Array): number {
  const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
  const t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

/** MurmurHash3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded generator: xoshiro128** (period 2¹²⁸ − 1, passes BigCrush). The seed's
 * low and high 32-bit halves (lo, hi) fill the state as
 * (fmix32(lo), fmix32(hi ⊕ c₁), fmix32(lo ⊕ c₂), fmix32(hi ⊕ c₃)) with fmix32
 * MurmurHash3's finaliser and c_k fixed constants (the first SHA-256 words), and
 * the first 16 outputs are discarded. The map seed → state is injective (fmix32
 * is a bijection) and the state is never all zero, so distinct safe-integer seeds
 * (up to ±2⁵³) start from distinct states.
 *
 * @throws QepInputError when `seed` is not a finite safe integer.
 * @example createRng(42).uniform() // the same number on every run
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new QepInputError('seed', 'a safe integer', String(seed));
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const s = Uint32Array.of(fmix32(lo), fmix32(hi ^ 0x6a09e667), fmix32(lo ^ 0xbb67ae85), fmix32(hi ^ 0x3c6ef372));
  for (let k = 0; k < 16; k++) xoshiro128ssStep(s);
  let spare: number | null = null;

  const nextUint32 = (): number => xoshiro128ssStep(s);
  const uniform = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;
  return {
    nextUint32,
    uniform,
    normal(): number {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return z;
      }
      const u1 = 1 - uniform(); // (0, 1]: ln never sees 0
      const u2 = uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 4294967296) throw new QepInputError('n', 'an integer in [1, 2^32]', String(n));
      const limit = Math.floor(4294967296 / n) * n;
      for (;;) {
        const x = nextUint32();
        if (x < limit) return x % n;
      }
    },
  };
}
