/**
 * mulberry32 (Tommy Ettinger, 2017; public domain): a seeded generator of
 * uniforms in [0, 1) with 32 bits of state and 2⁻³² resolution, in 32-bit
 * integer arithmetic (the same stream on every platform). For a plain stream of
 * uniforms from an integer seed: the symbolic engine's sampling points
 * (`seededRandom`) and naive test inputs. Random physical instances use
 * {@link createRng} (xoshiro128**, 53-bit uniforms, normals).
 * @example mulberry32(1)() // the same number on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
