import { type CMatrix, clone } from '../linalg/cmatrix.js';
import type { Rng } from './rng.js';
import { ginibre } from './ginibre.js';
import { requireInteger } from './_internal/validate.js';

/**
 * Orthonormalise the columns of A in place by modified Gram–Schmidt, run twice
 * ("twice is enough", Giraud et al. 2005), so Q†Q = 1 to O(ε). Returns the
 * diagonal of R, which is real and positive by construction.
 * @internal exported for the random module (and the linalg test helpers).
 */
export function gramSchmidtInPlace(A: CMatrix): Float64Array {
  const n = A.rows;
  const m = A.cols;
  const { re, im } = A;
  const rDiag = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        // c = ⟨q_k, a_j⟩ = Σ conj(q_ik) a_ij
        let cr = 0;
        let ci = 0;
        for (let i = 0; i < n; i++) {
          const qr = re[i * m + k];
          const qi = im[i * m + k];
          const ar = re[i * m + j];
          const ai = im[i * m + j];
          cr += qr * ar + qi * ai;
          ci += qr * ai - qi * ar;
        }
        for (let i = 0; i < n; i++) {
          const qr = re[i * m + k];
          const qi = im[i * m + k];
          re[i * m + j] -= cr * qr - ci * qi;
          im[i * m + j] -= cr * qi + ci * qr;
        }
      }
    }
    let norm2 = 0;
    for (let i = 0; i < n; i++) norm2 += re[i * m + j] ** 2 + im[i * m + j] ** 2;
    const norm = Math.sqrt(norm2);
    rDiag[j] = norm;
    for (let i = 0; i < n; i++) {
      re[i * m + j] /= norm;
      im[i * m + j] /= norm;
    }
  }
  return rDiag;
}

/**
 * A Haar-random unitary on Cⁿ (Mezzadri 2007, "How to generate random matrices
 * from the classical compact groups").
 *
 * Method: Z Ginibre n×n, Z = QR, U = Q Λ with Λ = diag(r_ii / |r_ii|). The phase
 * fix Λ makes the factorisation unique, and that is what makes Q Haar (a QR
 * routine free to choose the phases of R, like LAPACK's, gives a biased Q).
 * Here Q comes from Gram–Schmidt, whose R has a positive real diagonal already,
 * so Λ = 1 and U = Q.
 *
 * @throws QepInputError when `n` is not a positive integer.
 */
export function haarUnitary(rng: Rng, n: number): CMatrix {
  requireInteger('n', n, 1);
  const Q = clone(ginibre(rng, n, n));
  const r = gramSchmidtInPlace(Q);
  // Λ = diag(r_ii/|r_ii|) = 1 because r_ii > 0; a zero column (probability 0) would be caught here.
  for (let j = 0; j < n; j++) {
    if (!(r[j] > 0)) throw new Error('haarUnitary: rank-deficient Ginibre sample (probability zero)');
  }
  return Q;
}
