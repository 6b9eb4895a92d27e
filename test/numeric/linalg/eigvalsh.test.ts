import { describe, expect, it } from 'vitest';
import { fromDiagonal, fromReal, normMax, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh, eigvalsh } from '../../../src/numeric/linalg/eigh.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import { haarUnitary, randomHermitian, withSpectrum } from './helpers.js';

const EPS = 2.220446049250313e-16;

describe('eigvalsh', () => {
  it('runs its doc-comment example', () => {
    expect(Array.from(eigvalsh(fromReal([[2, 1], [1, 2]])))).toEqual([1, 3]);
  });

  it('agrees with eigh(A).values within n ε ‖A‖ (sizes 3 to 64, both QL regimes)', () => {
    for (const n of [3, 4, 8, 17, 23, 24, 32, 64]) {
      for (let seed = 1; seed <= 3; seed++) {
        const A = randomHermitian(n, 100 * n + seed);
        const a = eigvalsh(A);
        const b = eigh(A).values;
        const tol = 4 * n * EPS * normMax(A);
        for (let k = 0; k < n; k++) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(tol);
        for (let k = 1; k < n; k++) expect(a[k]).toBeGreaterThanOrEqual(a[k - 1]);
      }
    }
  });

  it('finds a known spectrum with repeated and tiny eigenvalues (a 32 × 32 state)', () => {
    const values = Array.from({ length: 32 }, (_, k) => (k < 8 ? 0 : k < 12 ? 1e-13 : k < 20 ? 0.05 : 0.01));
    const A = withSpectrum(haarUnitary(32, 4), values);
    const got = eigvalsh(A);
    const want = values.slice().sort((x, y) => x - y);
    for (let k = 0; k < 32; k++) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-14);
  });

  it('splits a permuted block-diagonal matrix into its blocks: the union of their spectra', () => {
    // Blocks of sizes 5, 3, 2, 1 and 1 (values known), interleaved by a permutation, one block with tiny entries.
    const sizes = [5, 3, 2, 1, 1];
    const n = sizes.reduce((x, y) => x + y, 0);
    const perm = [7, 0, 11, 3, 9, 1, 5, 10, 2, 8, 4, 6];
    const A = zeros(n, n);
    const want: number[] = [];
    let at = 0;
    sizes.forEach((k, b) => {
      const values = Array.from({ length: k }, (_, i) => (b === 1 ? 1e-200 : 1) * (i - 1.5 * b + 0.25));
      want.push(...values);
      const B = withSpectrum(haarUnitary(k, 20 + b), values);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          A.re[perm[at + i] * n + perm[at + j]] = B.re[i * k + j];
          A.im[perm[at + i] * n + perm[at + j]] = B.im[i * k + j];
        }
      }
      at += k;
    });
    const got = eigvalsh(A);
    want.sort((x, y) => x - y);
    // Each block is solved at its own scale: the tiny block's eigenvalues come out to relative accuracy.
    for (let k = 0; k < n; k++) expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(Math.abs(want[k]) < 1e-100 ? 1e-212 : 1e-14);
    const full = eigh(A).values;
    for (let k = 0; k < n; k++) expect(Math.abs(got[k] - full[k])).toBeLessThanOrEqual(4 * n * EPS * normMax(A));
  });

  it('returns the closed forms of eigh bit for bit: zero, 1 × 1, 2 × 2, diagonal; scales exactly', () => {
    expect(Array.from(eigvalsh(zeros(3, 3)))).toEqual([0, 0, 0]);
    expect(Array.from(eigvalsh(fromReal([[-2.5]])))).toEqual([-2.5]);
    const B = fromReal([[0.3, 0.1], [0.1, 0.7]], [[0, 0.2], [-0.2, 0]]);
    expect(eigvalsh(B)).toEqual(eigh(B).values);
    expect(Array.from(eigvalsh(fromDiagonal([3, 1e-300, -2])))).toEqual([-2, 1e-300, 3]);
    const A = randomHermitian(6, 9);
    const big = { rows: 6, cols: 6, re: A.re.map((x) => x * 2 ** 900), im: A.im.map((x) => x * 2 ** 900) };
    const a = eigvalsh(A);
    const b = eigvalsh(big);
    for (let k = 0; k < 6; k++) expect(b[k]).toBe(a[k] * 2 ** 900);
  });

  it('refuses a non-square or non-finite matrix like eigh', () => {
    expect(() => eigvalsh(zeros(2, 3))).toThrow(QepInputError);
    const A = randomHermitian(4, 2);
    A.re[5] = NaN;
    expect(() => eigvalsh(A)).toThrow(/A\[1\]\[1\] must be a finite complex number/);
  });
});
