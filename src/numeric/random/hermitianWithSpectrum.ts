import { type CMatrix, spectralSynthesis } from '../linalg/cmatrix.js';
import { QepInputError } from '../errors.js';
import type { Rng } from './rng.js';
import { haarUnitary } from './haarUnitary.js';

/**
 * A random Hermitian matrix with the given spectrum: H = U diag(λ) U†, U Haar.
 * Its eigenvalues are λ (to O(ε‖λ‖)); its eigenbasis is Haar-random.
 *
 * @throws QepInputError when `spectrum` is empty or has a non-finite entry.
 */
export function hermitianWithSpectrum(rng: Rng, spectrum: ArrayLike<number>): CMatrix {
  const n = spectrum.length;
  if (n < 1) throw new QepInputError('spectrum', 'non-empty', 'length 0');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(spectrum[i])) throw new QepInputError(`spectrum[${i}]`, 'a finite number', String(spectrum[i]));
  }
  return spectralSynthesis(haarUnitary(rng, n), spectrum);
}
