import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTrajectoryInstance } from '../../../properties/arbitraries/index.js';
import { trajectoryClaims } from '../../../properties/trajectories.js';
import { formatText, summarize } from '../../../src/claims/report.js';
import { DEFAULT_RUNS, DEFAULT_SEED, matchesExpectation, runClaim, runMutant } from '../../../src/claims/runner.js';
import { registryProblems } from '../../../src/claims/select.js';
import { type CMatrix, adjoint, identity, kron, mul, normMax, sub } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import { energyLevels } from '../../../src/numeric/quantum/index.js';

// The trajectory claims through the runner with the seed and run count of `qep check`.
const opts = { seed: DEFAULT_SEED, runs: DEFAULT_RUNS };

describe('the trajectory claims (Eqs. 32–44)', () => {
  it('are well-formed, with unique ids in the trajectories section', () => {
    expect(registryProblems(trajectoryClaims)).toEqual([]);
    expect(trajectoryClaims.every((c) => c.id.startsWith('trajectories.'))).toBe(true);
  });

  it('give every claim expected to hold a mutant, and none to a claim expected refuted', () => {
    for (const c of trajectoryClaims) expect(c.property?.mutant !== undefined, c.id).toBe(c.expected === 'holds');
  });

  for (const claim of trajectoryClaims) {
    it(`${claim.id} (Eq. ${claim.equation}) is ${claim.expected} as expected`, async () => {
      const result = await runClaim(claim, opts);
      expect(matchesExpectation(result), formatText([result], summarize([result], opts))).toBe(true);
    });
  }

  for (const claim of trajectoryClaims.filter((c) => c.property?.mutant !== undefined)) {
    it(`${claim.id} (Eq. ${claim.equation}) refutes its mutant`, async () => {
      const result = await runMutant(claim, opts);
      expect(result.verdict, formatText([result], summarize([result], opts))).toBe('refuted');
    });
  }

  it('reports the counterexample of ⟨e^{−σ_d}⟩ = 1 as a readable qubit on the coarse grid: d_S = d_E = 2, levels {0, 0.25}, β·ΔE = 1, U = 1', async () => {
    const claim = trajectoryClaims.find((c) => c.id === 'trajectories.classical-ft-any-state');
    const result = await runClaim(claim!, opts);
    const inst = result.counterexample?.instance as { dS: number; dE: number; beta: number; HS: number[]; HE: number[]; U: number[][] };
    expect(inst.dS).toBe(2);
    expect(inst.dE).toBe(2);
    expect(inst.beta).toBe(4);
    expect(inst.HS).toEqual([0, 0.25]);
    expect(inst.HE).toEqual([0, 0.25]);
    expect(inst.U).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(result.counterexample?.residual).toBeGreaterThan(1e-3);
  });

  it('shrinks the counterexample of Eq. 40 for every ρ_S to a pure qubit state', async () => {
    const claim = trajectoryClaims.find((c) => c.id === 'trajectories.fluctuation-theorem-any-state');
    const result = await runClaim(claim!, opts);
    const inst = result.counterexample?.instance as { dS: number; dE: number; rhoS_eigenvalues: number[] };
    expect(inst.dS).toBe(2);
    expect(inst.dE).toBe(2);
    expect(Math.min(...inst.rhoS_eigenvalues)).toBeLessThan(1e-12);
  });
});

describe('the arbitraries of the trajectory claims', () => {
  // The arbitraries give Hamiltonians as matrices.
  const H = (h: unknown): CMatrix => h as CMatrix;
  for (const [name, arb] of [
    ['general', arbTrajectoryInstance()],
    ['diagonal', arbTrajectoryInstance({ use: 'diagonal' })],
    ['coarse', arbTrajectoryInstance({ grid: 'coarse' })],
  ] as const) {
    it(`${name}: draws valid thermal operations (ρ_S a state, U unitary and energy conserving)`, () => {
      fc.assert(
        fc.property(arb, (t) => {
          const { rhoS, U } = t.input;
          const HS = H(t.input.HS);
          const HE = H(t.input.HE);
          const N = t.dS * t.dE;
          expect(U.rows).toBe(N);
          expect(normMax(sub(mul(adjoint(U), U), identity(N)))).toBeLessThan(1e-10);
          const Htot = kron(HS, identity(t.dE));
          const HEt = kron(identity(t.dS), HE);
          for (let k = 0; k < Htot.re.length; k++) {
            Htot.re[k] += HEt.re[k];
            Htot.im[k] += HEt.im[k];
          }
          expect(normMax(sub(mul(U, Htot), mul(Htot, U)))).toBeLessThan(1e-9);
          expect(eigh(rhoS).values[0]).toBeGreaterThan(-1e-12);
          let tr = 0;
          for (let i = 0; i < t.dS; i++) tr += rhoS.re[i * t.dS + i];
          expect(Math.abs(tr - 1)).toBeLessThan(1e-12);
          if (name === 'diagonal') {
            const b = energyLevels(HS).basis;
            const back = b === null ? rhoS : mul(mul(adjoint(b), rhoS), b);
            for (let i = 0; i < t.dS; i++) for (let j = 0; j < t.dS; j++) if (i !== j) expect(Math.abs(back.re[i * t.dS + j]) + Math.abs(back.im[i * t.dS + j])).toBeLessThan(1e-12);
          }
        }),
        { seed: 7, numRuns: 60 },
      );
    });

    it(`${name}: is reproducible for a seed`, () => {
      const a = fc.sample(arb, { seed: 11, numRuns: 5 });
      const b = fc.sample(arb, { seed: 11, numRuns: 5 });
      expect(b.map((t) => Array.from(t.input.U.re))).toEqual(a.map((t) => Array.from(t.input.U.re)));
      expect(b.map((t) => t.input.beta)).toEqual(a.map((t) => t.input.beta));
    });
  }
});
