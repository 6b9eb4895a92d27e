import fc from 'fast-check';
import { type CMatrix, adjoint, fromDiagonal, fromReal, hermitianPart, identity, kron, mul } from '../../src/numeric/linalg/cmatrix.js';
import { QepInputError } from '../../src/numeric/errors.js';
import {
  type EnvironmentGap,
  energiesFromGaps,
  energyConservingUnitaryFromBlocks,
  positiveBohrFrequencies,
  resonantEnvironmentFromGaps,
  totalEnergyBlocks,
  unitaryFromParameters,
} from '../../src/numeric/random/index.js';
import { exchangeModel, partialSwap } from '../../src/numeric/thermal/index.js';
import { hermitianInBasis, isResonant } from './hamiltonians.js';
import { arbBetaDeltaE, arbDim, dimRange, uniformDouble, uniformDoubles } from './numbers.js';
import { type CoherenceKind, decayingWeights } from './states.js';
import { energyConservingUnitaryFromParameters, hermitianFromParameters, perBlock } from './unitaries.js';

/**
 * THE generator of thermal operations, for the claims of Eqs. 16–31 and the
 * trajectory claims of Eqs. 32–44 alike. It is built with `.map` from bounded
 * doubles, small integers and booleans (no `.chain`, no `.filter`), so
 * fast-check shrinks it toward a readable instance: two qubits with gap 0.25,
 * diagonal Hamiltonians, U = 1, a coherent ρ_S with equal weights (the
 * maximally mixed state) and β·ΔE = 0 (each field shrinks toward the first
 * option or the smallest value listed below).
 *
 * Distribution (one record, read according to `model`), and the options
 * ({@link ThermalOptions}) that shape it:
 * - `model` (weights 3 : 1 : 1 among `models`): 'random' (shrink target), 'partial-swap' (two resonant qubits,
 *   U = e^{−iθ(σ₊⊗σ₋ + σ₋⊗σ₊)}), or 'exchange' (one quantum between a system
 *   transition and a resonant mode: truncated oscillator or qudit ladder).
 * - d_S ∈ `dimS` (default 2–4), d_E ∈ `dimE` (default 2–6); the named models fix what they need.
 * - H_S: gaps in [0.25, 2] (0.25·8^u, or 0.25 + 1.75u on the coarse grid), repaired to Bohr
 *   frequencies ≥ 0.05 apart; or, with `ladder`, equally spaced (degenerate Bohr frequencies
 *   when d_S ≥ 3, the case where Eq. 20 does not apply).
 * - H_E (`environment`): resonant → the first gap is a Bohr frequency of S and later gaps are
 *   Bohr frequencies or free gaps; free → every gap is free, in [0.3, 1.8]. 'any' (default)
 *   draws both; 'resonant' only the first. Whether S and E end up resonant is *computed* from
 *   the spectra (`resonance`), never assumed.
 * - Both Hamiltonians optionally rotated to non-diagonal matrices by exp(−iK(θ)).
 * - U (model 'random'): exp(−iK_b(θ_b)) in each degenerate block of
 *   H_S⊗1 + 1⊗H_E, θ ∈ [−π, π] (reaches every energy-conserving U; shrinks to 1).
 * - ρ_S (`states`, the first listed is the shrink target): 'coherent' (full-rank spectrum
 *   ∝ e^{−20x}, eigenvectors exp(−iK(θ))|n⟩, nearly pure states included), 'diagonal' (same
 *   spectrum, in the energy basis: no coherence), 'pure' (exp(−iK(θ))|0⟩), 'deficient'
 *   (rank r ∈ [1, d_S − 1], coherent eigenvectors), 'near-degenerate' (coherent, eigenvalues
 *   in pairs a relative 10^{−e}, e ∈ [2, 8], apart).
 * - β·ΔE ∈ [0, `betaDeltaEMax`] (default 50), ΔE = E_max − E_min of S: uniform, log-uniform
 *   from 10⁻³, and the end points 0 and the maximum exactly; β = β·ΔE / ΔE.
 * - `grid` 'fine' (default): every real on a grid of 2³⁰ steps. 'coarse': every real u ∈ [0, 1]
 *   on 8 steps and every angle on steps of π/16, β·ΔE = 2^{k/4} ∈ [1/8, 8] (shrinking to 1):
 *   counterexamples of claims expected refuted then shrink to readable instances and cannot
 *   shrink to the edge of a tolerance.
 */

