import fc from 'fast-check';
import { type CMatrix, spectralSynthesis } from '../../src/numeric/linalg/cmatrix.js';
import { unitaryFromParameters } from '../../src/numeric/random/index.js';
import { type DimensionSpec, arbDim, dimRange, gridReal, gridReals } from './numbers.js';
import { unitaryParameters } from './unitaries.js';

/**
 * Density matrices ρ = V diag(p) V†: a spectrum p from decay exponents and an
 * eigenbasis V = exp(−iK(θ)).
 */

/** Which spectra a density-matrix arbitrary draws. */
export type RankKind = 'full' | 'deficient' | 'pure' | 'any';

/**
 * Rate of the eigenvalue decay for full-rank spectra: p_i ∝ e^{−c x_i}, x_i ∈ [0, 1],
 * so the smallest-to-largest ratio is ≥ e^{−20} ≈ 2·10⁻⁹ ≫ TOL.zeroEigenvalue:
 * "full rank" is numerically full rank, while nearly pure states still occur.
 */
export const SPECTRUM_DECAY = 20;

/** Normalised weights p_i ∝ e^{−SPECTRUM_DECAY·x_i} for i < r, 0 for r ≤ i < d (r = 1: the pure |0⟩⟨0| populations). */
export function decayingWeights(x: readonly number[], d: number, r: number): number[] {
  const w = Array.from({ length: d }, (_, i) => (i < r ? Math.exp(-SPECTRUM_DECAY * x[i]) : 0));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}

/**
 * Spectrum parameters for dimension ≤ maxDim: `x` (decay exponents in [0, 1]) and
 * an integer `k` used for the rank of deficient spectra. The near-degenerate
 * variant pairs levels 2j, 2j+1 with x_{2j+1} = x_{2j} + 10^{−e} y_j, e ∈ [2, 8],
 * so the two eigenvalues differ by a relative 2·10^{1−e}·y or less.
 */
export interface SpectrumParams {
  readonly x: number[];
  readonly k: number;
}

/** Spectrum parameters: generic (weight 3) or with near-degenerate pairs (weight 1). */
export function arbSpectrumParams(maxDim: number): fc.Arbitrary<SpectrumParams> {
  const generic = fc.record({ x: gridReals(maxDim, 0, 1), k: fc.integer({ min: 0, max: maxDim }) });
  const near = fc
    .record({ x: gridReals(maxDim, 0, 1), y: gridReals(maxDim, 0, 1), e: gridReal(2, 8), k: fc.integer({ min: 0, max: maxDim }) })
    .map(({ x, y, e, k }) => ({ x: x.map((v, i) => (i % 2 === 1 ? x[i - 1] + 10 ** -e * y[i] : v)), k }));
  return fc.oneof({ withCrossShrink: true }, { arbitrary: generic, weight: 3 }, { arbitrary: near, weight: 1 });
}

/** Eigenvalues of a state of dimension d for a rank kind ('any' is resolved before). */
export function spectrumFor(kind: Exclude<RankKind, 'any'>, d: number, p: SpectrumParams): number[] {
  switch (kind) {
    case 'full':
      return decayingWeights(p.x, d, d);
    case 'deficient':
      return decayingWeights(p.x, d, 1 + (p.k % (d - 1)));
    case 'pure':
      return decayingWeights(p.x, d, 1);
  }
}

/** The rank kind of a draw: fixed, or (for 'any') full, deficient or pure, shrinking toward full rank. */
export function arbRankKind(rank: RankKind, minDim: number): fc.Arbitrary<Exclude<RankKind, 'any'>> {
  if (rank !== 'any') return fc.constant(rank);
  const kinds: Exclude<RankKind, 'any'>[] = minDim >= 2 ? ['full', 'deficient', 'pure'] : ['full', 'pure'];
  // constantFrom shrinks toward its first value: full rank.
  return fc.constantFrom(...kinds);
}

/** Options of {@link arbDensityMatrix}. */
export interface DensityMatrixOptions {
  /** Dimension or range. Default { min: 2, max: 4 }. */
  readonly dim?: DimensionSpec;
  /**
   * 'full' (default): all eigenvalues > 0 (ratio ≥ e^{−20}, see SPECTRUM_DECAY),
   * a quarter of them with near-degenerate pairs; 'deficient': rank r ∈ [1, d − 1];
   * 'pure': rank 1; 'any': one of the three (shrinks toward 'full').
   */
  readonly rank?: RankKind;
}

/**
 * Density matrices ρ = V diag(p) V†: spectrum p from decay exponents x ∈ [0, 1]
 * (p_i ∝ e^{−20 x_i} on the first r levels), eigenbasis V = exp(−iK(θ)) from
 * θ ∈ [−π, π]^{d²} (see unitaryFromParameters; covers every unitary). Exactly
 * Hermitian, trace 1 to rounding, eigenvalues p ≥ 0.
 *
 * Shrinks toward d = min, θ = 0 (V = 1: a diagonal state) and x = 0 (equal
 * weights: the maximally mixed state for 'full', |0⟩⟨0| for 'pure', and
 * (|0⟩⟨0| + … )/r for 'deficient', whose rank shrinks to 1).
 *
 * @throws QepInputError on a bad dimension, or 'deficient' with a dimension < 2.
 */
export function arbDensityMatrix(options: DensityMatrixOptions = {}): fc.Arbitrary<CMatrix> {
  const rank = options.rank ?? 'full';
  const r = dimRange(options.dim ?? { min: 2, max: 4 }, 'dim', rank === 'deficient' ? 2 : 1);
  return fc
    .record({ d: arbDim(r), kind: arbRankKind(rank, r.min), p: arbSpectrumParams(r.max), theta: unitaryParameters(r.max) })
    .map(({ d, kind, p, theta }) => spectralSynthesis(unitaryFromParameters(theta, d), spectrumFor(kind, d, p)));
}

/** How a state's coherences are drawn: 'coherent' (a random eigenbasis), 'diagonal' (the energy basis), or 'pure'. */
export type CoherenceKind = 'coherent' | 'diagonal' | 'pure';
