/**
 * Trajectory benchmark: median time of the exact enumeration of the forward
 * and backward protocols (Eqs. 35–44) for (d_S, d_E) = (2, 2), (3, 4), (4, 8),
 * split into the preparation (validation, ρ'_S, eigenbases, the change of
 * basis of U) and the path sums; and Monte Carlo trajectories per second.
 * Instances come from the seeded generators: random H_S, a resonant H_E, a
 * Haar energy-conserving U and a Hilbert–Schmidt ρ_S.
 */
import { type TrajectoryInput, enumerateTrajectories } from '../src/numeric/trajectories/index.js';
import { prepareProtocol } from '../src/numeric/trajectories/_internal/protocol.js';
import { enumerateProtocol } from '../src/numeric/trajectories/enumerate.js';
import { sampleProtocol } from '../src/numeric/trajectories/sample.js';
import { type BenchModule, formatSeconds, printTable, thermalInstance, timeMedian } from './_internal/harness.js';

const SIZES: readonly (readonly [number, number])[] = [
  [2, 2],
  [3, 4],
  [4, 8],
];
const MC_SAMPLES = 100_000;

function instance(dS: number, dE: number): TrajectoryInput {
  return thermalInstance(1000 * dS + dE, dS, dE, 1);
}

function formatRate(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toPrecision(3)} M/s` : `${(perSecond / 1e3).toPrecision(3)} k/s`;
}

export const trajectoriesBench: BenchModule = {
  name: 'trajectories',
  async run(): Promise<void> {
    const rows: string[][] = [];
    const mc: string[][] = [];
    // Warm the JIT on every size first, so that the first row is not timed cold.
    for (let k = 0; k < 50; k++) for (const [dS, dE] of SIZES) enumerateTrajectories(instance(dS, dE));
    for (const [dS, dE] of SIZES) sampleProtocol(prepareProtocol(instance(dS, dE)), MC_SAMPLES, 0);
    for (const [dS, dE] of SIZES) {
      const input = instance(dS, dE);
      const pr = prepareProtocol(input);
      const ens = enumerateProtocol(pr);
      const opts = { repeats: 11, minSampleMs: 50 };
      const total = timeMedian(() => enumerateTrajectories(input), opts);
      const prep = timeMedian(() => prepareProtocol(input), opts);
      const sums = timeMedian(() => enumerateProtocol(pr), opts);
      rows.push([
        `(${dS}, ${dE})`,
        String(ens.forward.count),
        String(ens.augmented.count),
        formatSeconds(total.median),
        formatSeconds(prep.median),
        formatSeconds(sums.median),
      ]);
      let seed = 0;
      const t = timeMedian(() => sampleProtocol(pr, MC_SAMPLES, seed++), { repeats: 5, minSampleMs: 100, warmup: 1 });
      mc.push([`(${dS}, ${dE})`, String(MC_SAMPLES), formatSeconds(t.median), formatRate(MC_SAMPLES / t.median)]);
    }
    printTable(
      'exact enumeration (enumerateTrajectories = prepare + path sums; median per call)',
      ['(d_S, d_E)', 'paths X', 'paths X~', 'total', 'prepare', 'path sums'],
      rows,
    );
    printTable('Monte Carlo (sampleTrajectories on a prepared protocol; seeded, with histograms)', ['(d_S, d_E)', 'samples', 'time', 'rate'], mc);
  },
};
