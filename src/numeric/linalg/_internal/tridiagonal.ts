import { ENGINE_TOL } from '../../tolerance.js';

/** ENGINE_TOL.linalg.negligible, module-local (an imported binding may cost a getter call per use under tsx/vitest). */
const NEGLIGIBLE = ENGINE_TOL.linalg.negligible;

/**
 * Householder reduction of a complex Hermitian matrix to real symmetric
 * tridiagonal form, A = Q T Q†, Q = H_0 H_1 ⋯ H_{n−2} (LAPACK zhetd2, lower).
 *
 * Each reflector H_k = I − τ_k v_k v_k† (τ_k complex, v_k[k+1] = 1) maps column
 * k below the diagonal onto β_k e_{k+1} with β_k real: the complex τ absorbs
 * the phase, so T comes out real with no separate diagonal phase matrix.
 */

/**
 * Reduce in place. On entry the lower triangle (i ≥ j) of (ar, ai) holds the
 * Hermitian matrix, entries of order one (see scale.ts). On exit:
 * d[0..n−1] the diagonal of T, e[0..n−2] its subdiagonal (e[k] = T[k+1][k]),
 * e[n−1] = 0; row k of (ar, ai), columns k+1..n−1, holds v_k (zeros when
 * H_k = I); (tr, ti)[k] holds τ_k (0 when H_k = I). (yr, yi) and (wr, wi) are
 * length-n scratch. Never allocates.
 *
 * Step k updates the trailing block by the rank-2 A ← A − v w† − w v† of
 * step k − 1 in the same pass over the lower triangle that forms A v_k (the
 * column k is updated first, since v_k is built from it): one pass per step
 * instead of two, with the same operations in the same order.
 *
 * Columns whose norm is below NEGLIGIBLE (against entries of order one) are set
 * to zero instead of reflected: squares of such numbers underflow, and the
 * change is far below rounding of the rest.
 */
export function tridiagonalize(
  n: number,
  ar: Float64Array,
  ai: Float64Array,
  d: Float64Array,
  e: Float64Array,
  tr: Float64Array,
  ti: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  wr: Float64Array,
  wi: Float64Array,
): void {
  // The pending rank-2 update of the previous step: v in row pv of (ar, ai) (−1: none), w in (pr, pi).
  let pv = -1;
  let pr = wr;
  let pi = wi;
  let qr = yr;
  let qi = yi;
  for (let k = 0; k < n - 1; k++) {
    const s0 = k + 1;
    const ko = k * n;
    if (pv >= 0) {
      // Column k (rows i ≥ k, real diagonal) gets the pending update first.
      const po = pv * n;
      const vkr = ar[po + k];
      const vki = ai[po + k];
      const wkr = pr[k];
      const wki = pi[k];
      ar[ko + k] -= 2 * (vkr * wkr + vki * wki);
      for (let i = s0; i < n; i++) {
        const io = i * n;
        const vir = ar[po + i];
        const vii = ai[po + i];
        const wir = pr[i];
        const wii = pi[i];
        ar[io + k] -= vir * wkr + vii * wki + (wir * vkr + wii * vki);
        ai[io + k] -= vii * wkr - vir * wki + (wii * vkr - wir * vki);
      }
    }
    const ck = s0 * n + k;
    const alphr = ar[ck];
    const alphi = ai[ck];
    let xnorm2 = 0;
    for (let i = s0 + 1; i < n; i++) {
      const x = ar[i * n + k];
      const y = ai[i * n + k];
      xnorm2 += x * x + y * y;
    }
    d[k] = ar[ko + k];
    let reflect = true;
    if (xnorm2 === 0 && alphi === 0) {
      // Already real and tridiagonal in this column: H_k = I.
      e[k] = alphr;
      reflect = false;
    } else if (alphr * alphr + alphi * alphi + xnorm2 < NEGLIGIBLE * NEGLIGIBLE) {
      e[k] = 0;
      reflect = false;
    }
    if (!reflect) {
      tr[k] = 0;
      ti[k] = 0;
      ar.fill(0, ko + s0, ko + n);
      ai.fill(0, ko + s0, ko + n);
      if (pv >= 0) rank2Update(n, s0, ar, ai, pv * n, pr, pi);
      pv = -1;
      continue;
    }
    const norm2 = alphr * alphr + alphi * alphi + xnorm2;
    const beta = alphr >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    const tauR = (beta - alphr) / beta;
    const tauI = -alphi / beta;
    // v = x / (α − β), with v[k+1] = 1; |α − β| ≥ |β|, so |v_i| ≤ 1.
    const dr = alphr - beta;
    const di = alphi;
    const inv = 1 / (dr * dr + di * di);
    const fr = dr * inv;
    const fi = -di * inv;
    ar[ko + s0] = 1;
    ai[ko + s0] = 0;
    for (let i = s0 + 1; i < n; i++) {
      const x = ar[i * n + k];
      const y = ai[i * n + k];
      ar[ko + i] = x * fr - y * fi;
      ai[ko + i] = x * fi + y * fr;
    }
    e[k] = beta;
    tr[k] = tauR;
    ti[k] = tauI;

    // y = A_sub v over the lower triangle of the trailing block, A_sub first updated by the pending step.
    for (let i = s0; i < n; i++) {
      qr[i] = 0;
      qi[i] = 0;
    }
    if (pv < 0) {
      // Nothing pending: the same pass with w = 0 (a − 0 = a) forms y alone.
      pr.fill(0, s0, n);
      pi.fill(0, s0, n);
    }
    updateAndMultiply(n, s0, ar, ai, pv >= 0 ? pv * n : ko, pr, pi, ko, qr, qi);
    // y ← τ y; then w = y − ½ τ (y† v) v.
    let hr = 0;
    let hi = 0;
    for (let i = s0; i < n; i++) {
      const a = qr[i];
      const b = qi[i];
      const xr = tauR * a - tauI * b;
      const xi = tauR * b + tauI * a;
      qr[i] = xr;
      qi[i] = xi;
      // conj(y_i) v_i
      const vir = ar[ko + i];
      const vii = ai[ko + i];
      hr += xr * vir + xi * vii;
      hi += xr * vii - xi * vir;
    }
    const gr = -0.5 * (tauR * hr - tauI * hi);
    const gi = -0.5 * (tauR * hi + tauI * hr);
    for (let i = s0; i < n; i++) {
      const vir = ar[ko + i];
      const vii = ai[ko + i];
      qr[i] += gr * vir - gi * vii;
      qi[i] += gr * vii + gi * vir;
    }
    // A_sub ← A_sub − v w† − w v† is left pending for the next step (or done below after the last).
    pv = k;
    const tr_ = pr;
    const ti_ = pi;
    pr = qr;
    pi = qi;
    qr = tr_;
    qi = ti_;
  }
  if (n > 0) {
    if (pv >= 0) rank2Update(n, n - 1, ar, ai, pv * n, pr, pi);
    d[n - 1] = ar[(n - 1) * n + n - 1];
    e[n - 1] = 0;
  }
}

