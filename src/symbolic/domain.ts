/**
 * Physical domains of the symbolic models: parameter ranges, signs, sign
 * facts used to certify log arguments, and a seeded sampler of BigNumber
 * points (for identities verified by sampling).
 */
import type { BigNumber } from 'mathjs';
import { bigMath } from './cas/mathjs.js';
import type { ParamSign } from './atoms.js';
import { mulberry32 } from '../numeric/random/mulberry32.js';

/** One parameter of a model. */
export interface ParamSpec {
  /** Sign known on the whole domain. */
  readonly sign: ParamSign;
  /** Sampling range [lo, hi] (for a dependent parameter, the range of its free draw; see {@link Domain.derive}). */
  readonly lo: number;
  readonly hi: number;
  /** LaTeX symbol in paper notation. */
  readonly latex: string;
  /** What it is. */
  readonly description: string;
}

/** A sign fact of the physical domain: `expr` > 0 (or < 0), with the reason. */
export interface SignFact {
  readonly expr: string;
  readonly why: string;
  readonly sign?: 'pos' | 'neg';
}

/** The physical domain of a model. */
export interface Domain {
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Hypotheses of the domain, in words (reported with every verdict). */
  readonly hypotheses: readonly string[];
  readonly facts: readonly SignFact[];
  /**
   * Turn independent uniform draws into a physical point (e.g. |ρ₀₁| drawn as a
   * fraction of its bound √(p₀p₁)). Identity when absent.
   */
  readonly derive?: (draw: Readonly<Record<string, BigNumber>>) => Record<string, BigNumber>;
  /** The same map in float64 (for numeric cross-checks). */
  readonly deriveNumber?: (draw: Readonly<Record<string, number>>) => Record<string, number>;
}

/** A small seeded generator (mulberry32 of src/numeric/random): deterministic sampling from a seed. */
export const seededRandom: (seed: number) => () => number = mulberry32;

/** A uniform BigNumber in [lo, hi] with about 18 random significant digits. */
function uniformBig(rand: () => number, lo: number, hi: number): BigNumber {
  const digits = `${Math.floor(rand() * 1e9)
    .toString()
    .padStart(9, '0')}${Math.floor(rand() * 1e9)
    .toString()
    .padStart(9, '0')}`;
  const u = bigMath.bignumber(`0.${digits}`);
  const blo = bigMath.bignumber(String(lo));
  const bhi = bigMath.bignumber(String(hi));
  return blo.plus(bhi.minus(blo).times(u));
}

/** Points already drawn, per domain and (count, seed): identities of one model are sampled at the same points. */
const drawn = new WeakMap<Domain, Map<string, readonly Readonly<Record<string, BigNumber>>[]>>();

/**
 * `count` seeded points of the domain, as BigNumbers (frozen: one draw per
 * domain, count and seed is shared by every identity sampled there).
 */
export function samplePoints(domain: Domain, count: number, seed: number): readonly Readonly<Record<string, BigNumber>>[] {
  let byKey = drawn.get(domain);
  if (!byKey) {
    byKey = new Map();
    drawn.set(domain, byKey);
  }
  const key = `${count}:${seed}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const rand = seededRandom(seed);
  const out: Readonly<Record<string, BigNumber>>[] = [];
  for (let i = 0; i < count; i++) {
    const draw: Record<string, BigNumber> = {};
    for (const [name, p] of Object.entries(domain.params)) draw[name] = uniformBig(rand, p.lo, p.hi);
    out.push(Object.freeze(domain.derive ? domain.derive(draw) : draw));
  }
  Object.freeze(out);
  byKey.set(key, out);
  return out;
}

/** A float64 point of the domain from uniform draws u ∈ [0, 1] per parameter (in the order of `domain.params`). */
export function pointFromUnit(domain: Domain, u: readonly number[]): Record<string, number> {
  const draw: Record<string, number> = {};
  Object.entries(domain.params).forEach(([name, p], i) => {
    draw[name] = p.lo + (p.hi - p.lo) * (u[i] ?? 0.5);
  });
  return domain.deriveNumber ? domain.deriveNumber(draw) : draw;
}