export type ThermalModelKind = 'random' | 'partial-swap' | 'exchange';

/** How ρ_S is drawn (see the module comment). */
export type ThermalStateKind = CoherenceKind | 'deficient' | 'near-degenerate';

/** Options of {@link arbThermalInstance}. */
export interface ThermalOptions {
  /** System dimensions, an inclusive range within 2–4. Default { min: 2, max: 4 }. */
  readonly dimS?: { readonly min: number; readonly max: number };
  /** Environment dimensions, an inclusive range within 2–6. Default { min: 2, max: 6 }. */
  readonly dimE?: { readonly min: number; readonly max: number };
  /** Models drawn (weights 3 : 1 : 1 for random, partial swap, exchange). Default all three. */
  readonly models?: readonly ThermalModelKind[];
  /** 'any' (default): resonant and free environments; 'resonant': the first gap of E is a Bohr frequency of S. */
  readonly environment?: 'any' | 'resonant';
  /** State kinds drawn; the first is the shrink target. Default every kind. */
  readonly states?: readonly ThermalStateKind[];
  /** Largest β·ΔE (default 50; beyond ≈ 745 Gibbs weights underflow to 0). */
  readonly betaDeltaEMax?: number;
  /** 'fine' (default) or 'coarse' (see the module comment). */
  readonly grid?: 'fine' | 'coarse';
}

/** One instance: ρ'_SE = U(ρ_S ⊗ ρ_E^eq(β))U†. */
export interface ThermalInstance {
  readonly model: ThermalModelKind;
  readonly state: ThermalStateKind;
  readonly dS: number;
  readonly dE: number;
  /** Energies of S and E (ascending for S; E in the order of its eigenbasis). */
  readonly energiesS: Float64Array;
  readonly energiesE: Float64Array;
  /** Whether some non-zero Bohr frequency of S equals a Bohr frequency of E (TOL.degeneracy). */
  readonly resonance: boolean;
  readonly rotated: boolean;
  readonly HS: CMatrix;
  readonly HE: CMatrix;
  readonly U: CMatrix;
  /**
   * An energy-conserving Hermitian V with the same block structure as U
   * (V_b = K_b(θ_b) in each degenerate block), for the printed-unitary claims.
   */
  readonly V: CMatrix;
  readonly rhoS: CMatrix;
  readonly beta: number;
  /** β·(E_max − E_min) of S. */
  readonly betaDeltaE: number;
}

const PI = Math.PI;
const MAX_DS = 4;
const MAX_DE = 6;
const MAX_N = MAX_DS * MAX_DE;
/** Steps of a coarse real in [0, 1], and of a coarse angle in [0, π]. */
const COARSE_STEPS = 8;
const COARSE_ANGLE_STEPS = 16;
const ALL_MODELS: readonly ThermalModelKind[] = ['random', 'partial-swap', 'exchange'];
const ALL_STATES: readonly ThermalStateKind[] = ['coherent', 'diagonal', 'pure', 'deficient', 'near-degenerate'];
const MODEL_WEIGHT: Readonly<Record<ThermalModelKind, number>> = { random: 3, 'partial-swap': 1, exchange: 1 };

/** The number grids of one `grid` option: reals in [0, 1], angles in [−π, π], β·ΔE. */
interface Grids {
  readonly units: (n: number) => fc.Arbitrary<number[]>;
  readonly angles: (n: number) => fc.Arbitrary<number[]>;
  readonly angle: fc.Arbitrary<number>;
  readonly betaDeltaE: fc.Arbitrary<number>;
  readonly coarse: boolean;
}

