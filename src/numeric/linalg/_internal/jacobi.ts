import { type CMatrix, identity, zeros } from '../cmatrix.js';
import type { Eigh } from '../eigh.js';
import { checkAndShift, loadScaledHermitian } from './prepare.js';
import { ENGINE_TOL } from '../../tolerance.js';
import { ldexp } from './scale.js';
import { float64 } from '../float64.js';

// Module-local copies of ENGINE_TOL.linalg (an imported binding may cost a getter call per use under tsx/vitest).
const NEGLIGIBLE = ENGINE_TOL.linalg.negligible;
const STOP_SQUARED = ENGINE_TOL.linalg.jacobiStopSquared;
const SKIP = ENGINE_TOL.linalg.jacobiSkip;

/**
 * Cyclic complex Jacobi on a full Hermitian matrix in place.
 *
 * On entry (ar, ai) hold the full n × n Hermitian matrix (row-major, entries
 * of order one) and (vr, vi) the identity; on exit the diagonal of ar holds
 * the eigenvalues (unsorted) and column k of V the eigenvector of ar[k][k].
 * Each rotation first removes the phase of a_pq, then applies the real
 * symmetric Jacobi rotation, so the diagonal stays exactly real. Converges
 * quadratically; accurate to O(ε‖A‖) with orthonormal vectors also for
 * repeated and clustered eigenvalues. Never allocates.
 */
export function jacobiKernel(n: number, ar: Float64Array, ai: Float64Array, vr: Float64Array, vi: Float64Array): void {
  let scale2 = 0;
  for (let k = 0; k < n * n; k++) scale2 += ar[k] * ar[k] + ai[k] * ai[k];
  const stop2 = scale2 * STOP_SQUARED; // (1e-17 · ‖A‖_F)²

  for (let sweep = 0; sweep < 60; sweep++) {
    let off2 = 0;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) off2 += ar[p * n + q] * ar[p * n + q] + ai[p * n + q] * ai[p * n + q];
    }
    if (off2 <= stop2 || off2 === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const xr = ar[p * n + q];
        const xi = ai[p * n + q];
        const b = Math.hypot(xr, xi); // not sqrt(x² + y²): that underflows for |a_pq| < 1e-154 and breaks |e^{-iφ}| = 1
        if (b === 0) continue;
        if (b < NEGLIGIBLE) {
          // The input is prescaled to a largest component in [1, 2): such an entry is far below rounding, and
          // its phase a_pq/|a_pq| cannot be formed accurately (subnormals carry few bits).
          ar[p * n + q] = ai[p * n + q] = ar[q * n + p] = ai[q * n + p] = 0;
          continue;
        }
        const app = ar[p * n + p];
        const aqq = ar[q * n + q];
        // Skip negligible off-diagonal entries (below rounding of the diagonal).
        if (sweep > 3 && b < SKIP * (Math.abs(app) + Math.abs(aqq))) {
          ar[p * n + q] = ai[p * n + q] = ar[q * n + p] = ai[q * n + p] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * b);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // e^{-iφ} with a_pq = b e^{iφ}
        const er = xr / b;
        const ei = -xi / b;
        // G = [[c, s], [-s e^{-iφ}, c e^{-iφ}]] acting on columns p, q.
        const gqpR = -s * er;
        const gqpI = -s * ei;
        const gqqR = c * er;
        const gqqI = c * ei;
        // A ← A G and V ← V G (columns p, q)
        for (let k = 0; k < n; k++) {
          const kp = k * n + p;
          const kq = k * n + q;
          const pr = ar[kp];
          const pi = ai[kp];
          const qr = ar[kq];
          const qi = ai[kq];
          ar[kp] = c * pr + (qr * gqpR - qi * gqpI);
          ai[kp] = c * pi + (qr * gqpI + qi * gqpR);
          ar[kq] = s * pr + (qr * gqqR - qi * gqqI);
          ai[kq] = s * pi + (qr * gqqI + qi * gqqR);
          const vpr = vr[kp];
          const vpi = vi[kp];
          const vqr = vr[kq];
          const vqi = vi[kq];
          vr[kp] = c * vpr + (vqr * gqpR - vqi * gqpI);
          vi[kp] = c * vpi + (vqr * gqpI + vqi * gqpR);
          vr[kq] = s * vpr + (vqr * gqqR - vqi * gqqI);
          vi[kq] = s * vpi + (vqr * gqqI + vqi * gqqR);
        }
        // A ← G† A (rows p, q): row_p' = c row_p + conj(g_qp) row_q; row_q' = s row_p + conj(g_qq) row_q
        for (let k = 0; k < n; k++) {
          const pk = p * n + k;
          const qk = q * n + k;
          const pr = ar[pk];
          const pi = ai[pk];
          const qr = ar[qk];
          const qi = ai[qk];
          ar[pk] = c * pr + (gqpR * qr + gqpI * qi);
          ai[pk] = c * pi + (gqpR * qi - gqpI * qr);
          ar[qk] = s * pr + (gqqR * qr + gqqI * qi);
          ai[qk] = s * pi + (gqqR * qi - gqqI * qr);
        }
        ar[p * n + q] = ai[p * n + q] = ar[q * n + p] = ai[q * n + p] = 0;
        ai[p * n + p] = 0;
        ai[q * n + q] = 0;
      }
    }
  }
}

/**
 * Eigendecomposition of a complex Hermitian matrix by cyclic complex Jacobi
 * alone: the O(n³)-per-sweep reference that {@link eigh} is tested against,
 * and the path eigh takes for tiny n. Same contract as eigh: values
 * ascending, A = V diag(values) V†, only the Hermitian part of A is read,
 * input scaled by a power of two first so that no entry overflows or
 * underflows.
 * @throws QepInputError when A is not square or has a NaN or infinite entry.
 */
export function eighJacobi(A: CMatrix): Eigh {
  const n = A.rows;
  const { shift, zero } = checkAndShift(A, 'A');
  if (zero) return { values: float64(n), vectors: identity(n) };
  const ar = float64(n * n);
  const ai = float64(n * n);
  loadScaledHermitian(A, shift, ar, ai, true);
  const V = identity(n);
  jacobiKernel(n, ar, ai, V.re, V.im);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => ar[i * n + i] - ar[j * n + j]);
  const values = float64(n);
  const W = zeros(n, n);
  order.forEach((src, dst) => {
    values[dst] = ldexp(ar[src * n + src], -shift);
    for (let k = 0; k < n; k++) {
      W.re[k * n + dst] = V.re[k * n + src];
      W.im[k * n + dst] = V.im[k * n + src];
    }
  });
  return { values, vectors: W };
}
