import { cgemm } from './_internal/cgemm.js';
import { float64, float64Copy } from './float64.js';

/**
 * Dense complex matrices on typed arrays.
 *
 * Layout (the one place it is documented): a matrix with `rows × cols`
 * entries stores real and imaginary parts in two separate row-major
 * Float64Arrays, entry (i, j) at index `i * cols + j`:
 *
 *     A[i][j] = re[i * cols + j] + i · im[i * cols + j]
 *
 * Split storage keeps the kernels simple (no stride-2 arithmetic) and lets a
 * real matrix be recognised by an all-zero `im`. Kernels here never validate;
 * the public constructors of physical objects (states, Hamiltonians) do.
 */
export interface CMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** A complex scalar. */
export interface Complex {
  re: number;
  im: number;
}

/** The rows × cols zero matrix. */
export function zeros(rows: number, cols: number = rows): CMatrix {
  return { rows, cols, re: float64(rows * cols), im: float64(rows * cols) };
}

/**
 * `out` when it is a rows × cols matrix, else a new zero matrix: the out-parameter
 * convention of the kernels below (an `out` of another shape is ignored, never resized).
 */
function target(out: CMatrix | undefined, rows: number, cols: number): CMatrix {
  return out !== undefined && out.rows === rows && out.cols === cols ? out : zeros(rows, cols);
}

/** The n × n identity. */
export function identity(n: number): CMatrix {
  const A = zeros(n, n);
  for (let i = 0; i < n; i++) A.re[i * n + i] = 1;
  return A;
}

/** A real matrix from nested arrays (rows of equal length). */
export function fromReal(rows: ArrayLike<ArrayLike<number>>, imag?: ArrayLike<ArrayLike<number>>): CMatrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const A = zeros(r, c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      A.re[i * c + j] = rows[i][j];
      if (imag) A.im[i * c + j] = imag[i][j];
    }
  }
  return A;
}

/** The diagonal matrix diag(values) (real), written into `out` when given. */
export function fromDiagonal(values: ArrayLike<number>, out?: CMatrix): CMatrix {
  const n = values.length;
  const A = target(out, n, n);
  if (A === out) {
    A.re.fill(0);
    A.im.fill(0);
  }
  for (let i = 0; i < n; i++) A.re[i * n + i] = values[i];
  return A;
}

/** A deep copy. */
export function clone(A: CMatrix): CMatrix {
  return { rows: A.rows, cols: A.cols, re: float64Copy(A.re), im: float64Copy(A.im) };
}

/** Entry (i, j). */
export function get(A: CMatrix, i: number, j: number): Complex {
  const k = i * A.cols + j;
  return { re: A.re[k], im: A.im[k] };
}

/** A + B. */
export function add(A: CMatrix, B: CMatrix): CMatrix {
  const C = zeros(A.rows, A.cols);
  for (let k = 0; k < C.re.length; k++) {
    C.re[k] = A.re[k] + B.re[k];
    C.im[k] = A.im[k] + B.im[k];
  }
  return C;
}

/** A − B. */
export function sub(A: CMatrix, B: CMatrix): CMatrix {
  const C = zeros(A.rows, A.cols);
  for (let k = 0; k < C.re.length; k++) {
    C.re[k] = A.re[k] - B.re[k];
    C.im[k] = A.im[k] - B.im[k];
  }
  return C;
}

/** s · A for a real or complex scalar s. */
export function scale(A: CMatrix, s: number | Complex): CMatrix {
  const sr = typeof s === 'number' ? s : s.re;
  const si = typeof s === 'number' ? 0 : s.im;
  const C = zeros(A.rows, A.cols);
  for (let k = 0; k < C.re.length; k++) {
    const ar = A.re[k];
    const ai = A.im[k];
    C.re[k] = sr * ar - si * ai;
    C.im[k] = sr * ai + si * ar;
  }
  return C;
}

/** Y ← Y + s·X in place (s real or complex); returns Y. */
export function axpy(Y: CMatrix, s: number | Complex, X: CMatrix): CMatrix {
  const sr = typeof s === 'number' ? s : s.re;
  const si = typeof s === 'number' ? 0 : s.im;
  for (let k = 0; k < Y.re.length; k++) {
    const xr = X.re[k];
    const xi = X.im[k];
    Y.re[k] += sr * xr - si * xi;
    Y.im[k] += sr * xi + si * xr;
  }
  return Y;
}

/**
 * A · B, written into `out` when given (out must not alias A or B).
 * Square products go through the register-blocked kernel `cgemm` (also used by expm).
 */
