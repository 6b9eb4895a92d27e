import fc from 'fast-check';
import { eigh } from '../numeric/linalg/eigh.js';
import { matrixFromJSON, matrixToJSON } from '../numeric/linalg/json.js';
import { gibbsState } from '../numeric/quantum/gibbs.js';
import { type Rng, createRng } from '../numeric/random/index.js';
import { type DaviesScenarioJSON, type IntRange, type ThermalScenarioJSON, generateScenario } from '../numeric/scenario/generate.js';
import type { ConformModel } from './shape.js';

/**
 * Scenarios for `qep conform`: a fast-check arbitrary over the options and the
 * seed of the scenario generator (`generateScenario`), so that a failing
 * scenario shrinks the way a reader wants it small. fast-check shrinks each
 * field toward its first value: the lowest dimension, the fewest times, the
 * simplest state (mixed before pure, nearly pure and Gibbs), `energies` before
 * a rotated `H`, the standard bath before explicit rates, no dephasing, and
 * seed 0. The scenario is exactly what `generateScenario` draws for those
 * options and seed (its draws do not depend on the options), except for the
 * state kind `gibbs`, which replaces `rho0` by e^{−βH}/Z (Eq. 7) so that the
 * Gibbs state is tested as a fixed point (Eq. 2).
 */

/** How the initial state is chosen; the first shrinks best. */
export const STATE_KINDS = ['mixed', 'pure', 'nearly-pure', 'gibbs'] as const;
export type ConformStateKind = (typeof STATE_KINDS)[number];

/** The parameters of one davies scenario. */
export interface DaviesParams {
  readonly model: 'davies';
  readonly dim: number;
  readonly times: number;
  readonly state: ConformStateKind;
  readonly hamiltonian: 'energies' | 'H';
  readonly bath: 'gamma' | 'rates';
  readonly dephasing: boolean;
  /** Number of baths (B1): 1, or a second standard bath at its own temperature. */
  readonly baths: 1 | 2;
  readonly seed: number;
}

/** The parameters of one thermal-operation scenario. */
export interface ThermalParams {
  readonly model: 'thermal-operation';
  readonly dimS: number;
  readonly dimE: number;
  readonly state: Exclude<ConformStateKind, 'gibbs'>;
  readonly unitary: 'U' | 'V';
  readonly seed: number;
}

export type ScenarioParams = DaviesParams | ThermalParams;

/** One bath of a several-baths davies scenario (B1). */
export interface BathJSON {
  readonly beta: number;
  readonly rates?: number[][];
  readonly gamma?: number[][];
}

/** A davies scenario with its baths listed (B1): no top-level `beta`, `rates`, `gamma`. */
export type DaviesBathsScenarioJSON = Omit<DaviesScenarioJSON, 'beta' | 'rates' | 'gamma'> & { baths: BathJSON[] };

/** A generated scenario: exactly the input of `qep eval`. */
export type ConformScenario = DaviesScenarioJSON | DaviesBathsScenarioJSON | ThermalScenarioJSON;

/** The space scenarios are drawn from (inclusive ranges). */
export interface ScenarioSpace {
  /** davies: dimension d. Default [2, 4]. */
  readonly dim?: IntRange;
  /** davies: number of times, t_0 = 0 included. Default [1, 5]. */
  readonly times?: IntRange;
  /** thermal-operation: d_S. Default [2, 3]. */
  readonly dimS?: IntRange;
  /** thermal-operation: d_E. Default [2, 3]. */
  readonly dimE?: IntRange;
}

/** The default scenario space of `qep conform`. */
export const DEFAULT_SPACE: Required<ScenarioSpace> = Object.freeze({ dim: [2, 4], times: [1, 5], dimS: [2, 3], dimE: [2, 3] });

/** Largest seed drawn (the generator takes any safe integer; 2³¹ − 1 keeps replay files readable). */
const MAX_SEED = 2 ** 31 - 1;

