import { describe, expect, it } from 'vitest';
import { bernsteinThreshold } from '../../properties/_shared/statistics.js';
import { allClaims } from '../../properties/index.js';
import { DEFAULT_SEED, runClaim, runMutant } from '../../src/claims/runner.js';
import { CHECK_TOL } from '../../src/numeric/tolerance.js';

/** Bernstein's tail bound 2 exp(−N t² / (2v + 2bt/3)), written out independently. */
const bernsteinTail = (N: number, v: number, b: number, t: number) => 2 * Math.exp((-N * t * t) / (2 * v + (2 * b * t) / 3));

describe('bernsteinThreshold', () => {
  it('puts the tail bound at exactly α/m', () => {
    for (const [N, v, b, m] of [
      [4000, 1, 3, 500],
      [4000, 0.01, 800, 5000],
      [100, 0.25, 0.5, 1],
    ]) {
      const t = bernsteinThreshold(N, v, b, m);
      expect(bernsteinTail(N, v, b, t) / (CHECK_TOL.falseAlarm / m)).toBeCloseTo(1, 9);
    }
  });

  it('grows with the number of comparisons (a run of 1000 instances allows more than one of 100) and with the range', () => {
    const se = Math.sqrt(1 / 4000);
    expect(bernsteinThreshold(4000, 1, 0, 500) / se).toBeCloseTo(Math.sqrt(2 * Math.log(2 * 500 / 1e-6)), 9);
    expect(bernsteinThreshold(4000, 1, 0, 5000)).toBeGreaterThan(bernsteinThreshold(4000, 1, 0, 500));
    expect(bernsteinThreshold(4000, 1, 100, 500)).toBeGreaterThan(bernsteinThreshold(4000, 1, 1, 500));
  });

  it('refuses bad arguments', () => {
    expect(() => bernsteinThreshold(0, 1, 1, 1)).toThrow(/N must be/);
    expect(() => bernsteinThreshold(10, 1, 1, 0)).toThrow(/comparisons must be/);
    expect(() => bernsteinThreshold(10, Number.NaN, 1, 1)).toThrow(/variance must be/);
    expect(() => bernsteinThreshold(10, 1, Infinity, 1)).toThrow(/range must be/);
  });
});

describe('trajectories.sampled-means at any run count', () => {
  const claim = allClaims.find((c) => c.id === 'trajectories.sampled-means')!;

  it('holds over --runs 1000 at the default seed (a fixed z = 5 fired by multiple testing), and its mutant is still refuted', async () => {
    const r = await runClaim(claim, { seed: DEFAULT_SEED, runs: 1000 });
    expect(r.verdict, r.counterexample?.detail).toBe('holds');
    expect(r.instances?.passed).toBeGreaterThan(1000);
    expect(r.worstResidual!).toBeLessThanOrEqual(1);
    const m = await runMutant(claim, { seed: DEFAULT_SEED, runs: 1000 });
    expect(m.verdict).toBe('refuted');
    // the table's residual and the detail's number are one
    expect(m.worstResidual).toBe(m.counterexample?.residual);
    expect(m.counterexample?.detail).toContain(`deviation = ${m.counterexample!.residual!.toPrecision(6)} × allowed`);
  }, 300_000);
});
