/**
 * fast-check arbitraries for random physical instances.
 *
 * Design (STYLE.md point 9): every arbitrary is a `.map` of bounded doubles and
 * small integers, never `.chain` or `.filter`, so fast-check shrinks the raw
 * numbers and the instance follows: dimensions shrink to their minimum, doubles
 * to 0, and 0 is chosen to mean "simple" (diagonal states, identity unitaries,
 * equal gaps, β = 0, unit couplings). When a dimension is itself random the
 * parameter vectors are sized for the largest dimension and only their first
 * entries are read, which keeps everything a plain `map`.
 *
 * The deterministic builders are shared with the seeded generators of
 * src/numeric/random (energiesFromGaps, unitaryFromParameters,
 * resonantEnvironmentFromGaps, energyConservingUnitaryFromBlocks,
 * detailedBalanceRates), so a CLI instance and a property instance are built
 * the same way.
 */
import fc from 'fast-check';
import { type CMatrix, fromDiagonal, spectralSynthesis } from '../src/numeric/linalg/cmatrix.js';
import { matrixToJSON } from '../src/numeric/linalg/json.js';
import { QepInputError } from '../src/numeric/errors.js';
import { TOL } from '../src/numeric/tolerance.js';
import {
  type EnvironmentGap,
  type HamiltonianInput,
  type HamiltonianInstance,
  type RateModel,
  createRng,
  detailedBalanceRates,
  energiesFromGaps,
  randomEnergyConservingUnitary,
  energyConservingUnitaryFromBlocks,
  positiveBohrFrequencies,
  resonantEnvironmentFromGaps,
  totalEnergyBlocks,
  unitaryFromParameters,
} from '../src/numeric/random/index.js';

/** A fixed dimension, or an inclusive range that shrinks to its `min`. */
export type DimensionSpec = number | { readonly min: number; readonly max: number };

/** Which spectra a density-matrix arbitrary draws. */
export type RankKind = 'full' | 'deficient' | 'pure' | 'any';

/**
 * Rate of the eigenvalue decay for full-rank spectra: p_i ∝ e^{−c x_i}, x_i ∈ [0, 1],
 * so the smallest-to-largest ratio is ≥ e^{−20} ≈ 2·10⁻⁹ ≫ TOL.zeroEigenvalue:
 * "full rank" is numerically full rank, while nearly pure states still occur.
 */
export const SPECTRUM_DECAY = 20;

// ---------------------------------------------------------------------------
// Internal building blocks.

function dimRange(spec: DimensionSpec, field: string, min = 1): { min: number; max: number } {
  const r = typeof spec === 'number' ? { min: spec, max: spec } : spec;
  if (!Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < min || r.max < r.min) {
    throw new QepInputError(field, `an integer ≥ ${min} or a range {min ≤ max} of such`, JSON.stringify(spec));
  }
  return r;
}

function arbDim(r: { min: number; max: number }): fc.Arbitrary<number> {
  return r.min === r.max ? fc.constant(r.min) : fc.integer({ min: r.min, max: r.max });
}

/**
 * Resolution of the real parameters: a parameter is an integer i in [0, RES] (or
 * [−RES, RES]) scaled to its interval. fc.double would not do: it draws uniformly
 * over float encodings, so most draws in [0, 1] are below 1e-100. fc.integer is
 * uniform over the range (plus fast-check's bias toward small values and the
 * bounds, which gives the edge cases) and shrinks toward 0.
 */
const RES = 2 ** 24;

/**
 * A real in [min, max], uniform on a grid of steps + 1 points (default RES); shrinks
 * toward min. fast-check's integer bias draws min, max and values near min often (the
 * edge cases); for draws that must stay spread out, see {@link uniformDouble}.
 */
export function gridReal(min: number, max: number, steps: number = RES): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: steps }).map((i) => (i === steps ? max : min + ((max - min) * i) / steps));
}

/** Resolution of {@link uniformDouble}: 2⁻³⁰ of the range. */
const UNIFORM_STEPS = 2 ** 30;

