/**
 * Square complex matrix kernels on split row-major arrays (layout of
 * cmatrix.ts), writing into caller-owned outputs. They never allocate and
 * never validate.
 */

/**
 * C ← A · B for n × n matrices (C must not alias A or B). The k loop is
 * unrolled by two so that each row of C is loaded and stored once per two
 * rank-one updates.
 */
export function cgemm(
  n: number,
  ar: Float64Array,
  ai: Float64Array,
  br: Float64Array,
  bi: Float64Array,
  cr: Float64Array,
  ci: Float64Array,
): void {
  cr.fill(0, 0, n * n);
  ci.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    const io = i * n;
    let k = 0;
    for (; k + 1 < n; k += 2) {
      const xr = ar[io + k];
      const xi = ai[io + k];
      const yr = ar[io + k + 1];
      const yi = ai[io + k + 1];
      if (xr === 0 && xi === 0 && yr === 0 && yi === 0) continue;
      const k0 = k * n;
      const k1 = k0 + n;
      for (let j = 0; j < n; j++) {
        const b0r = br[k0 + j];
        const b0i = bi[k0 + j];
        const b1r = br[k1 + j];
        const b1i = bi[k1 + j];
        cr[io + j] += xr * b0r - xi * b0i + (yr * b1r - yi * b1i);
        ci[io + j] += xr * b0i + xi * b0r + (yr * b1i + yi * b1r);
      }
    }
    if (k < n) {
      const xr = ar[io + k];
      const xi = ai[io + k];
      if (xr === 0 && xi === 0) continue;
      const k0 = k * n;
      for (let j = 0; j < n; j++) {
        const b0r = br[k0 + j];
        const b0i = bi[k0 + j];
        cr[io + j] += xr * b0r - xi * b0i;
        ci[io + j] += xr * b0i + xi * b0r;
      }
    }
  }
}

/**
 * Solve Q X = P in place for n × n complex Q and P by LU with partial
 * pivoting (rows swapped by largest modulus): on exit P holds X and Q its
 * LU factors.
 * @returns false when a pivot is exactly zero (Q singular to working precision).
 */
export function csolve(
  n: number,
  qr: Float64Array,
  qi: Float64Array,
  pr: Float64Array,
  pi: Float64Array,
): boolean {
  for (let k = 0; k < n; k++) {
    // Pivot: largest |q_ik| for i ≥ k.
    let piv = k;
    let best = -1;
    for (let i = k; i < n; i++) {
      const a = qr[i * n + k];
      const b = qi[i * n + k];
      const m = a * a + b * b;
      if (m > best) {
        best = m;
        piv = i;
      }
    }
    if (best === 0) return false;
    if (piv !== k) {
      swapRows(n, qr, qi, k, piv);
      swapRows(n, pr, pi, k, piv);
    }
    const ko = k * n;
    // 1 / q_kk
    const dr = qr[ko + k];
    const di = qi[ko + k];
    const den = 1 / (dr * dr + di * di);
    const invR = dr * den;
    const invI = -di * den;
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      const a = qr[io + k];
      const b = qi[io + k];
      if (a === 0 && b === 0) continue;
      // l = q_ik / q_kk
      const lr = a * invR - b * invI;
      const li = a * invI + b * invR;
      qr[io + k] = lr;
      qi[io + k] = li;
      for (let j = k + 1; j < n; j++) {
        const ur = qr[ko + j];
        const ui = qi[ko + j];
        qr[io + j] -= lr * ur - li * ui;
        qi[io + j] -= lr * ui + li * ur;
      }
      for (let j = 0; j < n; j++) {
        const ur = pr[ko + j];
        const ui = pi[ko + j];
        pr[io + j] -= lr * ur - li * ui;
        pi[io + j] -= lr * ui + li * ur;
      }
    }
  }
  // Back substitution, all right-hand sides (rows of P) at once.
  for (let k = n - 1; k >= 0; k--) {
    const ko = k * n;
    for (let j = k + 1; j < n; j++) {
      const ur = qr[ko + j];
      const ui = qi[ko + j];
      if (ur === 0 && ui === 0) continue;
      const jo = j * n;
      for (let c = 0; c < n; c++) {
        const xr = pr[jo + c];
        const xi = pi[jo + c];
        pr[ko + c] -= ur * xr - ui * xi;
        pi[ko + c] -= ur * xi + ui * xr;
      }
    }
    const dr = qr[ko + k];
    const di = qi[ko + k];
    const den = 1 / (dr * dr + di * di);
    const invR = dr * den;
    const invI = -di * den;
    for (let c = 0; c < n; c++) {
      const xr = pr[ko + c];
      const xi = pi[ko + c];
      pr[ko + c] = xr * invR - xi * invI;
      pi[ko + c] = xr * invI + xi * invR;
    }
  }
  return true;
}

function swapRows(n: number, re: Float64Array, im: Float64Array, a: number, b: number): void {
  const ao = a * n;
  const bo = b * n;
  for (let j = 0; j < n; j++) {
    let t = re[ao + j];
    re[ao + j] = re[bo + j];
    re[bo + j] = t;
    t = im[ao + j];
    im[ao + j] = im[bo + j];
    im[bo + j] = t;
  }
}
