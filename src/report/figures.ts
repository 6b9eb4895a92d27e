import { fromDiagonal } from '../numeric/linalg/cmatrix.js';
import { matrixFromJSON, matrixToJSON } from '../numeric/linalg/json.js';
import { createRng, hilbertSchmidtState, randomEnergyConservingUnitary } from '../numeric/random/index.js';
import { evaluateScenario } from '../numeric/scenario/index.js';
import { unitaryFromInteraction } from '../numeric/thermal/energyConservingUnitary.js';
import { type Histogram, sampleTrajectories } from '../numeric/trajectories/index.js';
import { QepInputError } from '../numeric/errors.js';
import type { BudgetPart, DaviesFigure, HistogramPanel, SeriesPoint, ThermalFigure } from './plots.js';

/**
 * The data behind the plots: scenarios in the `qep eval` format evaluated with
 * `evaluateScenario`, turned into the series of a figure. The default points
 * are scenarios too, so a `--scenario` file and a default go the same way.
 */

/** The qubit Davies model at its default point: β = 1, gap ω = 1, coupling g = 0.4, a mixed state with coherence, 0 ≤ t ≤ 6. */
export const DEFAULT_DAVIES_SCENARIO = Object.freeze({
  model: 'davies',
  beta: 1,
  energies: [0, 1],
  gamma: [
    [0, 0.4],
    [0.4, 0],
  ],
  rho0: {
    re: [
      [0.3, 0.3],
      [0.3, 0.7],
    ],
    im: [
      [0, -0.25],
      [0.25, 0],
    ],
  },
  times: Array.from({ length: 241 }, (_, k) => k * 0.025),
});

/** Seed of the default thermal operation (fixed: the default plots do not change between runs). */
export const DEFAULT_THERMAL_SEED = 7;

/**
 * The default thermal operation: a qutrit H_S = diag(0, 1, 2) and a resonant
 * four-level environment H_E = diag(0, 1, 2, 3) at β = 1, a Haar-random
 * energy-conserving U and a Hilbert–Schmidt-random (full-rank, coherent) ρ_S,
 * drawn with seed {@link DEFAULT_THERMAL_SEED}. Resonant and with coherences,
 * so Ξ, C(ρ′_E) and C_cc are all non-trivial.
 */
export function defaultThermalScenario(): Record<string, unknown> {
  const rng = createRng(DEFAULT_THERMAL_SEED);
  const HS = [0, 1, 2];
  const HE = [0, 1, 2, 3];
  const U = randomEnergyConservingUnitary(rng, HS, HE);
  const rhoS = hilbertSchmidtState(rng, HS.length);
  return {
    model: 'thermal-operation',
    beta: 1,
    HS: matrixToJSON(fromDiagonal(HS)),
    HE: matrixToJSON(fromDiagonal(HE)),
    rhoS: matrixToJSON(rhoS),
    U: matrixToJSON(U),
  };
}

/** A list of numbers (or "Infinity") under `key` of a scenario result, as numbers. */
function numbers(result: Record<string, unknown>, key: string): number[] {
  const v = result[key];
  if (!Array.isArray(v)) throw new Error(`scenario result has no list "${key}"`);
  return v.map((x) => (x === 'Infinity' ? Infinity : typeof x === 'number' ? x : NaN));
}

function series(times: readonly number[], values: readonly number[], name: string): SeriesPoint[] {
  return times.map((x, i) => ({ x, series: name, y: values[i] }));
}

const RATES: readonly (readonly [string, string])[] = [
  ['Pi', 'Π, entropy production (Eq. 8)'],
  ['Pi_d', 'Π_d, population part (Eq. 13)'],
  ['Upsilon', 'Υ, coherence part (Eq. 14)'],
  ['Phi', 'Φ, entropy flux (Eq. 15)'],
  ['dSdt', 'dS/dt (Eq. 1)'],
];

const SPLIT = { pop: 'S(p‖p_eq), populations', coh: 'C(ρ), coherence (Eq. 10)', total: 'S(ρ‖ρ_eq), total' } as const;

/** The number of baths of a Davies result: the length of each `Pi_baths` entry (one list per time). */
export function bathCount(result: Record<string, unknown>): number {
  const v = result.Pi_baths;
  return Array.isArray(v) && Array.isArray(v[0]) ? v[0].length : 1;
}

