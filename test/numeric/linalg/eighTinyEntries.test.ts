import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjoint, fromReal, identity, mul, normMax, spectralSynthesis, sub, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';

// Regression: entries below 1e-154 next to O(1) ones made sqrt(x² + y²) underflow in the
// Jacobi phase and the QL rotations, giving eigenvectors 25% off orthonormal.
describe('eigh with entries spanning 300 orders of magnitude', () => {
  it('keeps V unitary for [[0, 1.6e-162, 2e-17], [1.6e-162, 0, 0], [2e-17, 0, 1]]', () => {
    const { vectors: V } = eigh(fromReal([[0, 1.5717277847026288e-162, 2e-17], [1.5717277847026288e-162, 0, 0], [2e-17, 0, 1]]));
    expect(normMax(sub(mul(adjoint(V), V), identity(3)))).toBeLessThan(3e-13);
  });

  it('keeps V unitary when a subnormal entry (3e-323 + 4.4e-323i) sits beside 3e-5: its phase has too few bits to use', () => {
    const A = fromReal([[0, 0, 0], [0, 0, 3e-323], [0, 3e-323, 0]], [[0, -3.0517578125e-5, 0], [3.0517578125e-5, 0, 4.4e-323], [0, -4.4e-323, 0]]);
    const { values, vectors: V } = eigh(A);
    expect(normMax(sub(mul(adjoint(V), V), identity(3)))).toBeLessThan(3e-13);
    expect(normMax(sub(spectralSynthesis(V, values), A))).toBeLessThan(3e-13 * 3.0517578125e-5);
  });

  it('satisfies the accuracy contract on random matrices whose entries are 0 or 10^-k, k ≤ 300 (normal numbers: a subnormal ‖A‖ has too few bits for a relative bound)', () => {
    const entry = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 300 }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }).chain((n) => fc.tuple(fc.constant(n), fc.array(entry, { minLength: n * n, maxLength: n * n }))), ([n, entries]) => {
        const A = zeros(n);
        let k = 0;
        for (let i = 0; i < n; i++) {
          for (let j = i; j < n; j++) {
            const [zero, exp, re, im] = entries[k++];
            const mag = zero ? 0 : 10 ** -exp;
            A.re[i * n + j] = A.re[j * n + i] = re * mag;
            const imag = i === j ? 0 : im * mag;
            A.im[i * n + j] = imag;
            A.im[j * n + i] = -imag;
          }
        }
        const { values, vectors: V } = eigh(A);
        const scale = Math.max(normMax(A), Number.MIN_VALUE);
        expect(normMax(sub(mul(adjoint(V), V), identity(n)))).toBeLessThanOrEqual(1e-13 * n);
        expect(normMax(sub(spectralSynthesis(V, values), A)) / scale).toBeLessThanOrEqual(1e-13 * n);
      }),
      { seed: 7, numRuns: 400 },
    );
  });
});

describe('eigh on exactly diagonal matrices', () => {
  it('returns the diagonal exactly (a Gibbs population of 2.243117667e-9 stays exact), sorted, with permutation vectors', () => {
    const p = [0.6, 2.243117667e-9, 0.4 - 2.243117667e-9];
    const { values, vectors: V } = eigh(fromReal([[p[0], 0, 0], [0, p[1], 0], [0, 0, p[2]]]));
    expect(Array.from(values)).toEqual([p[1], p[2], p[0]]);
    expect(V.re[1 * 3 + 0]).toBe(1);
    expect(normMax(sub(mul(adjoint(V), V), identity(3)))).toBe(0);
    const two = eigh(fromReal([[1 - 1e-9, 0], [0, 1e-9]]));
    expect(two.values[0]).toBe(1e-9);
  });
});
