import { type CMatrix, adjoint, diagonalRe, mul } from '../linalg/cmatrix.js';

/** V† A V: A written in the orthonormal basis given by the columns of V (null = computational basis, A unchanged). */
export function toBasis(A: CMatrix, basis: CMatrix | null): CMatrix {
  return basis === null ? A : mul(mul(adjoint(basis), A), basis);
}

/** V A V†: the inverse of {@link toBasis}. */
export function fromBasis(A: CMatrix, basis: CMatrix | null): CMatrix {
  return basis === null ? A : mul(mul(basis, A), adjoint(basis));
}

/** Populations p_n = ⟨n|ρ|n⟩ in the basis {|n⟩} given by the columns of `basis` (null = computational). */
export function populationsIn(rho: CMatrix, basis: CMatrix | null): Float64Array {
  return diagonalRe(toBasis(rho, basis));
}
