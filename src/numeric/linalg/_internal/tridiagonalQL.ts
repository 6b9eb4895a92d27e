import { ENGINE_TOL, EPS as EPS_ } from '../../tolerance.js';

// Module-local copies: an imported binding can cost a getter call per use in hot loops
// (CommonJS interop under tsx/vitest), measured ~10 % of eigh at n = 8.
const EPS = EPS_;
const NEGLIGIBLE = ENGINE_TOL.linalg.negligible;

/**
 * Implicit QL iteration with Wilkinson-type shifts for a real symmetric
 * tridiagonal matrix, accumulating the rotations (EISPACK tql2, Bowdler,
 * Martin, Reinsch and Wilkinson 1968; as in JAMA).
 *
 * The eigenvectors are kept as the rows of `zt` (row i is the transpose of
 * column i of Z), so every rotation updates two contiguous rows, and the
 * rows are in the layout that the Householder back-transformation reads.
 * (Recording a sweep's rotations and applying them row by row of Z as
 * chains, as LAPACK's zlasr, measured slower here up to n = 64 and ~20 %
 * faster only at n = 128.)
 */

/** Iteration cap per eigenvalue; the shifted QL needs about 2.3 on average. */
const MAX_ITER = 60;
/** Sweeps per eigenvalue that use a perfect shift before falling back to Wilkinson's. */
const PERFECT_TRIES = 2;

/**
 * Diagonalise T = tridiag(e, d, e) in place: on exit d holds the eigenvalues
 * (unsorted) and row i of zt (n × n, overwritten) the eigenvector of d[i].
 * On entry e[k] = T[k+1][k] for k < n − 1 and e[n−1] = 0; e is destroyed.
 * Entries should be of order one (see scale.ts): the deflation test is
 * |e_k| ≤ ε · max_i(|d_i| + |e_i|), absolute against the norm of T.
 *
 * Since zt starts as the identity, after s sweeps row i of zt is zero in
 * columns below i − s; rotations skip that part (saves ~15 % at n = 128).
 * @returns false when some eigenvalue needed more than 60 iterations.
 */
export function tridiagonalQL(n: number, d: Float64Array, e: Float64Array, zt: Float64Array, shifts?: Float64Array): boolean {
  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i]) + Math.abs(e[i]));
  const tol = EPS * tnorm;
  zt.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) zt[i * n + i] = 1;
  let sweeps = 0;
  let f = 0;
  for (let l = 0; l < n; l++) {
    // Find a small subdiagonal element.
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > tol) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > MAX_ITER) return false;
        // Shift: the eigenvalue μ of the leading 2×2 block nearer d[l] (Wilkinson),
        // or, when the eigenvalues are known, the one nearest μ (a perfect shift).
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.sqrt(p * p + 1);
        if (p < 0) r = -r;
        const perfect = shifts !== undefined && iter <= PERFECT_TRIES;
        let dl1 = 0;
        let h: number;
        if (perfect) {
          h = nearest(shifts, g - e[l] / (p + r) + f) - f;
          for (let i = l; i < n; i++) d[i] -= h;
        } else {
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          dl1 = d[l + 1];
          h = g - d[l];
          for (let i = l + 2; i < n; i++) d[i] -= h;
        }
        f += h;
        // Implicit QL sweep from m − 1 up to l.
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        // A rotation waiting to be applied with the next one: rows pending, pending + 1, by (pc, ps).
        let pending = -1;
        let pc = 1;
        let ps = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.sqrt(p * p + e[i] * e[i]);
          // Underflow-safe where it matters (keeps c² + s² = 1 for tiny p, e); Math.hypot is slow.
          if (r < NEGLIGIBLE) r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          if (r === 0) {
            // p = e[i] = 0: the rotation is the identity (as LAPACK dlartg).
            s = 0;
            c = 1;
          } else {
            s = e[i] / r;
            c = p / r;
          }
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          // Rotate rows i and i + 1 of zt (zero before column i − sweeps); two consecutive
          // rotations go in one pass over rows i, i + 1, i + 2 (the same operations in the
          // same order, with row i + 1 read and written once instead of twice).
          if (pending < 0) {
            pending = i;
            pc = c;
            ps = s;
          } else {
            const ro = i * n;
            const r1 = ro + n;
            const r2 = r1 + n;
            for (let k = Math.max(0, i - sweeps); k < n; k++) {
              const a = zt[r1 + k];
              const b = zt[r2 + k];
              zt[r2 + k] = ps * a + pc * b;
              const m = pc * a - ps * b;
              const t = zt[ro + k];
              zt[r1 + k] = s * t + c * m;
              zt[ro + k] = c * t - s * m;
            }
            pending = -1;
          }
        }
        if (pending >= 0) {
          const ro = pending * n;
          const r1 = ro + n;
          for (let k = Math.max(0, pending - sweeps); k < n; k++) {
            const a = zt[ro + k];
            const b = zt[r1 + k];
            zt[r1 + k] = ps * a + pc * b;
            zt[ro + k] = pc * a - ps * b;
          }
        }
        sweeps++;
        // With the Wilkinson shift the 2×2 block is singular, d[l]·dl1 = e[l]², which gives p
        // more accurately (EISPACK's revision); any other shift keeps the sweep's own p.
        if (!perfect) p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > tol);
    }
    d[l] += f;
    e[l] = 0;
  }
  return true;
}

/** The entry of `sorted` (ascending, non-empty) nearest x. */
function nearest(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid;
    else hi = mid;
  }
  return Math.abs(sorted[lo] - x) <= Math.abs(sorted[hi] - x) ? sorted[lo] : sorted[hi];
}

/**
 * The eigenvalues of T = tridiag(e, d, e) alone (unsorted, in d; e is
 * destroyed), by the same QL iteration without vectors: O(n²), used to give
 * {@link tridiagonalQL} perfect shifts.
 * @returns false when some eigenvalue needed more than 60 iterations.
 */
export function tridiagonalQLValues(n: number, d: Float64Array, e: Float64Array): boolean {
  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i]) + Math.abs(e[i]));
  const tol = EPS * tnorm;
  let f = 0;
  for (let l = 0; l < n; l++) {
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > tol) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > MAX_ITER) return false;
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.sqrt(p * p + 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.sqrt(p * p + e[i] * e[i]);
          if (r < NEGLIGIBLE) r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          if (r === 0) {
            s = 0;
            c = 1;
          } else {
            s = e[i] / r;
            c = p / r;
          }
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > tol);
    }
    d[l] += f;
    e[l] = 0;
  }
  return true;
}