/**
 * The fused pass of {@link tridiagonalize}: on the lower triangle of the
 * trailing block from row and column s0, A ← A − u w† − w u† (u in (ar, ai)
 * from offset uo, w in (wr, wi)), and (qr, qi) += A v with the updated A
 * (v in (ar, ai) from offset vo; q must be zero on s0..n−1 on entry). Rows go
 * in pairs, sharing the loads of u_j, w_j, v_j and q_j (after row s0 alone
 * when their count is odd); the sums are formed in the same order as row by row.
 */
function updateAndMultiply(
  n: number,
  s0: number,
  ar: Float64Array,
  ai: Float64Array,
  uo: number,
  wr: Float64Array,
  wi: Float64Array,
  vo: number,
  qr: Float64Array,
  qi: Float64Array,
): void {
  let i = s0;
  if ((n - s0) % 2 === 1) {
    // An odd count: row s0 (its diagonal entry alone) first, then pairs.
    const a = ar[i * n + i] - 2 * (ar[uo + i] * wr[i] + ai[uo + i] * wi[i]);
    ar[i * n + i] = a;
    qr[i] += a * ar[vo + i];
    qi[i] += a * ai[vo + i];
    i++;
  }
  for (; i < n; i += 2) {
    const io = i * n;
    const jo = io + n; // row i + 1
    const i1 = i + 1;
    const vir = ar[vo + i];
    const vii = ai[vo + i];
    const uir = ar[uo + i];
    const uii = ai[uo + i];
    const wir = wr[i];
    const wii = wi[i];
    const v1r = ar[vo + i1];
    const v1i = ai[vo + i1];
    const u1r = ar[uo + i1];
    const u1i = ai[uo + i1];
    const w1r = wr[i1];
    const w1i = wi[i1];
    const aii = ar[io + i] - 2 * (uir * wir + uii * wii);
    ar[io + i] = aii;
    let sr = aii * vir;
    let si = aii * vii;
    const a11 = ar[jo + i1] - 2 * (u1r * w1r + u1i * w1i);
    ar[jo + i1] = a11;
    let tr = a11 * v1r;
    let ti = a11 * v1i;
    for (let j = s0; j < i; j++) {
      const ujr = ar[uo + j];
      const uji = ai[uo + j];
      const wjr = wr[j];
      const wji = wi[j];
      const vjr = ar[vo + j];
      const vji = ai[vo + j];
      // a_ij ← a_ij − (u_i conj(w_j) + w_i conj(u_j)); y_i += a_ij v_j; y_j += conj(a_ij) v_i
      const aR = ar[io + j] - (uir * wjr + uii * wji + (wir * ujr + wii * uji));
      const aI = ai[io + j] - (uii * wjr - uir * wji + (wii * ujr - wir * uji));
      ar[io + j] = aR;
      ai[io + j] = aI;
      sr += aR * vjr - aI * vji;
      si += aR * vji + aI * vjr;
      let yr = qr[j] + (aR * vir + aI * vii);
      let yi = qi[j] + (aR * vii - aI * vir);
      // the same for row i + 1
      const bR = ar[jo + j] - (u1r * wjr + u1i * wji + (w1r * ujr + w1i * uji));
      const bI = ai[jo + j] - (u1i * wjr - u1r * wji + (w1i * ujr - w1r * uji));
      ar[jo + j] = bR;
      ai[jo + j] = bI;
      tr += bR * vjr - bI * vji;
      ti += bR * vji + bI * vjr;
      yr += bR * v1r + bI * v1i;
      yi += bR * v1i - bI * v1r;
      qr[j] = yr;
      qi[j] = yi;
    }
    qr[i] += sr;
    qi[i] += si;
    // Entry (i + 1, i).
    const bR = ar[jo + i] - (u1r * wir + u1i * wii + (w1r * uir + w1i * uii));
    const bI = ai[jo + i] - (u1i * wir - u1r * wii + (w1i * uir - w1r * uii));
    ar[jo + i] = bR;
    ai[jo + i] = bI;
    tr += bR * vir - bI * vii;
    ti += bR * vii + bI * vir;
    qr[i] += bR * v1r + bI * v1i;
    qi[i] += bR * v1i - bI * v1r;
    qr[i1] += tr;
    qi[i1] += ti;
  }
}

