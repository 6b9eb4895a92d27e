import fc from 'fast-check';
import { type CMatrix, fromDiagonal, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { matrixToJSON } from '../../src/numeric/linalg/json.js';
import { type BathSpec, type MultiBathGenerator, type SteadyState, multiBathGenerator, steadyState } from '../../src/numeric/dynamics/baths.js';

/**
 * Random several-baths instances for the claims of B1–B9, built with `.map` from
 * bounded doubles, so fast-check shrinks them to small readable instances (a qubit,
 * one bath at β = 0.2 with unit couplings, no dephasing, a pure state |0⟩⟨0| — the
 * lower end of every range).
 *
 * - d ∈ {2, 3, 4}; energies E_0 = 0 and gaps in [0.2, 2].
 * - K ∈ {1, 2, 3} baths, each at β_k ∈ [0.2, 5] with either symmetric couplings
 *   g_nm ∈ [0.2, 2] (`gamma`, the standard bath of Eq. 4) or an Ohmic spectral density
 *   (α ∈ [0.05, 1], ω_c ∈ [0.5, 5], s ∈ [0.5, 2]). Every bath connects all levels, so the
 *   steady state is unique (B3) and B8's "> 0 for different temperatures" applies.
 * - Optional pure dephasing γ_n ∈ [0, 1].
 * - The state, by kind: 'random' — ρ = G G†/tr(G G†) with G = [1_r | 0] + X, X entries in
 *   [−1, 1] and rank r ∈ {1, …, d} (pure, rank-deficient and full-rank states; shrinks to
 *   the maximally mixed state of the lowest r levels); 'steady' — ρ_ss; 'diagonal' —
 *   ρ's populations without its coherences.
 */

/** How the state of an instance is made. */
export type BathsStateKind = 'random' | 'steady' | 'diagonal';

/** The parameters an instance is built from (readable, and what `examples` give). */
export interface BathsParams {
  readonly gaps: readonly number[];
  readonly baths: readonly BathSpec[];
  readonly dephasing: readonly number[] | null;
  readonly kind: BathsStateKind;
  /** Rank of the random state, and the entries of X (re and im, d·d each). */
  readonly rank: number;
  readonly xr: readonly number[];
  readonly xi: readonly number[];
}

/** One random instance: its parameters, the generator, its steady state and the state ρ (energy basis). */
export interface BathsInstance {
  readonly params: BathsParams;
  readonly d: number;
  readonly K: number;
  readonly gen: MultiBathGenerator;
  readonly ss: SteadyState;
  readonly rho: CMatrix;
}

/**
 * A real uniform on [min, max], shrinking to min: a double of [1, 2] (where doubles are evenly
 * spaced, unlike fc.double on a range reaching 0, which favours tiny values) mapped affinely.
 */
const real = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min: 1, max: 2, noNaN: true }).map((u) => (u === 2 ? max : min + (max - min) * (u - 1)));
const reals = (n: number, min: number, max: number): fc.Arbitrary<number[]> => fc.array(real(min, max), { minLength: n, maxLength: n });
/** A real uniform on [−a, a], shrinking to 0. */
const signed = (a: number): fc.Arbitrary<number> => fc.tuple(fc.boolean(), real(0, a)).map(([neg, x]) => (neg ? -x : x));
const signeds = (n: number, a: number): fc.Arbitrary<number[]> => fc.array(signed(a), { minLength: n, maxLength: n });

function randomState(d: number, rank: number, xr: readonly number[], xi: readonly number[]): CMatrix {
  // G (d × rank) = [1_rank; 0] + X; ρ = G G† / tr.
  const gr = (n: number, j: number): number => (n === j ? 1 : 0) + xr[n * d + j];
  const gi = (n: number, j: number): number => xi[n * d + j];
  const R = zeros(d, d);
  let tr = 0;
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < d; m++) {
      let re = 0;
      let im = 0;
      for (let j = 0; j < rank; j++) {
        re += gr(n, j) * gr(m, j) + gi(n, j) * gi(m, j);
        im += gi(n, j) * gr(m, j) - gr(n, j) * gi(m, j);
      }
      R.re[n * d + m] = re;
      R.im[n * d + m] = im;
    }
    tr += R.re[n * d + n];
  }
  if (!(tr > 0)) return fromDiagonal(Array.from({ length: d }, (_, n) => (n === 0 ? 1 : 0)));
  for (let k = 0; k < d * d; k++) {
    R.re[k] /= tr;
    R.im[k] /= tr;
  }
  for (let n = 0; n < d; n++) R.im[n * d + n] = 0;
  return R;
}

