import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, fromReal, identity, mul, normMax, sub, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { createRng, randomEnergyConservingUnitary, hilbertSchmidtState, randomHamiltonian, randomResonantEnvironment } from '../../../src/numeric/random/index.js';
import { type TrajectoryInput, enumerateTrajectories, unravel } from '../../../src/numeric/trajectories/index.js';

function instance(seed: number, dS: number, dE: number): TrajectoryInput {
  const rng = createRng(seed);
  const HS = randomHamiltonian(rng, dS, { basis: 'random' });
  const HE = randomResonantEnvironment(rng, HS.energies, dE);
  return { HS: HS.matrix, HE: HE.matrix, beta: 0.7, rhoS: hilbertSchmidtState(rng, dS), U: randomEnergyConservingUnitary(rng, HS.matrix, HE.matrix) };
}

describe('the unravelling into pure-state branches (Eqs. 32–38)', () => {
  it('normalises every non-empty branch state (Eq. 32) and lists branches in the documented order', () => {
    const u = unravel(instance(1, 3, 3));
    expect(u.forward.length).toBe(27);
    u.forward.forEach((b, k) => {
      expect(k).toBe((b.alpha * 3 + b.mu) * 3 + b.nu);
      if (b.state === null) return;
      const n = mul(adjoint(b.state), b.state);
      expect(n.re[0]).toBeCloseTo(1, 14);
    });
    u.backward.forEach((b, k) => expect(k).toBe((b.beta * 3 + b.nu) * 3 + b.mu));
  });

  it('averages the branch states to ρ\'_S (Eq. 33) and their conditionals to p\'_β (Eq. 34)', () => {
    const input = instance(2, 3, 4);
    const u = unravel(input);
    const avg = zeros(3, 3);
    const pb = new Float64Array(3);
    for (const b of u.forward) {
      if (b.state === null) continue;
      const w = b.probability * b.weight;
      const P = mul(b.state, adjoint(b.state));
      for (let k = 0; k < 9; k++) {
        avg.re[k] += w * P.re[k];
        avg.im[k] += w * P.im[k];
      }
      b.conditional.forEach((c, beta) => (pb[beta] += c * w));
    }
    expect(normMax(sub(avg, u.rhoSFinal))).toBeLessThan(1e-13);
    pb.forEach((x, beta) => expect(x).toBeCloseTo(u.pFinal[beta], 13));
  });

  it('makes each forward path probability a product of its branch probabilities (Eqs. 35–36), with P_F(ν|α,µ) summing to 1 over ν', () => {
    const input = instance(3, 2, 3);
    const u = unravel(input);
    const e = enumerateTrajectories(input);
    for (let k = 0; k < e.forward.count; k++) {
      const b = u.forward[(e.forward.alpha[k] * 3 + e.forward.mu[k]) * 3 + e.forward.nu[k]];
      expect(b.conditional[e.forward.beta[k]] * b.probability * b.weight).toBeCloseTo(e.forward.PF[k], 14);
    }
    for (let a = 0; a < 2; a++) {
      for (let mu = 0; mu < 3; mu++) {
        let s = 0;
        for (let nu = 0; nu < 3; nu++) s += u.forward[(a * 3 + mu) * 3 + nu].probability;
        expect(s).toBeCloseTo(1, 14);
      }
    }
  });

  it('marks branches that carry no probability as empty: U = 1 never changes the environment, so ν ≠ µ has no state', () => {
    const rhoS: CMatrix = fromReal([
      [0.6, 0.2],
      [0.2, 0.4],
    ]);
    const u = unravel({ HS: [0, 1], HE: [0, 1], beta: 1, rhoS, U: identity(4) });
    for (const b of u.forward) {
      if (b.mu === b.nu) {
        expect(b.probability).toBeCloseTo(1, 14);
        expect(b.state).not.toBeNull();
      } else {
        expect(b.probability).toBe(0);
        expect(b.state).toBeNull();
        expect(Array.from(b.conditional)).toEqual([0, 0]);
      }
    }
  });
});
