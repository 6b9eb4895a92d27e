import { z } from 'zod';
import { QepInputError } from '../errors.js';
import type { CMatrix } from '../linalg/cmatrix.js';
import { matrixFromJSON, matrixToJSON } from '../linalg/json.js';
import { assertDensityMatrix, assertHermitian, assertSquare } from '../quantum/index.js';
import { coherenceFactors } from '../thermal/coherenceFactors.js';
import { thermalEntropyBudget } from '../thermal/entropyBudget.js';
import { unitaryFromInteraction } from '../thermal/energyConservingUnitary.js';
import { thermalOperation } from '../thermal/thermalOperation.js';
import { transitionMatrix } from '../thermal/transitionMatrix.js';
import { finite, matrix, parseShape } from './_internal/schema.js';
import {
  type SampledTrajectoryMeans,
  type TrajectoryMeans,
  exactTrajectoryMeans,
  sampledTrajectoryMeans,
  sampleTrajectories,
} from '../trajectories/index.js';

/** Largest number of Monte Carlo trajectories a scenario may ask for. */
export const MAX_THERMAL_SAMPLES = 10_000_000;

/** Largest total dimension d_S·d_E a scenario may ask for (the engine is dense; 32 is the benchmarked size). */
export const MAX_THERMAL_DIMENSION = 64;

/** A complex matrix as written in scenario JSON. */
export interface ComplexMatrixJSON {
  re: number[][];
  im: number[][];
}

/** The output of {@link evaluateThermalOperation} (keys as in the QuTiP reference data). */
export interface ThermalScenarioOutput {
  rhoS_final: ComplexMatrixJSON;
  rhoE_final: ComplexMatrixJSON;
  /** Q[m][n] = Q(m|n), the probability of n → m (Eq. 19), in the eigenbasis of H_S (ascending energies). */
  Q: number[][];
  /** α_nm (Eq. 20); null on the diagonal and where the Bohr frequency ω_nm is degenerate. */
  alpha: { re: (number | null)[][]; im: (number | null)[][] };
  Sigma: number;
  Sigma_d: number;
  Xi: number;
  Srel_E: number;
  I_SE: number;
  C_S: number;
  C_S_final: number;
  C_SE_final: number;
  C_E_final: number;
  C_cc: number;
  S_deph_SE_final: number;
  S_deph_S: number;
  S_E_eq: number;
  /**
   * Exact trajectory averages (Eqs. 32–44): ⟨e^{−σ}⟩, ⟨σ⟩, ⟨σ_d⟩, ⟨ξ⟩, ⟨e^{−σ_d}⟩; with
   * `samples`, also the Monte Carlo means and standard errors (`sampled_mean_*`, `stderr_*`).
   */
  traj: TrajectoryMeans | (TrajectoryMeans & SampledTrajectoryMeans);
}

/** The shape of a `thermal-operation` scenario (the physics is checked after it). */
export const thermalScenarioSchema = z
  .object({
    model: z.literal('thermal-operation'),
    beta: finite.min(0, { error: 'a finite number ≥ 0 (β = 1/T)' }),
    HS: matrix,
    HE: matrix,
    rhoS: matrix,
    U: matrix.optional(),
    V: matrix.optional(),
    t: finite.optional(),
    samples: z.int({ error: 'an integer ≥ 1' }).min(1, { error: 'an integer ≥ 1' }).max(MAX_THERMAL_SAMPLES, { error: `at most ${MAX_THERMAL_SAMPLES}` }).optional(),
    seed: z.int({ error: 'a non-negative safe integer' }).min(0, { error: 'a non-negative safe integer' }).optional(),
  })
  .strict();

function hermitian(value: unknown, field: string): CMatrix {
  const H = matrixFromJSON(value, field);
  assertSquare(H, undefined, field);
  assertHermitian(H, field);
  return H;
}