/** Whether a Davies result comes from several baths (then it has Π_k per bath and Π = Π_na + Π_a to plot). */
export function hasBaths(result: Record<string, unknown>): boolean {
  return bathCount(result) >= 2;
}

/** `Pi_baths[t][k]` (a list per time) as one series per bath. */
function perBath(result: Record<string, unknown>, times: readonly number[]): SeriesPoint[][] {
  const rows = result.Pi_baths as unknown[][];
  const toNum = (x: unknown): number => (x === 'Infinity' ? Infinity : typeof x === 'number' ? x : NaN);
  return Array.from({ length: bathCount(result) }, (_, k) => times.map((x, i) => ({ x, series: `Π_${k + 1}, bath ${k + 1}`, y: toNum(rows[i][k]) })));
}

/**
 * The figure of a Davies scenario result (the keys of `qep eval`): Π, Π_d, Υ,
 * Φ and dS/dt over time; with one bath, S(ρ‖ρ_eq) stacked as S(p‖p_eq) + C(ρ)
 * (Eq. 9); with several baths (no single ρ_eq), S(ρ‖ρ_ss) and C(ρ), then Π_k
 * per bath and Π stacked as Π_na + Π_a.
 */
export function daviesFigure(result: Record<string, unknown>, title: string): DaviesFigure {
  const times = numbers(result, 'times');
  const rates = { points: RATES.flatMap(([key, name]) => series(times, numbers(result, key), name)), order: RATES.map(([, n]) => n) };
  if (!hasBaths(result)) {
    return {
      title,
      rates,
      split: {
        parts: [...series(times, numbers(result, 'Srel_pop'), SPLIT.pop), ...series(times, numbers(result, 'C'), SPLIT.coh)],
        total: series(times, numbers(result, 'Srel'), SPLIT.total),
        order: [SPLIT.pop, SPLIT.coh, SPLIT.total],
      },
    };
  }
  const steady = { ss: 'S(ρ‖ρ_ss), to the steady state', coh: SPLIT.coh };
  const baths = perBath(result, times);
  const names = { na: 'Π_na, non-adiabatic', a: 'Π_a, adiabatic', total: 'Π, total' };
  return {
    title,
    rates,
    steady: { points: [...series(times, numbers(result, 'Srel_ss'), steady.ss), ...series(times, numbers(result, 'C'), steady.coh)], order: [steady.ss, steady.coh] },
    baths: {
      perBath: { points: baths.flat(), order: baths.map((b) => b[0]?.series ?? '') },
      split: {
        parts: [...series(times, numbers(result, 'Pi_na'), names.na), ...series(times, numbers(result, 'Pi_a'), names.a)],
        total: series(times, numbers(result, 'Pi'), names.total),
        order: [names.na, names.a, names.total],
      },
    },
  };
}

/** Number of trajectories drawn for the histograms of a thermal operation. */
export const HISTOGRAM_SAMPLES = 20_000;
/** Bins of each histogram. */
export const HISTOGRAM_BINS = 60;

function bars(h: Histogram, samples: number): HistogramPanel['bars'] {
  return h.counts.map((c, k) => ({ x0: h.edges[k], x1: h.edges[k + 1], fraction: c / samples }));
}

function num(result: Record<string, unknown>, key: string): number {
  const v = result[key];
  if (typeof v !== 'number') throw new Error(`scenario result has no number "${key}"`);
  return v;
}

/**
 * The figure of a thermal-operation scenario (already validated by
 * `evaluateScenario`, which produced `result`): the budget bars Σ, Σ_d + Ξ, Ξ,
 * C(ρ′_E) + C_cc, and histograms of σ, σ_d and ξ over {@link HISTOGRAM_SAMPLES}
 * sampled trajectories, each marked at its exact mean, the σ panel also at
 * −ln⟨exp(−σ)⟩ (0 when the fluctuation theorem of Eq. 40 holds).
 */