function gridsFor(grid: 'fine' | 'coarse', betaDeltaEMax: number): Grids {
  if (grid === 'fine') {
    return {
      units: (n) => uniformDoubles(n, 0, 1),
      angles: (n) => uniformDoubles(n, -PI, PI),
      angle: uniformDouble(-PI, PI),
      betaDeltaE: arbBetaDeltaE(betaDeltaEMax),
      coarse: false,
    };
  }
  const unit = fc.integer({ min: 0, max: COARSE_STEPS }).map((k) => k / COARSE_STEPS);
  const angle = fc.integer({ min: -COARSE_ANGLE_STEPS, max: COARSE_ANGLE_STEPS }).map((k) => (k * PI) / COARSE_ANGLE_STEPS);
  const kMax = Math.min(12, Math.floor(4 * Math.log2(betaDeltaEMax)));
  return {
    units: (n) => fc.array(unit, { minLength: n, maxLength: n }),
    angles: (n) => fc.array(angle, { minLength: n, maxLength: n }),
    angle,
    betaDeltaE: fc.integer({ min: -12, max: kMax }).map((k) => 2 ** (k / 4)),
    coarse: true,
  };
}

function checkedRange(r: { readonly min: number; readonly max: number } | undefined, fallback: { min: number; max: number }, top: number, field: string) {
  const v = dimRange(r ?? fallback, field, 2);
  if (v.max > top) throw new QepInputError(field, `a range within 2–${top}`, JSON.stringify(r));
  return v;
}

function rawRecord(options: ThermalOptions) {
  const models = options.models ?? ALL_MODELS;
  const states = options.states ?? ALL_STATES;
  if (models.length === 0) throw new QepInputError('models', 'a non-empty list', '[]');
  if (states.length === 0) throw new QepInputError('states', 'a non-empty list', '[]');
  const rS = checkedRange(options.dimS, { min: 2, max: MAX_DS }, MAX_DS, 'dimS');
  const rE = checkedRange(options.dimE, { min: 2, max: MAX_DE }, MAX_DE, 'dimE');
  const g = gridsFor(options.grid ?? 'fine', options.betaDeltaEMax ?? 50);
  return fc.noBias(
    fc.record({
      model: fc.oneof(...models.map((m) => ({ arbitrary: fc.constant(m), weight: MODEL_WEIGHT[m] }))),
      dS: arbDim(rS),
      dE: arbDim(rE),
      gapsS: g.units(MAX_DS - 1),
      ladder: fc.boolean(),
      resonant: options.environment === 'resonant' ? fc.constant(true) : fc.boolean(),
      envCodes: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: MAX_DE - 1, maxLength: MAX_DE - 1 }),
      envGaps: g.units(MAX_DE - 1),
      rotated: fc.boolean(),
      rotS: g.angles(MAX_DS * MAX_DS),
      rotE: g.angles(MAX_DE * MAX_DE),
      theta: g.angles(MAX_N * MAX_N),
      angle: g.angle,
      transition: fc.integer({ min: 0, max: 5 }),
      oscillator: fc.boolean(),
      state: fc.constantFrom(...states),
      spectrum: g.units(MAX_DS),
      near: fc.record({ gap: g.units(MAX_DS), exponent: g.units(1), rank: fc.integer({ min: 0, max: MAX_DS }) }),
      basisS: g.angles(MAX_DS * MAX_DS),
      betaDeltaE: g.betaDeltaE,
    }),
  ).map((r) => ({ ...r, coarse: g.coarse }));
}

/** The raw draw of one instance (every field a bounded number, boolean or option). */
export type ThermalDraw = ReturnType<typeof rawRecord> extends fc.Arbitrary<infer R> ? R : never;
type Raw = ThermalDraw;

/** U and V assembled block by block from θ (one K_b(θ_b) per degenerate block). */
function blockOperators(HS: CMatrix, HE: CMatrix, theta: readonly number[]): { U: CMatrix; V: CMatrix } {
  const structure = totalEnergyBlocks(HS, HE);
  return {
    U: energyConservingUnitaryFromParameters(structure, theta),
    V: hermitianPart(energyConservingUnitaryFromBlocks(structure, perBlock(structure, theta, hermitianFromParameters))),
  };
}

