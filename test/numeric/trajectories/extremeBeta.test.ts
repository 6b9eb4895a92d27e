import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../../src/numeric/scenario/index.js';

const scenario = JSON.parse(readFileSync(new URL('../../fixtures/qutip/scenarios/thermal_05_dS2_dE2_pswap_U_mixed.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('the fluctuation theorem where e^{−βE} underflows (β·ΔE > 745)', () => {
  it('keeps ⟨e^{−σ}⟩ = 1 for a full-rank ρ_S at β = 1e3 … 1.7e308: paths with an underflowed q_µ still count', () => {
    for (const beta of [1e3, 1e10, 1e100, 1.7e308]) {
      const out = evaluateScenario({ ...scenario, beta }) as unknown as { traj: Record<string, number>; Sigma: number };
      expect(Math.abs(out.traj.mean_exp_minus_sigma - 1)).toBeLessThan(1e-12);
      expect(Object.values(out.traj).every(Number.isFinite)).toBe(true);
      expect(Math.abs(out.traj.mean_sigma - out.Sigma)).toBeLessThanOrEqual(1e-12 * out.Sigma);
    }
  });
});
