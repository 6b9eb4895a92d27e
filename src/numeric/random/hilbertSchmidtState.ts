import type { CMatrix } from '../linalg/cmatrix.js';
import type { Rng } from './rng.js';
import { randomStateOfRank } from './stateOfRank.js';

/**
 * A Hilbert–Schmidt-random mixed state on C^d: ρ = G G† / tr(G G†), G a d×d
 * Ginibre matrix. Full rank with probability one; E tr ρ² = 2d / (d² + 1)
 * (Życzkowski & Sommers 2001).
 *
 * @throws QepInputError when d is not a positive integer.
 */
export function hilbertSchmidtState(rng: Rng, d: number): CMatrix {
  return randomStateOfRank(rng, d, d);
}
