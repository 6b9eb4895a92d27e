import { type CMatrix, zeros } from '../linalg/cmatrix.js';
import type { Rng } from './rng.js';
import { requireInteger } from './_internal/validate.js';

/**
 * A complex Ginibre matrix: i.i.d. entries (x + iy)/√2 with x, y ~ N(0, 1),
 * so E|g_ij|² = 1.
 *
 * @throws QepInputError when `rows` or `cols` is not a positive integer.
 */
export function ginibre(rng: Rng, rows: number, cols: number = rows): CMatrix {
  requireInteger('rows', rows, 1);
  requireInteger('cols', cols, 1);
  const G = zeros(rows, cols);
  for (let k = 0; k < rows * cols; k++) {
    G.re[k] = rng.normal() * Math.SQRT1_2;
    G.im[k] = rng.normal() * Math.SQRT1_2;
  }
  return G;
}