/**
 * A double uniform on [min, max] (to 2⁻³⁰ of the range), shrinking toward the end
 * point nearer 0 (toward 0 itself when min < 0 < max). Unlike {@link gridReal} it is
 * built on an unbiased fc.integer (fast-check's bias would favour small integers, i.e.
 * values near the shrink target): for angles and times that must stay spread out.
 * (fc.double is uniform over the *representable* doubles: for [−π, π] about 92% of its
 * draws have |x| < 10⁻³, which would make every random unitary nearly the identity.)
 */
export function uniformDouble(min: number, max: number): fc.Arbitrary<number> {
  if (min < 0 && max > 0) {
    const lo = Math.round((min / (max - min)) * UNIFORM_STEPS);
    const hi = Math.round((max / (max - min)) * UNIFORM_STEPS);
    return fc.noBias(fc.integer({ min: lo, max: hi })).map((k) => (k === lo ? min : k === hi ? max : (k / UNIFORM_STEPS) * (max - min)));
  }
  const k01 = fc.noBias(fc.integer({ min: 0, max: UNIFORM_STEPS }));
  if (max <= 0) return k01.map((k) => (k === UNIFORM_STEPS ? min : max - (k / UNIFORM_STEPS) * (max - min)));
  return k01.map((k) => (k === UNIFORM_STEPS ? max : min + (k / UNIFORM_STEPS) * (max - min)));
}

/** A real in [−a, a], uniform on a grid; shrinks toward 0. */
function symmetricReal(a: number): fc.Arbitrary<number> {
  return fc.integer({ min: -RES, max: RES }).map((i) => (a * i) / RES);
}

/** n reals in [min, max] (see {@link gridReal}); each shrinks toward min. */
function doubles(n: number, min: number, max: number): fc.Arbitrary<number[]> {
  return fc.array(gridReal(min, max), { minLength: n, maxLength: n });
}

/** n² parameters for unitaryFromParameters, in [−π, π]: enough to reach every unitary. */
function unitaryParameters(n: number): fc.Arbitrary<number[]> {
  return symmetricVector(n * n, Math.PI);
}

/** n reals in [−a, a]; each shrinks toward 0. */
function symmetricVector(n: number, a: number): fc.Arbitrary<number[]> {
  return fc.array(symmetricReal(a), { minLength: n, maxLength: n });
}

/** Normalised weights e^{−c x_i}, i < r (the rest 0). */
function weights(x: readonly number[], d: number, r: number): number[] {
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
interface SpectrumParams {
  readonly x: number[];
  readonly k: number;
}

function arbSpectrumParams(maxDim: number): fc.Arbitrary<SpectrumParams> {
  const generic = fc.record({ x: doubles(maxDim, 0, 1), k: fc.integer({ min: 0, max: maxDim }) });
  const near = fc
    .record({ x: doubles(maxDim, 0, 1), y: doubles(maxDim, 0, 1), e: gridReal(2, 8), k: fc.integer({ min: 0, max: maxDim }) })
    .map(({ x, y, e, k }) => ({ x: x.map((v, i) => (i % 2 === 1 ? x[i - 1] + 10 ** -e * y[i] : v)), k }));
  return fc.oneof({ withCrossShrink: true }, { arbitrary: generic, weight: 3 }, { arbitrary: near, weight: 1 });
}

/** Eigenvalues of a state of dimension d for a rank kind ('any' is resolved before). */
function spectrumFor(kind: Exclude<RankKind, 'any'>, d: number, p: SpectrumParams): number[] {
  switch (kind) {
    case 'full':
      return weights(p.x, d, d);
    case 'deficient':
      return weights(p.x, d, 1 + (p.k % (d - 1)));
    case 'pure':
      return weights(p.x, d, 1);
  }
}

function arbKind(rank: RankKind, minDim: number): fc.Arbitrary<Exclude<RankKind, 'any'>> {
  if (rank !== 'any') return fc.constant(rank);
  const kinds: Exclude<RankKind, 'any'>[] = minDim >= 2 ? ['full', 'deficient', 'pure'] : ['full', 'pure'];
  // constantFrom shrinks toward its first value: full rank.
  return fc.constantFrom(...kinds);
}

// ---------------------------------------------------------------------------
// Dimensions.

/**
 * A Hilbert-space dimension in [min, max]; shrinks to `min`.
 * @throws QepInputError unless 1 ≤ min ≤ max are integers.
 */
export function arbDimension(min = 2, max = 4): fc.Arbitrary<number> {
  return arbDim(dimRange({ min, max }, 'arbDimension'));
}

// ---------------------------------------------------------------------------
// States.

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
    .record({ d: arbDim(r), kind: arbKind(rank, r.min), p: arbSpectrumParams(r.max), theta: unitaryParameters(r.max) })
    .map(({ d, kind, p, theta }) => spectralSynthesis(unitaryFromParameters(theta, d), spectrumFor(kind, d, p)));
}

