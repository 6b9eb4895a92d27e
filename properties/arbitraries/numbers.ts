import fc from 'fast-check';
import { QepInputError } from '../../src/numeric/errors.js';

/**
 * Number grids: every real parameter of an instance is an integer scaled to its
 * interval, so fast-check shrinks the integer and the instance follows. Every
 * instance arbitrary is a `.map` of these (never `.chain` or `.filter`), and the
 * value a parameter shrinks to is chosen to mean "simple": a diagonal state,
 * U = 1, equal gaps, β = 0, unit couplings.
 */

/** A fixed dimension, or an inclusive range that shrinks to its `min`. */
export type DimensionSpec = number | { readonly min: number; readonly max: number };

/** The range of a dimension option, checked. @throws QepInputError naming `field` unless min ≤ max are integers ≥ `min`. */
export function dimRange(spec: DimensionSpec, field: string, min = 1): { min: number; max: number } {
  const r = typeof spec === 'number' ? { min: spec, max: spec } : spec;
  if (!Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < min || r.max < r.min) {
    throw new QepInputError(field, `an integer ≥ ${min} or a range {min ≤ max} of such`, JSON.stringify(spec));
  }
  return r;
}

/** A dimension in a range; shrinks to its `min`. */
export function arbDim(r: { min: number; max: number }): fc.Arbitrary<number> {
  return r.min === r.max ? fc.constant(r.min) : fc.integer({ min: r.min, max: r.max });
}

/**
 * Resolution of the real parameters: a parameter is an integer i in [0, RES] (or
 * [−RES, RES]) scaled to its interval. fc.double would not do: it draws uniformly
 * over float encodings, so most draws in [0, 1] are below 1e-100. fc.integer is
 * uniform over the range (plus fast-check's bias toward small values and the
 * bounds, which gives the edge cases) and shrinks toward 0.
 */
const RES = 2 ** 24;

/**
 * A real in [min, max], uniform on a grid of steps + 1 points (default 2²⁴); shrinks
 * toward min. fast-check's integer bias draws min, max and values near min often (the
 * edge cases); for draws that must stay spread out, see {@link uniformDouble}.
 */
export function gridReal(min: number, max: number, steps: number = RES): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: steps }).map((i) => (i === steps ? max : min + ((max - min) * i) / steps));
}

/** n reals in [min, max] on a grid of `steps` (see {@link gridReal}); each shrinks toward min. */
export function gridReals(n: number, min: number, max: number, steps: number = RES): fc.Arbitrary<number[]> {
  return fc.array(gridReal(min, max, steps), { minLength: n, maxLength: n });
}

/** A real in [−a, a], uniform on a grid; shrinks toward 0. */
export function symmetricReal(a: number): fc.Arbitrary<number> {
  return fc.integer({ min: -RES, max: RES }).map((i) => (a * i) / RES);
}

/** n reals in [−a, a]; each shrinks toward 0. */
export function symmetricVector(n: number, a: number): fc.Arbitrary<number[]> {
  return fc.array(symmetricReal(a), { minLength: n, maxLength: n });
}

/** Resolution of {@link uniformDouble}: 2⁻³⁰ of the range. */
const UNIFORM_STEPS = 2 ** 30;

/**
 * A double uniform on [min, max] (to 2⁻³⁰ of the range), shrinking toward the end
 * point nearer 0 (toward 0 itself when min < 0 < max). Unlike {@link gridReal} it is
 * built on an unbiased fc.integer (fast-check's bias would favour small integers, i.e.
 * values near the shrink target): for angles and times that must stay spread out.
 * (fc.double is uniform over the *representable* doubles: for [−π, π] about 92% of its
 * draws have |x| < 10⁻³, which would make every random unitary nearly the identity.)
 */
export function uniformDouble(min: number, max: number): fc.Arbitrary<number> {
  if (min < 0 && max > 0) {
    const lo = Math.round((min / (max - min)) * UNIFORM_STEPS);
    const hi = Math.round((max / (max - min)) * UNIFORM_STEPS);
    return fc.noBias(fc.integer({ min: lo, max: hi })).map((k) => (k === lo ? min : k === hi ? max : (k / UNIFORM_STEPS) * (max - min)));
  }
  const k01 = fc.noBias(fc.integer({ min: 0, max: UNIFORM_STEPS }));
  if (max <= 0) return k01.map((k) => (k === UNIFORM_STEPS ? min : max - (k / UNIFORM_STEPS) * (max - min)));
  return k01.map((k) => (k === UNIFORM_STEPS ? max : min + (k / UNIFORM_STEPS) * (max - min)));
}

/** n doubles uniform on [min, max] (see {@link uniformDouble}). */
export function uniformDoubles(n: number, min: number, max: number): fc.Arbitrary<number[]> {
  return fc.array(uniformDouble(min, max), { minLength: n, maxLength: n });
}

/** Options of {@link arbBeta}. */
export interface BetaOptions {
  /** Largest finite β. Default 50. Beyond β·ΔE ≈ 745, e^{−βΔE} underflows to exactly 0. */
  readonly max?: number;
  /** Also draw β = +∞ (zero temperature). Default false. */
  readonly infinite?: boolean;
}

/**
 * Inverse temperatures β ∈ [0, max] (and +∞ when asked), mixing: β uniform in
 * [0, max]; β log-uniform in [10⁻⁶, max] (very high temperatures β·ΔE ≪ 1 and
 * very low ones, β·ΔE up to max·ΔE, e.g. 50·ΔE); β = 0 exactly; β = +∞.
 * fast-check's integer bias also hits 0, max and 10⁻⁶ often.
 * Shrinks toward β = 0 (infinite temperature); log-uniform draws shrink toward 10⁻⁶.
 *
 * @throws QepInputError when max is not finite and > 10⁻⁶.
 */
export function arbBeta(options: BetaOptions = {}): fc.Arbitrary<number> {
  const max = options.max ?? 50;
  if (!(Number.isFinite(max) && max > 1e-6)) throw new QepInputError('max', 'a finite number > 1e-6', String(max));
  const arbs: fc.WeightedArbitrary<number>[] = [
    { arbitrary: gridReal(0, max), weight: 3 },
    { arbitrary: gridReal(-6, Math.log10(max)).map((t) => Math.min(10 ** t, max)), weight: 3 },
    { arbitrary: fc.constant(0), weight: 1 },
  ];
  if (options.infinite) arbs.push({ arbitrary: fc.constant(Infinity), weight: 1 });
  return fc.oneof({ withCrossShrink: true }, ...arbs);
}

/** β·ΔE in [0, max]: uniform, log-uniform from 1e-3, and exactly 0 and max (default 50). Shrinks to 0. */
export function arbBetaDeltaE(max = 50): fc.Arbitrary<number> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: uniformDouble(0, max), weight: 3 },
    { arbitrary: uniformDouble(-3, Math.log10(max)).map((t) => Math.min(10 ** t, max)), weight: 3 },
    { arbitrary: fc.constant(0), weight: 1 },
    { arbitrary: fc.constant(max), weight: 1 },
  );
}
