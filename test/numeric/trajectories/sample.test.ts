import { describe, expect, it } from 'vitest';
import { fromDiagonal, identity } from '../../../src/numeric/linalg/cmatrix.js';
import {
  createRng,
  randomEnergyConservingUnitary,
  hilbertSchmidtState,
  randomHamiltonian,
  randomPureState,
  randomResonantEnvironment,
} from '../../../src/numeric/random/index.js';
import {
  type TrajectoryInput,
  enumerateTrajectories,
  sampleTrajectories,
  sampledTrajectoryMeans,
} from '../../../src/numeric/trajectories/index.js';
import { enumerateAndSample } from '../../../src/numeric/trajectories/sample.js';

function instance(seed: number, dS: number, dE: number, pure = false): TrajectoryInput {
  const rng = createRng(seed);
  const HS = randomHamiltonian(rng, dS, { basis: 'random' });
  const HE = randomResonantEnvironment(rng, HS.energies, dE);
  const U = randomEnergyConservingUnitary(rng, HS.matrix, HE.matrix);
  const rhoS = pure ? randomPureState(rng, dS) : hilbertSchmidtState(rng, dS);
  return { HS: HS.matrix, HE: HE.matrix, beta: 1.1, rhoS, U };
}

const keys = ['sigma', 'sigma_d', 'xi', 'exp_minus_sigma', 'exp_minus_sigma_d'] as const;

describe('Monte Carlo sampling of the trajectories', () => {
  it('is reproducible: the same seed gives the same samples, another seed different ones', () => {
    const input = instance(1, 3, 3);
    const a = sampleTrajectories(input, { samples: 2000, seed: 42 });
    const b = sampleTrajectories(input, { samples: 2000, seed: 42 });
    const c = sampleTrajectories(input, { samples: 2000, seed: 43 });
    expect(b).toEqual(a);
    expect(c.sigma.mean).not.toBe(a.sigma.mean);
  });

  it.each([
    [2, 2, 3, false],
    [3, 3, 4, false],
    [4, 3, 2, true],
  ])('agrees with the exact means within 5 standard errors (seed %i, d_S = %i, d_E = %i, pure %s)', (seed, dS, dE, pure) => {
    const input = instance(seed, dS, dE, pure);
    const exact = enumerateTrajectories(input).means;
    const s = sampleTrajectories(input, { samples: 20000, seed: 7 });
    const target = {
      sigma: exact.mean_sigma,
      sigma_d: exact.mean_sigma_d,
      xi: exact.mean_xi,
      exp_minus_sigma: exact.mean_exp_minus_sigma,
      exp_minus_sigma_d: exact.mean_exp_minus_sigma_d,
    };
    for (const k of keys) {
      expect(Number.isFinite(s[k].stderr) && s[k].stderr > 0, k).toBe(true);
      expect(Math.abs(s[k].mean - target[k]), `${k}: ${s[k].mean} ± ${s[k].stderr} vs ${target[k]}`).toBeLessThan(5 * s[k].stderr);
    }
  });

  it('samples only the paths the exact enumeration keeps: a pure ρ_S never starts from its kernel, so σ stays finite', () => {
    const input = instance(5, 3, 3, true);
    const s = sampleTrajectories(input, { samples: 5000, seed: 1 });
    for (const k of keys) expect(Number.isFinite(s[k].mean)).toBe(true);
    expect(s.exp_minus_sigma.mean).toBeLessThan(1);
  });

  it('returns histograms of σ, σ_d and ξ whose counts add up to the samples and whose edges span the sampled values', () => {
    const input = instance(6, 3, 3);
    const s = sampleTrajectories(input, { samples: 3000, seed: 3, bins: 25 });
    for (const h of [s.histograms.sigma, s.histograms.sigma_d, s.histograms.xi]) {
      expect(h.counts.length).toBe(25);
      expect(h.edges.length).toBe(26);
      expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3000);
      for (let k = 1; k < h.edges.length; k++) expect(h.edges[k]).toBeGreaterThan(h.edges[k - 1]);
    }
    // the histogram of σ puts its mass where the exact distribution does
    const e = enumerateTrajectories(input);
    const h = s.histograms.sigma;
    const lo = h.edges[0];
    const hi = h.edges[h.edges.length - 1];
    let inside = 0;
    for (let k = 0; k < e.forward.count; k++) if (e.forward.sigma[k] >= lo && e.forward.sigma[k] <= hi) inside += e.forward.PF[k];
    expect(inside).toBeGreaterThan(0.99);
  });

  it('gives a one-point histogram when σ is constant: U = 1, β = 0 and ρ_S = 1/2 give σ = 0 exactly on every path', () => {
    const s = sampleTrajectories({ HS: [0, 1], HE: [0, 1], beta: 0, rhoS: fromDiagonal([0.5, 0.5]), U: identity(4) }, { samples: 100, seed: 1, bins: 4 });
    expect(s.sigma.mean).toBe(0);
    expect(s.sigma.stderr).toBe(0);
    expect(s.histograms.sigma.edges).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(s.histograms.sigma.counts).toEqual([0, 0, 100, 0]);
  });

  it('enumerates and samples from one prepared protocol exactly as the two separate calls do', () => {
    for (const [seed, dS, dE, pure] of [[11, 2, 2, false], [12, 3, 2, true], [13, 2, 3, false]] as const) {
      const input = instance(seed, dS, dE, pure);
      const both = enumerateAndSample(input, { samples: 1500, seed: 5, bins: 12 });
      expect(both.sample).toEqual(sampleTrajectories(input, { samples: 1500, seed: 5, bins: 12 }));
      expect(both.ensemble).toEqual(enumerateTrajectories(input));
    }
    expect(() => enumerateAndSample(instance(11, 2, 2), { samples: 0, seed: 1 })).toThrow(/^samples must be/);
  });

  it('flattens the sampled means and standard errors for the scenario output', () => {
    const s = sampleTrajectories(instance(7, 2, 2), { samples: 500, seed: 9 });
    const flat = sampledTrajectoryMeans(s);
    expect(flat.samples).toBe(500);
    expect(flat.seed).toBe(9);
    expect(flat.sampled_mean_sigma).toBe(s.sigma.mean);
    expect(flat.stderr_exp_minus_sigma_d).toBe(s.exp_minus_sigma_d.stderr);
  });

  it('rejects a sample count, seed or bin count that is not a positive (safe) integer, naming the option', () => {
    const input = instance(8, 2, 2);
    expect(() => sampleTrajectories(input, { samples: 0, seed: 1 })).toThrow(/^samples must be/);
    expect(() => sampleTrajectories(input, { samples: 2.5, seed: 1 })).toThrow(/^samples must be/);
    expect(() => sampleTrajectories(input, { samples: 10, seed: 0.5 })).toThrow(/^seed must be/);
    expect(() => sampleTrajectories(input, { samples: 10, seed: 1, bins: 0 })).toThrow(/^bins must be/);
  });
});