/**
 * Pure states |ψ⟩⟨ψ| = V|0⟩⟨0|V† with V = exp(−iK(θ)); shrinks toward |0⟩⟨0| of the smallest dimension.
 * @throws QepInputError on a bad dimension.
 */
export function arbPureState(dim: DimensionSpec = { min: 2, max: 4 }): fc.Arbitrary<CMatrix> {
  return arbDensityMatrix({ dim, rank: 'pure' });
}

/**
 * Diagonal (incoherent) states diag(p), p as in {@link arbDensityMatrix}
 * (in the energy eigenbasis of a diagonal Hamiltonian these have no coherence).
 * Shrinks toward the maximally mixed state ('full'), |0⟩⟨0| ('pure' / 'deficient').
 * @throws QepInputError as {@link arbDensityMatrix}.
 */
export function arbDiagonalState(options: DensityMatrixOptions = {}): fc.Arbitrary<CMatrix> {
  const rank = options.rank ?? 'full';
  const r = dimRange(options.dim ?? { min: 2, max: 4 }, 'dim', rank === 'deficient' ? 2 : 1);
  return fc
    .record({ d: arbDim(r), kind: arbKind(rank, r.min), p: arbSpectrumParams(r.max) })
    .map(({ d, kind, p }) => fromDiagonal(spectrumFor(kind, d, p)));
}

// ---------------------------------------------------------------------------
// Hamiltonians.

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
      u: doubles(Math.max(r.max - 1, 0), 0, 1),
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

/** Options of {@link arbResonantEnvironment}. */
export interface ResonantEnvironmentOptions {
  /** Environment dimension or range. Default { min: 2, max: 3 }. */
  readonly dim?: DimensionSpec;
  /** Range of the free (non-resonant) gaps, log-uniform. Defaults 0.1 and 2. */
  readonly minGap?: number;
  readonly maxGap?: number;
}

/**
 * Environment Hamiltonians resonant with a system of the given energies
 * (resonantEnvironmentFromGaps): ε_0 = 0, the first gap a system Bohr frequency
 * ω_c (c an index into the ascending distinct positive ones), each later gap
 * either a Bohr frequency or a free gap. Then H_S⊗1 + 1⊗H_E has a degenerate
 * block joining two different system levels. Diagonal, ascending.
 *
 * Shrinks toward d_E = min and every gap equal to the smallest system Bohr
 * frequency (ε = 0, ω_min, 2ω_min, …).
 *
 * @throws QepInputError when the system has fewer than two distinct levels or an option is bad.
 */