export function thermalFigure(scenario: Record<string, unknown>, result: Record<string, unknown>, title: string, seed: number): ThermalFigure {
  const HS = matrixFromJSON(scenario.HS, 'HS');
  const HE = matrixFromJSON(scenario.HE, 'HE');
  const rhoS = matrixFromJSON(scenario.rhoS, 'rhoS');
  const U = scenario.U !== undefined ? matrixFromJSON(scenario.U, 'U') : unitaryFromInteraction(matrixFromJSON(scenario.V, 'V'), Number(scenario.t), HS, HE);
  const beta = Number(scenario.beta);
  const sample = sampleTrajectories({ HS, HE, beta, rhoS, U }, { samples: HISTOGRAM_SAMPLES, seed, bins: HISTOGRAM_BINS });
  const traj = (result.traj ?? {}) as Record<string, unknown>;
  const exact = (k: string): number => (typeof traj[k] === 'number' ? (traj[k] as number) : NaN);

  const S = { sigma: 'Σ (Eq. 22)', sigmaD: 'Σ_d, populations', xi: 'Ξ, coherences', cE: 'C(ρ′_E), coherence sent to E', cc: 'C_cc, correlated coherence' };
  const bar = { sigma: 'Σ', split: 'Σ_d + Ξ', xi: 'Ξ', xiSplit: 'C(ρ′_E) + C_cc' };
  const budget: BudgetPart[] = [
    { bar: bar.sigma, part: S.sigma, value: num(result, 'Sigma') },
    { bar: bar.split, part: S.sigmaD, value: num(result, 'Sigma_d') },
    { bar: bar.split, part: S.xi, value: num(result, 'Xi') },
    { bar: bar.xi, part: S.xi, value: num(result, 'Xi') },
    { bar: bar.xiSplit, part: S.cE, value: num(result, 'C_E_final') },
    { bar: bar.xiSplit, part: S.cc, value: num(result, 'C_cc') },
  ];
  const emsExact = exact('mean_exp_minus_sigma');
  const ems = sample.exp_minus_sigma;
  const n = sample.samples;
  const mean = (sym: string, x: number) => ({ x, label: `exact mean ⟨${sym}⟩` });
  const histograms: HistogramPanel[] = [
    {
      quantity: 'σ (Eq. 41)',
      bars: bars(sample.histograms.sigma, n),
      markers: [mean('σ', exact('mean_sigma')), { x: -Math.log(emsExact), label: '−ln⟨exp(−σ)⟩ (0 when Eq. 40 holds)' }],
      note: `⟨exp(−σ)⟩ = ${emsExact.toFixed(6)} exact (Eq. 40), ${ems.mean.toFixed(4)} ± ${ems.stderr.toFixed(4)} over ${n} sampled trajectories`,
    },
    {
      quantity: 'σ_d (Eq. 43)',
      bars: bars(sample.histograms.sigma_d, n),
      markers: [mean('σ_d', exact('mean_sigma_d'))],
      note: `⟨exp(−σ_d)⟩ = ${exact('mean_exp_minus_sigma_d').toFixed(6)} exact: not 1 when ρ_S has coherences`,
    },
    {
      quantity: 'ξ (Eq. 44)',
      bars: bars(sample.histograms.xi, n),
      markers: [mean('ξ', exact('mean_xi'))],
      note: `⟨ξ⟩ = Ξ = ${exact('mean_xi').toFixed(6)} exact`,
    },
  ];
  return { title, budget, barOrder: Object.values(bar), partOrder: Object.values(S), histograms };
}

/** A scenario as read from a file: its label, the parsed JSON, and the result of `evaluateScenario`. */
export interface EvaluatedScenario {
  readonly label: string;
  readonly scenario: Record<string, unknown>;
  readonly model: 'davies' | 'thermal-operation';
  readonly result: Record<string, unknown>;
}

/**
 * Evaluate a parsed scenario for a figure.
 * @throws QepInputError naming the field when the scenario is invalid (the message is prefixed by `label`).
 */
export function evaluateForFigure(label: string, scenario: unknown): EvaluatedScenario {
  let result: Record<string, unknown>;
  try {
    result = evaluateScenario(scenario) as unknown as Record<string, unknown>;
  } catch (e) {
    if (e instanceof QepInputError) throw new QepInputError(`${label}: ${e.field}`, e.condition, e.residual, e.tolerance);
    throw e;
  }
  const s = scenario as Record<string, unknown>;
  return { label, scenario: s, model: s.model === 'davies' ? 'davies' : 'thermal-operation', result };
}
