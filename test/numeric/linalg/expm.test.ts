import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CMatrix,
  add,
  fromDiagonal,
  fromReal,
  identity,
  kron,
  mul,
  normFro,
  scale,
  zeros,
} from '../../../src/numeric/linalg/cmatrix.js';
import { expm } from '../../../src/numeric/linalg/expm.js';
import { cgemm, csolve } from '../../../src/numeric/linalg/_internal/cgemm.js';
import { expmHermitian } from '../../../src/numeric/linalg/functions.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import { maxDiff, randomComplex, randomHermitian, rng, transpose } from './helpers.js';

/** Naive Taylor series Σ_{k<terms} A^k / k! (reference for small norms). */
function taylor(A: CMatrix, terms = 40): CMatrix {
  const n = A.rows;
  let term = identity(n);
  let sum = identity(n);
  for (let k = 1; k < terms; k++) {
    term = scale(mul(term, A), 1 / k);
    sum = add(sum, term);
  }
  return sum;
}

/** conj(M), M† (Mᵀ: transpose of the helpers). */
const conj = (M: CMatrix): CMatrix => ({ rows: M.rows, cols: M.cols, re: M.re.slice(), im: M.im.map((x) => -x) });
const dagger = (M: CMatrix): CMatrix => conj(transpose(M));

/**
 * A random Lindblad generator on d × d matrices, row-major vectorised:
 * vec(AρB) = (A ⊗ Bᵀ) vec(ρ), so L = −i(H⊗I − I⊗Hᵀ) + Σ_k [J_k⊗conj(J_k) − ½(J_k†J_k⊗I + I⊗(J_k†J_k)ᵀ)].
 */
function liouvillian(d: number, seed: number): CMatrix {
  const H = randomHermitian(d, seed);
  const I = identity(d);
  let L = scale(add(kron(H, I), scale(kron(I, transpose(H)), -1)), { re: 0, im: -1 });
  for (const k of [1, 2]) {
    const J = scale(randomComplex(d, seed * 10 + k), 0.3);
    const JdJ = mul(dagger(J), J);
    L = add(L, kron(J, conj(J)));
    L = add(L, scale(add(kron(JdJ, I), kron(I, transpose(JdJ))), -0.5));
  }
  return L;
}

/** tr(E(ρ)) = tr ρ for all ρ: Σ_i E[(i,i), c] = vec(I)_c. */
function expectTracePreserving(E: CMatrix, d: number): void {
  const n = d * d;
  for (let c = 0; c < n; c++) {
    let sr = 0;
    let si = 0;
    for (let i = 0; i < d; i++) {
      sr += E.re[(i * d + i) * n + c];
      si += E.im[(i * d + i) * n + c];
    }
    const target = c % (d + 1) === 0 ? 1 : 0;
    expect(Math.hypot(sr - target, si)).toBeLessThanOrEqual(1e-12);
  }
}

