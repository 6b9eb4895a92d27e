import { QepInputError } from '../errors.js';
import { type CMatrix, fromDiagonal, hermitianPart, spectralSynthesis } from '../linalg/cmatrix.js';
import { matrixToJSON } from '../linalg/json.js';
import {
  type Rng,
  randomEnergyConservingUnitary,
  energyConservingUnitaryFromBlocks,
  ginibre,
  haarUnitary,
  randomHamiltonian,
  randomPureState,
  randomRates,
  randomResonantEnvironment,
  randomStateOfRank,
  totalEnergyBlocks,
} from '../random/index.js';
import { SCENARIO_TOL, sameLevel } from '../tolerance.js';
import { MAX_THERMAL_DIMENSION } from './thermal.js';

export { scenarioLabel, stateLabel } from './_internal/label.js';

/** A complex matrix as scenario JSON writes it (`matrixToJSON`). */
export interface MatrixJSONObject {
  re: number[][];
  im: number[][];
}

/** A generated `davies` scenario: exactly the input of `qep eval` (keys in the README's order). */
export interface DaviesScenarioJSON {
  model: 'davies';
  beta: number;
  /** Ascending energies (when `H` is absent). */
  energies?: number[];
  /** A Hermitian H with a non-degenerate spectrum (when `energies` is absent). */
  H?: MatrixJSONObject;
  /** rates[n][m] = W(n|m), detailed balanced (when `gamma` is absent). */
  rates?: number[][];
  /** Symmetric standard-bath couplings (when `rates` is absent). */
  gamma?: number[][];
  dephasing?: number[];
  rho0: MatrixJSONObject;
  /** t_0 = 0 < t_1 < … */
  times: number[];
}

/** A generated `thermal-operation` scenario: exactly the input of `qep eval`. */
export interface ThermalScenarioJSON {
  model: 'thermal-operation';
  beta: number;
  HS: MatrixJSONObject;
  HE: MatrixJSONObject;
  rhoS: MatrixJSONObject;
  /** An energy-conserving unitary on S⊗E (when `V` is absent). */
  U?: MatrixJSONObject;
  /** A Hermitian interaction commuting with H_S⊗1 + 1⊗H_E, with `t` (when `U` is absent). */
  V?: MatrixJSONObject;
  t?: number;
}

/** The models {@link generateScenario} draws. */
export type GeneratedModel = 'davies' | 'thermal-operation';

/** How the initial state is drawn: Hilbert–Schmidt mixed, pure plus weight 1e-6–1e-4 elsewhere, or Haar pure. */
export type StateKind = 'mixed' | 'nearly-pure' | 'pure';

/** An inclusive integer range [min, max]. */
export type IntRange = readonly [number, number];

/**
 * Options of {@link generateScenario}. Ranges are inclusive; a variant left
 * unset is drawn at random (probabilities in brackets).
 */
export interface GenerateScenarioOptions {
  /** davies: range of the dimension d. Default [2, 4]. */
  readonly dim?: IntRange;
  /** thermal-operation: range of d_S. Default [2, 3]. */
  readonly dimS?: IntRange;
  /** thermal-operation: range of d_E. Default [2, 4]. */
  readonly dimE?: IntRange;
  /** Range of β (uniform, rounded to 4 decimals). Default [0.3, 2.5]. */
  readonly beta?: readonly [number, number];
  /** davies: number of times, t_0 = 0 included. Default 8. */
  readonly times?: number;
  /** Initial state (mixed ½, nearly pure ¼, pure ¼). */
  readonly state?: StateKind;
  /** davies: `energies` (⅔) or a Haar-rotated Hermitian `H` (⅓). */
  readonly hamiltonian?: 'energies' | 'H';
  /** davies: detailed-balanced `rates` (½, Glauber or bosonic) or standard-bath `gamma` (½). */
  readonly bath?: 'rates' | 'gamma';
  /** davies: add pure `dephasing` rates (½). */
  readonly dephasing?: boolean;
  /** thermal-operation: Haar `U` inside the degenerate blocks (⅔), or `V` and `t` (⅓). */
  readonly unitary?: 'U' | 'V';
}

