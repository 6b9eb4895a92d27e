/**
 * Test helpers for the linear-algebra tests: a seeded generator, random
 * Hermitian and Haar-ish unitary matrices, and the residuals that the
 * accuracy bounds are stated in. Kept naive on purpose (reference code); the
 * generator (mulberry32) and the Gram–Schmidt pass are the random module's.
 */
import { type CMatrix, adjoint, identity, mul, normFro, sub, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { gramSchmidtInPlace } from '../../../src/numeric/random/haarUnitary.js';
import { mulberry32 } from '../../../src/numeric/random/mulberry32.js';

/** mulberry32: a small seeded generator of uniforms in [0, 1). */
export const rng: (seed: number) => () => number = mulberry32;

/** Standard normal by Box–Muller. */
export function gauss(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** A random complex Hermitian n × n matrix (GUE-like), entries times `scale`. */
export function randomHermitian(n: number, seed: number, scale = 1): CMatrix {
  const u = rng(seed);
  const A = zeros(n, n);
  for (let i = 0; i < n; i++) {
    A.re[i * n + i] = scale * gauss(u);
    for (let j = 0; j < i; j++) {
      const r = scale * gauss(u);
      const m = scale * gauss(u);
      A.re[i * n + j] = r;
      A.im[i * n + j] = m;
      A.re[j * n + i] = r;
      A.im[j * n + i] = -m;
    }
  }
  return A;
}

/** A random complex (non-Hermitian) n × n matrix with Gaussian entries times `scale`. */
export function randomComplex(n: number, seed: number, scale = 1): CMatrix {
  const u = rng(seed);
  const A = zeros(n, n);
  for (let k = 0; k < n * n; k++) {
    A.re[k] = scale * gauss(u);
    A.im[k] = scale * gauss(u);
  }
  return A;
}

/** A Haar-ish unitary: modified Gram–Schmidt (twice, gramSchmidtInPlace) on a complex Gaussian matrix. */
export function haarUnitary(n: number, seed: number): CMatrix {
  const G = randomComplex(n, seed);
  gramSchmidtInPlace(G);
  return G;
}

/** Mᵀ (no conjugation). */
export function transpose(M: CMatrix): CMatrix {
  const T = zeros(M.cols, M.rows);
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.cols; j++) {
      T.re[j * M.rows + i] = M.re[i * M.cols + j];
      T.im[j * M.rows + i] = M.im[i * M.cols + j];
    }
  }
  return T;
}

/** U diag(values) U†. */
export function withSpectrum(U: CMatrix, values: ArrayLike<number>): CMatrix {
  const n = U.rows;
  const D = zeros(n, n);
  for (let i = 0; i < n; i++) D.re[i * n + i] = values[i];
  return mul(mul(U, D), adjoint(U));
}

/** ‖A V − V diag(values)‖_F for V with n rows and any number of columns. */
export function eigResidual(A: CMatrix, values: ArrayLike<number>, V: CMatrix): number {
  const n = A.rows;
  const k = V.cols;
  const AV = mul(A, V);
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const r = AV.re[i * k + j] - V.re[i * k + j] * values[j];
      const m = AV.im[i * k + j] - V.im[i * k + j] * values[j];
      s += r * r + m * m;
    }
  }
  return Math.sqrt(s);
}

/** ‖V†V − I‖_F. */
export function orthonormalityResidual(V: CMatrix): number {
  return normFro(sub(mul(adjoint(V), V), identity(V.cols)));
}

/** The projector onto the span of the columns `cols` of V (orthonormal). */
export function projector(V: CMatrix, cols: number[]): CMatrix {
  const n = V.rows;
  const P = zeros(n, n);
  for (const c of cols) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const ar = V.re[i * V.cols + c];
        const ai = V.im[i * V.cols + c];
        const br = V.re[j * V.cols + c];
        const bi = V.im[j * V.cols + c];
        P.re[i * n + j] += ar * br + ai * bi;
        P.im[i * n + j] += ai * br - ar * bi;
      }
    }
  }
  return P;
}

/** Largest |a_ij − b_ij|. */
export function maxDiff(A: CMatrix, B: CMatrix): number {
  let s = 0;
  for (let k = 0; k < A.re.length; k++) s = Math.max(s, Math.hypot(A.re[k] - B.re[k], A.im[k] - B.im[k]));
  return s;
}