export function arbResonantEnvironment(systemEnergies: ArrayLike<number>, options: ResonantEnvironmentOptions = {}): fc.Arbitrary<HamiltonianInstance> {
  const r = dimRange(options.dim ?? { min: 2, max: 3 }, 'dim', 2);
  const nOmega = positiveBohrFrequencies(systemEnergies).length;
  if (nOmega === 0) throw new QepInputError('systemEnergies', 'at least two distinct levels', systemEnergies.length);
  const minGap = options.minGap ?? 0.1;
  const maxGap = options.maxGap ?? 2;
  if (!(Number.isFinite(minGap) && minGap > 0)) throw new QepInputError('minGap', 'a finite number > 0', String(minGap));
  if (!(Number.isFinite(maxGap) && maxGap >= minGap)) throw new QepInputError('maxGap', `finite and ≥ minGap = ${minGap}`, String(maxGap));
  const E = Float64Array.from(systemEnergies);
  return fc
    .record({
      d: arbDim(r),
      first: fc.integer({ min: 0, max: nOmega - 1 }),
      // c = nOmega means "free gap"; smaller c is a Bohr index (shrinks to 0: resonant).
      c: fc.array(fc.integer({ min: 0, max: nOmega }), { minLength: r.max - 2, maxLength: r.max - 2 }),
      u: doubles(r.max - 2, 0, 1),
    })
    .map(({ d, first, c, u }) => {
      const gaps: EnvironmentGap[] = [{ bohr: first }];
      for (let j = 0; j < d - 2; j++) gaps.push(c[j] < nOmega ? { bohr: c[j] } : { free: minGap * (maxGap / minGap) ** u[j] });
      return resonantEnvironmentFromGaps(E, gaps);
    });
}

// ---------------------------------------------------------------------------
// Temperatures and rates.

/** Options of {@link arbBeta}. */
export interface BetaOptions {
  /** Largest finite β. Default 50. Beyond β·ΔE ≈ 745, e^{−βΔE} underflows to exactly 0. */
  readonly max?: number;
  /** Also draw β = +∞ (zero temperature). Default false. */
  readonly infinite?: boolean;
}

/**
 * Inverse temperatures β ∈ [0, max] (and +∞ when asked), mixing: β uniform in
 * [0, max]; β log-uniform in [10⁻⁶, max] (very high temperatures β·ΔE ≪ 1 and
 * very low ones, β·ΔE up to max·ΔE, e.g. 50·ΔE); β = 0 exactly; β = +∞.
 * fast-check's integer bias also hits 0, max and 10⁻⁶ often.
 * Shrinks toward β = 0 (infinite temperature); log-uniform draws shrink toward 10⁻⁶.
 *
 * @throws QepInputError when max is not finite and > 10⁻⁶.
 */
export function arbBeta(options: BetaOptions = {}): fc.Arbitrary<number> {
  const max = options.max ?? 50;
  if (!(Number.isFinite(max) && max > 1e-6)) throw new QepInputError('max', 'a finite number > 1e-6', String(max));
  const arbs: fc.WeightedArbitrary<number>[] = [
    { arbitrary: gridReal(0, max), weight: 3 },
    { arbitrary: gridReal(-6, Math.log10(max)).map((t) => Math.min(10 ** t, max)), weight: 3 },
    { arbitrary: fc.constant(0), weight: 1 },
  ];
  if (options.infinite) arbs.push({ arbitrary: fc.constant(Infinity), weight: 1 });
  return fc.oneof({ withCrossShrink: true }, ...arbs);
}

/** Options of {@link arbRates}. */
export interface RatesOptions {
  /** 'glauber' (default; finite for every β in [0, ∞]) or 'bosonic' (Eq. 4's standard bath; needs β > 0). */
  readonly model?: RateModel;
}

/**
 * Detailed-balanced rate matrices W[n][m] = W(n|m) (jump m → n, Eq. 3) for fixed
 * energies and β, with W(n|m)/W(m|n) = e^{−β(E_n − E_m)} (Eq. 4): couplings
 * g_nm = g_mn = e^{t}, t ∈ [−2, 2], through detailedBalanceRates. Every rate is
 * finite for β ∈ [0, ∞] with 'glauber' (at β = ∞ uphill rates are 0, downhill g).
 * Shrinks toward t = 0: all couplings 1.
 *
 * @throws QepInputError as detailedBalanceRates (checked once, at construction).
 */
