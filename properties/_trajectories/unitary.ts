import { type CMatrix, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';

/**
 * e^{−iKt} for a Hermitian K, by spectral synthesis: Σ_k e^{−iλ_k t} |v_k⟩⟨v_k|
 * (K = H_S⊗1 + 1⊗H_E + V gives the energy-conserving unitary of Eq. 16).
 */
export function unitaryFromGenerator(K: CMatrix, t: number): CMatrix {
  const { values, vectors: V } = eigh(K);
  const n = K.rows;
  const U = zeros(n, n);
  for (let k = 0; k < n; k++) {
    const cr = Math.cos(values[k] * t);
    const ci = -Math.sin(values[k] * t);
    for (let i = 0; i < n; i++) {
      const ar = V.re[i * n + k];
      const ai = V.im[i * n + k];
      // (a · e^{−iλt}) · conj(b)
      const xr = ar * cr - ai * ci;
      const xi = ar * ci + ai * cr;
      for (let j = 0; j < n; j++) {
        const br = V.re[j * n + k];
        const bi = V.im[j * n + k];
        U.re[i * n + j] += xr * br + xi * bi;
        U.im[i * n + j] += xi * br - xr * bi;
      }
    }
  }
  return U;
}
