import { type CMatrix, fromDiagonal, spectralSynthesis } from '../linalg/cmatrix.js';
import { QepInputError } from '../errors.js';
import type { Rng } from './rng.js';
import { energiesFromGaps } from './energies.js';
import { haarUnitary } from './haarUnitary.js';
import { requireInteger, requirePositive } from './_internal/validate.js';

/** A Hamiltonian with its spectrum: `matrix` = V diag(energies) V† (V = 1 when diagonal). */
export interface HamiltonianInstance {
  /** Eigenvalues, ascending. */
  readonly energies: Float64Array;
  /** The Hermitian matrix. */
  readonly matrix: CMatrix;
}

/** Options of {@link randomHamiltonian}. */
export interface RandomHamiltonianOptions {
  /** Smallest level gap. Default 0.1. */
  readonly minGap?: number;
  /** Largest drawn gap (the Bohr repair may enlarge a gap beyond it). Default 2. */
  readonly maxGap?: number;
  /** Require pairwise distinct Bohr frequencies. Default true. */
  readonly nondegenerateBohr?: boolean;
  /** Least distance between two Bohr frequencies when `nondegenerateBohr`. Default minGap / 4. */
  readonly minBohrSeparation?: number;
  /** 'diagonal' (default): matrix = diag(energies); 'random': rotated by a Haar unitary. */
  readonly basis?: 'diagonal' | 'random';
}

/**
 * A random Hamiltonian of dimension `dim` with ascending energies, E_0 = 0.
 *
 * Gaps are uniform in [minGap, maxGap]; with `nondegenerateBohr` (default) the
 * levels are then repaired by {@link energiesFromGaps} so that all Bohr
 * frequencies ω_nm = E_n − E_m (n ≠ m) are at least `minBohrSeparation` apart
 * (the hypothesis of Eqs. 5 and 20). With basis 'random' the matrix is
 * V diag(E) V† for a Haar V, to exercise the non-diagonal input paths.
 *
 * @throws QepInputError on dim < 1, gaps not 0 < minGap ≤ maxGap, or a bad separation.
 */
export function randomHamiltonian(rng: Rng, dim: number, options: RandomHamiltonianOptions = {}): HamiltonianInstance {
  requireInteger('dim', dim, 1);
  const minGap = options.minGap ?? 0.1;
  const maxGap = options.maxGap ?? 2;
  requirePositive('minGap', minGap);
  requirePositive('maxGap', maxGap);
  if (maxGap < minGap) throw new QepInputError('maxGap', `≥ minGap = ${minGap}`, maxGap);
  const gaps = Array.from({ length: dim - 1 }, () => minGap + (maxGap - minGap) * rng.uniform());
  const energies = energiesFromGaps(gaps, {
    minBohrSeparation: (options.nondegenerateBohr ?? true) ? (options.minBohrSeparation ?? minGap / 4) : undefined,
  });
  const matrix = options.basis === 'random' ? spectralSynthesis(haarUnitary(rng, dim), energies) : fromDiagonal(energies);
  return { energies, matrix };
}
