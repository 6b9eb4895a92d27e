import { type CMatrix, identity, kron, normMax } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';
import { QepInputError } from '../errors.js';
import { degenerateBlocks } from '../quantum/levels.js';
import { TOL } from '../tolerance.js';
import { float64 } from '../linalg/float64.js';

/** A Hamiltonian given as its energies (diagonal in the computational basis, any order) or as a Hermitian matrix. */
export type HamiltonianInput = ArrayLike<number> | CMatrix;

function isMatrix(h: HamiltonianInput): h is CMatrix {
  return typeof (h as CMatrix).rows === 'number' && (h as CMatrix).re instanceof Float64Array;
}

/** A Hamiltonian's energies and eigenbasis (null when diagonal in the computational basis). */
export interface Spectrum {
  readonly energies: Float64Array;
  readonly basis: CMatrix | null;
}

/**
 * The spectrum of a Hamiltonian input. Energies given as an array, or a matrix
 * with exactly zero off-diagonal entries, are taken as they are (no eigh, no
 * reordering, basis null); any other matrix goes through `eigh`.
 *
 * @throws QepInputError naming `field` when the input is empty, not square,
 * has a non-finite entry, or is not Hermitian within TOL.hermitian.
 */
export function spectrumOf(h: HamiltonianInput, field: string): Spectrum {
  if (!isMatrix(h)) {
    if (h.length < 1) throw new QepInputError(field, 'non-empty', 'length 0');
    const energies = Float64Array.from(h);
    energies.forEach((e, i) => {
      if (!Number.isFinite(e)) throw new QepInputError(`${field}[${i}]`, 'a finite number', String(e));
    });
    return { energies, basis: null };
  }
  const n = h.rows;
  if (n < 1 || h.cols !== n) throw new QepInputError(field, 'a non-empty square matrix', `${h.rows}×${h.cols}`);
  let asym = 0;
  let diagonal = true;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = h.re[i * n + j];
      const b = h.im[i * n + j];
      if (!Number.isFinite(a) || !Number.isFinite(b)) throw new QepInputError(`${field}[${i}][${j}]`, 'finite', `${a} + ${b}i`);
      if (i !== j && (a !== 0 || b !== 0)) diagonal = false;
      asym = Math.max(asym, Math.hypot(a - h.re[j * n + i], b + h.im[j * n + i]));
    }
  }
  const tol = TOL.hermitian * Math.max(1, normMax(h));
  if (asym > tol) throw new QepInputError(field, 'Hermitian (max |H − H†|)', asym, tol);
  if (diagonal) return { energies: Float64Array.from({ length: n }, (_, i) => h.re[i * n + i]), basis: null };
  const { values, vectors } = eigh(h);
  return { energies: values, basis: vectors };
}

/**
 * Degenerate groups of a list of energies: the levels of {@link degenerateBlocks}
 * (the one grouping rule: indices sorted by energy, split where two consecutive
 * sorted energies are not `sameLevel`, TOL.degeneracy), groups in ascending energy,
 * with the indices inside a group in ascending order, so that which random block
 * unitary entry lands on which index does not depend on the rounding of nearly
 * equal energies.
 */
export function degenerateGroups(energies: ArrayLike<number>): number[][] {
  return degenerateBlocks(energies).map((g) => g.sort((a, b) => a - b));
}

/** The block structure of H_tot = H_S ⊗ 1 + 1 ⊗ H_E (order S then E). */
export interface TotalEnergyBlocks {
  readonly dimS: number;
  readonly dimE: number;
  /** System and environment energies (in their eigenbases). */
  readonly energiesS: Float64Array;
  readonly energiesE: Float64Array;
  /** Total energies E_n + ε_µ at product index n·dimE + µ (in the eigenbasis). */
  readonly totalEnergies: Float64Array;
  /** Degenerate blocks of the total energy: product indices, ascending energy (see {@link degenerateGroups}). */
  readonly blocks: readonly (readonly number[])[];
  /** V_S ⊗ V_E, the eigenbasis of H_tot as columns, or null when both inputs are diagonal. */
  readonly basis: CMatrix | null;
}

/**
 * The degenerate blocks of H_S ⊗ 1 + 1 ⊗ H_E: the subspaces inside which an
 * energy-conserving U may act (Eq. 17: ⟨m,ν|U|n,µ⟩ = 0 unless E_n + ε_µ = E_m + ε_ν).
 * Non-diagonal inputs are diagonalised with `eigh` and the blocks refer to the
 * product eigenbasis.
 *
 * @throws QepInputError (fields `HS`, `HE`) as {@link spectrumOf}.
 */
export function totalEnergyBlocks(HS: HamiltonianInput, HE: HamiltonianInput): TotalEnergyBlocks {
  const s = spectrumOf(HS, 'HS');
  const e = spectrumOf(HE, 'HE');
  const dimS = s.energies.length;
  const dimE = e.energies.length;
  const totalEnergies = float64(dimS * dimE);
  for (let n = 0; n < dimS; n++) for (let mu = 0; mu < dimE; mu++) totalEnergies[n * dimE + mu] = s.energies[n] + e.energies[mu];
  const basis =
    s.basis === null && e.basis === null
      ? null
      : kron(s.basis ?? identity(dimS), e.basis ?? identity(dimE));
  return { dimS, dimE, energiesS: s.energies, energiesE: e.energies, totalEnergies, blocks: degenerateGroups(totalEnergies), basis };
}
