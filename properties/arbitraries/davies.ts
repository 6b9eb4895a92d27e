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
    .map(({ H, gap, beta, bosonic, t, cut, deph, kind, sigma, phases, lambda, x, y }) => {
      const energies = equal ? Float64Array.from({ length: d }, (_, n) => H.energies[0] + n * gap) : H.energies;
      const couplings = Array.from({ length: d }, () => new Array<number>(d).fill(0));
      let k = 0;
      for (let n = 0; n < d; n++) {
        for (let m = n + 1; m < d; m++, k++) couplings[n][m] = couplings[m][n] = cut[k] > 0.85 ? 0 : Math.exp(t[k]);
      }
      const model = bosonic && beta > 0 ? 'bosonic' : 'glauber';
      const gen =
        model === 'bosonic'
          ? daviesGenerator({ beta, energies, gamma: couplings, dephasing: deph })
          : daviesGenerator({ beta, energies, rates: detailedBalanceRates(energies, beta, couplings, 'glauber'), dephasing: deph });
      let fastest = 0;
      for (let n = 0; n < d; n++) fastest = Math.max(fastest, gen.escape[n] + gen.dephasing[n]);
      const tau = fastest > 0 ? 1 / fastest : 1;
      const rho = stateOf(kind, gen, sigma, phases, lambda);
      return { d, energies, beta, model, couplings, dephasing: deph, gen, kind, rho, a: x * tau, b: (x + y) * tau } as DaviesInstance;
    });
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