export function arbRates(energies: ArrayLike<number>, beta: number, options: RatesOptions = {}): fc.Arbitrary<number[][]> {
  const E = Float64Array.from(energies);
  const d = E.length;
  const model = options.model ?? 'glauber';
  const couplings = (t: readonly number[]) => {
    const g = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    let a = 0;
    for (let n = 0; n < d; n++) for (let m = n + 1; m < d; m++) g[n][m] = g[m][n] = Math.exp(t[a++]);
    return g;
  };
  const nPairs = (d * (d - 1)) / 2;
  detailedBalanceRates(E, beta, couplings(new Array<number>(nPairs).fill(0)), model); // validate once
  return symmetricVector(nPairs, 2).map((t) => detailedBalanceRates(E, beta, couplings(t), model));
}

// ---------------------------------------------------------------------------
// Unitaries.

/**
 * Unitaries U = exp(−iK(θ)), θ ∈ [−π, π]^{d²} (unitaryFromParameters: every unitary is reached).
 * Shrinks toward d = min and U = 1.
 * @throws QepInputError on a bad dimension.
 */
export function arbUnitary(dim: DimensionSpec = { min: 2, max: 4 }): fc.Arbitrary<CMatrix> {
  const r = dimRange(dim, 'dim');
  return fc.record({ d: arbDim(r), theta: unitaryParameters(r.max) }).map(({ d, theta }) => unitaryFromParameters(theta, d));
}

/** Options of {@link arbEnergyConservingUnitary}. */
export interface EnergyConservingUnitaryOptions {
  /**
   * 'parameters' (default): U_b = exp(−iK(θ_b)) in each block, θ ∈ [−π, π]; shrinks
   * toward U = 1. 'haar': Haar inside each block from a seed integer through the
   * seeded generator; shrinks toward seed 0, which is a fixed Haar sample, not a simpler U.
   */
  readonly distribution?: 'parameters' | 'haar';
}

/**
 * Energy-conserving unitaries on S ⊗ E (order S then E) for fixed H_S and H_E
 * (energies or Hermitian matrices): block-diagonal in the degenerate blocks of
 * H_S⊗1 + 1⊗H_E (decided by sameLevel / TOL.degeneracy; non-diagonal inputs in
 * their eigenbases, rotated back), so [U, H_tot] = 0 (Eqs. 16–17).
 *
 * @throws QepInputError (fields HS, HE) on bad Hamiltonians, at construction.
 */
export function arbEnergyConservingUnitary(HS: HamiltonianInput, HE: HamiltonianInput, options: EnergyConservingUnitaryOptions = {}): fc.Arbitrary<CMatrix> {
  const structure = totalEnergyBlocks(HS, HE);
  if (options.distribution === 'haar') {
    return fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => randomEnergyConservingUnitary(createRng(seed), HS, HE));
  }
  const sizes = structure.blocks.map((b) => b.length);
  const total = sizes.reduce((a, b) => a + b * b, 0);
  return symmetricVector(total, Math.PI).map((theta) => {
    let a = 0;
    const blocks = sizes.map((k) => {
      const U = unitaryFromParameters(theta.slice(a, a + k * k), k);
      a += k * k;
      return U;
    });
    return energyConservingUnitaryFromBlocks(structure, blocks);
  });
}

// ---------------------------------------------------------------------------
// A whole thermal-operation instance (Eqs. 16–31), still a single map.

/** Options of {@link arbThermalOperation}. */
export interface ThermalOperationOptions {
  /** System dimension or range. Default { min: 2, max: 3 }. */
  readonly dimS?: DimensionSpec;
  /** Environment dimension or range. Default { min: 2, max: 3 }. */
  readonly dimE?: DimensionSpec;
  /** Rank of ρ_S. Default 'any'. */
  readonly rank?: RankKind;
  /** Inverse temperatures. Default arbBeta(). */
  readonly beta?: BetaOptions;
  /** Options of the system Hamiltonian (dimension excluded). Default: non-degenerate Bohr frequencies. */
  readonly hamiltonian?: Omit<HamiltonianOptions, 'dim'>;
}