/** The fast-check arbitrary of scenario parameters of one model. */
export function paramsArbitrary(model: ConformModel, space: ScenarioSpace = {}): fc.Arbitrary<ScenarioParams> {
  const s = { ...DEFAULT_SPACE, ...space };
  if (model === 'davies') {
    return fc.record({
      model: fc.constant('davies' as const),
      dim: fc.integer({ min: s.dim[0], max: s.dim[1] }),
      times: fc.integer({ min: s.times[0], max: s.times[1] }),
      state: fc.constantFrom(...STATE_KINDS),
      hamiltonian: fc.constantFrom('energies' as const, 'H' as const),
      bath: fc.constantFrom('gamma' as const, 'rates' as const),
      dephasing: fc.boolean(),
      baths: fc.constantFrom(1 as const, 2 as const),
      seed: fc.integer({ min: 0, max: MAX_SEED }),
    });
  }
  return fc.record({
    model: fc.constant('thermal-operation' as const),
    dimS: fc.integer({ min: s.dimS[0], max: s.dimS[1] }),
    dimE: fc.integer({ min: s.dimE[0], max: s.dimE[1] }),
    state: fc.constantFrom('mixed' as const, 'pure' as const, 'nearly-pure' as const),
    unitary: fc.constantFrom('U' as const, 'V' as const),
    seed: fc.integer({ min: 0, max: MAX_SEED }),
  });
}

/** The energies of a davies scenario (`energies`, or the spectrum of `H`). */
export function scenarioEnergies(scenario: DaviesScenarioJSON): number[] {
  if (scenario.energies !== undefined) return scenario.energies;
  return Array.from(eigh(matrixFromJSON(scenario.H, 'H')).values);
}

/** The scenario the parameters stand for (deterministic). */
export function scenarioFor(params: ScenarioParams): ConformScenario {
  const rng = createRng(params.seed);
  if (params.model === 'thermal-operation') {
    return generateScenario('thermal-operation', rng, { dimS: [params.dimS, params.dimS], dimE: [params.dimE, params.dimE], state: params.state, unitary: params.unitary });
  }
  const s = generateScenario('davies', rng, {
    dim: [params.dim, params.dim],
    times: params.times,
    state: params.state === 'gibbs' ? 'mixed' : params.state,
    hamiltonian: params.hamiltonian,
    bath: params.bath,
    dephasing: params.dephasing,
  });
  if (params.state === 'gibbs') s.rho0 = matrixToJSON(gibbsState(s.H !== undefined ? matrixFromJSON(s.H, 'H') : s.energies ?? [], s.beta));
  return params.baths === 2 ? withSecondBath(s, createRng(params.seed + SECOND_BATH_SEED)) : s;
}

/** Offset of the seed the second bath is drawn with (its draws are independent of the first scenario's). */
const SECOND_BATH_SEED = 0x9e3779b9;

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The scenario with its bath moved into `baths` (B1) and a second standard bath
 * added: β₂ uniform in the generator's range [0.3, 2.5], couplings g_nm uniform in
 * [0.05, 0.6], rounded as the generator rounds them.
 */
function withSecondBath(s: DaviesScenarioJSON, rng: Rng): DaviesBathsScenarioJSON {
  const d = s.energies?.length ?? s.H?.re.length ?? 0;
  const beta2 = round(0.3 + 2.2 * rng.uniform(), 4);
  const gamma2 = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let n = 0; n < d; n++) for (let m = n + 1; m < d; m++) gamma2[n][m] = gamma2[m][n] = round(0.05 + 0.55 * rng.uniform(), 6);
  const first = s.rates !== undefined ? { beta: s.beta, rates: s.rates } : { beta: s.beta, gamma: s.gamma as number[][] };
  const { beta: _beta, rates: _rates, gamma: _gamma, dephasing, rho0, times, ...head } = s;
  return { ...head, baths: [first, { beta: beta2, gamma: gamma2 }], ...(dephasing !== undefined ? { dephasing } : {}), rho0, times };
}

/** A scenario with its one-line JSON (what the engine is sent). */
export interface ScenarioEntry {
  readonly params: ScenarioParams;
  readonly scenario: ConformScenario;
  readonly line: string;
}

/** Scenarios kept by {@link ScenarioCache} before it starts over. */
const CACHE_LIMIT = 20_000;

/** Memoised {@link scenarioFor}: a shrink revisits the same parameters many times. */
export class ScenarioCache {
  private readonly map = new Map<string, ScenarioEntry>();

  /** The scenario of `params` and its JSON line, generated on first use. */
  get(params: ScenarioParams): ScenarioEntry {
    const key = JSON.stringify(params);
    let entry = this.map.get(key);
    if (entry === undefined) {
      const scenario = scenarioFor(params);
      entry = { params, scenario, line: JSON.stringify(scenario) };
      if (this.map.size >= CACHE_LIMIT) this.map.clear();
      this.map.set(key, entry);
    }
    return entry;
  }
}
