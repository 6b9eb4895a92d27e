import { type CMatrix, zeros } from '../linalg/cmatrix.js';
import { fromBasis, toBasis } from './basis.js';
import { energyLevels } from './levels.js';

/**
 * Block dephasing Δ_H(ρ) = Σ_E Π_E ρ Π_E (Eq. 10), Π_E the projector on the
 * eigenspace of H with eigenvalue E; energies within TOL.degeneracy form one
 * eigenspace. For a non-degenerate H this keeps the diagonal in H's
 * eigenbasis; for H_S⊗1 + 1⊗H_E it keeps the blocks of degenerate total energy.
 * `H` may be a Hermitian matrix or the energies of a diagonal H.
 */
export function dephase(rho: CMatrix, H: CMatrix | ArrayLike<number>): CMatrix {
  const { basis, blocks } = energyLevels(H);
  const r = toBasis(rho, basis);
  const n = r.rows;
  const out = zeros(n, n);
  for (const block of blocks) {
    for (const i of block) {
      for (const j of block) {
        out.re[i * n + j] = r.re[i * n + j];
        out.im[i * n + j] = r.im[i * n + j];
      }
    }
  }
  return fromBasis(out, basis);
}