/** A gap in [0.25, 2] from u ∈ [0, 1]: 0.25·8^u (log-uniform), or 0.25 + 1.75u on the coarse grid (readable values). */
const systemGap = (u: number, coarse: boolean): number => (coarse ? 0.25 + 1.75 * u : 0.25 * 8 ** u);
/** A free environment gap in [0.3, 1.8] from u ∈ [0, 1]. */
const freeGap = (u: number, coarse: boolean): number => (coarse ? 0.3 + 1.5 * u : 0.3 * 6 ** u);

function systemEnergies(r: Raw, dS: number): Float64Array {
  const gaps = r.gapsS.slice(0, dS - 1).map((u) => systemGap(u, r.coarse));
  if (r.ladder) return energiesFromGaps(gaps.map(() => gaps[0]));
  return energiesFromGaps(gaps, { minBohrSeparation: 0.05 });
}

function environmentEnergies(r: Raw, eS: Float64Array, dE: number): Float64Array {
  if (!r.resonant) {
    const e = new Float64Array(dE);
    for (let j = 1; j < dE; j++) e[j] = e[j - 1] + freeGap(r.envGaps[j - 1], r.coarse);
    return e;
  }
  const nOmega = positiveBohrFrequencies(eS).length;
  const gaps: EnvironmentGap[] = [];
  for (let j = 0; j < dE - 1; j++) {
    const c = r.envCodes[j];
    gaps.push(j === 0 || c < 4 ? { bohr: c % nOmega } : { free: freeGap(r.envGaps[j], r.coarse) });
  }
  return resonantEnvironmentFromGaps(eS, gaps).energies;
}

/** The eigenvalues of ρ_S for its kind (see the module comment). */
function stateWeights(r: Raw, dS: number): number[] {
  switch (r.state) {
    case 'pure':
      return decayingWeights(r.spectrum, dS, 1);
    case 'deficient':
      return decayingWeights(r.spectrum, dS, 1 + (r.near.rank % (dS - 1)));
    case 'near-degenerate': {
      // pairs (2j, 2j + 1) with x_{2j+1} = x_{2j} + 10^{−e} y: eigenvalues a relative ≤ 20·10^{−e} apart, e ∈ [2, 8]
      const e = 2 + 6 * r.near.exponent[0];
      const x = r.spectrum.map((v, i) => (i % 2 === 1 ? r.spectrum[i - 1] + 10 ** -e * r.near.gap[i] : v));
      return decayingWeights(x, dS, dS);
    }
    default:
      return decayingWeights(r.spectrum, dS, dS);
  }
}

function statePrepared(r: Raw, dS: number, WS: CMatrix | null): CMatrix {
  const d = fromDiagonal(stateWeights(r, dS));
  let rho = r.state === 'diagonal' ? d : mul(mul(unitaryFromParameters(r.basisS, dS), d), adjoint(unitaryFromParameters(r.basisS, dS)));
  if (WS !== null) rho = mul(mul(WS, rho), adjoint(WS));
  return hermitianPart(rho);
}

function build(r: Raw): ThermalInstance {
  let dS = r.dS;
  let dE = r.dE;
  let eS: Float64Array;
  let eE: Float64Array;
  let U: CMatrix | null = null;
  if (r.model === 'partial-swap') {
    dS = 2;
    dE = 2;
    const omega = systemGap(r.gapsS[0], r.coarse);
    const m = partialSwap({ theta: r.angle, omega });
    eS = Float64Array.from([0, omega]);
    eE = Float64Array.from([0, omega]);
    U = m.U;
  } else if (r.model === 'exchange') {
    eS = systemEnergies(r, dS);
    const pairs: [number, number][] = [];
    for (let a = 0; a < dS; a++) for (let b = a + 1; b < dS; b++) pairs.push([a, b]);
    const m = exchangeModel({
      energiesS: Array.from(eS),
      transition: pairs[r.transition % pairs.length],
      dE,
      ladder: r.oscillator ? 'oscillator' : 'qudit',
      theta: r.angle,
    });
    eE = Float64Array.from({ length: dE }, (_, k) => m.HE.re[k * dE + k]);
    U = m.U;
  } else {
    eS = systemEnergies(r, dS);
    eE = environmentEnergies(r, eS, dE);
  }
  const WS = r.rotated ? unitaryFromParameters(r.rotS, dS) : null;
  const WE = r.rotated ? unitaryFromParameters(r.rotE, dE) : null;
  const HS = hermitianInBasis(eS, WS);
  const HE = hermitianInBasis(eE, WE);
  const ops = blockOperators(HS, HE, r.theta);
  if (U !== null && (WS !== null || WE !== null)) {
    // A named model's U is given in the product energy basis: rotate it with the Hamiltonians.
    const W = kron(WS ?? identity(dS), WE ?? identity(dE));
    U = mul(mul(W, U), adjoint(W));
  }
  const spread = eS[dS - 1] - eS[0];
  return {
    model: r.model,
    state: r.state,
    dS,
    dE,
    energiesS: eS,
    energiesE: eE,
    resonance: isResonant(eS, eE),
    rotated: r.rotated,
    HS,
    HE,
    U: U ?? ops.U,
    V: ops.V,
    rhoS: statePrepared(r, dS, WS),
    beta: r.betaDeltaE / spread,
    betaDeltaE: r.betaDeltaE,
  };
}

