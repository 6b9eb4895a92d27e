import { describe, expect, it } from 'vitest';
import { adjoint, commutator, fromDiagonal, identity, mul, normMax, sub } from '../../../src/numeric/linalg/cmatrix.js';
import { assertHermitian, assertUnitary, commutatorResidual, hermitianResidual } from '../../../src/numeric/quantum/validate.js';
import { createRng, ginibre, haarUnitary } from '../../../src/numeric/random/index.js';
import { TOL } from '../../../src/numeric/tolerance.js';

describe('validation residuals', () => {
  it('[U, H] for a diagonal H (complex diagonal too) has the value of the two dense products, bit for bit', () => {
    const rng = createRng(3);
    for (const n of [1, 2, 3, 7, 32]) {
      const U = ginibre(rng, n);
      const H = fromDiagonal(Array.from({ length: n }, () => 3 * rng.normal()));
      for (let i = 0; i < n; i += 2) H.im[i * n + i] = 1e-11 * rng.normal();
      expect(commutatorResidual(U, H)).toBe(normMax(commutator(U, H)) / Math.max(1, normMax(H)));
    }
  });

  it('a non-diagonal H takes the dense route (same definition)', () => {
    const rng = createRng(4);
    const U = ginibre(rng, 5);
    const G = ginibre(rng, 5);
    const H = mul(G, adjoint(G));
    expect(commutatorResidual(U, H)).toBe(normMax(commutator(U, H)) / Math.max(1, normMax(H)));
  });

  it('hermitianResidual is max |A − A†| / max(1, max |A|) as before, for sizes checked in turn', () => {
    const rng = createRng(6);
    for (const n of [4, 8, 4, 32, 1, 8, 65]) {
      const G = ginibre(rng, n);
      const H = mul(G, adjoint(G));
      H.re[n - 1] += 1e-6; // non-Hermitian (beyond TOL.hermitian) when n > 1
      const want = normMax(sub(H, adjoint(H))) / Math.max(1, normMax(H));
      expect(hermitianResidual(H)).toBe(want);
      if (n > 1) expect(() => assertHermitian(H, 'H')).toThrow(`H must be Hermitian (max |A - A†| relative) (got ${want.toPrecision(3)}`);
    }
  });

  it('assertUnitary measures max |U†U − 1| as before and refuses with the residual', () => {
    const rng = createRng(5);
    for (const n of [2, 5, 32]) {
      const U = haarUnitary(rng, n);
      expect(() => assertUnitary(U, 'U')).not.toThrow();
      const bad = ginibre(rng, n);
      const r = normMax(sub(mul(adjoint(bad), bad), identity(n)));
      expect(r).toBeGreaterThan(TOL.unitary);
      expect(() => assertUnitary(bad, 'U')).toThrow(`U must be unitary (max |U†U - 1|) (got ${r.toPrecision(3)}, tolerance ${TOL.unitary.toPrecision(3)})`);
    }
  });
});
