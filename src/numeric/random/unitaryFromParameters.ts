import { type CMatrix, zeros } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';
import { QepInputError } from '../errors.js';
import { requireInteger } from './_internal/validate.js';

/**
 * The unitary U = exp(−iK) for the Hermitian K built from n² real parameters:
 * K_jj = θ_j (j < n), then for each j < k in row order K_jk = θ_a + iθ_{a+1},
 * K_kj = conj K_jk. Computed as K = W Λ W† (eigh), U = W e^{−iΛ} W†.
 *
 * θ = 0 gives U = 1, so arbitraries built on it shrink to the identity; every
 * unitary is reached with |θ| ≤ π (take K with eigenvalues in (−π, π]: then
 * |K_jk| ≤ ‖K‖ ≤ π).
 *
 * @throws QepInputError when n < 1, fewer than n² parameters, or a non-finite one.
 */
export function unitaryFromParameters(theta: ArrayLike<number>, n: number): CMatrix {
  requireInteger('n', n, 1);
  if (theta.length < n * n) throw new QepInputError('theta', `at least n² = ${n * n} parameters`, theta.length);
  const K = zeros(n, n);
  let a = 0;
  for (let j = 0; j < n; j++) K.re[j * n + j] = theta[a++];
  for (let j = 0; j < n; j++) {
    for (let k = j + 1; k < n; k++) {
      const x = theta[a++];
      const y = theta[a++];
      K.re[j * n + k] = x;
      K.im[j * n + k] = y;
      K.re[k * n + j] = x;
      K.im[k * n + j] = -y;
    }
  }
  for (let i = 0; i < n * n; i++) {
    if (!Number.isFinite(theta[i])) throw new QepInputError(`theta[${i}]`, 'a finite number', String(theta[i]));
  }
  const { values, vectors: W } = eigh(K);
  // U_ij = Σ_l W_il e^{−iλ_l} conj(W_jl)
  const U = zeros(n, n);
  const c = Array.from(values, (l) => Math.cos(l));
  const s = Array.from(values, (l) => -Math.sin(l));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let ur = 0;
      let ui = 0;
      for (let l = 0; l < n; l++) {
        const ar = W.re[i * n + l];
        const ai = W.im[i * n + l];
        const br = W.re[j * n + l];
        const bi = -W.im[j * n + l];
        // (ar + i ai)(c + i s)(br + i bi)
        const pr = ar * c[l] - ai * s[l];
        const pi = ar * s[l] + ai * c[l];
        ur += pr * br - pi * bi;
        ui += pr * bi + pi * br;
      }
      U.re[i * n + j] = ur;
      U.im[i * n + j] = ui;
    }
  }
  return U;
}
