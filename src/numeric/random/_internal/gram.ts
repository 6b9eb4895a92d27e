import { type CMatrix, adjoint, mul, scale, trace, hermitianPart } from '../../linalg/cmatrix.js';

/** A A† / tr(A A†): a density matrix of rank rank(A), exactly Hermitian. */
export function normalisedGram(A: CMatrix): CMatrix {
  const P = hermitianPart(mul(A, adjoint(A)));
  const t = trace(P).re;
  return scale(P, 1 / t);
}