export function mul(A: CMatrix, B: CMatrix, out?: CMatrix): CMatrix {
  const n = A.rows;
  const m = A.cols;
  const p = B.cols;
  const C = target(out, n, p);
  if (n === m && m === p) {
    cgemm(n, A.re, A.im, B.re, B.im, C.re, C.im);
    return C;
  }
  const cr = C.re;
  const ci = C.im;
  cr.fill(0);
  ci.fill(0);
  const ar = A.re;
  const ai = A.im;
  const br = B.re;
  const bi = B.im;
  for (let i = 0; i < n; i++) {
    const io = i * p;
    for (let k = 0; k < m; k++) {
      const xr = ar[i * m + k];
      const xi = ai[i * m + k];
      if (xr === 0 && xi === 0) continue;
      const ko = k * p;
      for (let j = 0; j < p; j++) {
        const yr = br[ko + j];
        const yi = bi[ko + j];
        cr[io + j] += xr * yr - xi * yi;
        ci[io + j] += xr * yi + xi * yr;
      }
    }
  }
  return C;
}

/** The conjugate transpose A†, written into `out` when given (out must not alias A). */
export function adjoint(A: CMatrix, out?: CMatrix): CMatrix {
  const C = target(out, A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) {
      C.re[j * A.rows + i] = A.re[i * A.cols + j];
      C.im[j * A.rows + i] = -A.im[i * A.cols + j];
    }
  }
  return C;
}

/** The Kronecker product A ⊗ B (composite systems are ordered A then B), written into `out` when given. */
export function kron(A: CMatrix, B: CMatrix, out?: CMatrix): CMatrix {
  const r = A.rows * B.rows;
  const c = A.cols * B.cols;
  const C = target(out, r, c);
  if (C === out) {
    C.re.fill(0);
    C.im.fill(0);
  }
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) {
      const xr = A.re[i * A.cols + j];
      const xi = A.im[i * A.cols + j];
      if (xr === 0 && xi === 0) continue;
      for (let k = 0; k < B.rows; k++) {
        const row = (i * B.rows + k) * c + j * B.cols;
        for (let l = 0; l < B.cols; l++) {
          const yr = B.re[k * B.cols + l];
          const yi = B.im[k * B.cols + l];
          C.re[row + l] = xr * yr - xi * yi;
          C.im[row + l] = xr * yi + xi * yr;
        }
      }
    }
  }
  return C;
}

/** tr A. */
export function trace(A: CMatrix): Complex {
  let re = 0;
  let im = 0;
  for (let i = 0; i < A.rows; i++) {
    re += A.re[i * A.cols + i];
    im += A.im[i * A.cols + i];
  }
  return { re, im };
}

/** Re tr(A·B) without forming the product. */
export function traceProductRe(A: CMatrix, B: CMatrix): number {
  let s = 0;
  const n = A.rows;
  const m = A.cols;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      s += A.re[i * m + k] * B.re[k * n + i] - A.im[i * m + k] * B.im[k * n + i];
    }
  }
  return s;
}

/** The commutator [A, B] = AB − BA. */
export function commutator(A: CMatrix, B: CMatrix): CMatrix {
  return sub(mul(A, B), mul(B, A));
}

/** The anticommutator {A, B} = AB + BA. */
export function anticommutator(A: CMatrix, B: CMatrix): CMatrix {
  return add(mul(A, B), mul(B, A));
}

/** Frobenius norm ‖A‖_F = (Σ |a_ij|²)^{1/2}. */
export function normFro(A: CMatrix): number {
  let s = 0;
  for (let k = 0; k < A.re.length; k++) s += A.re[k] * A.re[k] + A.im[k] * A.im[k];
  return Math.sqrt(s);
}

/**
 * Largest entry modulus max |a_ij| = max hypot(re, im). The squared moduli find the
 * candidates first (one multiply-add per entry); `Math.hypot` runs only on the entries
 * within a relative 1e-12 of the largest square, which always contain the largest modulus
 * (squares carry a relative rounding of a few ε), so the value is the one of hypot over
 * every entry, bit for bit. Tiny squares (below 1e-290, subnormal range nearby), NaN:
 * hypot over every entry.
 */
export function normMax(A: CMatrix): number {
  const re = A.re;
  const im = A.im;
  const n = re.length;
  let top = 0;
  for (let k = 0; k < n; k++) {
    const s = re[k] * re[k] + im[k] * im[k];
    if (s > top) top = s;
    else if (s !== s) top = NaN;
    if (top !== top) break;
  }
  const floor = top >= 1e-290 ? top * (1 - 1e-12) : 0;
  let best = 0;
  for (let k = 0; k < n; k++) {
    if (floor > 0 && !(re[k] * re[k] + im[k] * im[k] >= floor)) continue;
    best = Math.max(best, Math.hypot(re[k], im[k]));
  }
  return best;
}

