import { type CMatrix, spectralSynthesis } from '../linalg/cmatrix.js';
import type { Rng } from './rng.js';
import { ginibre } from './ginibre.js';
import { requireInteger } from './_internal/validate.js';

/**
 * A Haar-random unit vector ψ ∈ C^d as a d×1 matrix: a Ginibre column, normalised.
 * E |ψ_i|² = 1/d.
 *
 * @throws QepInputError when d is not a positive integer.
 */
export function randomPureVector(rng: Rng, d: number): CMatrix {
  requireInteger('d', d, 1);
  const g = ginibre(rng, d, 1);
  let n2 = 0;
  for (let i = 0; i < d; i++) n2 += g.re[i] ** 2 + g.im[i] ** 2;
  const n = Math.sqrt(n2);
  for (let i = 0; i < d; i++) {
    g.re[i] /= n;
    g.im[i] /= n;
  }
  return g;
}

/**
 * A Haar-random pure state |ψ⟩⟨ψ| on C^d (rank 1, tr ρ² = 1), ψ from {@link randomPureVector}.
 *
 * @throws QepInputError when d is not a positive integer.
 */
export function randomPureState(rng: Rng, d: number): CMatrix {
  return spectralSynthesis(randomPureVector(rng, d), [1]);
}
