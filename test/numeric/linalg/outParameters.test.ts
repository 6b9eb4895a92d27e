import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, fromDiagonal, fromReal, hermitianPart, kron, mul, normMax, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { Workspace } from '../../../src/numeric/linalg/workspace.js';

const A = fromReal(
  [
    [1, -2, 0],
    [0, 3, 4],
  ],
  [
    [0.5, 0, -1],
    [2, 0, 0],
  ],
);
const B = fromReal(
  [
    [0, 1],
    [2, 0],
  ],
  [
    [1, 0],
    [0, -3],
  ],
);
const S = fromReal(
  [
    [1, 2],
    [3, 4],
  ],
  [
    [0, 1],
    [-1, 0],
  ],
);

/** A matrix of the shape filled with garbage, to show that a kernel overwrites every entry. */
function dirty(rows: number, cols: number): CMatrix {
  const M = zeros(rows, cols);
  M.re.fill(7);
  M.im.fill(-7);
  return M;
}

describe('out-parameters of the cmatrix kernels', () => {
  const cases: [string, () => CMatrix, (out: CMatrix) => CMatrix, number, number][] = [
    ['kron', () => kron(A, B), (o) => kron(A, B, o), 4, 6],
    ['adjoint', () => adjoint(A), (o) => adjoint(A, o), 3, 2],
    ['hermitianPart', () => hermitianPart(S), (o) => hermitianPart(S, o), 2, 2],
    ['fromDiagonal', () => fromDiagonal([1, -2, 3]), (o) => fromDiagonal([1, -2, 3], o), 3, 3],
    ['mul (square)', () => mul(S, B), (o) => mul(S, B, o), 2, 2],
    ['mul (rectangular)', () => mul(adjoint(A), B), (o) => mul(adjoint(A), B, o), 3, 2],
  ];
  for (const [name, fresh, into, r, c] of cases) {
    it(`${name} writes every entry of a dirty out and returns it; equal to the fresh result`, () => {
      const out = dirty(r, c);
      const got = into(out);
      expect(got).toBe(out);
      expect(got).toStrictEqual(fresh());
    });
  }

  it('an out of another shape is not written: a new matrix is returned', () => {
    const wrong = dirty(2, 2);
    const got = kron(A, B, wrong);
    expect(got).not.toBe(wrong);
    expect(got).toStrictEqual(kron(A, B));
    expect(wrong.re[0]).toBe(7);
  });
});

describe('Workspace', () => {
  it('returns the same matrix per slot while the shape is unchanged, a new one when it changes', () => {
    const ws = new Workspace();
    const a = ws.matrix(0, 3);
    expect(ws.matrix(0, 3, 3)).toBe(a);
    expect(ws.matrix(1, 3)).not.toBe(a);
    const b = ws.matrix(0, 2, 3);
    expect(b).not.toBe(a);
    expect([b.rows, b.cols, b.re.length, b.im.length]).toEqual([2, 3, 6, 6]);
    expect(ws.matrix(0, 2, 3)).toBe(b);
  });
});

describe('normMax', () => {
  /** The plain definition: max over every entry of hypot(re, im). */
  const reference = (A: CMatrix): number => {
    let s = 0;
    for (let k = 0; k < A.re.length; k++) s = Math.max(s, Math.hypot(A.re[k], A.im[k]));
    return s;
  };
  it('equals max hypot bit for bit: random, near-ties, huge, tiny, subnormal, infinite and NaN entries', () => {
    let seed = 12345;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const mats: CMatrix[] = [];
    for (const scale of [1, 1e-3, 1e150, 1e-150, 1e-160, 1e200, 1e-310]) {
      for (let t = 0; t < 50; t++) {
        const M = zeros(3, 4);
        for (let k = 0; k < 12; k++) {
          M.re[k] = rand() * scale;
          M.im[k] = rand() * scale;
        }
        mats.push(M);
      }
    }
    // Near-ties: the same modulus written with different parts (3,4)·x, (4,3)·x, (5,0)·x.
    const T = zeros(1, 3);
    [T.re[0], T.im[0], T.re[1], T.im[1], T.re[2], T.im[2]] = [3e-5, 4e-5, 4e-5, 3e-5, 5e-5, 0];
    mats.push(T);
    const special = zeros(1, 3);
    special.re[1] = Infinity;
    mats.push(special);
    const nan = zeros(1, 3);
    nan.im[2] = NaN;
    mats.push(nan, zeros(2, 2));
    for (const M of mats) expect(Object.is(normMax(M), reference(M))).toBe(true);
  });
});
