import { type CMatrix } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';
import { sameLevel } from '../tolerance.js';
import { float64 } from '../linalg/float64.js';

/** The spectrum of a Hamiltonian grouped into degenerate levels. */
export interface EnergyLevels {
  /** Eigenvalues; ascending when computed from a matrix, in the given order for diagonal energies. */
  readonly energies: Float64Array;
  /** Eigenvectors as columns, or null when H is diagonal in the computational basis. */
  readonly basis: CMatrix | null;
  /** Indices (into `energies`) of each degenerate level, levels ascending. Decided by `sameLevel` (TOL.degeneracy). */
  readonly blocks: number[][];
}

function isDiagonal(H: CMatrix): boolean {
  for (let i = 0; i < H.rows; i++) {
    for (let j = 0; j < H.cols; j++) {
      if (i !== j && (H.re[i * H.cols + j] !== 0 || H.im[i * H.cols + j] !== 0)) return false;
    }
  }
  return true;
}

/** Group indices into levels: sort by energy, chain neighbours that are the same level. */
export function degenerateBlocks(energies: ArrayLike<number>): number[][] {
  const order = Array.from({ length: energies.length }, (_, i) => i).sort((a, b) => energies[a] - energies[b]);
  const blocks: number[][] = [];
  for (const i of order) {
    const last = blocks[blocks.length - 1];
    if (last && sameLevel(energies[last[last.length - 1]], energies[i])) last.push(i);
    else blocks.push([i]);
  }
  return blocks;
}

/**
 * Eigen-decomposition of H = Σ_E E Π_E grouped into degenerate levels.
 * An array of energies (or a matrix that is exactly diagonal) means H is
 * diagonal in the computational basis: no eigensolver runs and `basis` is null.
 */
export function energyLevels(H: CMatrix | ArrayLike<number>): EnergyLevels {
  if (!('re' in H)) {
    const energies = Float64Array.from(H);
    return { energies, basis: null, blocks: degenerateBlocks(energies) };
  }
  if (isDiagonal(H)) {
    const energies = float64(H.rows);
    for (let i = 0; i < H.rows; i++) energies[i] = H.re[i * H.cols + i];
    return { energies, basis: null, blocks: degenerateBlocks(energies) };
  }
  const { values, vectors } = eigh(H);
  return { energies: values, basis: vectors, blocks: degenerateBlocks(values) };
}
