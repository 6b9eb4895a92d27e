import { type CMatrix, adjoint, mul, zeros } from '../linalg/cmatrix.js';
import { QepInputError } from '../errors.js';
import type { Rng } from './rng.js';
import { haarUnitary } from './haarUnitary.js';
import { type HamiltonianInput, type TotalEnergyBlocks, totalEnergyBlocks } from './energyBlocks.js';

/**
 * An energy-conserving unitary assembled from one unitary per degenerate block:
 * U = W (⊕_b U_b) W†, W = V_S ⊗ V_E the eigenbasis (W = 1 for diagonal inputs),
 * U_b acting on the product eigenstates of block b in the order of `blocks[b]`.
 * Then [U, H_S ⊗ 1 + 1 ⊗ H_E] = 0 (Eq. 16) to rounding.
 *
 * @throws QepInputError when the number or the sizes of `blockUnitaries` do not match the blocks.
 */
export function energyConservingUnitaryFromBlocks(structure: TotalEnergyBlocks, blockUnitaries: readonly CMatrix[]): CMatrix {
  const { blocks, basis } = structure;
  const N = structure.dimS * structure.dimE;
  if (blockUnitaries.length !== blocks.length) {
    throw new QepInputError('blockUnitaries', `one unitary per block (${blocks.length})`, blockUnitaries.length);
  }
  const U = zeros(N, N);
  blocks.forEach((idx, b) => {
    const B = blockUnitaries[b];
    const k = idx.length;
    if (B.rows !== k || B.cols !== k) throw new QepInputError(`blockUnitaries[${b}]`, `${k}×${k}`, `${B.rows}×${B.cols}`);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        U.re[idx[i] * N + idx[j]] = B.re[i * k + j];
        U.im[idx[i] * N + idx[j]] = B.im[i * k + j];
      }
    }
  });
  return basis === null ? U : mul(mul(basis, U), adjoint(basis));
}

/**
 * A random energy-conserving unitary on S ⊗ E (order S then E): Haar inside each
 * degenerate block of H_tot = H_S ⊗ 1 + 1 ⊗ H_E, blocks decided by `sameLevel`
 * (TOL.degeneracy); see {@link totalEnergyBlocks}. Hamiltonians given as
 * non-diagonal matrices are diagonalised with `eigh` and U is rotated back.
 * Satisfies Eq. 16 ([U, H_tot] = 0) and Eq. 17.
 *
 * @throws QepInputError (fields `HS`, `HE`) on empty, non-square, non-finite or non-Hermitian input.
 */
export function randomEnergyConservingUnitary(rng: Rng, HS: HamiltonianInput, HE: HamiltonianInput): CMatrix {
  const structure = totalEnergyBlocks(HS, HE);
  return energyConservingUnitaryFromBlocks(
    structure,
    structure.blocks.map((idx) => haarUnitary(rng, idx.length)),
  );
}