/**
 * Total energies of S⊗E are either one level (`sameLevel`, TOL.degeneracy) or at
 * least this far apart (relative to max(1, |E|)), so that an independent
 * implementation using any degeneracy tolerance from 1e-9 to 1e-4 finds the same
 * blocks and the same dephasing. Environments violating it are redrawn.
 */
export const RESOLVED_LEVEL_SEPARATION = SCENARIO_TOL.resolvedLevelSeparation;

/** Redraws of the environment before {@link RESOLVED_LEVEL_SEPARATION} is given up. */
const MAX_ENVIRONMENT_DRAWS = 200;

const DEFAULTS = {
  dim: [2, 4] as IntRange,
  dimS: [2, 3] as IntRange,
  dimE: [2, 4] as IntRange,
  beta: [0.3, 2.5] as const,
  times: 8,
};

/** Round to `digits` decimals (parameters only: readable JSON, exactly re-read). */
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.uniform();
}

function intIn(rng: Rng, [lo, hi]: IntRange): number {
  return lo + rng.int(hi - lo + 1);
}

function checkRange(field: string, range: IntRange, min: number): void {
  const [lo, hi] = range;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= min && hi >= lo)) {
    throw new QepInputError(field, `integers [min, max] with ${min} ≤ min ≤ max`, `[${lo}, ${hi}]`);
  }
}

function checkBetaRange(range: readonly [number, number]): void {
  const [lo, hi] = range;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo > 0 && hi >= lo)) {
    throw new QepInputError('beta', 'a range [min, max] with 0 < min ≤ max, finite', `[${lo}, ${hi}]`);
  }
}

/** A draw of the variant `forced`, or `a` with probability p, else `b`. */
function pick<T>(rng: Rng, forced: T | undefined, p: number, a: T, b: T): T {
  const u = rng.uniform(); // drawn even when forced: the other draws do not depend on the options
  return forced ?? (u < p ? a : b);
}

/** A d×d density matrix of the given kind. */
function drawState(rng: Rng, d: number, kind: StateKind): CMatrix {
  if (kind === 'pure') return hermitianPart(randomPureState(rng, d));
  if (kind === 'mixed') return hermitianPart(randomStateOfRank(rng, d, d));
  // Nearly pure: weight ε ∈ [1e-6, 1e-4] (log-uniform) spread over the other d − 1 eigenvectors.
  const eps = 10 ** uniform(rng, -6, -4);
  const w = Array.from({ length: d - 1 }, () => 0.1 + rng.uniform());
  const sw = w.reduce((a, b) => a + b, 0);
  const small = w.map((x) => (eps * x) / sw);
  const spectrum = [1 - small.reduce((a, b) => a + b, 0), ...small];
  return hermitianPart(spectralSynthesis(haarUnitary(rng, d), spectrum));
}

function drawStateKind(rng: Rng, forced: StateKind | undefined): StateKind {
  const u = rng.uniform();
  return forced ?? (u < 0.5 ? 'mixed' : u < 0.75 ? 'nearly-pure' : 'pure');
}

/** Ascending energies E_0 = 0 with gaps ≥ 0.1 and pairwise distinct Bohr frequencies, 6 decimals. */
function drawEnergies(rng: Rng, d: number): number[] {
  return Array.from(randomHamiltonian(rng, d).energies, (e) => round(e, 6));
}

/** H = V diag(E) V† with V Haar, exactly Hermitian. */
function rotated(rng: Rng, energies: readonly number[]): CMatrix {
  return hermitianPart(spectralSynthesis(haarUnitary(rng, energies.length), energies));
}

