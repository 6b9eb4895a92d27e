import fc from 'fast-check';
import { type CMatrix, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { type TotalEnergyBlocks, energyConservingUnitaryFromBlocks, unitaryFromParameters } from '../../src/numeric/random/index.js';
import { symmetricVector } from './numbers.js';

/**
 * Unitaries from real parameters: U = exp(−iK(θ)) with K(θ) Hermitian
 * (unitaryFromParameters, which reaches every unitary), and energy-conserving
 * unitaries assembled block by block in the degenerate blocks of H_S⊗1 + 1⊗H_E
 * (Eqs. 16–17). θ = 0 gives U = 1, the shrink target.
 */

/** n² parameters for unitaryFromParameters, in [−π, π]: enough to reach every unitary. */
export function unitaryParameters(n: number): fc.Arbitrary<number[]> {
  return symmetricVector(n * n, Math.PI);
}

/** The Hermitian K(θ) of unitaryFromParameters: K_jj = θ_j, K_jk = θ_a + iθ_{a+1} (j < k). */
export function hermitianFromParameters(theta: readonly number[], n: number): CMatrix {
  const K = zeros(n, n);
  let a = 0;
  for (let j = 0; j < n; j++) K.re[j * n + j] = theta[a++];
  for (let j = 0; j < n; j++) {
    for (let k = j + 1; k < n; k++) {
      K.re[j * n + k] = theta[a];
      K.im[j * n + k] = theta[a + 1];
      K.re[k * n + j] = theta[a];
      K.im[k * n + j] = -theta[a + 1];
      a += 2;
    }
  }
  return K;
}

/**
 * One matrix per degenerate block b of the total energy, from consecutive slices of θ
 * (k_b² parameters for a block of size k_b): `make(θ_b, k_b)`.
 */
export function perBlock(structure: TotalEnergyBlocks, theta: readonly number[], make: (t: readonly number[], k: number) => CMatrix): CMatrix[] {
  let a = 0;
  return structure.blocks.map((b) => {
    const k = b.length;
    const t = theta.slice(a, a + k * k);
    a += k * k;
    return make(t, k);
  });
}

/** U = ⊕_b exp(−iK(θ_b)) in the degenerate blocks of the total energy: energy conserving, θ = 0 gives U = 1. */
export function energyConservingUnitaryFromParameters(structure: TotalEnergyBlocks, theta: readonly number[]): CMatrix {
  return energyConservingUnitaryFromBlocks(structure, perBlock(structure, theta, unitaryFromParameters));
}
