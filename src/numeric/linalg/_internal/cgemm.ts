/**
 * Square complex matrix kernels on split row-major arrays (layout of
 * cmatrix.ts), writing into caller-owned outputs. They never allocate and
 * never validate.
 */

/**
 * C ← A · B for n × n matrices (C must not alias A or B). Register-blocked
 * 2 × 2: two rows of C take two rank-one updates per pass, so each loaded
 * entry of B serves two rows (measured ~40 % faster than one row at a time).
 * Blocks of A that are entirely zero are skipped (Liouvillians are sparse).
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
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const i0 = i * n;
    const i1 = i0 + n;
    let k = 0;
    for (; k + 1 < n; k += 2) {
      const a00r = ar[i0 + k];
      const a00i = ai[i0 + k];
      const a01r = ar[i0 + k + 1];
      const a01i = ai[i0 + k + 1];
      const a10r = ar[i1 + k];
      const a10i = ai[i1 + k];
      const a11r = ar[i1 + k + 1];
      const a11i = ai[i1 + k + 1];
      if (a00r === 0 && a00i === 0 && a01r === 0 && a01i === 0 && a10r === 0 && a10i === 0 && a11r === 0 && a11i === 0) continue;
      const k0 = k * n;
      const k1 = k0 + n;
      for (let j = 0; j < n; j++) {
        const b0r = br[k0 + j];
        const b0i = bi[k0 + j];
        const b1r = br[k1 + j];
        const b1i = bi[k1 + j];
        cr[i0 + j] += a00r * b0r - a00i * b0i + (a01r * b1r - a01i * b1i);
        ci[i0 + j] += a00r * b0i + a00i * b0r + (a01r * b1i + a01i * b1r);
        cr[i1 + j] += a10r * b0r - a10i * b0i + (a11r * b1r - a11i * b1i);
        ci[i1 + j] += a10r * b0i + a10i * b0r + (a11r * b1i + a11i * b1r);
      }
    }
    if (k < n) {
      const a0r = ar[i0 + k];
      const a0i = ai[i0 + k];
      const a1r = ar[i1 + k];
      const a1i = ai[i1 + k];
      const k0 = k * n;
      for (let j = 0; j < n; j++) {
        const b0r = br[k0 + j];
        const b0i = bi[k0 + j];
        cr[i0 + j] += a0r * b0r - a0i * b0i;
        ci[i0 + j] += a0r * b0i + a0i * b0r;
        cr[i1 + j] += a1r * b0r - a1i * b0i;
        ci[i1 + j] += a1r * b0i + a1i * b0r;
      }
    }
  }
  if (i < n) {
    const io = i * n;
    for (let k = 0; k < n; k++) {
      const xr = ar[io + k];
      const xi = ai[io + k];
      if (xr === 0 && xi === 0) continue;
      const ko = k * n;
      for (let j = 0; j < n; j++) {
        const b0r = br[ko + j];
        const b0i = bi[ko + j];
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
