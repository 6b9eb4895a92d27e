import fc from 'fast-check';
import { type CMatrix, adjoint, fromDiagonal, hermitianPart, mul, zeros } from '../../src/numeric/linalg/cmatrix.js';
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
import { sameLevel } from '../../src/numeric/tolerance.js';
import { readableMatrix, round6, uniformDouble } from '../arbitraries.js';

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
 *   Bohr frequencies or free gaps (as arbitraries.ts does); otherwise every gap is
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
export type StateKind = 'coherent' | 'diagonal' | 'pure';

/** One instance: ρ'_SE = U(ρ_S ⊗ ρ_E^eq(β))U†. */
export interface ThermalInstance {
  readonly model: ThermalModelKind;
  readonly state: StateKind;
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

function doubles(n: number, min: number, max: number): fc.Arbitrary<number[]> {
  return fc.array(uniformDouble(min, max), { minLength: n, maxLength: n });
}

/** β·ΔE in [0, 50]: uniform, log-uniform from 1e-3, and exactly 0 and 50. Shrinks to 0. */
export function arbBetaDeltaE(max = 50): fc.Arbitrary<number> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: uniformDouble(0, max), weight: 3 },
    { arbitrary: uniformDouble(-3, Math.log10(max)).map((t) => Math.min(10 ** t, max)), weight: 3 },
    { arbitrary: fc.constant(0), weight: 1 },
    { arbitrary: fc.constant(max), weight: 1 },
  );
}

/** The Hermitian K(θ) of unitaryFromParameters: K_jj = θ_j, K_jk = θ_a + iθ_{a+1} (j < k). */
function hermitianFromParameters(theta: readonly number[], n: number): CMatrix {
  const K = zeros(n, n);
  let a = 0;
  for (let j = 0; j < n; j++) K.re[j * n + j] = theta[a++];
  for (let j = 0; j < n; j++) {
    for (let k = j + 1; k < n; k++) {
      K.re[j * n + k] = theta[a];
      K.im[j * n + k] = theta[a + 1];
      K.re[k * n + j] = theta[a];
      K.im[k * n + j] = -theta[a + 1];
      a += 2;
    }
  }
  return K;
}

function rotate(energies: ArrayLike<number>, W: CMatrix | null): CMatrix {
  const D = fromDiagonal(energies);
  return W === null ? D : hermitianPart(mul(mul(W, D), adjoint(W)));
}

/** Whether a non-zero Bohr frequency of S equals a Bohr frequency of E (then H_S⊗1 + 1⊗H_E has blocks joining different system levels). */
export function isResonant(energiesS: ArrayLike<number>, energiesE: ArrayLike<number>): boolean {
  const wS = positiveBohrFrequencies(energiesS);
  const wE = positiveBohrFrequencies(energiesE);
  return wS.some((a) => wE.some((b) => sameLevel(a, b)));
}

const raw = fc.noBias(fc.record({
  model: fc.oneof(
    { arbitrary: fc.constant<ThermalModelKind>('random'), weight: 3 },
    { arbitrary: fc.constant<ThermalModelKind>('partial-swap'), weight: 1 },
    { arbitrary: fc.constant<ThermalModelKind>('exchange'), weight: 1 },
  ),
  dS: fc.integer({ min: 2, max: MAX_DS }),
  dE: fc.integer({ min: 2, max: MAX_DE }),
  gapsS: doubles(MAX_DS - 1, 0, 1),
  ladder: fc.boolean(),
  resonant: fc.boolean(),
  envCodes: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: MAX_DE - 1, maxLength: MAX_DE - 1 }),
  envGaps: doubles(MAX_DE - 1, 0, 1),
  rotated: fc.boolean(),
  rotS: doubles(MAX_DS * MAX_DS, -PI, PI),
  rotE: doubles(MAX_DE * MAX_DE, -PI, PI),
  theta: doubles(MAX_N * MAX_N, -PI, PI),
  angle: uniformDouble(-PI, PI),
  transition: fc.integer({ min: 0, max: 5 }),
  oscillator: fc.boolean(),
  state: fc.constantFrom<StateKind>('coherent', 'diagonal', 'pure'),
  spectrum: doubles(MAX_DS, 0, 1),
  basisS: doubles(MAX_DS * MAX_DS, -PI, PI),
  betaDeltaE: arbBetaDeltaE(),
}));
type Raw = typeof raw extends fc.Arbitrary<infer R> ? R : never;