describe('expm', () => {
  it('matches the Taylor series for small norms (every Padé degree 3..13 is reached)', () => {
    for (const norm of [1e-3, 0.1, 0.5, 1.5, 4, 10]) {
      const B = randomComplex(7, Math.round(norm * 1000));
      const A = scale(B, norm / normFro(B));
      const ref = norm <= 4 ? taylor(A) : mul(taylor(scale(A, 1 / 16)), identity(7));
      // For ‖A‖ = 10 compare (e^{A/16})^16 from the series.
      let R = ref;
      if (norm > 4) for (let k = 0; k < 4; k++) R = mul(R, R);
      const E = expm(A);
      expect(maxDiff(E, R)).toBeLessThanOrEqual(1e-13 * normFro(R));
    }
  });

  it('gives the closed form I + N + N²/2 + N³/6 + N⁴/24 for a nilpotent N (5×5 strictly upper triangular)', () => {
    const u = rng(5);
    const N = zeros(5, 5);
    for (let i = 0; i < 5; i++) {
      for (let j = i + 1; j < 5; j++) {
        N.re[i * 5 + j] = 4 * u() - 2;
        N.im[i * 5 + j] = 4 * u() - 2;
      }
    }
    const N2 = mul(N, N);
    const N3 = mul(N2, N);
    const N4 = mul(N3, N);
    const closed = add(add(add(add(identity(5), N), scale(N2, 1 / 2)), scale(N3, 1 / 6)), scale(N4, 1 / 24));
    expect(maxDiff(expm(N), closed)).toBeLessThanOrEqual(1e-13 * normFro(closed));
    // A Jordan block λI + N: e^λ times the same.
    const J = add(scale(identity(5), { re: 0.3, im: -2 }), N);
    const ez = { re: Math.exp(0.3) * Math.cos(-2), im: Math.exp(0.3) * Math.sin(-2) };
    expect(maxDiff(expm(J), scale(closed, ez))).toBeLessThanOrEqual(1e-13 * normFro(closed) * Math.exp(0.3));
  });

  it('gives the rotation [[cos t, sin t], [−sin t, cos t]] for the generator [[0, t], [−t, 0]] (the doc example is t = 1)', () => {
    for (const t of [1e-8, 0.3, 1, Math.PI, 10, 100]) {
      const E = expm(fromReal([[0, t], [-t, 0]]));
      const R = fromReal([[Math.cos(t), Math.sin(t)], [-Math.sin(t), Math.cos(t)]]);
      expect(maxDiff(E, R)).toBeLessThanOrEqual(4e-16 * Math.max(1, t));
    }
  });

  it('agrees with the Hermitian spectral path, for A and for −iA', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const H = randomHermitian(n, seed);
        const E = expmHermitian(H);
        expect(maxDiff(expm(H), E)).toBeLessThanOrEqual(1e-13 * n * normFro(E));
        const U = expm(scale(H, { re: 0, im: -1 }));
        const V = expm(scale(H, { re: 0, im: 1 }));
        expect(maxDiff(mul(U, V), identity(n))).toBeLessThanOrEqual(1e-13 * n * normFro(H));
      }),
      { seed: 99, numRuns: 30 },
    );
  });

  it('satisfies e^A e^{−A} = I for random complex matrices of norm up to ~20', () => {
    for (const [n, s] of [[3, 0.5], [8, 2], [12, 5]] as const) {
      const A = scale(randomComplex(n, n), s / Math.sqrt(n));
      const P = mul(expm(A), expm(scale(A, -1)));
      expect(maxDiff(P, identity(n))).toBeLessThanOrEqual(1e-12 * Math.exp(2 * s));
    }
  });

  it('handles 1×1, diagonal and zero matrices to the norm-wise bound (scaling and squaring is norm-wise, not entry-wise, accurate)', () => {
    const e = expm(fromReal([[0.5]], [[2]]));
    expect(Math.abs(e.re[0] - Math.exp(0.5) * Math.cos(2))).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(e.im[0] - Math.exp(0.5) * Math.sin(2))).toBeLessThanOrEqual(1e-15);
    expect(maxDiff(expm(zeros(4, 4)), identity(4))).toBe(0);
    const D = expm(fromDiagonal([-1, 0, 2, 7]));
    [-1, 0, 2, 7].forEach((x, i) => expect(Math.abs(D.re[i * 5] - Math.exp(x))).toBeLessThanOrEqual(1e-13 * Math.exp(7)));
  });

  it('propagates a Lindblad Liouvillian (d = 8, 64×64): trace preserved and e^{L} = (e^{L/2})²', () => {
    const d = 8;
    const L = liouvillian(d, 1);
    const E = expm(L);
    const half = expm(scale(L, 0.5));
    expect(maxDiff(mul(half, half), E)).toBeLessThanOrEqual(1e-12 * normFro(E));
    expectTracePreserving(E, d);
  });

  it('propagates a d = 16 Liouvillian (256×256) to a trace-one Hermitian state', () => {
    const d = 16;
    const E = expm(scale(liouvillian(d, 2), 0.7));
    expectTracePreserving(E, d);
    // ρ0 = |0⟩⟨0| → ρ(t) = E vec(ρ0): column 0 of E.
    const n = d * d;
    let tr = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const a = (i * d + j) * n;
        const b = (j * d + i) * n;
        expect(Math.hypot(E.re[a] - E.re[b], E.im[a] + E.im[b])).toBeLessThanOrEqual(1e-13);
      }
      tr += E.re[(i * d + i) * n];
    }
    expect(Math.abs(tr - 1)).toBeLessThanOrEqual(1e-12);
  });

  it('throws QepInputError on NaN, non-square input, and overflow', () => {
    const A = identity(3);
    A.im[4] = NaN;
    expect(() => expm(A)).toThrow(/A\[1\]\[1\] must be a finite complex number/);
    expect(() => expm(zeros(2, 3))).toThrow(QepInputError);
    expect(() => expm(scale(identity(3), 1000))).toThrow(/e\^A is finite/);
    expect(() => expm(fromReal([[800]]))).toThrow(QepInputError);
  });
});

describe('expm kernels (_internal/cgemm.ts)', () => {
  it('cgemm agrees with cmatrix mul for n = 1..9, zero blocks included', () => {
    for (let n = 1; n <= 9; n++) {
      const A = randomComplex(n, n);
      const B = randomComplex(n, 100 + n);
      for (let k = 0; k < n * n; k += 3) A.re[k] = A.im[k] = 0; // some zero entries and 2×2 blocks
      const C = zeros(n, n);
      cgemm(n, A.re, A.im, B.re, B.im, C.re, C.im);
      expect(maxDiff(C, mul(A, B))).toBeLessThanOrEqual(1e-14 * n);
    }
  });

  it('csolve solves Q X = P with pivoting (zero leading entry) and reports a singular Q', () => {
    for (const n of [1, 2, 5, 8]) {
      const Q = randomComplex(n, 7 * n);
      Q.re[0] = Q.im[0] = 0; // forces a row swap
      const P = randomComplex(n, 9 * n);
      const X = { rows: n, cols: n, re: P.re.slice(), im: P.im.slice() };
      const F = { rows: n, cols: n, re: Q.re.slice(), im: Q.im.slice() };
      expect(csolve(n, F.re, F.im, X.re, X.im)).toBe(n > 1);
      if (n > 1) expect(maxDiff(mul(Q, X), P)).toBeLessThanOrEqual(1e-12 * n);
    }
  });
});