/**
 * Evaluate a `thermal-operation` scenario (the interop contract of `qep eval`; units ħ = k_B = 1, nats).
 *
 * Input: `{"model": "thermal-operation", "beta", "HS", "HE", "rhoS", "U" | ("V", "t"), "samples"?, "seed"?}`
 * with matrices as `[[...]]` or `{"re": [[...]], "im": [[...]]}`; composite order S then E.
 * `U` is an energy-conserving unitary on S⊗E; or `V` (Hermitian, commuting with
 * H_S⊗1 + 1⊗H_E) and `t` give U = e^{−i(H_S⊗1 + 1⊗H_E + V)t}. `samples` (≤ MAX_THERMAL_SAMPLES)
 * asks for Monte Carlo trajectories besides the exact averages, drawn with `seed` (default 0).
 *
 * Output: `rhoS_final`, `rhoE_final` (original basis), `Q` and `alpha` (eigenbasis of
 * H_S, ascending energies), `Sigma`, `Sigma_d`, `Xi`, `Srel_E`, `I_SE`, `C_S`,
 * `C_S_final`, `C_SE_final`, `C_E_final`, `C_cc`, `S_deph_SE_final`, `S_deph_S`,
 * `S_E_eq` (see {@link thermalEntropyBudget}), and `traj`, the exact trajectory
 * averages of Eqs. (32)–(44) (`exactTrajectoryMeans`).
 *
 * @throws QepInputError naming the field: not an object; missing, unknown or
 *   conflicting keys; wrong model; β not a finite number ≥ 0; malformed matrices,
 *   NaN/∞ entries, wrong shapes; H_S, H_E or V not Hermitian; rhoS not a density
 *   matrix; U not unitary or not energy conserving; V not commuting with the total
 *   Hamiltonian; d_S·d_E above {@link MAX_THERMAL_DIMENSION}; `samples` not a positive integer
 *   (or above the limit); `seed` not a non-negative safe integer, or given without `samples`.
 * @example evaluateThermalOperation({ model: 'thermal-operation', beta: 1, HS: [[0, 0], [0, 1]], HE: [[0, 0], [0, 1]],
 *   rhoS: [[0.5, 0.5], [0.5, 0.5]], U: [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]] }).Sigma
 */
export function evaluateThermalOperation(input: unknown): ThermalScenarioOutput {
  const s = parseShape(thermalScenarioSchema, input, 'the thermal-operation scenario');
  const { beta, samples } = s;
  const seed = s.seed ?? 0;
  if (s.seed !== undefined && samples === undefined) throw new QepInputError('seed', 'given only together with samples (it seeds the Monte Carlo sampler)');

  const HS = hermitian(s.HS, 'HS');
  const HE = hermitian(s.HE, 'HE');
  const N = HS.rows * HE.rows;
  if (N > MAX_THERMAL_DIMENSION) {
    throw new QepInputError('HE', `such that d_S·d_E ≤ ${MAX_THERMAL_DIMENSION}`, `${HS.rows}·${HE.rows} = ${N}`);
  }
  const rhoS = matrixFromJSON(s.rhoS, 'rhoS');
  assertDensityMatrix(rhoS, 'rhoS', HS.rows);

  const hasU = s.U !== undefined;
  const hasV = s.V !== undefined || s.t !== undefined;
  if (hasU && hasV) throw new QepInputError(hasU && s.V !== undefined ? 'V' : 't', 'absent when U is given (give U, or V and t)');
  if (!hasU && !hasV) throw new QepInputError('U', 'present, or V and t (required: the unitary)', 'missing');
  let U: CMatrix;
  if (hasU) {
    U = matrixFromJSON(s.U, 'U');
  } else {
    if (s.V === undefined) throw new QepInputError('V', 'present together with t', 'missing');
    if (s.t === undefined) throw new QepInputError('t', 'present together with V', 'missing');
    const V = matrixFromJSON(s.V, 'V');
    U = unitaryFromInteraction(V, s.t, HS, HE);
  }
  const op = thermalOperation(HS, HE, beta, U);
  const b = thermalEntropyBudget(op, rhoS);
  const alpha = coherenceFactors(op);
  return {
    rhoS_final: matrixToJSON(b.rhoS_final),
    rhoE_final: matrixToJSON(b.rhoE_final),
    Q: transitionMatrix(op),
    alpha: {
      re: alpha.map((row) => row.map((a) => (a === null ? null : a.re))),
      im: alpha.map((row) => row.map((a) => (a === null ? null : a.im))),
    },
    Sigma: b.Sigma,
    Sigma_d: b.Sigma_d,
    Xi: b.Xi,
    Srel_E: b.Srel_E,
    I_SE: b.I_SE,
    C_S: b.C_S,
    C_S_final: b.C_S_final,
    C_SE_final: b.C_SE_final,
    C_E_final: b.C_E_final,
    C_cc: b.C_cc,
    S_deph_SE_final: b.S_deph_SE_final,
    S_deph_S: b.S_deph_S,
    S_E_eq: b.S_E_eq,
    traj:
      samples === undefined
        ? exactTrajectoryMeans({ HS, HE, beta, rhoS, U })
        : { ...exactTrajectoryMeans({ HS, HE, beta, rhoS, U }), ...sampledTrajectoryMeans(sampleTrajectories({ HS, HE, beta, rhoS, U }, { samples, seed })) },
  };
}