function generateDavies(rng: Rng, options: GenerateScenarioOptions): DaviesScenarioJSON {
  const dimRange = options.dim ?? DEFAULTS.dim;
  checkRange('dim', dimRange, 2);
  const betaRange = options.beta ?? DEFAULTS.beta;
  checkBetaRange(betaRange);
  const nTimes = options.times ?? DEFAULTS.times;
  if (!(Number.isInteger(nTimes) && nTimes >= 1)) throw new QepInputError('times', 'an integer ≥ 1', String(nTimes));

  const d = intIn(rng, dimRange);
  const beta = round(uniform(rng, betaRange[0], betaRange[1]), 4);
  const hamiltonian = pick(rng, options.hamiltonian, 2 / 3, 'energies' as const, 'H' as const);
  const bath = pick(rng, options.bath, 0.5, 'rates' as const, 'gamma' as const);
  const dephasing = pick(rng, options.dephasing, 0.5, true, false);
  const stateKind = drawStateKind(rng, options.state);

  const energies = drawEnergies(rng, d);
  // Keys in the README's order: model, beta, energies | H, rates | gamma, dephasing, rho0, times.
  const ordered: Partial<DaviesScenarioJSON> = { model: 'davies', beta };
  if (hamiltonian === 'energies') ordered.energies = energies;
  else ordered.H = matrixToJSON(rotated(rng, energies));
  if (bath === 'rates') {
    const model = rng.uniform() < 0.5 ? 'glauber' : 'bosonic';
    ordered.rates = randomRates(rng, energies, beta, model);
  } else {
    const g = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let n = 0; n < d; n++) {
      for (let m = n + 1; m < d; m++) g[n][m] = g[m][n] = round(uniform(rng, 0.05, 0.6), 6);
    }
    ordered.gamma = g;
  }
  if (dephasing) ordered.dephasing = Array.from({ length: d }, () => round(uniform(rng, 0, 0.25), 6));
  ordered.rho0 = matrixToJSON(drawState(rng, d, stateKind));
  // t_0 = 0, then steps of (½ to 1½) × horizon/(n − 1), horizon uniform in [2, 8].
  const horizon = uniform(rng, 2, 8);
  const times = [0];
  for (let k = 1; k < nTimes; k++) times.push(round(times[k - 1] + (horizon / (nTimes - 1)) * (0.5 + rng.uniform()), 6));
  ordered.times = times;
  return ordered as DaviesScenarioJSON;
}

/** True when every two total energies are one level or at least {@link RESOLVED_LEVEL_SEPARATION} apart (relative). */
function resolved(energiesS: readonly number[], energiesE: ArrayLike<number>): boolean {
  const total: number[] = [];
  for (const e of energiesS) for (let mu = 0; mu < energiesE.length; mu++) total.push(e + energiesE[mu]);
  total.sort((a, b) => a - b);
  for (let i = 1; i < total.length; i++) {
    const [a, b] = [total[i - 1], total[i]];
    if (!sameLevel(a, b) && b - a < RESOLVED_LEVEL_SEPARATION * Math.max(1, Math.abs(a), Math.abs(b))) return false;
  }
  return true;
}

function generateThermal(rng: Rng, options: GenerateScenarioOptions): ThermalScenarioJSON {
  const dimSRange = options.dimS ?? DEFAULTS.dimS;
  const dimERange = options.dimE ?? DEFAULTS.dimE;
  checkRange('dimS', dimSRange, 2);
  checkRange('dimE', dimERange, 2);
  if (dimSRange[1] * dimERange[1] > MAX_THERMAL_DIMENSION) {
    throw new QepInputError('dimE', `such that max d_S · max d_E ≤ ${MAX_THERMAL_DIMENSION}`, `${dimSRange[1]}·${dimERange[1]}`);
  }
  const betaRange = options.beta ?? DEFAULTS.beta;
  checkBetaRange(betaRange);

  const dS = intIn(rng, dimSRange);
  const dE = intIn(rng, dimERange);
  const beta = round(uniform(rng, betaRange[0], betaRange[1]), 4);
  const unitary = pick(rng, options.unitary, 2 / 3, 'U' as const, 'V' as const);
  const stateKind = drawStateKind(rng, options.state);
  // System levels: an equally spaced ladder (degenerate Bohr frequencies, so some α_nm are null) or generic.
  const ladder = rng.uniform() < 0.25;
  const rotateS = rng.uniform() < 0.25;
  const rotateE = rng.uniform() < 0.25;

  let energiesS: number[];
  if (ladder) {
    const gap = round(uniform(rng, 0.3, 1.5), 6);
    energiesS = Array.from({ length: dS }, (_, k) => round(k * gap, 6));
  } else {
    energiesS = drawEnergies(rng, dS);
  }
  let energiesE: number[] | undefined;
  for (let attempt = 0; attempt < MAX_ENVIRONMENT_DRAWS && energiesE === undefined; attempt++) {
    const candidate = Array.from(randomResonantEnvironment(rng, energiesS, dE).energies, (e) => round(e, 6));
    if (resolved(energiesS, candidate)) energiesE = candidate;
  }
  if (energiesE === undefined) {
    throw new QepInputError('dimE', `small enough that a resonant environment with levels ${RESOLVED_LEVEL_SEPARATION} apart is found in ${MAX_ENVIRONMENT_DRAWS} draws`, dE);
  }
  const HS = rotateS ? rotated(rng, energiesS) : fromDiagonal(energiesS);
  const HE = rotateE ? rotated(rng, energiesE) : fromDiagonal(energiesE);
  const scenario: ThermalScenarioJSON = {
    model: 'thermal-operation',
    beta,
    HS: matrixToJSON(HS),
    HE: matrixToJSON(HE),
    rhoS: matrixToJSON(drawState(rng, dS, stateKind)),
  };
  if (unitary === 'U') {
    scenario.U = matrixToJSON(randomEnergyConservingUnitary(rng, HS, HE));
  } else {
    // V = W (⊕_b V_b) W†, V_b = (G + G†)/2 with G Ginibre: Hermitian and commuting with H_S⊗1 + 1⊗H_E.
    const structure = totalEnergyBlocks(HS, HE);
    const blocks = structure.blocks.map((idx) => {
      const G = ginibre(rng, idx.length);
      return hermitianPart(G);
    });
    scenario.V = matrixToJSON(hermitianPart(energyConservingUnitaryFromBlocks(structure, blocks)));
    scenario.t = round(uniform(rng, 0.2, 2), 6);
  }
  return scenario;
}

