import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CMatrix,
  adjoint,
  fromDiagonal,
  fromReal,
  identity,
  mul,
  normFro,
  scale,
  sub,
  trace,
  zeros,
} from '../../../src/numeric/linalg/cmatrix.js';
import { expm } from '../../../src/numeric/linalg/expm.js';
import {
  expmHermitian,
  hermitianFunction,
  logmHermitian,
  powmPsd,
  sqrtmPsd,
  unitaryEvolution,
} from '../../../src/numeric/linalg/functions.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import { TOL } from '../../../src/numeric/tolerance.js';
import { haarUnitary, maxDiff, randomHermitian, withSpectrum } from './helpers.js';

const seeded = { seed: 314159, numRuns: 40 };
const sizeAndSeed = fc.tuple(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }));

/** A random positive definite matrix with spectrum in [lo, hi]. */
function randomPd(n: number, seed: number, lo = 0.1, hi = 3): CMatrix {
  const U = haarUnitary(n, seed);
  const spectrum = Array.from({ length: n }, (_, k) => lo + ((hi - lo) * (k + 0.5)) / n);
  return withSpectrum(U, spectrum);
}

function isHermitian(A: CMatrix): boolean {
  return maxDiff(A, adjoint(A)) === 0;
}

describe('hermitianFunction', () => {
  it('with the identity function reconstructs A', () => {
    fc.assert(
      fc.property(sizeAndSeed, ([n, seed]) => {
        const A = randomHermitian(n, seed);
        expect(maxDiff(hermitianFunction(A, (x) => x), A)).toBeLessThanOrEqual(1e-13 * n * normFro(A));
      }),
      seeded,
    );
  });

  it('maps f(λ) = λ² to A·A and returns an exactly Hermitian matrix', () => {
    const A = randomHermitian(9, 4);
    const F = hermitianFunction(A, (x) => x * x);
    expect(maxDiff(F, mul(A, A))).toBeLessThanOrEqual(1e-13 * 9 * normFro(A) ** 2);
    expect(isHermitian(F)).toBe(true);
  });

  it('throws QepInputError when f is not finite at an eigenvalue, or A is not Hermitian', () => {
    expect(() => hermitianFunction(fromDiagonal([1, 0]), (x) => 1 / x)).toThrow(QepInputError);
    const B = fromReal([[1, 2], [0, 1]]);
    expect(() => hermitianFunction(B, (x) => x, { field: 'rho' })).toThrow(/rho must be Hermitian/);
  });
});

describe('expmHermitian', () => {
  it('agrees with the general Padé expm on random Hermitian matrices', () => {
    fc.assert(
      fc.property(sizeAndSeed, ([n, seed]) => {
        const A = randomHermitian(n, seed);
        const E = expmHermitian(A);
        expect(maxDiff(E, expm(A))).toBeLessThanOrEqual(1e-13 * n * normFro(E));
        expect(isHermitian(E)).toBe(true);
      }),
      seeded,
    );
  });

  it('inverts logmHermitian on positive definite matrices', () => {
    fc.assert(
      fc.property(sizeAndSeed, ([n, seed]) => {
        const P = randomPd(n, seed);
        expect(maxDiff(expmHermitian(logmHermitian(P)), P)).toBeLessThanOrEqual(1e-13 * n * normFro(P));
      }),
      seeded,
    );
  });

  it('gives diag(1, e) for diag(0, 1) and throws rather than overflow at λ = 800', () => {
    const E = expmHermitian(fromDiagonal([0, 1]));
    expect(E.re[0]).toBe(1);
    expect(Math.abs(E.re[3] - Math.E)).toBeLessThanOrEqual(Math.E * 1e-15);
    expect(() => expmHermitian(fromDiagonal([0, 800]))).toThrow(QepInputError);
  });
});

