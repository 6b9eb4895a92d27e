import { describe, expect, it } from 'vitest';
import {
  type CMatrix,
  adjoint,
  fromDiagonal,
  identity,
  kron,
  kronIdentityAdjointMul,
  mul,
  mulKronDiagonal,
  partialTraceOfProductAdjoint,
} from '../../../src/numeric/linalg/cmatrix.js';
import { partialTrace } from '../../../src/numeric/quantum/partialTrace.js';
import { createRng, ginibre } from '../../../src/numeric/random/index.js';

/** Entry-wise equality with `===` (bit for bit, except that +0 and −0 count as equal). */
function sameBits(A: CMatrix, B: CMatrix): boolean {
  if (A.rows !== B.rows || A.cols !== B.cols) return false;
  for (let k = 0; k < A.re.length; k++) if (A.re[k] !== B.re[k] || A.im[k] !== B.im[k]) return false;
  return true;
}

/** A copy of M with each entry set to exactly 0 with probability `zeroFraction` (and the 2×2 pattern of a block-diagonal unitary). */
function sparsify(M: CMatrix, zeroFraction: number, rng: ReturnType<typeof createRng>): CMatrix {
  const S: CMatrix = { rows: M.rows, cols: M.cols, re: M.re.slice(), im: M.im.slice() };
  for (let k = 0; k < S.re.length; k++) {
    if (rng.uniform() < zeroFraction) {
      S.re[k] = 0;
      S.im[k] = 0;
    }
  }
  return S;
}

/** (d_B, d) pairs: even and odd total sizes, d_B = 1 and d_B > d. */
const SHAPES: readonly (readonly [number, number])[] = [
  [1, 2],
  [2, 2],
  [3, 2],
  [2, 3],
  [3, 3],
  [4, 8],
  [5, 3],
  [3, 5],
];

describe('Kronecker-structured product kernels', () => {
  it('A (B ⊗ diag q) and A (B ⊗ 1) equal the dense products bit for bit', () => {
    const rng = createRng(7);
    for (const [dB, d] of SHAPES) {
      const A = ginibre(rng, dB * d);
      const B = ginibre(rng, dB);
      const q = Float64Array.from({ length: d }, () => rng.uniform());
      expect(sameBits(mulKronDiagonal(A, B, q), mul(A, kron(B, fromDiagonal(q))))).toBe(true);
      expect(sameBits(mulKronDiagonal(A, B), mul(A, kron(B, identity(d))))).toBe(true);
      for (const f of [0.5, 0.9, 1]) {
        const As = sparsify(A, f, rng);
        expect(sameBits(mulKronDiagonal(As, B, q), mul(As, kron(B, fromDiagonal(q))))).toBe(true);
      }
    }
  });

  it('(B ⊗ 1)† A equals the dense product bit for bit', () => {
    const rng = createRng(8);
    for (const [dB, d] of SHAPES) {
      const A = ginibre(rng, dB * d);
      const B = ginibre(rng, dB);
      expect(sameBits(kronIdentityAdjointMul(B, A), mul(adjoint(kron(B, identity(d))), A))).toBe(true);
      for (const f of [0.5, 0.9, 1]) {
        const As = sparsify(A, f, rng);
        expect(sameBits(kronIdentityAdjointMul(B, As), mul(adjoint(kron(B, identity(d))), As))).toBe(true);
      }
    }
  });

  it('tr_2(A B†) equals partialTrace(mul(A, adjoint(B))) bit for bit, also with zero blocks in A', () => {
    const rng = createRng(9);
    for (const [d1, d2] of SHAPES) {
      const N = d1 * d2;
      const A = ginibre(rng, N);
      const B = ginibre(rng, N);
      for (let k = 0; k < N; k += 3) {
        A.re[k] = 0;
        A.im[k] = 0;
      }
      expect(sameBits(partialTraceOfProductAdjoint(A, B, d1), partialTrace(mul(A, adjoint(B)), [d1, d2], [0]))).toBe(true);
      for (const f of [0.5, 0.9]) {
        const Bs = sparsify(B, f, rng);
        expect(sameBits(partialTraceOfProductAdjoint(A, Bs, d1), partialTrace(mul(A, adjoint(Bs)), [d1, d2], [0]))).toBe(true);
      }
    }
  });

  it('a wrong result would be caught: the kernels differ from the dense product of another factor', () => {
    const rng = createRng(10);
    const A = ginibre(rng, 8);
    const B = ginibre(rng, 2);
    expect(sameBits(mulKronDiagonal(A, B), mul(A, kron(adjoint(B), identity(4))))).toBe(false);
  });
});