/**
 * A seeded random valid scenario in the input format of `qep eval`
 * (`evaluateScenario`, the interop contract), for golden fixtures.
 *
 * - `davies` (Eqs. 1–15): d levels with gaps ≥ 0.1 and distinct Bohr frequencies;
 *   `energies` or a Haar-rotated `H`; detailed-balanced `rates` (Eq. 4; Glauber or
 *   bosonic) or symmetric `gamma`; optional `dephasing`; `rho0` mixed, nearly pure
 *   or pure; times t_0 = 0 < t_1 < … up to a horizon of 2–8.
 * - `thermal-operation` (Eqs. 16–44): H_S generic or an equally spaced ladder
 *   (diagonal or rotated), H_E resonant with H_S (its first gap a system Bohr
 *   frequency, so U moves population); `U` Haar inside each degenerate block of
 *   H_S⊗1 + 1⊗H_E (Eq. 17), or a block-diagonal Hermitian `V` with `t`; `rhoS`
 *   mixed, nearly pure or pure. Total energies are degenerate or
 *   {@link RESOLVED_LEVEL_SEPARATION} apart.
 *
 * Free parameters (β, times, couplings, energies) are rounded to 4–6 decimals for
 * readable files; states, unitaries and rates are written at full precision.
 * Matrices are `{"re", "im"}`. Same rng state and options, same scenario.
 *
 * @throws QepInputError naming the option for a bad range (`dim`, `dimS`, `dimE`,
 *   `beta`, `times`) or d_S·d_E above MAX_THERMAL_DIMENSION.
 * @example evaluateScenario(generateScenario('davies', createRng(7), { state: 'pure' })).Pi[0] // Infinity
 */
export function generateScenario(model: 'davies', rng: Rng, options?: GenerateScenarioOptions): DaviesScenarioJSON;
export function generateScenario(model: 'thermal-operation', rng: Rng, options?: GenerateScenarioOptions): ThermalScenarioJSON;
export function generateScenario(model: GeneratedModel, rng: Rng, options?: GenerateScenarioOptions): DaviesScenarioJSON | ThermalScenarioJSON;
export function generateScenario(model: GeneratedModel, rng: Rng, options: GenerateScenarioOptions = {}): DaviesScenarioJSON | ThermalScenarioJSON {
  if (model === 'davies') return generateDavies(rng, options);
  if (model === 'thermal-operation') return generateThermal(rng, options);
  throw new QepInputError('model', '"davies" or "thermal-operation"', JSON.stringify(model) ?? typeof model);
}
