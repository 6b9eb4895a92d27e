import fc from 'fast-check';
import { type CMatrix, adjoint, fromDiagonal, hermitianPart, mul, spectralSynthesis } from '../../src/numeric/linalg/cmatrix.js';
import { QepInputError } from '../../src/numeric/errors.js';
import { TOL, sameLevel } from '../../src/numeric/tolerance.js';
import { type HamiltonianInstance, energiesFromGaps, positiveBohrFrequencies, unitaryFromParameters } from '../../src/numeric/random/index.js';
import { type DimensionSpec, arbDim, dimRange, gridReals, symmetricReal } from './numbers.js';
import { unitaryParameters } from './unitaries.js';

/**
 * Hamiltonians: ascending energies from log-uniform gaps (repaired to
 * non-degenerate Bohr frequencies when asked), as diagonal matrices or rotated
 * to a random eigenbasis.
 */

/** Options of {@link arbHamiltonian}. */
export interface HamiltonianOptions {
  /** Dimension or range. Default { min: 2, max: 4 }. */
  readonly dim?: DimensionSpec;
  /** Require pairwise distinct Bohr frequencies (Eqs. 5, 20). Default true. */
  readonly nondegenerateBohr?: boolean;
  /** Smallest level gap. Default 0.1. Pass e.g. 1e-6 for near-degenerate spectra. */
  readonly minGap?: number;
  /** Largest drawn gap (the Bohr repair may enlarge gaps beyond it). Default 2. */
  readonly maxGap?: number;
  /** Least distance between Bohr frequencies when nondegenerateBohr. Default minGap / 4. */
  readonly minBohrSeparation?: number;
  /** 'diagonal' (default), 'rotated' (V diag(E) V†, V = exp(−iK(θ))), or 'any'. */
  readonly basis?: 'diagonal' | 'rotated' | 'any';
}

/**
 * Hamiltonians with ascending energies E_0 = offset ∈ [−1, 1],
 * E_{n+1} − E_n = minGap·(maxGap/minGap)^{u_n}, u_n ∈ [0, 1] (log-uniform gaps, so
 * a small minGap gives many near-degenerate levels), repaired to non-degenerate
 * Bohr frequencies by energiesFromGaps when asked. Every gap is ≥ minGap;
 * with nondegenerateBohr every two Bohr frequencies ω_nm (n ≠ m) are
 * ≥ minBohrSeparation apart.
 *
 * Shrinks toward d = min, offset 0, u = 0 (equal gaps minGap, i.e. the levels
 * 0, g, 2g + s, … after the repair) and θ = 0 (diagonal matrix).
 *
 * @throws QepInputError on a bad dimension, gaps not 0 < minGap ≤ maxGap,
 * minBohrSeparation > minGap, or a separation too small to be resolved under
 * TOL.degeneracy at the largest energy the options allow.
 */
export function arbHamiltonian(options: HamiltonianOptions = {}): fc.Arbitrary<HamiltonianInstance> {
  const r = dimRange(options.dim ?? { min: 2, max: 4 }, 'dim');
  const minGap = options.minGap ?? 0.1;
  const maxGap = options.maxGap ?? 2;
  if (!(Number.isFinite(minGap) && minGap > 0)) throw new QepInputError('minGap', 'a finite number > 0', String(minGap));
  if (!(Number.isFinite(maxGap) && maxGap >= minGap)) throw new QepInputError('maxGap', `finite and ≥ minGap = ${minGap}`, String(maxGap));
  const nondeg = options.nondegenerateBohr ?? true;
  const sep = nondeg ? (options.minBohrSeparation ?? minGap / 4) : undefined;
  if (sep !== undefined && !(sep > 0 && sep <= minGap)) throw new QepInputError('minBohrSeparation', `in (0, minGap = ${minGap}]`, String(sep));
  // Largest energy: |offset| ≤ 1, d − 1 gaps ≤ maxGap, and each repair step jumps at most one window 2s per forbidden window (≤ d³ of them).
  const energyScale = 1 + r.max * maxGap + (sep ?? 0) * 2 * r.max ** 4;
  const resolvable = sep ?? minGap;
  if (resolvable <= TOL.degeneracy * energyScale) {
    throw new QepInputError(nondeg ? 'minBohrSeparation' : 'minGap', `resolvable under TOL.degeneracy at energies up to ${energyScale.toPrecision(3)}`, resolvable, TOL.degeneracy * energyScale);
  }
  const basis = options.basis ?? 'diagonal';
  const rotated = basis === 'diagonal' ? fc.constant(false) : basis === 'rotated' ? fc.constant(true) : fc.boolean();
  return fc
    .record({
      d: arbDim(r),
      offset: symmetricReal(1),
      u: gridReals(Math.max(r.max - 1, 0), 0, 1),
      rotated,
      theta: unitaryParameters(r.max),
    })
    .map(({ d, offset, u, rotated: rot, theta }) => {
      const gaps = u.slice(0, d - 1).map((v) => minGap * (maxGap / minGap) ** v);
      const energies = energiesFromGaps(gaps, { offset, minBohrSeparation: sep });
      const matrix = rot ? spectralSynthesis(unitaryFromParameters(theta, d), energies) : fromDiagonal(energies);
      return { energies, matrix };
    });
}

/** diag(E) when W is null, else W diag(E) W† (a Hamiltonian with energies E in the eigenbasis W). */
export function inBasis(energies: ArrayLike<number>, W: CMatrix | null): CMatrix {
  const D = fromDiagonal(energies);
  return W === null ? D : mul(mul(W, D), adjoint(W));
}

/** As {@link inBasis}, made exactly Hermitian when rotated. */
export function hermitianInBasis(energies: ArrayLike<number>, W: CMatrix | null): CMatrix {
  return W === null ? fromDiagonal(energies) : hermitianPart(inBasis(energies, W));
}

/** Whether a non-zero Bohr frequency of S equals a Bohr frequency of E (then H_S⊗1 + 1⊗H_E has blocks joining different system levels). */
export function isResonant(energiesS: ArrayLike<number>, energiesE: ArrayLike<number>): boolean {
  const wS = positiveBohrFrequencies(energiesS);
  const wE = positiveBohrFrequencies(energiesE);
  return wS.some((a) => wE.some((b) => sameLevel(a, b)));
}
