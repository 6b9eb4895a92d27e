import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, fromDiagonal, kron, mul } from '../../../src/numeric/linalg/cmatrix.js';
import { createRng, haarUnitary, hilbertSchmidtState } from '../../../src/numeric/random/index.js';
import { jointStateInEigenbasis, thermalOperation } from '../../../src/numeric/thermal/index.js';

/** Entry-wise `===` (bit for bit, +0 and −0 equal). */
function sameBits(A: CMatrix, B: CMatrix): boolean {
  for (let k = 0; k < A.re.length; k++) if (A.re[k] !== B.re[k] || A.im[k] !== B.im[k]) return false;
  return A.rows === B.rows && A.cols === B.cols;
}

/** U with every entry outside a random set of blocks set to exactly 0 (the pattern of an energy-conserving U). */
function blockPattern(U: CMatrix, rng: ReturnType<typeof createRng>): CMatrix {
  const n = U.rows;
  const label = Array.from({ length: n }, () => rng.int(3));
  const V: CMatrix = { rows: n, cols: n, re: U.re.slice(), im: U.im.slice() };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (label[i] !== label[j]) V.re[i * n + j] = V.im[i * n + j] = 0;
    }
  }
  return V;
}

describe('jointStateInEigenbasis', () => {
  it('is Ũ (ρ ⊗ diag q) Ũ† as the dense products give it, bit for bit (even and odd d_S d_E, dense and block-sparse Ũ)', () => {
    const rng = createRng(12);
    for (const [dS, dE] of [
      [2, 2],
      [3, 3],
      [3, 4],
      [2, 1],
      [1, 3],
      [4, 8],
    ] as const) {
      const HS = fromDiagonal(Array.from({ length: dS }, (_, i) => i));
      const HE = fromDiagonal(Array.from({ length: dE }, (_, i) => 0.7 * i));
      const rho = hilbertSchmidtState(rng, dS);
      for (const U of [haarUnitary(rng, dS * dE), blockPattern(haarUnitary(rng, dS * dE), rng)]) {
        const op = thermalOperation(HS, HE, 0.8, U, { unchecked: true });
        const dense = mul(mul(op.Ueig, kron(rho, fromDiagonal(op.q))), adjoint(op.Ueig));
        expect(sameBits(jointStateInEigenbasis(op, rho), dense)).toBe(true);
      }
    }
  });
});
