import fc from 'fast-check';
import { type CMatrix, adjoint, fromDiagonal, hermitianPart, identity, kron, mul, spectralSynthesis } from '../../src/numeric/linalg/cmatrix.js';
import {
  type EnvironmentGap,
  type HamiltonianInstance,
  energiesFromGaps,
  energyConservingUnitaryFromBlocks,
  positiveBohrFrequencies,
  resonantEnvironmentFromGaps,
  totalEnergyBlocks,
  unitaryFromParameters,
} from '../../src/numeric/random/index.js';
import { exchangeModel, partialSwap } from '../../src/numeric/thermal/index.js';
import { type HamiltonianOptions, arbHamiltonian, hermitianInBasis, isResonant } from './hamiltonians.js';
import { type BetaOptions, type DimensionSpec, arbBeta, arbBetaDeltaE, arbDim, dimRange, gridReals, symmetricVector, uniformDouble, uniformDoubles } from './numbers.js';
import { type CoherenceKind, type RankKind, arbRankKind, arbSpectrumParams, decayingWeights, spectrumFor } from './states.js';
import { energyConservingUnitaryFromParameters, hermitianFromParameters, perBlock, unitaryParameters } from './unitaries.js';

/**
 * Random thermal operations for the claims of Eqs. 16–31, built with `.map`
 * from bounded doubles, small integers and booleans (no `.chain`, no
 * `.filter`), so fast-check shrinks them toward a readable instance: two
 * qubits with gap 0.25, diagonal Hamiltonians, U = 1, a diagonal ρ_S and β = 0
 * (each field shrinks toward the first option or the smallest value listed below).
 *
 * Distribution (one record, read according to `model`):
 * - `model` (weights 3 : 1 : 1): 'random' (shrink target), 'partial-swap' (two resonant qubits,
 *   U = e^{−iθ(σ₊⊗σ₋ + σ₋⊗σ₊)}), or 'exchange' (one quantum between a system
 *   transition and a resonant mode: truncated oscillator or qudit ladder).
 * - d_S ∈ {2, 3, 4}, d_E ∈ {2, …, 6} (the named models fix what they need).
 * - H_S: gaps 0.25·8^u ∈ [0.25, 2], repaired to Bohr frequencies ≥ 0.05 apart;
 *   or, with `ladder`, equally spaced (degenerate Bohr frequencies when d_S ≥ 3,
 *   the case where Eq. 20 does not apply).
 * - H_E: `resonant` → the first gap is a Bohr frequency of S and later gaps are
 *   Bohr frequencies or free gaps (as arbThermalOperation does); otherwise every gap is
 *   free, 0.3·6^u. Whether S and E end up resonant is *computed* from the spectra
 *   (`resonance`), never assumed.
 * - Both Hamiltonians optionally rotated to non-diagonal matrices by exp(−iK(θ)).
 * - U (model 'random'): exp(−iK_b(θ_b)) in each degenerate block of
 *   H_S⊗1 + 1⊗H_E, θ ∈ [−π, π] (reaches every energy-conserving U; shrinks to 1).
 * - ρ_S: 'coherent' (full-rank spectrum ∝ e^{−20x}, eigenvectors exp(−iK(θ))|n⟩,
 *   nearly pure states included), 'diagonal' (same spectrum, in the energy
 *   basis: no coherence), or 'pure' (exp(−iK(θ))|0⟩).
 * - β·ΔE ∈ [0, 50], ΔE = E_max − E_min of S: uniform, log-uniform from 10⁻³,
 *   and the end points 0 and 50 exactly.
 */

export type ThermalModelKind = 'random' | 'partial-swap' | 'exchange';

/** One instance: ρ'_SE = U(ρ_S ⊗ ρ_E^eq(β))U†. */
export interface ThermalInstance {
  readonly model: ThermalModelKind;
  readonly state: CoherenceKind;
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

const raw = fc.noBias(fc.record({
  model: fc.oneof(
    { arbitrary: fc.constant<ThermalModelKind>('random'), weight: 3 },
    { arbitrary: fc.constant<ThermalModelKind>('partial-swap'), weight: 1 },
    { arbitrary: fc.constant<ThermalModelKind>('exchange'), weight: 1 },
  ),
  dS: fc.integer({ min: 2, max: MAX_DS }),
  dE: fc.integer({ min: 2, max: MAX_DE }),
  gapsS: uniformDoubles(MAX_DS - 1, 0, 1),
  ladder: fc.boolean(),
  resonant: fc.boolean(),
  envCodes: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: MAX_DE - 1, maxLength: MAX_DE - 1 }),
  envGaps: uniformDoubles(MAX_DE - 1, 0, 1),
  rotated: fc.boolean(),
  rotS: uniformDoubles(MAX_DS * MAX_DS, -PI, PI),
  rotE: uniformDoubles(MAX_DE * MAX_DE, -PI, PI),
  theta: uniformDoubles(MAX_N * MAX_N, -PI, PI),
  angle: uniformDouble(-PI, PI),
  transition: fc.integer({ min: 0, max: 5 }),
  oscillator: fc.boolean(),
  state: fc.constantFrom<CoherenceKind>('coherent', 'diagonal', 'pure'),
  spectrum: uniformDoubles(MAX_DS, 0, 1),
  basisS: uniformDoubles(MAX_DS * MAX_DS, -PI, PI),
  betaDeltaE: arbBetaDeltaE(),
}));
type Raw = typeof raw extends fc.Arbitrary<infer R> ? R : never;