/** The fields of a draw that an example may set; arrays may be shorter than the draw's (the rest is 0). */
export type ThermalExampleSpec = Partial<Omit<ThermalDraw, 'near'>> & { readonly near?: Partial<ThermalDraw['near']> };

const padded = (xs: readonly number[] | undefined, n: number): number[] => Array.from({ length: n }, (_, k) => xs?.[k] ?? 0);

/**
 * A thermal example built by the generator's own builder: the draw's shrink target
 * (two qubits with gap 0.25, diagonal Hamiltonians, U = 1, the maximally mixed ρ_S,
 * β·ΔE = 0, fine grid) with `spec` on top. `rhoS`, when given, replaces the drawn state
 * (a full-rank coherent state the generator draws to within its grid): for a
 * counterexample whose state is quoted in the report.
 */
export function thermalExample(spec: ThermalExampleSpec, rhoS?: CMatrix): ThermalInstance {
  const r: Raw = {
    model: spec.model ?? 'random',
    dS: spec.dS ?? 2,
    dE: spec.dE ?? 2,
    gapsS: padded(spec.gapsS, MAX_DS - 1),
    ladder: spec.ladder ?? false,
    resonant: spec.resonant ?? false,
    envCodes: padded(spec.envCodes, MAX_DE - 1),
    envGaps: padded(spec.envGaps, MAX_DE - 1),
    rotated: spec.rotated ?? false,
    rotS: padded(spec.rotS, MAX_DS * MAX_DS),
    rotE: padded(spec.rotE, MAX_DE * MAX_DE),
    theta: padded(spec.theta, MAX_N * MAX_N),
    angle: spec.angle ?? 0,
    transition: spec.transition ?? 0,
    oscillator: spec.oscillator ?? false,
    state: spec.state ?? 'coherent',
    spectrum: padded(spec.spectrum, MAX_DS),
    near: { gap: padded(spec.near?.gap, MAX_DS), exponent: padded(spec.near?.exponent, 1), rank: spec.near?.rank ?? 0 },
    basisS: padded(spec.basisS, MAX_DS * MAX_DS),
    betaDeltaE: spec.betaDeltaE ?? 0,
    coarse: spec.coarse ?? false,
  };
  const i = build(r);
  return rhoS === undefined ? i : { ...i, rhoS };
}

/** Angles spread over [−π, π] (a fixed, irregular pattern): a generic unitary or basis for an example. */
export function spreadAngles(n: number, scale = 1): number[] {
  return Array.from({ length: n }, (_, k) => scale * PI * Math.sin(1.7 * k + 0.3));
}

/**
 * Boundary cases of the thermal claims, tried before the random search: a pure state near
 * zero temperature (β·ΔE = 50), infinite temperature (β = 0), equally spaced (degenerate
 * Bohr) levels with an oscillator exchange, a rank-deficient state, a near-degenerate
 * spectrum, the full swap (θ = π/2) of resonant qubits, a non-resonant environment, and the
 * largest dimensions.
 */
