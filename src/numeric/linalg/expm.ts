import { QepInputError } from '../errors.js';
import { type CMatrix, identity, zeros } from './cmatrix.js';
import { cgemm, csolve } from './_internal/cgemm.js';
import { float64 } from './float64.js';

/** Padé coefficients b_0..b_m of r_m(x) = p_m(x)/p_m(−x) ≈ e^x (Higham 2005, Table 2.3 source). */
const PADE: Readonly<Record<3 | 5 | 7 | 9 | 13, readonly number[]>> = {
  3: [120, 60, 12, 1],
  5: [30240, 15120, 3360, 420, 30, 1],
  7: [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1],
  9: [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1],
  13: [
    64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600,
    670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
  ],
};

/** θ_m: the largest ‖A‖₁ for which r_m(A) has backward error ≤ 2⁻⁵³ (Higham 2005, Table 2.3). */
const THETA: readonly (readonly [3 | 5 | 7 | 9, number])[] = [
  [3, 1.495585217958292e-2],
  [5, 2.53939833006323e-1],
  [7, 9.504178996162932e-1],
  [9, 2.097847961257068],
];
const THETA13 = 5.371920351148152;

/**
 * The matrix exponential e^A of a general complex square matrix.
 *
 * e^A = Σ_k A^k / k!, computed by scaling and squaring with Padé
 * approximants (Higham, "The scaling and squaring method for the matrix
 * exponential revisited", SIAM J. Matrix Anal. Appl. 26 (2005) 1179–1193,
 * Algorithm 2.3): the lowest degree m ∈ {3, 5, 7, 9} with ‖A‖₁ ≤ θ_m, else
 * m = 13 on A/2^s with ‖A/2^s‖₁ ≤ θ₁₃, then s squarings. Backward error
 * ≤ 2⁻⁵³ in exact arithmetic; used for non-Hermitian generators such as
 * Lindblad/Davies Liouvillians (d² × d², up to 256 × 256 at d = 16). For
 * Hermitian A, {@link expmHermitian} in functions.ts (spectral) is cheaper
 * and exactly Hermitian.
 *
 * Cost: 6 to 7 complex matrix products + one LU solve + s products, all
 * O(n³); about 0.5 s at n = 256 on the project's machine.
 *
 * @throws QepInputError when A is not square, has a NaN or infinite entry,
 *   or is so large that e^A overflows (the message gives ‖A‖₁).
 * @example expm(fromReal([[0, 1], [-1, 0]])) // [[cos 1, sin 1], [−sin 1, cos 1]]
 */
export function expm(A: CMatrix): CMatrix {
  const n = A.rows;
  if (A.cols !== n) throw new QepInputError('A', 'a square matrix', `${A.rows}x${A.cols}`);
  if (n === 0) return zeros(0, 0);
  const bad = firstNonFinite(A);
  if (bad >= 0) {
    throw new QepInputError(`A[${Math.floor(bad / n)}][${bad % n}]`, 'a finite complex number', `${A.re[bad]} + ${A.im[bad]}i`);
  }
  const norm = norm1(A);
  if (norm === Infinity) throw new QepInputError('A', 'small enough that e^A is finite (‖A‖₁)', norm);
  if (norm === 0) return identity(n);
  if (n === 1) return scalarExp(A.re[0], A.im[0], norm);

  const nn = n * n;
  for (const [m, theta] of THETA) {
    if (norm <= theta) return finite(padeLow(n, A.re, A.im, m), norm);
  }
  const s = Math.max(0, Math.ceil(Math.log2(norm / THETA13)));
  const f = 2 ** -s;
  const ar = float64(nn);
  const ai = float64(nn);
  for (let k = 0; k < nn; k++) {
    ar[k] = A.re[k] * f;
    ai[k] = A.im[k] * f;
  }
  let X = pade13(n, ar, ai);
  // Undo the scaling: e^A = (r_13(A/2^s))^(2^s).
  let Y = zeros(n, n);
  for (let k = 0; k < s; k++) {
    cgemm(n, X.re, X.im, X.re, X.im, Y.re, Y.im);
    const t = X;
    X = Y;
    Y = t;
  }
  return finite(X, norm);
}

function scalarExp(re: number, im: number, norm: number): CMatrix {
  const r = Math.exp(re);
  const out = zeros(1, 1);
  out.re[0] = im === 0 ? r : r * Math.cos(im);
  out.im[0] = im === 0 ? 0 : r * Math.sin(im);
  return finite(out, norm);
}

/** ‖A‖₁ = max_j Σ_i |a_ij| for finite A (may be +∞ for entries near the double range). */
function norm1(A: CMatrix): number {
  const n = A.rows;
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.hypot(A.re[i * n + j], A.im[i * n + j]);
    if (s > best) best = s;
  }
  return best;
}

/** Index of the first NaN or infinite component, or −1. */
function firstNonFinite(A: CMatrix): number {
  for (let k = 0; k < A.re.length; k++) if (!Number.isFinite(A.re[k]) || !Number.isFinite(A.im[k])) return k;
  return -1;
}

/** Throw instead of returning an overflowed (∞ or NaN) exponential. */
function finite(X: CMatrix, norm: number): CMatrix {
  for (let k = 0; k < X.re.length; k++) {
    if (!Number.isFinite(X.re[k]) || !Number.isFinite(X.im[k])) {
      throw new QepInputError('A', 'small enough that e^A is finite (‖A‖₁)', norm);
    }
  }
  return X;
}