/**
 * A ← A − v w† − w v† on the lower triangle of the trailing block from row and
 * column s0 (real diagonal), v in (ar, ai) from offset vo, w in (wr, wi).
 */
function rank2Update(n: number, s0: number, ar: Float64Array, ai: Float64Array, vo: number, wr: Float64Array, wi: Float64Array): void {
  for (let i = s0; i < n; i++) {
    const io = i * n;
    const vir = ar[vo + i];
    const vii = ai[vo + i];
    const wir = wr[i];
    const wii = wi[i];
    for (let j = s0; j < i; j++) {
      const vjr = ar[vo + j];
      const vji = ai[vo + j];
      const wjr = wr[j];
      const wji = wi[j];
      // v_i conj(w_j) + w_i conj(v_j)
      ar[io + j] -= vir * wjr + vii * wji + (wir * vjr + wii * vji);
      ai[io + j] -= vii * wjr - vir * wji + (wii * vjr - wir * vji);
    }
    ar[io + i] -= 2 * (vir * wir + vii * wii);
  }
}

/**
 * Apply Q = H_0 ⋯ H_{n−2} (as left by {@link tridiagonalize}) to each row of
 * (zr, zi) read as a column vector: row j ← Q · row j, H_k z = z − τ_k (v_k† z) v_k.
 * Rows are contiguous and go through the reflectors four at a time (v_k is
 * loaded once for four vectors), and one pass per reflector both subtracts
 * τ_k (v_k† z) v_k and accumulates v_{k−1}† z for the next reflector, so z
 * is read once per reflector instead of twice (measured ~0.6× the time of the
 * two-pass form at n = 64). A reflector with τ_k = 0 costs a pass with a zero
 * coefficient (its v_k is stored as zeros). Never allocates.
 */
