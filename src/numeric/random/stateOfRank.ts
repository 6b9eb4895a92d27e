import type { CMatrix } from '../linalg/cmatrix.js';
import { QepInputError } from '../errors.js';
import type { Rng } from './rng.js';
import { ginibre } from './ginibre.js';
import { normalisedGram } from './_internal/gram.js';
import { requireInteger } from './_internal/validate.js';

/**
 * A random density matrix of rank k on C^d: ρ = G G† / tr(G G†) with G a d×k
 * Ginibre matrix (the induced measure; k = d is the Hilbert–Schmidt measure,
 * k = 1 a Haar-random pure state). Rank is exactly k with probability one; the
 * k nonzero eigenvalues are of order 1/k, the others are zero to O(ε).
 *
 * @throws QepInputError when d < 1 or k is not an integer in [1, d].
 */
export function randomStateOfRank(rng: Rng, d: number, k: number): CMatrix {
  requireInteger('d', d, 1);
  if (!Number.isInteger(k) || k < 1 || k > d) throw new QepInputError('k', `an integer in [1, ${d}]`, String(k));
  return normalisedGram(ginibre(rng, d, k));
}
