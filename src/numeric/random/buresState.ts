import { type CMatrix, add, identity, mul } from '../linalg/cmatrix.js';
import type { Rng } from './rng.js';
import { ginibre } from './ginibre.js';
import { haarUnitary } from './haarUnitary.js';
import { normalisedGram } from './_internal/gram.js';
import { requireInteger } from './_internal/validate.js';

/**
 * A Bures-random mixed state on C^d (Al Osipov, Sommers & Życzkowski 2010):
 * ρ = (1 + U) G G† (1 + U†) / tr(…), G a d×d Ginibre matrix, U Haar.
 * Full rank with probability one; E tr ρ² = (5d² + 1) / (2d(d² + 2)), more
 * weight near pure states than the Hilbert–Schmidt measure.
 *
 * @throws QepInputError when d is not a positive integer.
 */
export function buresState(rng: Rng, d: number): CMatrix {
  requireInteger('d', d, 1);
  const G = ginibre(rng, d, d);
  const U = haarUnitary(rng, d);
  return normalisedGram(mul(add(identity(d), U), G));
}
