import { QepInputError } from '../../errors.js';
import type { CMatrix } from '../cmatrix.js';
import { ldexp, unitShift } from './scale.js';

/**
 * Check that A is square with finite entries, and return the power-of-two
 * shift k that brings its largest real or imaginary component into [1, 2)
 * (0 for the zero matrix, signalled by `zero: true`).
 * @throws QepInputError when A is not square or has a NaN or infinite entry.
 */
export function checkAndShift(A: CMatrix, field: string): { shift: number; zero: boolean } {
  if (A.rows !== A.cols) throw new QepInputError(field, 'a square matrix', `${A.rows}x${A.cols}`);
  const re = A.re;
  const im = A.im;
  let m = 0;
  for (let k = 0; k < re.length; k++) {
    const x = Math.abs(re[k]);
    const y = Math.abs(im[k]);
    // Written so that NaN fails the test: NaN <= Infinity is false.
    if (!(x <= Number.MAX_VALUE && y <= Number.MAX_VALUE)) {
      const n = A.cols;
      throw new QepInputError(`${field}[${Math.floor(k / n)}][${k % n}]`, 'a finite complex number', `${re[k]} + ${im[k]}i`);
    }
    if (x > m) m = x;
    if (y > m) m = y;
  }
  return { shift: unitShift(m), zero: m === 0 };
}

/**
 * Write 2^shift · ½(A + A†) into (ar, ai), n × n row-major: the full matrix
 * when `full`, else only the lower triangle (i ≥ j) with a real diagonal.
 * Scaling comes first, so the half-sums cannot overflow.
 */
export function loadScaledHermitian(A: CMatrix, shift: number, ar: Float64Array, ai: Float64Array, full: boolean): void {
  const n = A.rows;
  const re = A.re;
  const im = A.im;
  // A factor beyond the double range (lifting subnormal input) goes in two steps.
  const big = shift > 1000 || shift < -1000;
  const f = big ? 1 : 2 ** shift;
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let j = 0; j < i; j++) {
      const jo = j * n;
      let r: number;
      let m: number;
      if (big) {
        r = 0.5 * (ldexp(re[io + j], shift) + ldexp(re[jo + i], shift));
        m = 0.5 * (ldexp(im[io + j], shift) - ldexp(im[jo + i], shift));
      } else {
        r = 0.5 * (f * re[io + j] + f * re[jo + i]);
        m = 0.5 * (f * im[io + j] - f * im[jo + i]);
      }
      ar[io + j] = r;
      ai[io + j] = m;
      if (full) {
        ar[jo + i] = r;
        ai[jo + i] = -m;
      }
    }
    ar[io + i] = big ? ldexp(re[io + i], shift) : f * re[io + i];
    ai[io + i] = 0;
  }
}
