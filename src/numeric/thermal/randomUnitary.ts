import type { CMatrix } from '../linalg/cmatrix.js';
import { type Rng, energyConservingUnitary } from '../random/index.js';

/**
 * A seeded random energy-conserving unitary on S⊗E (Eq. 16): Haar-distributed
 * inside each degenerate block of H_S⊗1 + 1⊗H_E (blocks by TOL.degeneracy),
 * zero between blocks, so Eq. (17) holds. Delegates to the seeded generators of
 * `src/numeric/random` (same rng state, same unitary).
 * @throws QepInputError (fields `HS`, `HE`) on non-square, non-finite or non-Hermitian Hamiltonians.
 * @example randomEnergyConservingUnitary(createRng(7), fromDiagonal([0, 1]), fromDiagonal([0, 1, 2]))
 */
export function randomEnergyConservingUnitary(rng: Rng, HS: CMatrix, HE: CMatrix): CMatrix {
  return energyConservingUnitary(rng, HS, HE);
}
