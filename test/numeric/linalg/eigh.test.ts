import fc from 'fast-check';
import { complex, eigs, type Complex as MathComplex } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, add, fromDiagonal, fromReal, identity, normFro, scale, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import { eighJacobi } from '../../../src/numeric/linalg/_internal/jacobi.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import { EPS } from '../../../src/numeric/tolerance.js';
import {
  eigResidual,
  haarUnitary,
  maxDiff,
  orthonormalityResidual,
  projector,
  randomComplex,
  randomHermitian,
  withSpectrum,
} from './helpers.js';

/** The required accuracy: ‖AV − VΛ‖_F ≤ 1e-13·n·‖A‖_F and ‖V†V − I‖_F ≤ 1e-13·n. */
const BOUND = 1e-13;

function expectAccurate(A: CMatrix, { values, vectors }: { values: Float64Array; vectors: CMatrix }): void {
  const n = A.rows;
  expect(values.length).toBe(n);
  for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  for (const x of values) expect(Number.isFinite(x)).toBe(true);
  expect(eigResidual(A, values, vectors)).toBeLessThanOrEqual(BOUND * n * normFro(A));
  expect(orthonormalityResidual(vectors)).toBeLessThanOrEqual(BOUND * n);
}

describe('eigh', () => {
  it('runs its doc-comment example: eigh([[2, 1], [1, 2]]).values is [1, 3]', () => {
    expect(Array.from(eigh(fromReal([[2, 1], [1, 2]])).values)).toEqual([1, 3]);
  });

  it('decomposes random complex Hermitian matrices of size 1 to 64 to the stated accuracy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const A = randomHermitian(n, seed);
        expectAccurate(A, eigh(A));
      }),
      { seed: 20240611, numRuns: 60 },
    );
  });

  it('solves 2×2 matrices (closed form) to the stated accuracy, zero and diagonal cases included', () => {
    const x = fc.oneof(fc.constant(0), fc.double({ min: -10, max: 10, noNaN: true }));
    fc.assert(
      fc.property(x, x, x, x, (a, c, br, bi) => {
        const A = fromReal([[a, br], [br, c]], [[0, bi], [-bi, 0]]);
        const r = eigh(A);
        expectAccurate(A, r);
        const m = (a + c) / 2;
        const root = Math.hypot((a - c) / 2, Math.hypot(br, bi));
        // (The reference itself rounds to the subnormal grid for tiny entries: allow a few steps of it.)
        expect(Math.abs(r.values[0] - (m - root))).toBeLessThanOrEqual(4 * EPS * Math.max(Math.abs(m), root) + 4 * Number.MIN_VALUE);
      }),
      {
        seed: 2,
        numRuns: 300,
        // Regressions found by this property: t or θ underflowing to −0 swapped the vectors;
        // a subnormal b gave a phase of modulus ≠ 1.
        examples: [
          [1.5717277847026288e-162, 0, -5e-324, 0],
          [0, -1.5e-323, -4, 0],
          [4.547473508864641e-13, 0, 5e-324, 5e-324],
          [-2.5e-323, 0, 0, 0],
        ],
      },
    );
  });

  it('is accurate at sizes 96 and 128 too', () => {
    for (const n of [96, 128]) {
      const A = randomHermitian(n, n);
      expectAccurate(A, eigh(A));
    }
  });

  it('agrees with the Jacobi reference on the eigenvalues', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const A = randomHermitian(n, seed);
        const a = eigh(A).values;
        const b = eighJacobi(A).values;
        const tol = BOUND * n * normFro(A);
        for (let i = 0; i < n; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol);
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('returns orthonormal vectors for repeated and clustered eigenvalues U diag(1,1,1,2,2+1e-14) U†', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const U = haarUnitary(5, seed);
      const spectrum = [1, 1, 1, 2, 2 + 1e-14];
      const A = withSpectrum(U, spectrum);
      const r = eigh(A);
      expectAccurate(A, r);
      for (let i = 0; i < 5; i++) expect(Math.abs(r.values[i] - spectrum[i])).toBeLessThanOrEqual(1e-14 * 5);
      // The eigenspace of 1 is spanned by the first three columns of U.
      expect(maxDiff(projector(r.vectors, [0, 1, 2]), projector(U, [0, 1, 2]))).toBeLessThanOrEqual(1e-13);
    }
  });

  it('handles a large degenerate spectrum (n = 40 with four distinct levels)', () => {
    const n = 40;
    const U = haarUnitary(n, 11);
    const spectrum = Array.from({ length: n }, (_, i) => [-1, 0, 0.5, 3][i % 4]).sort((a, b) => a - b);
    const A = withSpectrum(U, spectrum);
    const r = eigh(A);
    expectAccurate(A, r);
    for (let i = 0; i < n; i++) expect(Math.abs(r.values[i] - spectrum[i])).toBeLessThanOrEqual(1e-13 * n);
  });

  it('returns a diagonal matrix’s diagonal, sorted, with permutation vectors', () => {
    const A = fromDiagonal([3, -1, 2, 2, 0]);
    const r = eigh(A);
    expect(Array.from(r.values)).toEqual([-1, 0, 2, 2, 3]);
    expectAccurate(A, r);
    for (let k = 0; k < r.vectors.re.length; k++) expect(Math.abs(r.vectors.re[k]) === 0 || Math.abs(r.vectors.re[k]) === 1).toBe(true);
  });

  it('returns zeros and the identity for the zero matrix, and the entry for 1×1', () => {
    for (const n of [1, 2, 5, 20]) {
      const r = eigh(zeros(n, n));
      expect(Array.from(r.values)).toEqual(new Array(n).fill(0));
      expect(maxDiff(r.vectors, identity(n))).toBe(0);
    }
    const r1 = eigh(fromReal([[-2.5]]));
    expect(Array.from(r1.values)).toEqual([-2.5]);
    expect(r1.vectors.re[0]).toBe(1);
    expect(eigh(zeros(0, 0)).values.length).toBe(0);
  });

  it('finds 0 and 1 with the right vectors for ½[[1, i], [−i, 1]] (mathjs#3534)', () => {
    const A = fromReal([[0.5, 0], [0, 0.5]], [[0, 0.5], [-0.5, 0]]);
    const r = eigh(A);
    expect(Math.abs(r.values[0])).toBeLessThanOrEqual(2 * EPS);
    expect(Math.abs(r.values[1] - 1)).toBeLessThanOrEqual(2 * EPS);
    // |v0> ∝ (1, i)/√2 (A|v0> = 0), |v1> ∝ (1, −i)/√2: compare projectors.
    const p0 = fromReal([[0.5, 0], [0, 0.5]], [[0, -0.5], [0.5, 0]]);
    expect(maxDiff(projector(r.vectors, [0]), p0)).toBeLessThanOrEqual(1e-15);
    expect(maxDiff(projector(r.vectors, [1]), A)).toBeLessThanOrEqual(1e-15);
    expectAccurate(A, r);
  });

  it('reads only the Hermitian part ½(A + A†)', () => {
    const B = randomComplex(7, 3);
    const H = scale(add(B, adjoint(B)), 0.5);
    const a = eigh(B);
    const b = eigh(H);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expectAccurate(H, a);
  });

  it('scales exactly: eigh(2^k A) has eigenvalues 2^k λ and the same vectors, for k = ±1000', () => {
    const A = randomHermitian(9, 5);
    const r = eigh(A);
    for (const k of [-1000, -300, 300, 1000]) {
      const s = eigh(scale(A, 2 ** k));
      for (let i = 0; i < 9; i++) expect(s.values[i]).toBe(r.values[i] * 2 ** k);
      expect(maxDiff(s.vectors, r.vectors)).toBe(0);
    }
  });

  it('neither overflows nor underflows for entries near 1e+300, 1e-300 and subnormal', () => {
    for (const [factor, n] of [[1e300, 6], [1e-300, 6], [1e-310, 4], [1e307, 5]] as const) {
      const B = randomHermitian(n, 17);
      const A = scale(B, factor);
      const r = eigh(A);
      const ref = eigh(B);
      for (let i = 0; i < n; i++) {
        expect(Number.isFinite(r.values[i])).toBe(true);
        // Subnormal input keeps fewer digits: the tolerance follows the input's rounding.
        const rel = factor < 1e-307 ? 1e-8 : BOUND * n;
        expect(Math.abs(r.values[i] / factor - ref.values[i])).toBeLessThanOrEqual(rel * normFro(B));
      }
      expect(orthonormalityResidual(r.vectors)).toBeLessThanOrEqual(BOUND * n);
    }
  });

  it('resolves eigenvalues of size 1e-300 beside O(1) ones to the norm-wise bound', () => {
    const U = haarUnitary(6, 8);
    const spectrum = [1e-300, 2e-300, 3e-300, 0.5, 1, 2];
    const A = withSpectrum(U, spectrum);
    const r = eigh(A);
    expectAccurate(A, r);
    // And a diagonal one exactly.
    const D = fromDiagonal([1, 1e-300, -1e-300, 5e-324]);
    expect(Array.from(eigh(D).values)).toEqual([-1e-300, 5e-324, 1e-300, 1]);
  });

  it('handles matrices that are already tridiagonal, block diagonal, or have tiny blocks', () => {
    const n = 12;
    const T = zeros(n, n);
    for (let i = 0; i < n; i++) {
      T.re[i * n + i] = i % 3;
      if (i + 1 < n) {
        T.re[(i + 1) * n + i] = T.re[i * n + i + 1] = i === 5 ? 0 : 1;
      }
    }
    expectAccurate(T, eigh(T));
    // Direct sum of a random block and a block 1e-200 times smaller.
    const A = zeros(n, n);
    const B = randomHermitian(6, 1);
    const C = randomHermitian(6, 2, 1e-200);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        A.re[i * n + j] = B.re[i * 6 + j];
        A.im[i * n + j] = B.im[i * 6 + j];
        A.re[(i + 6) * n + j + 6] = C.re[i * 6 + j];
        A.im[(i + 6) * n + j + 6] = C.im[i * 6 + j];
      }
    }
    expectAccurate(A, eigh(A));
  });

  it('handles Wilkinson’s W21+ (pairs of eigenvalues agreeing to 1e-14)', () => {
    const n = 21;
    const W = zeros(n, n);
    for (let i = 0; i < n; i++) {
      W.re[i * n + i] = Math.abs(10 - i);
      if (i + 1 < n) W.re[i * n + i + 1] = W.re[(i + 1) * n + i] = 1;
    }
    const r = eigh(W);
    expectAccurate(W, r);
    expect(Math.abs(r.values[20] - r.values[19])).toBeLessThan(1e-13);
  });

  it('throws QepInputError on NaN, infinite entries and non-square input', () => {
    const A = randomHermitian(3, 1);
    A.re[4] = NaN;
    expect(() => eigh(A)).toThrow(QepInputError);
    expect(() => eigh(A)).toThrow(/A\[1\]\[1\] must be a finite complex number/);
    const B = randomHermitian(3, 1);
    B.im[1] = Infinity;
    expect(() => eigh(B)).toThrow(QepInputError);
    expect(() => eigh(zeros(2, 3))).toThrow(/square/);
  });
});