export function thermalBoundaryExamples(): ThermalInstance[] {
  const generic = { theta: spreadAngles(MAX_N * MAX_N, 0.9), basisS: spreadAngles(MAX_DS * MAX_DS, 0.7), spectrum: [0, 0.1, 0.3, 0.6] };
  return [
    thermalExample({ ...generic, dS: 3, dE: 3, resonant: true, state: 'pure', betaDeltaE: 50, rotated: true, rotS: spreadAngles(16, 0.5), rotE: spreadAngles(36, 0.4) }),
    thermalExample({ ...generic, dS: 3, dE: 4, resonant: true, state: 'coherent', betaDeltaE: 0 }),
    thermalExample({ ...generic, model: 'exchange', dS: 4, dE: 5, ladder: true, oscillator: true, transition: 1, angle: 1.1, state: 'coherent', betaDeltaE: 2 }),
    thermalExample({ ...generic, dS: 4, dE: 3, resonant: true, envCodes: [0, 1, 2], state: 'deficient', near: { rank: 1 }, betaDeltaE: 5 }),
    thermalExample({ ...generic, dS: 4, dE: 2, resonant: true, state: 'near-degenerate', near: { gap: [0, 0.5, 0, 0.5], exponent: [1] }, betaDeltaE: 1 }),
    thermalExample({ ...generic, model: 'partial-swap', gapsS: [2 / 3], angle: PI / 2, state: 'pure', betaDeltaE: 3 }),
    thermalExample({ ...generic, dS: 3, dE: 3, resonant: false, envGaps: [0.9, 0.2], state: 'diagonal', betaDeltaE: 10 }),
    thermalExample({ ...generic, dS: MAX_DS, dE: MAX_DE, resonant: true, envCodes: [0, 5, 1, 6, 2], state: 'coherent', betaDeltaE: 20, rotated: true, rotS: spreadAngles(16), rotE: spreadAngles(36) }),
  ];
}

/**
 * Eq. 30's counterexample: two resonant qubits (gap 1), the partial swap
 * U = e^{−iπ/4(σ₊⊗σ₋ + σ₋⊗σ₊)}, E in its ground state (β·ΔE = 50), ρ_S = [[0.8, 0.3], [0.3, 0.2]]:
 * C_cc = −0.0374.
 */
export function resonantPartialSwapExample(): ThermalInstance {
  return thermalExample({ model: 'partial-swap', gapsS: [2 / 3], angle: PI / 4, betaDeltaE: 50 }, fromReal([
    [0.8, 0.3],
    [0.3, 0.2],
  ]));
}

/**
 * Printed Eq. 16 (no i) on a Gibbs state: a qubit of gap 0.25 at β·ΔE = 1 in ρ_S = ρ_S^eq (the
 * diagonal state with decay exponents 0 and β·ΔE/20), V = 0, t = 2. The renormalised
 * e^{−Ht} cools it to β + 2t: Σ = −S(ρ'_S‖ρ_S^eq) ≈ −0.067, and Σ M†M ≠ 1.
 */
export function printedGibbsExample(): PrintedInstance {
  return { base: thermalExample({ state: 'diagonal', spectrum: [0, 1 / 20], betaDeltaE: 1 }), t: 2 };
}

/** Random thermal-operation instances (see the module comment for the distribution and the options). @throws QepInputError on bad options. */
export function arbThermalInstance(options: ThermalOptions = {}): fc.Arbitrary<ThermalInstance> {
  return rawRecord(options).map(build);
}

/** An instance of the printed Eq. (16) form: the thermal instance's H_S, H_E, V, ρ_S, β, and a time t ∈ [0, 2]. */
export interface PrintedInstance {
  readonly base: ThermalInstance;
  readonly t: number;
}

/** Instances for the printed U = e^{−(H_S+H_E+V)t}; t shrinks to 0 (where the printed form is harmless). */
export function arbPrintedInstance(options: ThermalOptions = {}): fc.Arbitrary<PrintedInstance> {
  return fc.record({ r: rawRecord(options), t: uniformDouble(0, 2) }).map(({ r, t }) => ({ base: build(r), t }));
}