/** Build an instance from its parameters (the arbitrary's map, and the `examples`). */
export function bathsInstance(params: BathsParams): BathsInstance {
  const d = params.gaps.length + 1;
  const energies = [0];
  for (const g of params.gaps) energies.push(energies[energies.length - 1] + g);
  const gen = multiBathGenerator({ energies, baths: params.baths, ...(params.dephasing ? { dephasing: params.dephasing } : {}) });
  const sigma = randomState(d, Math.min(params.rank, d), params.xr, params.xi);
  const ss = steadyState(gen, Array.from({ length: d }, (_, n) => sigma.re[n * d + n]));
  const rho = params.kind === 'random' ? sigma : params.kind === 'steady' ? fromDiagonal(ss.populations) : fromDiagonal(Array.from({ length: d }, (_, n) => sigma.re[n * d + n]));
  return { params, d, K: params.baths.length, gen, ss, rho };
}

function arbBath(d: number): fc.Arbitrary<BathSpec> {
  const pairs = (d * (d - 1)) / 2;
  const gamma = fc.record({ beta: real(0.2, 5), g: reals(pairs, 0.2, 2) }).map(({ beta, g }): BathSpec => {
    const G = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    let k = 0;
    for (let n = 0; n < d; n++) for (let m = n + 1; m < d; m++, k++) G[n][m] = G[m][n] = g[k];
    return { beta, gamma: G };
  });
  const ohmic = fc
    .record({ beta: real(0.2, 5), alpha: real(0.05, 1), cutoff: real(0.5, 5), exponent: real(0.5, 2) })
    .map(({ beta, alpha, cutoff, exponent }): BathSpec => ({ beta, spectralDensity: { kind: 'ohmic', alpha, cutoff, exponent } }));
  return fc.oneof(gamma, ohmic);
}

function arbForDim(d: number, kinds: readonly BathsStateKind[]): fc.Arbitrary<BathsInstance> {
  return fc
    .record({
      gaps: reals(d - 1, 0.2, 2),
      baths: fc.array(arbBath(d), { minLength: 1, maxLength: 3 }),
      dephasing: fc.option(reals(d, 0, 1), { nil: null }),
      kind: fc.constantFrom(...kinds),
      rank: fc.integer({ min: 1, max: d }),
      xr: signeds(d * d, 1),
      xi: signeds(d * d, 1),
    })
    .map(bathsInstance);
}

/** Random several-baths instances (see the module comment); `kinds` first is the shrink target. */
export function arbBathsInstance(options: { readonly dims?: readonly number[]; readonly kinds?: readonly BathsStateKind[] } = {}): fc.Arbitrary<BathsInstance> {
  const kinds = options.kinds ?? ['random', 'steady', 'diagonal'];
  return fc.oneof(...(options.dims ?? [2, 3, 4]).map((d) => arbForDim(d, kinds)));
}

const round = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);

/** A readable view of an instance for counterexample reports (6 significant digits). */
export function describeBathsInstance(i: BathsInstance): unknown {
  const rho = matrixToJSON(i.rho);
  const grid = (g: number[][]): number[][] => g.map((r) => r.map(round));
  return {
    energies: Array.from(i.gen.energies, round),
    baths: i.params.baths.map((b) => ({
      beta: round(b.beta),
      ...(b.gamma ? { gamma: grid(b.gamma as number[][]) } : {}),
      ...(b.spectralDensity
        ? { spectralDensity: { ...b.spectralDensity, alpha: round(b.spectralDensity.alpha), cutoff: round(b.spectralDensity.cutoff), exponent: round(b.spectralDensity.exponent) } }
        : {}),
    })),
    ...(i.params.dephasing ? { dephasing: i.params.dephasing.map(round) } : {}),
    kind: i.params.kind,
    rho: { re: grid(rho.re), im: grid(rho.im) },
    p_ss: Array.from(i.ss.populations, round),
  };
}
