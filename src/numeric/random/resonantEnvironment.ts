import { fromDiagonal } from '../linalg/cmatrix.js';
import { QepInputError } from '../errors.js';
import { sameLevel } from '../tolerance.js';
import type { Rng } from './rng.js';
import type { HamiltonianInstance } from './randomHamiltonian.js';
import { requireInteger, requirePositive } from './_internal/validate.js';

/** One environment gap ε_{j+1} − ε_j: a system Bohr frequency (by index) or a free value. */
export type EnvironmentGap = { readonly bohr: number } | { readonly free: number };

/**
 * The distinct positive Bohr frequencies E_n − E_m > 0 of a spectrum, ascending
 * (frequencies equal under `sameLevel` / TOL.degeneracy are listed once).
 */
export function positiveBohrFrequencies(energies: ArrayLike<number>): number[] {
  const w: number[] = [];
  for (let a = 0; a < energies.length; a++) {
    for (let b = 0; b < energies.length; b++) {
      const x = energies[a] - energies[b];
      if (x > 0 && !sameLevel(energies[a], energies[b])) w.push(x);
    }
  }
  w.sort((x, y) => x - y);
  return w.filter((x, i) => i === 0 || !sameLevel(x, w[i - 1]));
}

/**
 * An environment Hamiltonian resonant with the system, from a list of gaps.
 *
 * ε_0 = 0, ε_{j+1} = ε_j + g_j, with g_j = ω[bohr mod |ω|] (ω the ascending
 * distinct positive system Bohr frequencies, {@link positiveBohrFrequencies})
 * or g_j = free. A gap ε_{j+1} − ε_j = E_n − E_m makes E_m + ε_{j+1} = E_n + ε_j
 * with n ≠ m: H_S ⊗ 1 + 1 ⊗ H_E then has a degenerate block joining two system
 * levels, so energy-conserving unitaries move population between them (Eq. 17).
 * The first gap must be a Bohr gap, which guarantees that. The matrix is diag(ε).
 *
 * @throws QepInputError when the system has fewer than two distinct levels,
 * `gaps` is empty, the first gap is free, or a free gap is not finite and > 0.
 */
export function resonantEnvironmentFromGaps(systemEnergies: ArrayLike<number>, gaps: readonly EnvironmentGap[]): HamiltonianInstance {
  const omegas = positiveBohrFrequencies(systemEnergies);
  if (omegas.length === 0) throw new QepInputError('systemEnergies', 'at least two distinct levels', systemEnergies.length);
  if (gaps.length === 0) throw new QepInputError('gaps', 'non-empty (the environment needs ≥ 2 levels)', 0);
  if (!('bohr' in gaps[0])) throw new QepInputError('gaps[0]', 'a Bohr gap ({ bohr: index })', 'a free gap');
  const energies = new Float64Array(gaps.length + 1);
  gaps.forEach((g, j) => {
    let step: number;
    if ('bohr' in g) {
      if (!Number.isInteger(g.bohr) || g.bohr < 0) throw new QepInputError(`gaps[${j}].bohr`, 'an integer ≥ 0', String(g.bohr));
      step = omegas[g.bohr % omegas.length];
    } else {
      requirePositive(`gaps[${j}].free`, g.free);
      step = g.free;
    }
    energies[j + 1] = energies[j] + step;
  });
  return { energies, matrix: fromDiagonal(energies) };
}

/** Options of {@link randomResonantEnvironment}. */
export interface RandomResonantEnvironmentOptions {
  /** Probability that each gap after the first is a system Bohr frequency too. Default 0.5. */
  readonly resonantFraction?: number;
  /** Range of the free gaps. Defaults 0.1 and 2. */
  readonly minGap?: number;
  readonly maxGap?: number;
}

/**
 * A random environment Hamiltonian of dimension `dimE` resonant with the system
 * (see {@link resonantEnvironmentFromGaps}): the first gap is a uniformly chosen
 * system Bohr frequency, each later gap is one with probability
 * `resonantFraction`, else uniform in [minGap, maxGap]. Diagonal, ascending.
 *
 * @throws QepInputError on dimE < 2, a bad option, or a system with one level.
 */
export function randomResonantEnvironment(
  rng: Rng,
  systemEnergies: ArrayLike<number>,
  dimE: number,
  options: RandomResonantEnvironmentOptions = {},
): HamiltonianInstance {
  requireInteger('dimE', dimE, 2);
  const p = options.resonantFraction ?? 0.5;
  if (!(p >= 0 && p <= 1)) throw new QepInputError('resonantFraction', 'in [0, 1]', String(p));
  const minGap = options.minGap ?? 0.1;
  const maxGap = options.maxGap ?? 2;
  requirePositive('minGap', minGap);
  if (!(maxGap >= minGap && Number.isFinite(maxGap))) throw new QepInputError('maxGap', `finite and ≥ minGap = ${minGap}`, String(maxGap));
  const nOmega = positiveBohrFrequencies(systemEnergies).length;
  if (nOmega === 0) throw new QepInputError('systemEnergies', 'at least two distinct levels', systemEnergies.length);
  const gaps: EnvironmentGap[] = [];
  for (let j = 0; j < dimE - 1; j++) {
    if (j === 0 || rng.uniform() < p) gaps.push({ bohr: rng.int(nOmega) });
    else gaps.push({ free: minGap + (maxGap - minGap) * rng.uniform() });
  }
  return resonantEnvironmentFromGaps(systemEnergies, gaps);
}
