import { type CMatrix, type Complex, zeros } from '../../linalg/cmatrix.js';
import { eigh } from '../../linalg/eigh.js';

/**
 * V · diag(c) · V† for complex c (V unitary): a function of a Hermitian matrix
 * with complex values, e.g. e^{−iHt}. Internal: callers validate.
 */
export function synthesizeComplex(V: CMatrix, c: readonly Complex[]): CMatrix {
  const n = V.rows;
  const k = V.cols;
  const C = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0;
      let si = 0;
      for (let l = 0; l < k; l++) {
        const wr = c[l].re;
        const wi = c[l].im;
        if (wr === 0 && wi === 0) continue;
        const ar = V.re[i * k + l];
        const ai = V.im[i * k + l];
        const br = V.re[j * k + l];
        const bi = -V.im[j * k + l];
        // a · w · conj(b)
        const xr = ar * wr - ai * wi;
        const xi = ar * wi + ai * wr;
        sr += xr * br - xi * bi;
        si += xr * bi + xi * br;
      }
      C.re[i * n + j] = sr;
      C.im[i * n + j] = si;
    }
  }
  return C;
}

/** e^{−iHt} for Hermitian H by eigendecomposition and spectral synthesis. */
export function expMinusIHt(H: CMatrix, t: number): CMatrix {
  const { values, vectors } = eigh(H);
  const c = Array.from(values, (e) => ({ re: Math.cos(e * t), im: -Math.sin(e * t) }));
  return synthesizeComplex(vectors, c);
}