/** The Hermitian part ½(A + A†), written into `out` when given (out must not alias A). */
export function hermitianPart(A: CMatrix, out?: CMatrix): CMatrix {
  const n = A.rows;
  const C = target(out, n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      C.re[i * n + j] = 0.5 * (A.re[i * n + j] + A.re[j * n + i]);
      C.im[i * n + j] = 0.5 * (A.im[i * n + j] - A.im[j * n + i]);
    }
  }
  return C;
}

/** The real parts of the diagonal. */
export function diagonalRe(A: CMatrix): Float64Array {
  const n = Math.min(A.rows, A.cols);
  const d = float64(n);
  for (let i = 0; i < n; i++) d[i] = A.re[i * A.cols + i];
  return d;
}

/** The matrix with only the diagonal of A kept. */
export function keepDiagonal(A: CMatrix): CMatrix {
  const C = zeros(A.rows, A.cols);
  for (let i = 0; i < Math.min(A.rows, A.cols); i++) {
    C.re[i * A.cols + i] = A.re[i * A.cols + i];
    C.im[i * A.cols + i] = A.im[i * A.cols + i];
  }
  return C;
}

/** V · diag(d) · V† for real d: the spectral synthesis used by every matrix function. */
export function spectralSynthesis(V: CMatrix, d: ArrayLike<number>): CMatrix {
  const n = V.rows;
  const k = V.cols;
  const C = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sr = 0;
      let si = 0;
      for (let l = 0; l < k; l++) {
        const w = d[l];
        if (w === 0) continue;
        const ar = V.re[i * k + l];
        const ai = V.im[i * k + l];
        const br = V.re[j * k + l];
        const bi = V.im[j * k + l];
        // a · conj(b) · w
        sr += w * (ar * br + ai * bi);
        si += w * (ai * br - ar * bi);
      }
      C.re[i * n + j] = sr;
      C.im[i * n + j] = si;
      C.re[j * n + i] = sr;
      C.im[j * n + i] = -si;
    }
    C.im[i * n + i] = 0;
  }
  return C;
}

/**
 * A · (B ⊗ diag(q)) for A square of size N = d_B·d_q (B square d_B × d_B; q real, d_q = q.length;
 * q omitted = the identity 1_{d_q}), written into `out` when given (out must not alias A).
 * Entry [r, (j, l)] = Σ_{j'} A[r, (j', l)] · (B[j', j] q_l): N²·d_B multiply-adds instead of N³.
 * For d_q ≥ 2 every entry is the value `mul(A, kron(B, fromDiagonal(q)))` returns, bit for bit
 * (the same nonzero terms, added in the same order; only the sign of an exact zero may differ).
 */
export function mulKronDiagonal(A: CMatrix, B: CMatrix, q?: ArrayLike<number>, out?: CMatrix): CMatrix {
  const dB = B.rows;
  const N = A.rows;
  const dq = N / dB;
  const C = target(out, N, N);
  const { re: ar, im: ai } = A;
  const { re: br, im: bi } = B;
  const cr = C.re;
  const ci = C.im;
  for (let r = 0; r < N; r++) {
    const ro = r * N;
    for (let l = 0; l < dq; l++) {
      // Terms with a_{r,(j',l)} = 0 are exact zeros: left out (A is often sparse).
      let live = false;
      for (let jp = 0; jp < dB && !live; jp++) live = ar[ro + jp * dq + l] !== 0 || ai[ro + jp * dq + l] !== 0;
      if (!live) {
        for (let j = 0; j < dB; j++) cr[ro + j * dq + l] = ci[ro + j * dq + l] = 0;
        continue;
      }
      const ql = q === undefined ? 1 : q[l];
      for (let j = 0; j < dB; j++) {
        let sr = 0;
        let si = 0;
        for (let jp = 0; jp < dB; jp++) {
          const xr = ar[ro + jp * dq + l];
          const xi = ai[ro + jp * dq + l];
          if (xr === 0 && xi === 0) continue;
          // The Kronecker entry as kron forms it: B[j', j]·q_l (exactly B[j', j] for the identity).
          const kr = q === undefined ? br[jp * dB + j] : br[jp * dB + j] * ql;
          const ki = q === undefined ? bi[jp * dB + j] : bi[jp * dB + j] * ql;
          sr += xr * kr - xi * ki;
          si += xr * ki + xi * kr;
        }
        cr[ro + j * dq + l] = sr;
        ci[ro + j * dq + l] = si;
      }
    }
  }
  return C;
}