/** r_m(A) for m ∈ {3, 5, 7, 9}: U = A Σ_odd b_k A^{k−1}, V = Σ_even b_k A^k, solve (V − U) X = V + U. */
function padeLow(n: number, ar: Float64Array, ai: Float64Array, m: 3 | 5 | 7 | 9): CMatrix {
  const b = PADE[m];
  const nn = n * n;
  // Even powers A^2, A^4, ... A^{m−1}.
  const powers: { re: Float64Array; im: Float64Array }[] = [];
  const a2r = float64(nn);
  const a2i = float64(nn);
  cgemm(n, ar, ai, ar, ai, a2r, a2i);
  powers.push({ re: a2r, im: a2i });
  for (let p = 4; p < m; p += 2) {
    const prev = powers[powers.length - 1];
    const re = float64(nn);
    const im = float64(nn);
    cgemm(n, prev.re, prev.im, a2r, a2i, re, im);
    powers.push({ re, im });
  }
  const tr = float64(nn);
  const ti = float64(nn);
  const vr = float64(nn);
  const vi = float64(nn);
  for (let i = 0; i < n; i++) {
    tr[i * n + i] = b[1];
    vr[i * n + i] = b[0];
  }
  powers.forEach((P, idx) => {
    const k = 2 * (idx + 1); // the power of this term
    const bo = b[k + 1];
    const be = b[k];
    for (let q = 0; q < nn; q++) {
      tr[q] += bo * P.re[q];
      ti[q] += bo * P.im[q];
      vr[q] += be * P.re[q];
      vi[q] += be * P.im[q];
    }
  });
  const ur = float64(nn);
  const ui = float64(nn);
  cgemm(n, ar, ai, tr, ti, ur, ui);
  return solvePade(n, ur, ui, vr, vi);
}

/** r_13(A) (Higham 2005, eq. (2.12) evaluation with A², A⁴, A⁶). */
function pade13(n: number, ar: Float64Array, ai: Float64Array): CMatrix {
  const b = PADE[13];
  const nn = n * n;
  const a2r = float64(nn);
  const a2i = float64(nn);
  const a4r = float64(nn);
  const a4i = float64(nn);
  const a6r = float64(nn);
  const a6i = float64(nn);
  cgemm(n, ar, ai, ar, ai, a2r, a2i);
  cgemm(n, a2r, a2i, a2r, a2i, a4r, a4i);
  cgemm(n, a4r, a4i, a2r, a2i, a6r, a6i);
  // W1 = b13 A6 + b11 A4 + b9 A2;  W2 = b7 A6 + b5 A4 + b3 A2 + b1 I
  // Z1 = b12 A6 + b10 A4 + b8 A2;  Z2 = b6 A6 + b4 A4 + b2 A2 + b0 I
  const w1r = float64(nn);
  const w1i = float64(nn);
  const z1r = float64(nn);
  const z1i = float64(nn);
  const w2r = float64(nn);
  const w2i = float64(nn);
  const z2r = float64(nn);
  const z2i = float64(nn);
  for (let q = 0; q < nn; q++) {
    const x6r = a6r[q];
    const x6i = a6i[q];
    const x4r = a4r[q];
    const x4i = a4i[q];
    const x2r = a2r[q];
    const x2i = a2i[q];
    w1r[q] = b[13] * x6r + b[11] * x4r + b[9] * x2r;
    w1i[q] = b[13] * x6i + b[11] * x4i + b[9] * x2i;
    z1r[q] = b[12] * x6r + b[10] * x4r + b[8] * x2r;
    z1i[q] = b[12] * x6i + b[10] * x4i + b[8] * x2i;
    w2r[q] = b[7] * x6r + b[5] * x4r + b[3] * x2r;
    w2i[q] = b[7] * x6i + b[5] * x4i + b[3] * x2i;
    z2r[q] = b[6] * x6r + b[4] * x4r + b[2] * x2r;
    z2i[q] = b[6] * x6i + b[4] * x4i + b[2] * x2i;
  }
  for (let i = 0; i < n; i++) {
    w2r[i * n + i] += b[1];
    z2r[i * n + i] += b[0];
  }
  // W = A6 W1 + W2 (reuse a4 as scratch), U = A W;  V = A6 Z1 + Z2.
  cgemm(n, a6r, a6i, w1r, w1i, a4r, a4i);
  for (let q = 0; q < nn; q++) {
    a4r[q] += w2r[q];
    a4i[q] += w2i[q];
  }
  const ur = a2r;
  const ui = a2i;
  cgemm(n, ar, ai, a4r, a4i, ur, ui);
  cgemm(n, a6r, a6i, z1r, z1i, w1r, w1i);
  for (let q = 0; q < nn; q++) {
    w1r[q] += z2r[q];
    w1i[q] += z2i[q];
  }
  return solvePade(n, ur, ui, w1r, w1i);
}

/** X = (V − U)⁻¹ (V + U); U and V are overwritten. */
function solvePade(n: number, ur: Float64Array, ui: Float64Array, vr: Float64Array, vi: Float64Array): CMatrix {
  const nn = n * n;
  const X = zeros(n, n);
  for (let q = 0; q < nn; q++) {
    X.re[q] = vr[q] + ur[q];
    X.im[q] = vi[q] + ui[q];
    vr[q] -= ur[q];
    vi[q] -= ui[q];
  }
  if (!csolve(n, vr, vi, X.re, X.im)) {
    // q_m(A) is nonsingular for ‖A‖₁ ≤ θ_m (Higham 2005, §2); this is unreachable for finite input.
    throw new QepInputError('A', 'a matrix whose Padé denominator is nonsingular');
  }
  return X;
}
