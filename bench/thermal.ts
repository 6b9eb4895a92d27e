/**
 * Thermal-operation benchmark: median time of the full evaluation of one
 * instance (U validated, Kraus/Q/α, ρ'_S, ρ'_E and every entropic quantity of
 * Eqs. 22–31) for (d_S, d_E) = (2, 2), (2, 4), (3, 4), (4, 8); split into the
 * construction (validation, eigenbases, U in the product eigenbasis), the
 * entropy budget, and Q + α; compared with the same quantities computed by the
 * primitives in the original basis (dephasing by eigendecomposition of
 * H_S⊗1 + 1⊗H_E). Then the claims of properties/thermal.ts per second, as
 * `qep check` runs them (default seed and runs). Instances come from the seeded
 * generators: a rotated random H_S, a resonant H_E, a Haar energy-conserving U
 * and a Hilbert–Schmidt ρ_S.
 */
import { thermalClaims } from '../properties/thermal.js';
import { gibbsState, mutualInformation, partialTrace, relativeEntropy, relativeEntropyOfCoherence } from '../src/numeric/quantum/index.js';
import {
  applyThermalOperation,
  coherenceFactors,
  thermalEntropyBudget,
  thermalOperation,
  totalHamiltonian,
  transitionMatrix,
} from '../src/numeric/thermal/index.js';
import { type BenchModule, type ThermalBenchInstance, benchClaims, formatRatio, formatSeconds, printTable, thermalInstance, timeMedian } from './_internal/harness.js';

const SIZES: readonly (readonly [number, number])[] = [
  [2, 2],
  [2, 4],
  [3, 4],
  [4, 8],
];

function instance(dS: number, dE: number): ThermalBenchInstance {
  return thermalInstance(7000 + 10 * dS + dE, dS, dE, 0.8);
}

/** The full evaluation: every output of a thermal-operation scenario except the trajectories. */
function evaluate(i: ThermalBenchInstance): number {
  const op = thermalOperation(i.HS, i.HE, i.beta, i.U);
  const b = thermalEntropyBudget(op, i.rhoS);
  const Q = transitionMatrix(op);
  const a = coherenceFactors(op);
  return b.Sigma + b.C_cc + Q[0][0] + (a[0][1]?.re ?? 0);
}

/** The same quantities from the primitives in the original basis (the straightforward route). */
function naive(i: ThermalBenchInstance): number {
  const dS = i.HS.rows;
  const dE = i.HE.rows;
  const op = thermalOperation(i.HS, i.HE, i.beta, i.U);
  const joint = applyThermalOperation(op, i.rhoS);
  const s1 = partialTrace(joint, [dS, dE], [0]);
  const e1 = partialTrace(joint, [dS, dE], [1]);
  const eqS = gibbsState(i.HS, i.beta);
  const H = totalHamiltonian(i.HS, i.HE);
  const sigma = relativeEntropy(i.rhoS, eqS) - relativeEntropy(s1, eqS);
  const cS = relativeEntropyOfCoherence(i.rhoS, i.HS);
  const cS1 = relativeEntropyOfCoherence(s1, i.HS);
  const cE1 = relativeEntropyOfCoherence(e1, i.HE);
  const cSE = relativeEntropyOfCoherence(joint, H);
  const srelE = relativeEntropy(e1, op.rhoEeq);
  const I = mutualInformation(joint, [dS, dE]);
  return sigma + cS + cS1 + cE1 + cSE + srelE + I;
}

export const thermalBench: BenchModule = {
  name: 'thermal',
  async run(): Promise<void> {
    const rows: string[][] = [];
    for (let k = 0; k < 20; k++) for (const [dS, dE] of SIZES) evaluate(instance(dS, dE));
    for (const [dS, dE] of SIZES) {
      const i = instance(dS, dE);
      const op = thermalOperation(i.HS, i.HE, i.beta, i.U);
      const opts = { repeats: 11, minSampleMs: 50 };
      const full = timeMedian(() => evaluate(i), opts);
      const build = timeMedian(() => thermalOperation(i.HS, i.HE, i.beta, i.U), opts);
      const budget = timeMedian(() => thermalEntropyBudget(op, i.rhoS), opts);
      const channel = timeMedian(() => [transitionMatrix(op), coherenceFactors(op)], opts);
      const ref = timeMedian(() => naive(i), opts);
      rows.push([
        `(${dS}, ${dE})`,
        formatSeconds(full.median),
        formatSeconds(build.median),
        formatSeconds(budget.median),
        formatSeconds(channel.median),
        formatSeconds(ref.median),
        formatRatio(ref.median / full.median),
      ]);
    }
    printTable(
      'full evaluation of one thermal operation (median per call)',
      ['(d_S, d_E)', 'full', 'construct', 'budget', 'Q + α', 'primitives route', 'speed-up'],
      rows,
    );

    await benchClaims('properties/thermal.ts', thermalClaims);
  },
};
