import { describe, expect, it } from 'vitest';
import { QepInputError } from '../../../src/numeric/errors.js';
import { createRng, hilbertSchmidtState, randomStateOfRank } from '../../../src/numeric/random/index.js';
import { thermalOperation } from '../../../src/numeric/thermal/index.js';
import { enumerateTrajectories, exactTrajectoryMeans, thermalOperationTrajectoryMeans } from '../../../src/numeric/trajectories/index.js';
import { rotatedThermalOperation } from '../thermal/helpers.js';

// The means are summed without storing paths, and the scenario route skips the second validation of U:
// both must give exactly (bit for bit) what the full enumeration gives, at every size and rank.
describe('exact trajectory means without stored paths', () => {
  const cases: [number, number, number, 'full' | 'deficient'][] = [
    [2, 2, 0.7, 'full'],
    [2, 3, 3, 'deficient'],
    [3, 4, 0.4, 'full'],
    [3, 3, 60, 'deficient'],
    [4, 8, 1.1, 'full'],
  ];
  for (const [dS, dE, beta, rank] of cases) {
    it(`(${dS}, ${dE}), β = ${beta}, ${rank} rank: identical to enumerateTrajectories, by both routes`, () => {
      const { op, rng } = rotatedThermalOperation(100 * dS + dE, dS, dE, beta);
      const rhoS = rank === 'full' ? hilbertSchmidtState(rng, dS) : randomStateOfRank(rng, dS, dS - 1);
      const input = { HS: op.HS, HE: op.HE, beta, rhoS, U: op.U };
      const full = enumerateTrajectories(input).means;
      expect(exactTrajectoryMeans(input)).toStrictEqual(full);
      expect(thermalOperationTrajectoryMeans(op, rhoS)).toStrictEqual(full);
      // Twice in a row (scratch reused) and after another size (scratch reshaped): still identical.
      expect(thermalOperationTrajectoryMeans(op, rhoS)).toStrictEqual(full);
    });
  }

  it('validates ρ_S and refuses an unchecked operation', () => {
    const { op, rng } = rotatedThermalOperation(7, 2, 2, 1);
    const rhoS = hilbertSchmidtState(rng, 2);
    expect(() => thermalOperationTrajectoryMeans(op, hilbertSchmidtState(createRng(1), 3))).toThrow(QepInputError);
    const unchecked = thermalOperation(op.HS, op.HE, 1, op.U, { unchecked: true });
    expect(unchecked.unchecked).toBe(true);
    expect(op.unchecked).toBeUndefined();
    expect(() => thermalOperationTrajectoryMeans(unchecked, rhoS)).toThrow(/U must be checked/);
  });
});
