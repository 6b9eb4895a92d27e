/**
 * Naive checks on spectra shared by the random-instance tests and the
 * arbitraries' contract tests (written independently of the code under test).
 */
import { totalEnergyBlocks } from '../../../src/numeric/random/index.js';
import { sameLevel } from '../../../src/numeric/tolerance.js';

/** Smallest |ω_nm − ω_kl| over distinct ordered pairs (n≠m), (k≠l): naive O(d⁴). */
export function minBohrDistance(E: ArrayLike<number>): number {
  const d = E.length;
  let best = Infinity;
  for (let n = 0; n < d; n++)
    for (let m = 0; m < d; m++)
      for (let k = 0; k < d; k++)
        for (let l = 0; l < d; l++) {
          if (n === m || k === l || (n === k && m === l)) continue;
          best = Math.min(best, Math.abs(E[n] - E[m] - (E[k] - E[l])));
        }
  return best;
}

/** True when some degenerate block of H_S⊗1 + 1⊗H_E holds (n, µ), (m, ν) with E_n ≠ E_m. */
export function connectsSystemLevels(ES: ArrayLike<number>, EE: ArrayLike<number>): boolean {
  const s = totalEnergyBlocks(ES, EE);
  return s.blocks.some((b) => b.some((i) => b.some((j) => !sameLevel(s.energiesS[Math.floor(i / s.dimE)], s.energiesS[Math.floor(j / s.dimE)]))));
}