describe('logmHermitian', () => {
  it('gives ln of each eigenvalue for a diagonal matrix', () => {
    const L = logmHermitian(fromDiagonal([1, Math.E, 0.5]));
    expect(Array.from([L.re[0], L.re[4], L.re[8]])).toEqual([0, 1, Math.log(0.5)]);
  });

  it('throws on a zero eigenvalue by default and names the support policy', () => {
    const rho = fromReal([[0.5, 0], [0, 0.5]], [[0, 0.5], [-0.5, 0]]); // ½[[1, i], [−i, 1]]: eigenvalues 0, 1
    expect(() => logmHermitian(rho)).toThrow(QepInputError);
    expect(() => logmHermitian(rho)).toThrow(/support/);
  });

  it('with the support policy gives ln on the support: ρ ln ρ has trace Σ λ ln λ with 0 ln 0 = 0', () => {
    const U = haarUnitary(4, 3);
    const spectrum = [0, 0, 0.25, 0.75];
    const rho = withSpectrum(U, spectrum);
    const L = logmHermitian(rho, { zeroEigenvalues: 'support' });
    const expected = 0.25 * Math.log(0.25) + 0.75 * Math.log(0.75);
    expect(Math.abs(trace(mul(rho, L)).re - expected)).toBeLessThanOrEqual(1e-14);
    // The kernel maps to 0: L vanishes on the zero eigenvectors.
    for (const k of [0, 1]) {
      const v = zeros(4, 1);
      for (let i = 0; i < 4; i++) {
        v.re[i] = U.re[i * 4 + k];
        v.im[i] = U.im[i * 4 + k];
      }
      expect(normFro(mul(L, v))).toBeLessThanOrEqual(1e-13);
    }
  });

  it('counts a rounding-negative eigenvalue as zero and rejects a clearly negative one', () => {
    const tiny = fromDiagonal([-1e-13, 0.5, 0.5]);
    expect(() => logmHermitian(tiny)).toThrow(/positive definite/);
    const L = logmHermitian(tiny, { zeroEigenvalues: 'support' });
    expect(L.re[0]).toBe(0);
    expect(() => logmHermitian(fromDiagonal([-1e-3, 1]), { zeroEigenvalues: 'support' })).toThrow(/positive semidefinite/);
  });

  it('is scale covariant: ln(cA) = ln c · I + ln A (zero threshold is relative to max(1, ‖A‖₂))', () => {
    const P = randomPd(5, 9);
    const c = 1e6;
    const lhs = logmHermitian(scale(P, c));
    const rhs = logmHermitian(P);
    for (let i = 0; i < 5; i++) rhs.re[i * 5 + i] += Math.log(c);
    expect(maxDiff(lhs, rhs)).toBeLessThanOrEqual(1e-12 * normFro(rhs));
  });
});

describe('sqrtmPsd and powmPsd', () => {
  it('square to A on random positive semidefinite matrices, rank-deficient included', () => {
    fc.assert(
      fc.property(sizeAndSeed, fc.integer({ min: 0, max: 3 }), ([n, seed], zerosCount) => {
        const U = haarUnitary(n, seed);
        const spectrum = Array.from({ length: n }, (_, k) => (k < zerosCount ? 0 : 0.1 + k));
        const A = withSpectrum(U, spectrum); // zero eigenvalues come out as ±1e-16: no NaN allowed
        const S = sqrtmPsd(A);
        for (const x of S.re) expect(Number.isFinite(x)).toBe(true);
        expect(maxDiff(mul(S, S), A)).toBeLessThanOrEqual(1e-13 * n * normFro(A));
        expect(maxDiff(powmPsd(A, 0.5), S)).toBeLessThanOrEqual(1e-13 * n * normFro(S));
      }),
      seeded,
    );
  });

  it('leaves a projector fixed: √(½[[1, i], [−i, 1]]) is itself', () => {
    const P = fromReal([[0.5, 0], [0, 0.5]], [[0, 0.5], [-0.5, 0]]);
    expect(maxDiff(sqrtmPsd(P), P)).toBeLessThanOrEqual(1e-15);
  });

  it('gives A^{-1} for p = −1, I for p = 0, and the pseudo-inverse under the support policy', () => {
    const P = randomPd(6, 2);
    expect(maxDiff(mul(powmPsd(P, -1), P), identity(6))).toBeLessThanOrEqual(1e-13 * 6 * 30);
    expect(maxDiff(powmPsd(P, 0), identity(6))).toBeLessThanOrEqual(1e-14 * 6);
    const U = haarUnitary(4, 5);
    const A = withSpectrum(U, [0, 0.5, 1, 2]);
    expect(() => powmPsd(A, -1)).toThrow(QepInputError);
    const Ap = powmPsd(A, -1, { zeroEigenvalues: 'support' });
    expect(maxDiff(mul(mul(A, Ap), A), A)).toBeLessThanOrEqual(1e-13 * 4);
    expect(maxDiff(mul(mul(Ap, A), Ap), Ap)).toBeLessThanOrEqual(1e-13 * 4 * 4);
  });

  it('rejects a clearly negative eigenvalue and a non-finite exponent', () => {
    expect(() => sqrtmPsd(fromDiagonal([-0.01, 1]))).toThrow(/positive semidefinite/);
    expect(() => powmPsd(fromDiagonal([1, 1]), NaN)).toThrow(/p must be a finite exponent/);
    // Rounding-size negatives within TOL.psd are clamped to 0, not rejected.
    const S = sqrtmPsd(fromDiagonal([-0.5 * TOL.psd, 4]));
    expect(Array.from([S.re[0], S.re[3]])).toEqual([0, 2]);
  });
});