/** One thermal-operation instance: ρ'_SE = U (ρ_S ⊗ ρ_E^eq(β)) U†. */
export interface ThermalOperationInstance {
  readonly HS: HamiltonianInstance;
  readonly HE: HamiltonianInstance;
  /** Energy-conserving unitary on S ⊗ E (blocks exp(−iK(θ_b))). */
  readonly U: CMatrix;
  readonly rhoS: CMatrix;
  readonly beta: number;
}

/**
 * A full thermal-operation instance without `.chain`: H_S from arbHamiltonian,
 * H_E from the same parametrisation as arbResonantEnvironment, ρ_S from
 * arbDensityMatrix, U energy conserving with θ vectors sized for the largest
 * dimensions, β from arbBeta. Shrinks toward the smallest dimensions, a diagonal
 * H_S with equal (repaired) gaps, the evenly spaced resonant H_E, U = 1, a
 * diagonal ρ_S and β = 0.
 *
 * @throws QepInputError on bad options.
 */
export function arbThermalOperation(options: ThermalOperationOptions = {}): fc.Arbitrary<ThermalOperationInstance> {
  const rS = dimRange(options.dimS ?? { min: 2, max: 3 }, 'dimS', 2);
  const rE = dimRange(options.dimE ?? { min: 2, max: 3 }, 'dimE', 2);
  const nOmegaMax = (rS.max * (rS.max - 1)) / 2;
  const N = rS.max * rE.max;
  return fc
    .record({
      HS: arbHamiltonian({ ...options.hamiltonian, dim: rS }),
      dE: arbDim(rE),
      first: fc.integer({ min: 0, max: nOmegaMax - 1 }),
      c: fc.array(fc.integer({ min: 0, max: nOmegaMax }), { minLength: rE.max - 2, maxLength: rE.max - 2 }),
      u: doubles(rE.max - 2, 0, 1),
      theta: symmetricVector(N * N, Math.PI),
      rhoS: fc.record({ kind: arbKind(options.rank ?? 'any', rS.min), p: arbSpectrumParams(rS.max), theta: unitaryParameters(rS.max) }),
      beta: arbBeta(options.beta),
    })
    .map(({ HS, dE, first, c, u, theta, rhoS, beta }) => {
      const dS = HS.energies.length;
      const nOmega = positiveBohrFrequencies(HS.energies).length;
      const gaps: EnvironmentGap[] = [{ bohr: first % nOmega }];
      // Index nOmegaMax means a free gap; other indices wrap onto this system's Bohr frequencies.
      for (let j = 0; j < dE - 2; j++) gaps.push(c[j] < nOmegaMax ? { bohr: c[j] % nOmega } : { free: 0.1 * 20 ** u[j] });
      const HE = resonantEnvironmentFromGaps(HS.energies, gaps);
      const structure = totalEnergyBlocks(HS.matrix, HE.matrix);
      let a = 0;
      const blocks = structure.blocks.map((b) => {
        const k = b.length;
        const U = unitaryFromParameters(theta.slice(a, a + k * k), k);
        a += k * k;
        return U;
      });
      const U = energyConservingUnitaryFromBlocks(structure, blocks);
      const rho = spectralSynthesis(unitaryFromParameters(rhoS.theta, dS), spectrumFor(rhoS.kind, dS, rhoS.p));
      return { HS, HE, U, rhoS: rho, beta };
    });
}

/** x to 6 decimals for counterexample reports (−0 shown as 0). */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6 || 0;

/**
 * A matrix for counterexample reports: entries to 6 decimals ({@link round6}), as a
 * real grid when the imaginary part rounds to 0, else `{ re, im }` (numpy-friendly).
 */
export function readableMatrix(A: CMatrix): number[][] | { re: number[][]; im: number[][] } {
  const j = matrixToJSON(A);
  const re = j.re.map((row) => row.map(round6));
  const im = j.im.map((row) => row.map(round6));
  return im.every((row) => row.every((x) => x === 0)) ? re : { re, im };
}
