import { QepInputError } from '../errors.js';
import { ENGINE_TOL, TOL, sameLevel } from '../tolerance.js';

/** Options of {@link energiesFromGaps}. */
export interface EnergiesFromGapsOptions {
  /** E_0, the ground energy. Default 0. */
  readonly offset?: number;
  /**
   * When given (> 0), the levels are pushed up so that all Bohr frequencies
   * ω_nm = E_n − E_m (n ≠ m) differ pairwise by at least this much. Must not
   * exceed the smallest gap. Default: undefined (no repair; the gaps are kept).
   */
  readonly minBohrSeparation?: number;
}

/**
 * Ascending energies from level gaps, optionally repaired to non-degenerate Bohr frequencies.
 *
 * E_0 = offset, E_n = E_{n−1} + gaps[n−1]. With `minBohrSeparation = s`, level n is
 * then raised (greedily, by the least amount) until every new positive Bohr
 * frequency E_n − E_k (k < n) lies at least s away from every positive Bohr
 * frequency of the levels below. New frequencies differ among themselves by
 * E_k − E_j ≥ min gap ≥ s, and ω_nm vs ω_mn or vs a negative frequency differ by
 * ≥ 2·min gap, so afterwards all ω_nm (n ≠ m) are pairwise ≥ s apart (up to
 * rounding, ~1e-15 relative). Gaps only grow, so the minimum gap is kept.
 * Deterministic: the seeded generators and the fast-check arbitraries share it;
 * equal gaps (the shrink target of the arbitraries) give 0, g, 2g + s, ….
 *
 * @throws QepInputError when a gap is not finite and > 0, when s is not
 * finite and > 0 or exceeds the smallest gap, or when two levels (or two Bohr
 * frequencies, when repaired) come out equal under `sameLevel` (TOL.degeneracy),
 * which means the gaps are below the degeneracy tolerance.
 */
export function energiesFromGaps(gaps: ArrayLike<number>, options: EnergiesFromGapsOptions = {}): Float64Array {
  const offset = options.offset ?? 0;
  if (!Number.isFinite(offset)) throw new QepInputError('offset', 'a finite number', String(offset));
  const n = gaps.length + 1;
  let minGap = Infinity;
  for (let i = 0; i < gaps.length; i++) {
    if (!(Number.isFinite(gaps[i]) && gaps[i] > 0)) throw new QepInputError(`gaps[${i}]`, 'a finite number > 0', String(gaps[i]));
    minGap = Math.min(minGap, gaps[i]);
  }
  const s = options.minBohrSeparation;
  if (s !== undefined) {
    if (!(Number.isFinite(s) && s > 0)) throw new QepInputError('minBohrSeparation', 'a finite number > 0', String(s));
    if (s > minGap) throw new QepInputError('minBohrSeparation', `at most the smallest gap ${minGap}`, s);
  }
  const E = new Float64Array(n);
  E[0] = offset;
  const bohr: number[] = []; // positive Bohr frequencies of the levels placed so far
  for (let k = 1; k < n; k++) {
    let x = E[k - 1] + gaps[k - 1];
    if (s !== undefined) {
      // Raise x out of every forbidden window (E_j + ω − s, E_j + ω + s); x only grows, so this ends.
      const margin = s * ENGINE_TOL.random.bohrWindowMargin;
      for (let moved = true; moved; ) {
        moved = false;
        for (let j = 0; j < k; j++) {
          for (const w of bohr) {
            const centre = E[j] + w;
            if (x > centre - s && x < centre + s) {
              x = centre + s + margin;
              moved = true;
            }
          }
        }
      }
    }
    E[k] = x;
    for (let j = 0; j < k; j++) bohr.push(x - E[j]);
  }
  for (let k = 1; k < n; k++) {
    if (sameLevel(E[k], E[k - 1])) throw new QepInputError(`gaps[${k - 1}]`, `larger than the degeneracy tolerance ${TOL.degeneracy} (relative)`, gaps[k - 1]);
  }
  if (s !== undefined) {
    const sorted = bohr.slice().sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      if (sameLevel(sorted[i], sorted[i - 1])) throw new QepInputError('minBohrSeparation', `larger than the degeneracy tolerance ${TOL.degeneracy} (relative)`, s);
    }
  }
  return E;
}

/**
 * All Bohr frequencies ω_nm = E_n − E_m, n ≠ m, in row order (n, then m).
 */
export function bohrFrequencies(energies: ArrayLike<number>): Float64Array {
  const n = energies.length;
  const w = new Float64Array(n * (n - 1));
  let k = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) if (a !== b) w[k++] = energies[a] - energies[b];
  }
  return w;
}
