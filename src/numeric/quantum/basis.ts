import { type CMatrix, adjoint, diagonalRe, mul } from '../linalg/cmatrix.js';
import { float64 } from '../linalg/float64.js';

/** V† A V: A written in the orthonormal basis given by the columns of V (null = computational basis, A unchanged). */
export function toBasis(A: CMatrix, basis: CMatrix | null): CMatrix {
  return basis === null ? A : mul(mul(adjoint(basis), A), basis);
}

/** V A V†: the inverse of {@link toBasis}. */
export function fromBasis(A: CMatrix, basis: CMatrix | null): CMatrix {
  return basis === null ? A : mul(mul(basis, A), adjoint(basis));
}

/**
 * Populations p_n = Re ⟨n|ρ|n⟩ in the basis {|n⟩} given by the columns of `basis`
 * (null = computational). Computes only the diagonal of V†ρV: d³ + d² operations,
 * not the two full products of {@link toBasis}. Works for any square ρ (e.g. ρ̇,
 * whose "populations" in ρ's eigenbasis are the eigenvalue derivatives). Written into `out`
 * (length: the number of basis vectors) when given, for callers that reuse one array.
 */
export function populationsIn(rho: CMatrix, basis: CMatrix | null, out?: Float64Array): Float64Array {
  if (basis === null) {
    if (!out) return diagonalRe(rho);
    for (let n = 0; n < rho.rows; n++) out[n] = rho.re[n * rho.rows + n];
    return out;
  }
  const d = rho.rows;
  const k = basis.cols;
  const p = out ?? float64(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let i = 0; i < d; i++) {
      // x_i = (ρ v_c)_i
      let xr = 0;
      let xi = 0;
      for (let j = 0; j < d; j++) {
        const ar = rho.re[i * d + j];
        const ai = rho.im[i * d + j];
        const vr = basis.re[j * k + c];
        const vi = basis.im[j * k + c];
        xr += ar * vr - ai * vi;
        xi += ar * vi + ai * vr;
      }
      // Re conj(v_ic) x_i
      s += basis.re[i * k + c] * xr + basis.im[i * k + c] * xi;
    }
    p[c] = s;
  }
  return p;
}
