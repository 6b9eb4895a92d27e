import { z } from 'zod';
import { QepInputError } from '../errors.js';
import { fromDiagonal, hermitianPart } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';
import { matrixFromJSON, matrixToJSON } from '../linalg/json.js';
import { fromBasis, toBasis } from '../quantum/basis.js';
import { assertDensityMatrix } from '../quantum/validate.js';
import { type BathSpec, type MultiBathGenerator, assembleMultiBath, bathSpecRates, multiBathQuantities, steadyState } from '../dynamics/baths.js';
import { type DaviesGenerator, readDephasing, readSpectrum } from '../dynamics/davies.js';
import { evolveDavies } from '../dynamics/daviesEvolution.js';
import { daviesStateFunctions } from '../dynamics/entropyProduction.js';
import { assertTimes } from '../dynamics/propagate.js';
import { finite, grid, matrix, numberList, parseShape } from './_internal/schema.js';

/**
 * The `davies` scenario of `qep eval` (the interop contract; README "davies").
 *
 * Input (a parsed JSON value):
 *
 *     { "model": "davies",
 *       "energies": [E_0 < E_1 < …]  |  "H": matrix (Hermitian, non-degenerate),
 *       "beta": β > 0, "rates": [[W(n|m)]] | "gamma": [[g_nm]] (symmetric)      (one bath)
 *       | "baths": [{"beta": β_k > 0, "rates" | "gamma" | "spectralDensity"}, …]  (B1),
 *       "dephasing"?: [γ_n],  "rho0": matrix,  "times": [t_0 ≤ t_1 ≤ …] }
 *
 * Matrices are `[[...]]` (real) or `{"re": [[...]], "im": [[...]]}`. `rates[n][m]`
 * is the rate of m → n in the energy basis (ascending energies); with `gamma`
 * the standard bath of Eq. 4 gives the rates; `spectralDensity` is
 * `{"kind": "ohmic", "alpha" ≥ 0, "cutoff" > 0, "exponent" ≥ 0}`, the standard bath
 * with g_nm = J(E_n − E_m). The top-level `beta` + `rates`/`gamma` is the one-bath
 * shorthand of `"baths": [{…}]`, with identical outputs. `rho0` and the output `rho` are
 * in the basis `H` is written in (the energy basis when `energies` is given); every
 * other output refers to the energy basis.
 *
 * Output: each key a list over `times` (unless said): `times`, `rho` ({re, im}),
 * `populations`, `S`, `C`, `Pi`, `Pi_d`, `Upsilon`, `Phi`, `dSdt` (totals), `Srel_ss`,
 * `Upsilon_deph`, `Pi_na`, `Pi_a`, and per bath (a list per time) `J`, `Pi_baths`,
 * `Pi_d_baths`, `Upsilon_baths`; `rho_ss` (one matrix, same basis as `rho`); with one
 * bath also `F`, `Srel`, `Srel_pop`. Numbers, +Infinity where a rate diverges (a
 * rank-deficient state with inflow into its kernel); never NaN.
 */
export interface DaviesBathsResult {
  readonly times: number[];
  readonly rho: { re: number[][]; im: number[][] }[];
  readonly populations: number[][];
  readonly S: number[];
  readonly C: number[];
  readonly Pi: number[];
  readonly Pi_d: number[];
  readonly Upsilon: number[];
  readonly Phi: number[];
  readonly dSdt: number[];
  readonly rho_ss: { re: number[][]; im: number[][] };
  readonly Srel_ss: number[];
  readonly J: number[][];
  readonly Pi_baths: number[][];
  readonly Pi_d_baths: number[][];
  readonly Upsilon_baths: number[][];
  readonly Upsilon_deph: number[];
  readonly Pi_na: number[];
  readonly Pi_a: number[];
}

/** The result with one bath: also F (Eq. 6), S(ρ‖ρ_eq) and S(p‖p_eq) (Eqs. 7, 9). */
export interface DaviesResult extends DaviesBathsResult {
  readonly F: number[];
  readonly Srel: number[];
  readonly Srel_pop: number[];
}

const positiveBeta = z.number({ error: 'a finite number > 0 (β = 1/T)' }).positive({ error: 'a finite number > 0 (β = 1/T)' });