/** U and V assembled block by block from θ (one K_b(θ_b) per degenerate block). */
function blockOperators(HS: CMatrix, HE: CMatrix, theta: readonly number[]): { U: CMatrix; V: CMatrix } {
  const structure = totalEnergyBlocks(HS, HE);
  return {
    U: energyConservingUnitaryFromParameters(structure, theta),
    V: hermitianPart(energyConservingUnitaryFromBlocks(structure, perBlock(structure, theta, hermitianFromParameters))),
  };
}

function systemEnergies(r: Raw, dS: number): Float64Array {
  const gaps = r.gapsS.slice(0, dS - 1).map((u) => 0.25 * 8 ** u);
  if (r.ladder) return energiesFromGaps(gaps.map(() => gaps[0]));
  return energiesFromGaps(gaps, { minBohrSeparation: 0.05 });
}

function environmentEnergies(r: Raw, eS: Float64Array, dE: number): Float64Array {
  if (!r.resonant) {
    const e = new Float64Array(dE);
    for (let j = 1; j < dE; j++) e[j] = e[j - 1] + 0.3 * 6 ** r.envGaps[j - 1];
    return e;
  }
  const nOmega = positiveBohrFrequencies(eS).length;
  const gaps: EnvironmentGap[] = [];
  for (let j = 0; j < dE - 1; j++) {
    const c = r.envCodes[j];
    gaps.push(j === 0 || c < 4 ? { bohr: c % nOmega } : { free: 0.3 * 6 ** r.envGaps[j] });
  }
  return resonantEnvironmentFromGaps(eS, gaps).energies;
}

function statePrepared(r: Raw, dS: number, WS: CMatrix | null): CMatrix {
  const d = fromDiagonal(decayingWeights(r.spectrum, dS, r.state === 'pure' ? 1 : dS));
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
    const omega = 0.25 * 8 ** r.gapsS[0];
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

/** Random thermal-operation instances (see the module comment for the distribution). */
export function arbThermalInstance(): fc.Arbitrary<ThermalInstance> {
  return raw.map(build);
}

/** An instance of the printed Eq. (16) form: the thermal instance's H_S, H_E, V, ρ_S, β, and a time t ∈ [0, 2]. */
export interface PrintedInstance {
  readonly base: ThermalInstance;
  readonly t: number;
}

/** Instances for the printed U = e^{−(H_S+H_E+V)t}; t shrinks to 0 (where the printed form is harmless). */
export function arbPrintedInstance(): fc.Arbitrary<PrintedInstance> {
  return fc.record({ r: raw, t: uniformDouble(0, 2) }).map(({ r, t }) => ({ base: build(r), t }));
}

// ---------------------------------------------------------------------------
// The thermal operations of the trajectory claims (Eqs. 32–44).

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
 * H_E resonant with S (its first gap a Bohr frequency of S, later gaps Bohr frequencies or free gaps), ρ_S from
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
      u: gridReals(rE.max - 2, 0, 1),
      theta: symmetricVector(N * N, Math.PI),
      rhoS: fc.record({ kind: arbRankKind(options.rank ?? 'any', rS.min), p: arbSpectrumParams(rS.max), theta: unitaryParameters(rS.max) }),
      beta: arbBeta(options.beta),
    })
    .map(({ HS, dE, first, c, u, theta, rhoS, beta }) => {
      const dS = HS.energies.length;
      const nOmega = positiveBohrFrequencies(HS.energies).length;
      const gaps: EnvironmentGap[] = [{ bohr: first % nOmega }];
      // Index nOmegaMax means a free gap; other indices wrap onto this system's Bohr frequencies.
      for (let j = 0; j < dE - 2; j++) gaps.push(c[j] < nOmegaMax ? { bohr: c[j] % nOmega } : { free: 0.1 * 20 ** u[j] });
      const HE = resonantEnvironmentFromGaps(HS.energies, gaps);
      const U = energyConservingUnitaryFromParameters(totalEnergyBlocks(HS.matrix, HE.matrix), theta);
      const rho = spectralSynthesis(unitaryFromParameters(rhoS.theta, dS), spectrumFor(rhoS.kind, dS, rhoS.p));
      return { HS, HE, U, rhoS: rho, beta };
    });
}
