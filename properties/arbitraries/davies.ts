import fc from 'fast-check';
import { type CMatrix, adjoint, fromDiagonal, hermitianPart, mul, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { type DaviesGenerator, daviesGenerator } from '../../src/numeric/dynamics/index.js';
import { detailedBalanceRates, unitaryFromParameters } from '../../src/numeric/random/index.js';
import { arbHamiltonian } from './hamiltonians.js';
import { arbBeta, gridReal, gridReals, uniformDouble, uniformDoubles } from './numbers.js';
import { type CoherenceKind, arbDensityMatrix, decayingWeights } from './states.js';

/**
 * Random Davies instances for the claims of Eqs. 1–15, built with `.map` from
 * bounded integers/doubles (the shared arbitraries for the Hamiltonian, β and
 * the state), so fast-check shrinks them to small,
 * readable instances: a qubit, β = 0, unit couplings, no dephasing, a diagonal
 * maximally mixed state.
 *
 * - d ∈ {2, 3, 4, 5} (one record per dimension, joined by fc.oneof: shrinks to 2).
 * - Energies: ascending, gaps in [0.1, 2] (arbHamiltonian), with non-degenerate Bohr
 *   frequencies, or equally spaced (degenerate Bohr frequencies) when asked.
 * - β from arbBeta({max: 200}): 0, log-uniform down to 1e-6 (very high temperature,
 *   bosonic rates ~1e6) and up to β·ΔE ~ 2000 (very low temperature: Gibbs weights
 *   underflow to 0 and up-rates with them).
 * - Rates: couplings g_nm = e^{t}, t ∈ [−2, 2], a pair uncoupled (g = 0) when its cut
 *   parameter exceeds 0.85 (so some rate graphs are disconnected); the Glauber model
 *   (explicit `rates`, any β) or the standard bosonic bath of Eq. 4 (`gamma`, β > 0).
 * - Pure dephasing γ_n ∈ [0, 2] (shrinks to 0).
 * - The state ρ (energy basis), by kind:
 *   'random': arbDensityMatrix rank 'any' (full rank, rank-deficient, pure);
 *   'equilibrium': ρ_eq;
 *   'diagonal': (1 − λ) ρ_eq + λ |top⟩⟨top| (λ ∈ {1} ∪ [0.05, 1]): no coherence, populations off equilibrium;
 *   'equilibrium-populations': D^{1/2} [(1 − λ) 1 + λ |u⟩⟨u|] D^{1/2}, D = diag(p_eq), u_n = e^{iφ_n}
 *   (φ_n ∈ [−π, π], shrinking to 0): the Gibbs populations with coherences λ √(p_n p_m) e^{i(φ_n − φ_m)}.
 * - A time interval [a, b] in units of τ = 1/max_n(Γ_n + γ_n) (the fastest decay):
 *   a ∈ [0.01, 2] τ, b − a ∈ [0.01, 3] τ.
 */

/** How the state of an instance is made. */
export type DaviesStateKind = 'random' | 'equilibrium' | 'diagonal' | 'equilibrium-populations';

/** One random Davies instance. */
export interface DaviesInstance {
  readonly d: number;
  readonly energies: Float64Array;
  readonly beta: number;
  /** 'glauber': explicit rates; 'bosonic': the standard bath of Eq. 4 from `couplings`. */
  readonly model: 'glauber' | 'bosonic';
  /** Symmetric couplings g_nm (diagonal 0). */
  readonly couplings: number[][];
  readonly dephasing: number[];
  readonly gen: DaviesGenerator;
  readonly kind: DaviesStateKind;
  /** The state, in the energy basis. */
  readonly rho: CMatrix;
  /** A time interval [a, b], a > 0. */
  readonly a: number;
  readonly b: number;
}

/** Options of {@link arbDaviesInstance}. */
export interface DaviesInstanceOptions {
  /** State kinds to draw (the first is the shrink target). Default ['random', 'diagonal', 'equilibrium-populations', 'equilibrium']. */
  readonly kinds?: readonly DaviesStateKind[];
  /** 'generic' (default): non-degenerate Bohr frequencies; 'equal': equally spaced levels. */
  readonly spacing?: 'generic' | 'equal';
  /** Allow the bosonic bath (default true). */
  readonly bosonic?: boolean;
  /** Dimensions (default [2, 3, 4, 5]). */
  readonly dims?: readonly number[];
}

/** Grid of this section's reals: 2^20 steps (coarser than the shared default, so the instances read more easily). */
const RES = 2 ** 20;
/** A real in [min, max] on the grid ({@link gridReal}); shrinks to min. */
const real = (min: number, max: number): fc.Arbitrary<number> => gridReal(min, max, RES);
const reals = (n: number, min: number, max: number): fc.Arbitrary<number[]> => gridReals(n, min, max, RES);

function stateOf(kind: DaviesStateKind, gen: DaviesGenerator, sigma: CMatrix, phases: readonly number[], lambda: number): CMatrix {
  const d = gen.dim;
  switch (kind) {
    case 'random':
      return sigma;
    case 'equilibrium':
      return fromDiagonal(gen.peq);
    case 'diagonal': {
      const p = Array.from(gen.peq, (x) => (1 - lambda) * x);
      p[d - 1] += lambda;
      return fromDiagonal(p);
    }
    case 'equilibrium-populations': {
      // D^{1/2} [(1 − λ) 1 + λ |u⟩⟨u|] D^{1/2}, u_n = e^{iφ_n}: PSD, diagonal p_eq, coherences λ √(p_n p_m) e^{i(φ_n − φ_m)}.
      const R = zeros(d, d);
      for (let n = 0; n < d; n++) {
        for (let m = 0; m < d; m++) {
          const s = n === m ? gen.peq[n] : lambda * Math.sqrt(gen.peq[n] * gen.peq[m]);
          R.re[n * d + m] = n === m ? s : s * Math.cos(phases[n] - phases[m]);
          R.im[n * d + m] = n === m ? 0 : s * Math.sin(phases[n] - phases[m]);
        }
      }
      return R;
    }
  }
}

/** The numbers one Davies instance is built from (a draw of {@link arbDaviesInstance}, or an example). */
export interface DaviesDraw {
  /** Ascending energies (non-degenerate; equally spaced levels use `gap`). */
  readonly energies: ArrayLike<number>;
  /** Level spacing of the equally spaced variant. */
  readonly gap: number;
  readonly beta: number;
  readonly bosonic: boolean;
  /** ln g for each pair n < m, in row order, in [−2, 2]. */
  readonly t: readonly number[];
  /** A pair is uncoupled when its cut exceeds 0.85. */
  readonly cut: readonly number[];
  readonly deph: readonly number[];
  readonly kind: DaviesStateKind;
  /** The state of kind 'random' (energy basis). */
  readonly sigma: CMatrix;
  readonly phases: readonly number[];
  readonly lambda: number;
  /** a = x τ and b = (x + y) τ, τ the fastest decay time. */
  readonly x: number;
  readonly y: number;
}

/** The instance of a draw (`equal`: equally spaced levels from energies[0] by `gap`). */
export function buildDavies(r: DaviesDraw, equal = false): DaviesInstance {
  const d = r.energies.length;
  const energies = equal ? Float64Array.from({ length: d }, (_, n) => r.energies[0] + n * r.gap) : Float64Array.from(r.energies);
  const couplings = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  let k = 0;
  for (let n = 0; n < d; n++) {
    for (let m = n + 1; m < d; m++, k++) couplings[n][m] = couplings[m][n] = r.cut[k] > 0.85 ? 0 : Math.exp(r.t[k]);
  }
  const model = r.bosonic && r.beta > 0 ? 'bosonic' : 'glauber';
  const dephasing = [...r.deph];
  const gen =
    model === 'bosonic'
      ? daviesGenerator({ beta: r.beta, energies, gamma: couplings, dephasing })
      : daviesGenerator({ beta: r.beta, energies, rates: detailedBalanceRates(energies, r.beta, couplings, 'glauber'), dephasing });
  let fastest = 0;
  for (let n = 0; n < d; n++) fastest = Math.max(fastest, gen.escape[n] + gen.dephasing[n]);
  const tau = fastest > 0 ? 1 / fastest : 1;
  const rho = stateOf(r.kind, gen, r.sigma, r.phases, r.lambda);
  return { d, energies, beta: r.beta, model, couplings, dephasing, gen, kind: r.kind, rho, a: r.x * tau, b: (r.x + r.y) * tau };
}

function arbForDim(d: number, options: DaviesInstanceOptions): fc.Arbitrary<DaviesInstance> {
  const pairs = (d * (d - 1)) / 2;
  const kinds = options.kinds ?? ['random', 'diagonal', 'equilibrium-populations', 'equilibrium'];
  const equal = options.spacing === 'equal';
  return fc
    .record({
      H: arbHamiltonian({ dim: d, nondegenerateBohr: !equal }),
      gap: real(0.1, 2),
      beta: arbBeta({ max: 200 }),
      bosonic: options.bosonic === false ? fc.constant(false) : fc.boolean(),
      t: reals(pairs, -2, 2),
      cut: reals(pairs, 0, 1),
      deph: reals(d, 0, 2),
      kind: fc.constantFrom(...kinds),
      sigma: arbDensityMatrix({ dim: d, rank: 'any' }),
      phases: reals(d, -Math.PI, Math.PI),
      lambda: fc.oneof(fc.constant(1), real(0.05, 1)),
      x: real(0.01, 2),
      y: real(0.01, 3),
    })
    .map(({ H, ...rest }) => buildDavies({ ...rest, energies: H.energies }, equal));
}

/**
 * A Davies example: the draw's shrink target (β = 0, unit couplings, no dephasing, the
 * maximally mixed state of kind 'random', a = 0.01 τ, b = 0.02 τ) with `spec` on top.
 * Energies are given explicitly (ascending, non-degenerate Bohr frequencies unless `equal`).
 */
export function daviesExample(spec: Partial<DaviesDraw> & Pick<DaviesDraw, 'energies'>, equal = false): DaviesInstance {
  const d = spec.energies.length;
  const pairs = (d * (d - 1)) / 2;
  const base: DaviesDraw = {
    energies: spec.energies,
    gap: 0.1,
    beta: 0,
    bosonic: false,
    t: new Array<number>(pairs).fill(0),
    cut: new Array<number>(pairs).fill(0),
    deph: new Array<number>(d).fill(0),
    kind: 'random',
    sigma: fromDiagonal(new Array<number>(d).fill(1 / d)),
    phases: new Array<number>(d).fill(0),
    lambda: 1,
    x: 0.01,
    y: 0.01,
  };
  return buildDavies({ ...base, ...spec }, equal);
}

/** A real pure state |v⟩⟨v|, v_n ∝ n + 1: coherences between every pair of levels. */
function coherentPure(d: number): CMatrix {
  const v = Array.from({ length: d }, (_, n) => n + 1);
  const norm2 = v.reduce((acc, x) => acc + x * x, 0);
  const R = zeros(d, d);
  for (let n = 0; n < d; n++) for (let m = 0; m < d; m++) R.re[n * d + m] = (v[n] * v[m]) / norm2;
  return R;
}

/** A qubit (gap 1, β = 1, standard bath) in its excited state: off equilibrium, no coherence (Υ = 0, Π_d > 0). */
export function excitedQubitExample(): DaviesInstance {
  return daviesExample({ energies: [0, 1], beta: 1, bosonic: true, kind: 'diagonal', lambda: 1 });
}

/** A qubit (gap 1, β = 1, standard bath) in the pure state (|0⟩ + 2|1⟩)/√5: a coherence that the generator damps. */
export function coherentQubitExample(): DaviesInstance {
  return daviesExample({ energies: [0, 1], beta: 1, bosonic: true, sigma: coherentPure(2) });
}

/** A qubit (gap 1, β = 1) with the Gibbs populations and the largest coherence they allow (λ = 1, phase π/2): Π_d = 0, Υ > 0. */
export function gibbsPopulationsExample(): DaviesInstance {
  return daviesExample({ energies: [0, 1], beta: 1, bosonic: true, kind: 'equilibrium-populations', lambda: 1, phases: [0, Math.PI / 2] });
}

/**
 * Boundary cases of the Davies claims, tried before the random search (`equal`: equally
 * spaced levels, for the claim about degenerate Bohr frequencies): a pure state with
 * coherences (Π = +∞ where its kernel is fed), very low temperature (β·ΔE ≈ 700: Gibbs
 * weights near underflow), β = 0, a rank-deficient state, a disconnected rate graph with
 * pure dephasing, the equilibrium state, equilibrium populations with coherences, and a
 * diagonal state off equilibrium.
 */
export function daviesBoundaryExamples(equal = false): DaviesInstance[] {
  const e3 = [0, 0.7, 1.9];
  const e4 = [0, 0.4, 1.3, 2.5];
  const rankTwo = (): CMatrix => {
    // ½(|ψ⟩⟨ψ| + |2⟩⟨2|), ψ = (|0⟩ + i|1⟩)/√2: rank 2 of 3, with a coherence
    const R = zeros(3, 3);
    R.re[0] = R.re[4] = 0.25;
    R.im[1] = -0.25;
    R.im[3] = 0.25;
    R.re[8] = 0.5;
    return R;
  };
  // equally spaced variants: levels 0.6 apart
  const ex = (spec: Partial<DaviesDraw> & Pick<DaviesDraw, 'energies'>): DaviesInstance => daviesExample({ gap: 0.6, ...spec }, equal);
  return [
    ex({ energies: e3, beta: 1, bosonic: true, sigma: coherentPure(3), x: 0.5, y: 1 }),
    ex({ energies: e3, beta: 200, bosonic: true, kind: 'diagonal', lambda: 0.3, x: 1, y: 2 }),
    ex({ energies: e4, beta: 0, sigma: coherentPure(4), t: [1, -1, 0.5, -0.5, 2, -2], deph: [0, 1, 0, 2] }),
    ex({ energies: e3, beta: 2, sigma: rankTwo(), t: [0.3, -0.7, 1.2] }),
    ex({ energies: e4, beta: 0.5, bosonic: true, cut: [0, 0.9, 0.9, 0.9, 0.9, 0], deph: [0.5, 0, 1, 0], sigma: coherentPure(4) }),
    ex({ energies: e3, beta: 3, kind: 'equilibrium' }),
    ex({ energies: e3, beta: 3, bosonic: true, kind: 'equilibrium-populations', phases: [0, 1, -2], lambda: 0.8 }),
    ex({ energies: [0, 1], beta: 1e-6, bosonic: true, kind: 'diagonal', lambda: 1 }),
  ];
}

/** Random Davies instances (see the module comment). */
export function arbDaviesInstance(options: DaviesInstanceOptions = {}): fc.Arbitrary<DaviesInstance> {
  const dims = options.dims ?? [2, 3, 4, 5];
  return fc.oneof(...dims.map((d) => arbForDim(d, options)));
}

// ---------------------------------------------------------------------------
// The Davies limit of the thermal section (Eqs. 23–25 against 13–14).

/** A Davies qubit: gap ω, inverse temperature, standard-bath coupling g, pure dephasing γ, time t, initial state. */
export interface DaviesQubitInstance {
  readonly omega: number;
  readonly beta: number;
  readonly g: number;
  readonly dephasing: number;
  readonly t: number;
  readonly rho0: CMatrix;
  readonly state: CoherenceKind;
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
      state: fc.constantFrom<CoherenceKind>('coherent', 'diagonal', 'pure'),
      spectrum: uniformDoubles(2, 0, 1),
      basis: uniformDoubles(4, -Math.PI, Math.PI),
    })
    .map(({ u, v, w, dephasing, t, state, spectrum, basis }) => {
      const omega = 0.25 * 8 ** u;
      const beta = (1e-3 * 5e4 ** v) / omega;
      const d = fromDiagonal(decayingWeights(spectrum, 2, state === 'pure' ? 1 : 2));
      const V = unitaryFromParameters(basis, 2);
      const rho0 = state === 'diagonal' ? d : hermitianPart(mul(mul(V, d), adjoint(V)));
      return { omega, beta, g: 0.1 * 20 ** w, dephasing, t, rho0, state };
    });
}

/**
 * Boundary cases of the Davies limit, tried before the random search: a pure coherent
 * state near zero temperature (β·ω = 50) over the longest time with dephasing, the
 * highest temperature drawn (β·ω = 10⁻³) from the excited state, and a diagonal state at
 * the shortest time with the weakest coupling.
 */
export function daviesQubitBoundaryExamples(): DaviesQubitInstance[] {
  const pure = coherentPure(2);
  const excited = fromDiagonal([0, 1]);
  return [
    { omega: 2, beta: 25, g: 2, dephasing: 1, t: 5, rho0: pure, state: 'pure' },
    { omega: 0.25, beta: 1e-3 / 0.25, g: 0.1, dephasing: 0, t: 5, rho0: excited, state: 'pure' },
    { omega: 1, beta: 1, g: 0.1, dephasing: 0.5, t: 0.01, rho0: fromDiagonal([0.7, 0.3]), state: 'diagonal' },
  ];
}