/** One bath of the `baths` list; exactly one of the rate keys (checked with the other counts below). */
const bathSchema = z
  .object({
    beta: positiveBeta,
    rates: grid.optional(),
    gamma: grid.optional(),
    spectralDensity: z
      .object({
        kind: z.literal('ohmic'),
        alpha: finite.min(0, { error: 'a finite number ≥ 0 (coupling strength α)' }),
        cutoff: finite.positive({ error: 'a finite number > 0 (cutoff frequency ω_c)' }),
        exponent: finite.min(0, { error: 'a finite number ≥ 0 (exponent s)' }),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const given = (['rates', 'gamma', 'spectralDensity'] as const).filter((k) => b[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'given exactly one of "rates", "gamma", "spectralDensity"',
        params: { got: given.length === 0 ? 'none' : given.map((k) => `"${k}"`).join(' and ') },
      });
    }
  });

/** The shape of a `davies` scenario (the physics is checked after it). */
export const daviesScenarioSchema = z
  .object({
    model: z.literal('davies'),
    beta: z.number({ error: 'a finite number > 0 (β = 1/T; F = tr(Hρ) − S/β needs β > 0)' }).positive({ error: 'a finite number > 0 (β = 1/T; F = tr(Hρ) − S/β needs β > 0)' }).optional(),
    energies: numberList.optional(),
    H: matrix.optional(),
    rates: grid.optional(),
    gamma: grid.optional(),
    baths: z.array(bathSchema).min(1, { error: 'a non-empty list of baths' }).optional(),
    dephasing: numberList.optional(),
    rho0: matrix,
    times: numberList,
  })
  .strict();

/** A davies scenario after its shape has been checked. */
export type DaviesScenario = z.infer<typeof daviesScenarioSchema>;

/** The baths of a parsed scenario: `baths`, or the one-bath shorthand (errors then name the top-level keys). */
function bathsOf(s: DaviesScenario): { baths: BathSpec[]; prefix: (k: number) => string } {
  if (s.baths !== undefined) {
    for (const key of ['beta', 'rates', 'gamma'] as const) {
      if (s[key] !== undefined) throw new QepInputError(key, 'absent when "baths" is given (give each bath its own "beta" and rates)');
    }
    return { baths: s.baths, prefix: (k) => `baths[${k}].` };
  }
  if (s.beta === undefined) throw new QepInputError('beta', 'given (a required key of the davies scenario, or give "baths")');
  if ((s.rates === undefined) === (s.gamma === undefined)) {
    throw new QepInputError('rates', s.gamma === undefined ? 'given (or "gamma"): exactly one of "rates", "gamma"' : 'absent when "gamma" is given: exactly one of "rates", "gamma"');
  }
  return { baths: [{ beta: s.beta, rates: s.rates, gamma: s.gamma }], prefix: () => '' };
}

/** The generator of a parsed scenario (one bath or several). */
export function scenarioGenerator(s: DaviesScenario): MultiBathGenerator {
  const { baths, prefix } = bathsOf(s);
  if ((s.energies === undefined) === (s.H === undefined)) {
    throw new QepInputError('energies', s.H === undefined ? 'given (or "H"): exactly one of "energies", "H"' : 'absent when "H" is given: exactly one of "energies", "H"');
  }
  const spectrum = readSpectrum(s.energies !== undefined ? { energies: s.energies } : { H: matrixFromJSON(s.H, 'H') });
  const rates = baths.map((b, k) => ({ beta: b.beta, rates: bathSpecRates(spectrum.energies, b, prefix(k)) }));
  return assembleMultiBath(spectrum, rates, readDephasing(s.dephasing, spectrum.energies.length));
}

/**
 * Evaluate a `davies` scenario: check its shape (zod), then its physics, evolve with
 * the structured solver (summed rates), and compute every output key at every time.
 * @throws QepInputError naming the JSON path for: a non-object input, `model` ≠ "davies",
 *   a missing or extra key, wrong shapes, NaN/∞ entries, β ≤ 0, `baths` and the
 *   shorthand together, a bath with not exactly one of rates / gamma / spectralDensity,
 *   a negative spectral-density parameter, energies not ascending or degenerate,
 *   non-Hermitian `H`, negative rates, detailed balance broken at the bath's own β
 *   (with the residual), non-symmetric `gamma`, `rho0` not a density matrix (Hermitian,
 *   trace 1, PSD), `times` not finite, negative, or not ascending.
 * @example evaluateDavies({ model: 'davies', beta: 1, energies: [0, 1], gamma: [[0, 1], [1, 0]],
 *   rho0: [[0, 0], [0, 1]], times: [0, 1] }).populations[1]
 */
export function evaluateDavies(input: unknown): DaviesResult | DaviesBathsResult {
  const s = parseShape(daviesScenarioSchema, input, 'the davies scenario');
  const gen = scenarioGenerator(s);
  const d = gen.dim;
  const rho0 = matrixFromJSON(s.rho0, 'rho0');
  assertDensityMatrix(rho0, 'rho0', d);
  const times = s.times;
  assertTimes(times, 'times');

  const rhoE0 = hermitianPart(toBasis(rho0, gen.basis));
  const p0 = Float64Array.from({ length: d }, (_, n) => rhoE0.re[n * d + n]);
  const ss = steadyState(gen, p0);
  const states = evolveDavies(gen.total, rhoE0, times);
  const one = gen.baths.length === 1 ? (gen.total as DaviesGenerator) : null;
  const series = (): number[] => [];
  const out = {
    times: times.slice(),
    rho: [] as DaviesBathsResult['rho'],
    populations: [] as number[][],
    S: series(),
    ...(one ? { F: series(), Srel: series(), Srel_pop: series() } : {}),
    C: series(),
    Pi: series(),
    Pi_d: series(),
    Upsilon: series(),
    Phi: series(),
    dSdt: series(),
    rho_ss: matrixToJSON(hermitianPart(fromBasis(fromDiagonal(ss.populations), gen.basis))),
    Srel_ss: series(),
    J: [] as number[][],
    Pi_baths: [] as number[][],
    Pi_d_baths: [] as number[][],
    Upsilon_baths: [] as number[][],
    Upsilon_deph: series(),
    Pi_na: series(),
    Pi_a: series(),
  };
  for (const rho of states) {
    const eig = eigh(rho);
    const q = multiBathQuantities(gen, rho, ss, eig);
    out.rho.push(matrixToJSON(hermitianPart(fromBasis(rho, gen.basis))));
    out.populations.push(Array.from(q.populations));
    if (one && out.F && out.Srel && out.Srel_pop) {
      const f = daviesStateFunctions(one, rho, eig);
      out.F.push(f.F);
      out.Srel.push(f.Srel);
      out.Srel_pop.push(f.Srel_pop);
    }
    for (const key of ['S', 'C', 'Pi', 'Pi_d', 'Upsilon', 'Phi', 'dSdt', 'Srel_ss', 'Upsilon_deph', 'Pi_na', 'Pi_a'] as const) out[key].push(q[key]);
    for (const key of ['J', 'Pi_baths', 'Pi_d_baths', 'Upsilon_baths'] as const) out[key].push(q[key]);
  }
  return out;
}