describe('unitaryEvolution', () => {
  it('gives e^{−iσx π/2} = −iσx', () => {
    const U = unitaryEvolution(fromReal([[0, 1], [1, 0]]), Math.PI / 2);
    const expected = fromReal([[0, 0], [0, 0]], [[0, -1], [-1, 0]]);
    expect(maxDiff(U, expected)).toBeLessThanOrEqual(1e-15);
  });

  it('is unitary, agrees with expm(−iHt), and composes: U(t)U(s) = U(t + s)', () => {
    fc.assert(
      fc.property(sizeAndSeed, fc.double({ min: -5, max: 5, noNaN: true }), ([n, seed], t) => {
        const H = randomHermitian(n, seed);
        const U = unitaryEvolution(H, t);
        expect(maxDiff(mul(adjoint(U), U), identity(n))).toBeLessThanOrEqual(1e-13 * n);
        const generator = scale(H, { re: 0, im: -t });
        expect(maxDiff(U, expm(generator))).toBeLessThanOrEqual(1e-12 * n * Math.max(1, Math.abs(t) * normFro(H)));
        expect(maxDiff(mul(U, unitaryEvolution(H, 0.7)), unitaryEvolution(H, t + 0.7))).toBeLessThanOrEqual(
          1e-13 * n * Math.max(1, Math.abs(t) * normFro(H)),
        );
      }),
      seeded,
    );
  });

  it('solves i dU/dt = H U (central difference at t = 0.3)', () => {
    const H = randomHermitian(5, 8);
    const h = 1e-5;
    const dU = scale(sub(unitaryEvolution(H, 0.3 + h), unitaryEvolution(H, 0.3 - h)), 1 / (2 * h));
    const lhs = scale(dU, { re: 0, im: 1 });
    expect(maxDiff(lhs, mul(H, unitaryEvolution(H, 0.3)))).toBeLessThanOrEqual(1e-8 * normFro(H) ** 3);
  });

  it('throws on a non-finite time and on a non-Hermitian generator', () => {
    expect(() => unitaryEvolution(identity(2), Infinity)).toThrow(/t must be a finite time/);
    expect(() => unitaryEvolution(fromReal([[0, 1], [0, 0]]), 1)).toThrow(/H must be Hermitian/);
  });
});

describe('doc-comment examples of functions.ts', () => {
  const diag = (A: CMatrix): number[] => Array.from({ length: A.rows }, (_, i) => A.re[i * A.cols + i]);
  it('run as documented', () => {
    expect(diag(hermitianFunction(fromDiagonal([1, 4]), Math.sqrt))).toEqual([1, 2]);
    expect(diag(logmHermitian(fromDiagonal([1, Math.E])))).toEqual([0, 1]);
    expect(diag(sqrtmPsd(fromDiagonal([4, 9])))).toEqual([2, 3]);
    expect(diag(powmPsd(fromDiagonal([4, 9]), -0.5))).toEqual([1 / 2, 1 / 3]);
  });
});