export function applyQToRows(
  n: number,
  rows: number,
  ar: Float64Array,
  ai: Float64Array,
  tr: Float64Array,
  ti: Float64Array,
  zr: Float64Array,
  zi: Float64Array,
): void {
  if (n < 2) return;
  let j = 0;
  for (; j + 3 < rows; j += 4) {
    const o0 = j * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    // s_q = v_{n−2}† z_q: v_{n−2} has the one entry v[n−1] = 1.
    let s0r = zr[o0 + n - 1], s0i = zi[o0 + n - 1];
    let s1r = zr[o1 + n - 1], s1i = zi[o1 + n - 1];
    let s2r = zr[o2 + n - 1], s2i = zi[o2 + n - 1];
    let s3r = zr[o3 + n - 1], s3i = zi[o3 + n - 1];
    for (let k = n - 2; k > 0; k--) {
      const tauR = tr[k], tauI = ti[k];
      const c0r = tauR * s0r - tauI * s0i, c0i = tauR * s0i + tauI * s0r;
      const c1r = tauR * s1r - tauI * s1i, c1i = tauR * s1i + tauI * s1r;
      const c2r = tauR * s2r - tauI * s2i, c2i = tauR * s2i + tauI * s2r;
      const c3r = tauR * s3r - tauI * s3i, c3i = tauR * s3i + tauI * s3r;
      const ko = k * n;
      const po = ko - n; // v_{k−1}, entries k..n−1; entry k is untouched by H_k
      let ur = ar[po + k], ui = ai[po + k];
      let a = zr[o0 + k], b = zi[o0 + k];
      s0r = ur * a + ui * b; s0i = ur * b - ui * a;
      a = zr[o1 + k]; b = zi[o1 + k];
      s1r = ur * a + ui * b; s1i = ur * b - ui * a;
      a = zr[o2 + k]; b = zi[o2 + k];
      s2r = ur * a + ui * b; s2i = ur * b - ui * a;
      a = zr[o3 + k]; b = zi[o3 + k];
      s3r = ur * a + ui * b; s3i = ur * b - ui * a;
      // z_q ← z_q − (τ_k s_q) v_k, and s_q ← v_{k−1}† z_q on the fly.
      for (let i = k + 1; i < n; i++) {
        const vr = ar[ko + i], vi = ai[ko + i];
        ur = ar[po + i]; ui = ai[po + i];
        a = zr[o0 + i] - (c0r * vr - c0i * vi); b = zi[o0 + i] - (c0r * vi + c0i * vr);
        zr[o0 + i] = a; zi[o0 + i] = b; s0r += ur * a + ui * b; s0i += ur * b - ui * a;
        a = zr[o1 + i] - (c1r * vr - c1i * vi); b = zi[o1 + i] - (c1r * vi + c1i * vr);
        zr[o1 + i] = a; zi[o1 + i] = b; s1r += ur * a + ui * b; s1i += ur * b - ui * a;
        a = zr[o2 + i] - (c2r * vr - c2i * vi); b = zi[o2 + i] - (c2r * vi + c2i * vr);
        zr[o2 + i] = a; zi[o2 + i] = b; s2r += ur * a + ui * b; s2i += ur * b - ui * a;
        a = zr[o3 + i] - (c3r * vr - c3i * vi); b = zi[o3 + i] - (c3r * vi + c3i * vr);
        zr[o3 + i] = a; zi[o3 + i] = b; s3r += ur * a + ui * b; s3i += ur * b - ui * a;
      }
    }
    // Last reflector, H_0 (entries 1..n−1).
    const tauR = tr[0], tauI = ti[0];
    const c0r = tauR * s0r - tauI * s0i, c0i = tauR * s0i + tauI * s0r;
    const c1r = tauR * s1r - tauI * s1i, c1i = tauR * s1i + tauI * s1r;
    const c2r = tauR * s2r - tauI * s2i, c2i = tauR * s2i + tauI * s2r;
    const c3r = tauR * s3r - tauI * s3i, c3i = tauR * s3i + tauI * s3r;
    for (let i = 1; i < n; i++) {
      const vr = ar[i], vi = ai[i];
      zr[o0 + i] -= c0r * vr - c0i * vi; zi[o0 + i] -= c0r * vi + c0i * vr;
      zr[o1 + i] -= c1r * vr - c1i * vi; zi[o1 + i] -= c1r * vi + c1i * vr;
      zr[o2 + i] -= c2r * vr - c2i * vi; zi[o2 + i] -= c2r * vi + c2i * vr;
      zr[o3 + i] -= c3r * vr - c3i * vi; zi[o3 + i] -= c3r * vi + c3i * vr;
    }
  }
  for (; j < rows; j++) {
    const jo = j * n;
    for (let k = n - 2; k >= 0; k--) {
      const tauR = tr[k];
      const tauI = ti[k];
      if (tauR === 0 && tauI === 0) continue;
      const ko = k * n;
      let sr = 0;
      let si = 0;
      for (let i = k + 1; i < n; i++) {
        const vr = ar[ko + i];
        const vi = ai[ko + i];
        const a = zr[jo + i];
        const b = zi[jo + i];
        sr += vr * a + vi * b;
        si += vr * b - vi * a;
      }
      const cr = tauR * sr - tauI * si;
      const ci = tauR * si + tauI * sr;
      for (let i = k + 1; i < n; i++) {
        const vr = ar[ko + i];
        const vi = ai[ko + i];
        zr[jo + i] -= cr * vr - ci * vi;
        zi[jo + i] -= cr * vi + ci * vr;
      }
    }
  }
}
