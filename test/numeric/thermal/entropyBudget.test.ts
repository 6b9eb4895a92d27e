import { describe, expect, it } from 'vitest';
import { type CMatrix, fromDiagonal, fromReal } from '../../../src/numeric/linalg/cmatrix.js';
import {
  dephase,
  gibbsPopulations,
  gibbsState,
  klDivergence,
  mutualInformation,
  populationsIn,
  relativeEntropy,
  vonNeumannEntropy,
} from '../../../src/numeric/quantum/index.js';
import { createRng, hilbertSchmidtState, randomEnergyConservingUnitary, randomPureState } from '../../../src/numeric/random/index.js';
import {
  applyThermalOperation,
  partialSwap,
  thermalEntropyBudget,
  thermalOperation,
  totalHamiltonian,
} from '../../../src/numeric/thermal/index.js';
import { rotatedThermalOperation } from './helpers.js';

function instance(seed: number, dS: number, dE: number, beta: number, pure: boolean) {
  const { op, rng } = rotatedThermalOperation(seed, dS, dE, beta);
  const rho: CMatrix = pure ? randomPureState(rng, dS) : hilbertSchmidtState(rng, dS);
  return { op, rho };
}

const cases: Array<[number, number, number, boolean]> = [
  [2, 2, 0.5, false],
  [2, 6, 3, true],
  [3, 4, 1.2, false],
  [4, 3, 0, true],
  [4, 8, 2, false],
];

describe('the entropy budget of a thermal operation', () => {
  for (const [dS, dE, beta, pure] of cases) {
    const label = `d_S = ${dS}, d_E = ${dE}, β = ${beta}, ${pure ? 'pure' : 'mixed'} ρ_S`;

    it(`computes Σ as the drop of S(ρ‖ρ_eq), matching the spectral relative entropy (${label})`, () => {
      const { op, rho } = instance(dS * 100 + dE, dS, dE, beta, pure);
      const b = thermalEntropyBudget(op, rho);
      const eq = gibbsState(op.HS, beta);
      const ref = relativeEntropy(rho, eq) - relativeEntropy(b.rhoS_final, eq);
      expect(b.Sigma).toBeCloseTo(ref, 11);
      expect(b.Srel_E).toBeCloseTo(relativeEntropy(b.rhoE_final, op.rhoEeq), 11);
    });

    it(`satisfies Σ = Σ_d + Ξ, Σ = S(ρ'_E‖ρ_E^eq) + I(ρ'_SE), Eq. (27), Eq. (28), Eq. (31) (${label})`, () => {
      const { op, rho } = instance(dS * 100 + dE + 1, dS, dE, beta, pure);
      const b = thermalEntropyBudget(op, rho);
      expect(b.Sigma).toBeCloseTo(b.Sigma_d + b.Xi, 12);
      expect(b.Sigma).toBeCloseTo(b.Srel_E + b.I_SE, 11);
      expect(b.S_deph_SE_final).toBeCloseTo(b.S_deph_S + b.S_E_eq, 11);
      expect(b.C_SE_final).toBeCloseTo(b.C_S, 11);
      expect(b.Xi).toBeCloseTo(b.C_E_final + b.C_cc, 12);
      expect(b.Sigma).toBeGreaterThanOrEqual(-1e-12);
      expect(b.Sigma_d).toBeGreaterThanOrEqual(-1e-12);
      expect(b.Xi).toBeGreaterThanOrEqual(-1e-12);
    });

    it(`agrees with the quantities computed in the original basis by the primitives (${label})`, () => {
      const { op, rho } = instance(dS * 100 + dE + 2, dS, dE, beta, pure);
      const b = thermalEntropyBudget(op, rho);
      const joint = applyThermalOperation(op, rho);
      const H = totalHamiltonian(op.HS, op.HE);
      expect(b.I_SE).toBeCloseTo(mutualInformation(joint, [dS, dE]), 11);
      expect(b.S_deph_SE_final).toBeCloseTo(vonNeumannEntropy(dephase(joint, H)), 11);
      expect(b.C_S_final).toBeCloseTo(vonNeumannEntropy(dephase(b.rhoS_final, op.HS)) - vonNeumannEntropy(b.rhoS_final), 11);
      expect(b.C_E_final).toBeCloseTo(vonNeumannEntropy(dephase(b.rhoE_final, op.HE)) - vonNeumannEntropy(b.rhoE_final), 11);
      const peq = gibbsPopulations(op.levelsS.energies, beta);
      const p = populationsIn(rho, op.levelsS.basis);
      const p1 = populationsIn(b.rhoS_final, op.levelsS.basis);
      expect(b.Sigma_d).toBeCloseTo(klDivergence(p, peq) - klDivergence(p1, peq), 11);
    });
  }

  it('stays finite at β·ΔE = 50, where Gibbs populations fall below the zero-eigenvalue threshold', () => {
    // Full swap of resonant qubits with ΔE = 1, β = 50, ρ_S = |+⟩⟨+|: ρ'_S ≈ |0⟩⟨0|.
    const m = partialSwap({ theta: Math.PI / 2 });
    const b = thermalEntropyBudget(thermalOperation(m.HS, m.HE, 50, m.U), fromReal([[0.5, 0.5], [0.5, 0.5]]));
    // S(ρ‖ρ_eq) = β/2 + ln(1 + e^{−β}) − 0, S(ρ'‖ρ_eq) ≈ β e^{−β}/(1+e^{−β}) + ln(1 + e^{−β}) − h(q_1)
    expect(Number.isFinite(b.Sigma)).toBe(true);
    expect(b.Sigma).toBeCloseTo(25, 10);
    expect(b.Xi).toBeCloseTo(Math.log(2), 12);
    expect(b.Sigma_d).toBeCloseTo(25 - Math.log(2), 10);
  });

  it('computes Σ_d with the dephased states also for a degenerate H_S, keeping Σ = Σ_d + Ξ exact', () => {
    const rng = createRng(9);
    const HS = fromDiagonal([0, 0, 1]);
    const HE = fromDiagonal([0, 1, 1]);
    const U = randomEnergyConservingUnitary(rng, HS, HE);
    const b = thermalEntropyBudget(thermalOperation(HS, HE, 0.7, U), hilbertSchmidtState(rng, 3));
    expect(b.Sigma).toBeCloseTo(b.Sigma_d + b.Xi, 13);
    expect(b.Sigma_d).toBeGreaterThanOrEqual(-1e-13);
    expect(b.Xi).toBeGreaterThanOrEqual(-1e-13);
  });

  it('finds C_cc < 0 for the 50:50 partial swap of resonant qubits at T = 0 (the counterexample to Eq. 30)', () => {
    // Independent value from numpy: −0.03743466132795997 (C(ρ'_SE) = 0.23217, C(ρ'_S) = C(ρ'_E) = 0.13480).
    const m = partialSwap({ theta: Math.PI / 4 });
    const b = thermalEntropyBudget(thermalOperation(m.HS, m.HE, 50, m.U), fromReal([[0.8, 0.3], [0.3, 0.2]]));
    expect(b.C_cc).toBeCloseTo(-0.03743466132795997, 12);
    expect(b.C_SE_final).toBeCloseTo(0.2321729676683632, 12);
    expect(b.C_S_final).toBeCloseTo(0.1348038144981616, 12);
    expect(b.C_E_final).toBeCloseTo(0.1348038144981616, 12);
  });
});