/** mathjs 15 `eigs` as an independent oracle: eigenvalues and spectral projectors. */
describe('eigh against mathjs eigs', () => {
  function toMath(A: CMatrix): MathComplex[][] {
    const n = A.rows;
    return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => complex(A.re[i * n + j], A.im[i * n + j])));
  }
  const asComplex = (x: unknown): { re: number; im: number } =>
    typeof x === 'number' ? { re: x, im: 0 } : (x as { re: number; im: number });

  it('agrees on eigenvalues and projectors of random complex Hermitian matrices with n ≤ 6', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const A = randomHermitian(n, seed);
        const ours = eigh(A);
        const theirs = eigs(toMath(A));
        const pairs = theirs.eigenvectors
          .map(({ value, vector }) => {
            const v = (Array.isArray(vector) ? vector : (vector as { toArray(): unknown[] }).toArray()).map(asComplex);
            return { value: asComplex(value), v };
          })
          .sort((a, b) => a.value.re - b.value.re);
        expect(pairs.length).toBe(n);
        const norm = normFro(A);
        let gap = Infinity;
        for (let i = 1; i < n; i++) gap = Math.min(gap, ours.values[i] - ours.values[i - 1]);
        for (let k = 0; k < n; k++) {
          // mathjs vectors are not normalised: normalise, then measure its residual.
          const v = pairs[k].v;
          const V = zeros(n, 1);
          let s = 0;
          for (const c of v) s += c.re * c.re + c.im * c.im;
          v.forEach((c, i) => {
            V.re[i] = c.re / Math.sqrt(s);
            V.im[i] = c.im / Math.sqrt(s);
          });
          const mu = pairs[k].value;
          const rTheirs = eigResidual(A, [mu.re], V);
          // mathjs 15's vectors are at times only ~1e-5 accurate (measured: median
          // residual 3e-15·‖A‖, worst 4e-5·‖A‖ over 300 matrices); its values are
          // accurate. Cap the oracle's residual so the comparison stays meaningful.
          expect(rTheirs).toBeLessThanOrEqual(1e-4 * norm);
          expect(Math.abs(mu.im)).toBeLessThanOrEqual(1e-12 * norm);
          expect(Math.abs(mu.re - ours.values[k])).toBeLessThanOrEqual(1e-12 * norm);
          // Davis–Kahan: each projector is within residual / gap of the true one.
          const ourV = zeros(n, 1);
          for (let i = 0; i < n; i++) {
            ourV.re[i] = ours.vectors.re[i * n + k];
            ourV.im[i] = ours.vectors.im[i * n + k];
          }
          const rOurs = eigResidual(A, [ours.values[k]], ourV);
          const tol = (2 * (rTheirs + rOurs) + 1e-14 * norm) / gap;
          expect(maxDiff(projector(V, [0]), projector(ours.vectors, [k]))).toBeLessThanOrEqual(tol);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});
