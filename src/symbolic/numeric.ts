/**
 * The numeric engine's values of the symbolic models' quantities, for
 * cross-checks of the closed forms (float64, through the scenario evaluator
 * `evaluateScenario`, the stable interface of the numeric engine, and the
 * Davies generator for the rates). Independent of the symbolic derivation:
 * the qubit Davies scenario uses the engine's own standard bath (`gamma`),
 * the partial swap's U = e^{−iθX} comes from the engine's spectral exponential.
 */
import { evaluateScenario } from '../numeric/scenario/index.js';
import type { DaviesBathsResult, DaviesResult } from '../numeric/scenario/davies.js';
import type { ThermalScenarioOutput } from '../numeric/scenario/thermal.js';
import { daviesGenerator, applyDavies } from '../numeric/dynamics/davies.js';
import { fromReal, get } from '../numeric/linalg/cmatrix.js';
import { unitaryEvolution } from '../numeric/linalg/functions.js';
import { matrixToJSON } from '../numeric/linalg/json.js';
import type { ModelName } from './derive.js';

/** A parameter point of a model (names as in `qep derive`), plus the phase of the coherence (not a form parameter). */
export type NumericPoint = Readonly<Record<string, number>>;

function rho2(p1: number, c: number, phase: number): { re: number[][]; im: number[][] } {
  const cr = c * Math.cos(phase);
  const ci = c * Math.sin(phase);
  return {
    re: [
      [1 - p1, cr],
      [cr, p1],
    ],
    im: [
      [0, ci],
      [-ci, 0],
    ],
  };
}

/**
 * Every qubit-davies form computed by the numeric engine at a point
 * (g, w, beta, p10, c0, t), with ρ₀₁(0) = c0·e^{i·phase}.
 * @throws QepInputError when the point is outside the engine's domain.
 */
export function numericQubitDavies(point: NumericPoint, phase = 0): Record<string, number> {
  const { g, w, beta, p10, c0, t } = point;
  const gamma = [
    [0, g],
    [g, 0],
  ];
  const r = evaluateScenario({ model: 'davies', beta, energies: [0, w], gamma, rho0: rho2(p10, c0, phase), times: [t] }) as DaviesResult;
  const gen = daviesGenerator({ beta, energies: [0, w], gamma });
  const W10 = gen.rates[1 * 2 + 0];
  const W01 = gen.rates[0 * 2 + 1];
  // γ₁ and γ₂ read off the engine's generator: L(|0⟩⟨0|)₁₁ − L(|1⟩⟨1|)₁₁ and −Re L(|0⟩⟨1|)₀₁
  const L00 = applyDavies(gen, fromReal([
    [1, 0],
    [0, 0],
  ]));
  const L11 = applyDavies(gen, fromReal([
    [0, 0],
    [0, 1],
  ]));
  const L01 = applyDavies(gen, fromReal([
    [0, 1],
    [0, 0],
  ]));
  return {
    detailed_balance: W10 / W01,
    gamma1: get(L00, 1, 1).re - get(L11, 1, 1).re,
    gamma2: -get(L01, 0, 1).re,
    ...qubitStateAt(r),
    ...seriesAt(r, ['S', 'Srel', 'Srel_pop', 'C', 'Pi_d', 'Upsilon', 'Pi', 'Phi', 'dSdt']),
  };
}

/** The qubit's state at a Davies scenario's first time: p₁ = ρ₁₁ and |ρ₀₁| = |c|. */
export function qubitStateAt(r: DaviesBathsResult): { p1: number; abs_c: number } {
  const rho = r.rho[0];
  return { p1: r.populations[0][1], abs_c: Math.hypot(rho.re[0][1], rho.im[0][1]) };
}

/** The named time series of a scenario's result at its first time, in the order named. */
export function seriesAt<const K extends string>(r: NoInfer<Readonly<Record<K, readonly number[]>>>, names: readonly K[]): Record<K, number> {
  return Object.fromEntries(names.map((n) => [n, r[n][0]])) as Record<K, number>;
}

/**
 * Every partial-swap form computed by the numeric engine at a point
 * (theta, beta, w, p1, c), with ρ_S,01 = c·e^{i·phase}.
 * @throws QepInputError when the point is outside the engine's domain.
 */
export function numericPartialSwap(point: NumericPoint, phase = 0): Record<string, number> {
  const { theta, beta, w, p1, c } = point;
  const X = fromReal([
    [0, 0, 0, 0],
    [0, 0, 1, 0],
    [0, 1, 0, 0],
    [0, 0, 0, 0],
  ]);
  const U = unitaryEvolution(X, theta); // e^{−iθX}
  const H = [
    [0, 0],
    [0, w],
  ];
  const r = evaluateScenario({ model: 'thermal-operation', beta, HS: H, HE: H, rhoS: rho2(p1, c, phase), U: matrixToJSON(U) }) as ThermalScenarioOutput;
  const aRe = r.alpha.re[0][1];
  const aIm = r.alpha.im[0][1];
  if (aRe === null || aIm === null) throw new Error('the engine reported no α₀₁ (degenerate Bohr frequency)');
  return {
    Q00: r.Q[0][0],
    Q01: r.Q[0][1],
    Q10: r.Q[1][0],
    Q11: r.Q[1][1],
    alpha01: aRe,
    alpha01_im: aIm,
    bound_slack: r.Q[0][0] * r.Q[1][1] - (aRe * aRe + aIm * aIm),
    p1_final: r.rhoS_final.re[1][1],
    Sigma: r.Sigma,
    Sigma_d: r.Sigma_d,
    Xi: r.Xi,
    C_S_final: r.C_S_final,
    C_E_final: r.C_E_final,
    C_cc: r.C_cc,
    I_SE: r.I_SE,
    Srel_E: r.Srel_E,
  };
}

/** The numeric engine's forms of a model at a point. */
export function numericForms(model: ModelName, point: NumericPoint, phase = 0): Record<string, number> {
  return model === 'qubit-davies' ? numericQubitDavies(point, phase) : numericPartialSwap(point, phase);
}
