import { QepInputError } from '../errors.js';
import { hermitianPart } from '../linalg/cmatrix.js';
import { matrixFromJSON, matrixToJSON } from '../linalg/json.js';
import { fromBasis, toBasis } from '../quantum/basis.js';
import { assertDensityMatrix } from '../quantum/validate.js';
import { type DaviesSpec, daviesGenerator } from '../dynamics/davies.js';
import { evolveDavies } from '../dynamics/daviesEvolution.js';
import { daviesQuantities } from '../dynamics/entropyProduction.js';
import { assertTimes } from '../dynamics/propagate.js';

/**
 * The `davies` scenario of `qep eval` (the interop contract, DESIGN.md decision 6).
 *
 * Input (a parsed JSON value):
 *
 *     { "model": "davies", "beta": β > 0,
 *       "energies": [E_0 < E_1 < …]  |  "H": matrix (Hermitian, non-degenerate),
 *       "rates": [[W(n|m)]]  |  "gamma": [[g_nm]] (symmetric),
 *       "dephasing"?: [γ_n],  "rho0": matrix,  "times": [t_0 ≤ t_1 ≤ …] }
 *
 * Matrices are `[[...]]` (real) or `{"re": [[...]], "im": [[...]]}`. `rates[n][m]`
 * is the rate of m → n in the energy basis (ascending energies); with `gamma`
 * the standard bath of Eq. 4 gives the rates. `rho0` and the output `rho` are in
 * the basis `H` is written in (the energy basis when `energies` is given); every
 * other output refers to the energy basis. β must be > 0: F = tr(Hρ) − S/β has no
 * finite value at β = 0.
 *
 * Output: each key a list over `times`: `times`, `rho` ({re, im}), `populations`,
 * `S`, `F`, `Srel`, `Srel_pop`, `C`, `Pi`, `Pi_d`, `Upsilon`, `Phi`, `dSdt` —
 * numbers, +Infinity where a rate diverges (a rank-deficient state with inflow
 * into its kernel); never NaN.
 */
export interface DaviesResult {
  readonly times: number[];
  readonly rho: { re: number[][]; im: number[][] }[];
  readonly populations: number[][];
  readonly S: number[];
  readonly F: number[];
  readonly Srel: number[];
  readonly Srel_pop: number[];
  readonly C: number[];
  readonly Pi: number[];
  readonly Pi_d: number[];
  readonly Upsilon: number[];
  readonly Phi: number[];
  readonly dSdt: number[];
}

const KEYS = ['model', 'beta', 'energies', 'H', 'rates', 'gamma', 'dephasing', 'rho0', 'times'] as const;

function numberList(value: unknown, field: string): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new QepInputError(field, 'a non-empty list of numbers', Array.isArray(value) ? 'an empty list' : describe(value));
  }
  value.forEach((x: unknown, i: number) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new QepInputError(`${field}[${i}]`, 'a finite number', describe(x));
  });
  return value as number[];
}

function realGrid(value: unknown, field: string): number[][] {
  if (!Array.isArray(value)) throw new QepInputError(field, 'a real matrix [[...]]', describe(value));
  const A = matrixFromJSON(value, field);
  return Array.from({ length: A.rows }, (_, i) => Array.from(A.re.subarray(i * A.cols, (i + 1) * A.cols)));
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'number') return String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  return typeof x;
}

/**
 * Evaluate a `davies` scenario: validate, evolve with the structured solver, and
 * compute every output key at every time.
 * @throws QepInputError naming the field for: a non-object input, `model` ≠ "davies",
 *   a missing or extra key, wrong shapes, NaN/∞ entries, β ≤ 0 or non-finite,
 *   energies not ascending or degenerate, non-Hermitian `H`, negative rates,
 *   detailed-balance violation, non-symmetric `gamma`, `rho0` not a density matrix
 *   (Hermitian, trace 1, PSD), `times` not finite, negative, or not ascending.
 * @example evaluateDavies({ model: 'davies', beta: 1, energies: [0, 1], gamma: [[0, 1], [1, 0]],
 *   rho0: [[0, 0], [0, 1]], times: [0, 1] }).populations[1]
 */
export function evaluateDavies(input: unknown): DaviesResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new QepInputError('scenario', 'a JSON object', describe(input));
  }
  const obj = input as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new QepInputError(key, `absent: not a key of the davies scenario (keys: ${KEYS.join(', ')})`);
    }
  }
  if (obj.model !== 'davies') throw new QepInputError('model', '"davies"', describe(obj.model));
  for (const key of ['beta', 'rho0', 'times'] as const) {
    if (obj[key] === undefined) throw new QepInputError(key, 'given (a required key of the davies scenario)');
  }
  const beta = obj.beta;
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta <= 0) {
    throw new QepInputError('beta', 'a finite number > 0 (β = 1/T; F = tr(Hρ) − S/β needs β > 0)', describe(beta));
  }
  if ((obj.energies === undefined) === (obj.H === undefined)) {
    throw new QepInputError('energies', obj.H === undefined ? 'given (or "H"): exactly one of "energies", "H"' : 'absent when "H" is given: exactly one of "energies", "H"');
  }
  if ((obj.rates === undefined) === (obj.gamma === undefined)) {
    throw new QepInputError('rates', obj.gamma === undefined ? 'given (or "gamma"): exactly one of "rates", "gamma"' : 'absent when "gamma" is given: exactly one of "rates", "gamma"');
  }
  const spec: { -readonly [K in keyof DaviesSpec]: DaviesSpec[K] } = { beta };
  if (obj.energies !== undefined) spec.energies = numberList(obj.energies, 'energies');
  else spec.H = matrixFromJSON(obj.H, 'H');
  if (obj.rates !== undefined) spec.rates = realGrid(obj.rates, 'rates');
  else spec.gamma = realGrid(obj.gamma, 'gamma');
  if (obj.dephasing !== undefined) spec.dephasing = numberList(obj.dephasing, 'dephasing');
  const gen = daviesGenerator(spec);
  const d = gen.dim;

  const rho0 = matrixFromJSON(obj.rho0, 'rho0');
  assertDensityMatrix(rho0, 'rho0', d);
  const times = numberList(obj.times, 'times');
  assertTimes(times, 'times');

  const rhoE0 = toBasis(rho0, gen.basis);
  const states = evolveDavies(gen, hermitianPart(rhoE0), times);
  const out: DaviesResult = {
    times: times.slice(),
    rho: [],
    populations: [],
    S: [],
    F: [],
    Srel: [],
    Srel_pop: [],
    C: [],
    Pi: [],
    Pi_d: [],
    Upsilon: [],
    Phi: [],
    dSdt: [],
  };
  for (const rho of states) {
    const q = daviesQuantities(gen, rho);
    out.rho.push(matrixToJSON(hermitianPart(fromBasis(rho, gen.basis))));
    out.populations.push(Array.from(q.populations));
    out.S.push(q.S);
    out.F.push(q.F);
    out.Srel.push(q.Srel);
    out.Srel_pop.push(q.Srel_pop);
    out.C.push(q.C);
    out.Pi.push(q.Pi);
    out.Pi_d.push(q.Pi_d);
    out.Upsilon.push(q.Upsilon);
    out.Phi.push(q.Phi);
    out.dSdt.push(q.dSdt);
  }
  return out;
}
