import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, fromDiagonal, fromReal, hermitianPart, kron, mul, zeros } from '../../../src/numeric/linalg/cmatrix.js';
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