/** U and V assembled block by block from θ (one K_b(θ_b) per degenerate block). */
function blockOperators(HS: CMatrix, HE: CMatrix, theta: readonly number[]): { U: CMatrix; V: CMatrix } {
  const structure = totalEnergyBlocks(HS, HE);
  let a = 0;
  const us: CMatrix[] = [];
  const ks: CMatrix[] = [];
  for (const b of structure.blocks) {
    const k = b.length;
    const t = theta.slice(a, a + k * k);
    a += k * k;
    us.push(unitaryFromParameters(t, k));
    ks.push(hermitianFromParameters(t, k));
  }
  return { U: energyConservingUnitaryFromBlocks(structure, us), V: hermitianPart(energyConservingUnitaryFromBlocks(structure, ks)) };
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
  const w = Array.from({ length: dS }, (_, i) => (r.state === 'pure' ? (i === 0 ? 1 : 0) : Math.exp(-20 * r.spectrum[i])));
  const s = w.reduce((a, b) => a + b, 0);
  const d = fromDiagonal(w.map((x) => x / s));
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
  const HS = rotate(eS, WS);
  const HE = rotate(eE, WE);
  const ops = blockOperators(HS, HE, r.theta);
  if (U !== null && (WS !== null || WE !== null)) {
    // A named model's U is given in the product energy basis: rotate it with the Hamiltonians.
    const W = kronOrIdentity(WS, WE, dS, dE);
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

function kronOrIdentity(WS: CMatrix | null, WE: CMatrix | null, dS: number, dE: number): CMatrix {
  const a = WS ?? fromDiagonal(new Array<number>(dS).fill(1));
  const b = WE ?? fromDiagonal(new Array<number>(dE).fill(1));
  const N = dS * dE;
  const out = zeros(N, N);
  for (let i = 0; i < dS; i++) {
    for (let j = 0; j < dS; j++) {
      const xr = a.re[i * dS + j];
      const xi = a.im[i * dS + j];
      for (let k = 0; k < dE; k++) {
        for (let l = 0; l < dE; l++) {
          const yr = b.re[k * dE + l];
          const yi = b.im[k * dE + l];
          out.re[(i * dE + k) * N + j * dE + l] = xr * yr - xi * yi;
          out.im[(i * dE + k) * N + j * dE + l] = xr * yi + xi * yr;
        }
      }
    }
  }
  return out;
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

/** A Davies qubit: gap ω, inverse temperature, standard-bath coupling g, pure dephasing γ, time t, initial state. */
export interface DaviesQubitInstance {
  readonly omega: number;
  readonly beta: number;
  readonly g: number;
  readonly dephasing: number;
  readonly t: number;
  readonly rho0: CMatrix;
  readonly state: StateKind;
}

/**
 * Davies qubits: ω = 0.25·8^u ∈ [0.25, 2], β·ω ∈ (0, 50] (the standard bath needs β > 0:
 * β·ω = 10⁻³·5·10⁴^v), g = 0.1·20^w ∈ [0.1, 2], γ ∈ [0, 1], t ∈ [0.01, 5], and a
 * coherent, diagonal or pure initial state in the energy basis.
 */
export function arbDaviesQubit(): fc.Arbitrary<DaviesQubitInstance> {
  return fc
    .record({
      u: uniformDouble(0, 1),
      v: uniformDouble(0, 1),
      w: uniformDouble(0, 1),
      dephasing: uniformDouble(0, 1),
      t: uniformDouble(0.01, 5),
      state: fc.constantFrom<StateKind>('coherent', 'diagonal', 'pure'),
      spectrum: doubles(2, 0, 1),
      basis: doubles(4, -PI, PI),
    })
    .map(({ u, v, w, dephasing, t, state, spectrum, basis }) => {
      const omega = 0.25 * 8 ** u;
      const beta = (1e-3 * 5e4 ** v) / omega;
      const weights = state === 'pure' ? [1, 0] : spectrum.map((x) => Math.exp(-20 * x));
      const s = weights[0] + weights[1];
      const d = fromDiagonal(weights.map((x) => x / s));
      const V = unitaryFromParameters(basis, 2);
      const rho0 = state === 'diagonal' ? d : hermitianPart(mul(mul(V, d), adjoint(V)));
      return { omega, beta, g: 0.1 * 20 ** w, dephasing, t, rho0, state };
    });
}

/** A readable view of a thermal instance (6 decimals; the Hamiltonians as energies when diagonal). */
export function describeThermal(i: ThermalInstance): unknown {
  return {
    model: i.model,
    state: i.state,
    dS: i.dS,
    dE: i.dE,
    resonance: i.resonance,
    betaDeltaE: round6(i.betaDeltaE),
    beta: round6(i.beta),
    HS: i.rotated ? readableMatrix(i.HS) : Array.from(i.energiesS, round6),
    HE: i.rotated ? readableMatrix(i.HE) : Array.from(i.energiesE, round6),
    rhoS: readableMatrix(i.rhoS),
    U: readableMatrix(i.U),
  };
}

/** A readable view of a printed-form instance. */
export function describePrinted(p: PrintedInstance): unknown {
  const { U: _U, ...rest } = describeThermal(p.base) as Record<string, unknown>;
  return { ...rest, V: readableMatrix(p.base.V), t: round6(p.t) };
}

/** A readable view of a Davies qubit instance. */
export function describeDavies(d: DaviesQubitInstance): unknown {
  return {
    omega: round6(d.omega),
    beta: round6(d.beta),
    g: round6(d.g),
    dephasing: round6(d.dephasing),
    t: round6(d.t),
    state: d.state,
    rho0: readableMatrix(d.rho0),
  };
}