/**
 * (B ⊗ 1_{d})† · A for A square of size N = d_B·d (B square d_B × d), written into `out` when
 * given (out must not alias A). Entry [(β, ν), c] = Σ_i conj(B[i, β]) A[(i, ν), c]: N²·d_B
 * multiply-adds instead of N³. For d ≥ 2 every entry is the value
 * `mul(adjoint(kron(B, identity(d))), A)` returns, bit for bit (only the sign of an exact zero may differ).
 */
export function kronIdentityAdjointMul(B: CMatrix, A: CMatrix, out?: CMatrix): CMatrix {
  const dB = B.rows;
  const N = A.rows;
  const d = N / dB;
  const C = target(out, N, N);
  const { re: ar, im: ai } = A;
  const { re: br, im: bi } = B;
  const cr = C.re;
  const ci = C.im;
  for (let nu = 0; nu < d; nu++) {
    for (let c = 0; c < N; c++) {
      // Terms with a_{(i,ν),c} = 0 are exact zeros: left out (A is often sparse).
      let live = false;
      for (let i = 0; i < dB && !live; i++) live = ar[(i * d + nu) * N + c] !== 0 || ai[(i * d + nu) * N + c] !== 0;
      if (!live) {
        for (let beta = 0; beta < dB; beta++) cr[(beta * d + nu) * N + c] = ci[(beta * d + nu) * N + c] = 0;
        continue;
      }
      for (let beta = 0; beta < dB; beta++) {
        let sr = 0;
        let si = 0;
        for (let i = 0; i < dB; i++) {
          const k = (i * d + nu) * N + c;
          const mr = ar[k];
          const mi = ai[k];
          if (mr === 0 && mi === 0) continue;
          const pr = br[i * dB + beta];
          const pi = bi[i * dB + beta];
          // conj(p) · m, written as the product kernel forms it: p̄_r m_r − p̄_i m_i with p̄_i = −p_i.
          sr += pr * mr + pi * mi;
          si += pr * mi - pi * mr;
        }
        cr[(beta * d + nu) * N + c] = sr;
        ci[(beta * d + nu) * N + c] = si;
      }
    }
  }
  return C;
}

/**
 * tr_2(A · B†) for square A, B of size N = d₁·d₂ (composite order 1 then 2, factor 2 traced
 * out): the d₁ × d₁ matrix with entry [i, i'] = Σ_k (A B†)[(i, k), (i', k)], written into `out`
 * when given. Only the d₁²·d₂ entries of A B† that the trace reads are formed (d₁²·d₂·N
 * multiply-adds instead of N³). Each is summed in the order of the product kernel behind
 * {@link mul} (terms paired two by two; the last row of an odd N one by one), so the result is
 * `partialTrace(mul(A, adjoint(B)), [d₁, d₂], [0])` bit for bit (up to the sign of an exact zero).
 */
export function partialTraceOfProductAdjoint(A: CMatrix, B: CMatrix, d1: number, out?: CMatrix): CMatrix {
  const N = A.rows;
  const d2 = N / d1;
  const C = target(out, d1, d1);
  const { re: ar, im: ai } = A;
  const { re: br, im: bi } = B;
  const pairedRows = N - (N % 2);
  for (let i = 0; i < d1; i++) {
    for (let ip = 0; ip < d1; ip++) {
      let tr = 0;
      let ti = 0;
      for (let k = 0; k < d2; k++) {
        const r = i * d2 + k;
        const ro = r * N;
        const co = (ip * d2 + k) * N;
        let sr = 0;
        let si = 0;
        let s = 0;
        if (r < pairedRows) {
          for (; s + 1 < N; s += 2) {
            // A pair whose two terms are exact zeros (zero entries of A or of B) adds nothing
            // but possibly the sign of a zero sum: left out (B is often sparse).
            const y0r = br[co + s];
            const y0i = -bi[co + s];
            const y1r = br[co + s + 1];
            const y1i = -bi[co + s + 1];
            if (y0r === 0 && y0i === 0 && y1r === 0 && y1i === 0) continue;
            const x0r = ar[ro + s];
            const x0i = ai[ro + s];
            const x1r = ar[ro + s + 1];
            const x1i = ai[ro + s + 1];
            sr += x0r * y0r - x0i * y0i + (x1r * y1r - x1i * y1i);
            si += x0r * y0i + x0i * y0r + (x1r * y1i + x1i * y1r);
          }
        }
        for (; s < N; s++) {
          const yr = br[co + s];
          const yi = -bi[co + s];
          if (yr === 0 && yi === 0) continue;
          const xr = ar[ro + s];
          const xi = ai[ro + s];
          sr += xr * yr - xi * yi;
          si += xr * yi + xi * yr;
        }
        tr += sr;
        ti += si;
      }
      C.re[i * d1 + ip] = tr;
      C.im[i * d1 + ip] = ti;
    }
  }
  return C;
}
