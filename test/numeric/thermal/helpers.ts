/** Seeded instances shared by the thermal-operation tests. */
import { adjoint, mul } from '../../../src/numeric/linalg/cmatrix.js';
import { type Rng, createRng, haarUnitary, randomEnergyConservingUnitary, randomHamiltonian, randomResonantEnvironment } from '../../../src/numeric/random/index.js';
import { type ThermalOperation, thermalOperation } from '../../../src/numeric/thermal/index.js';

/**
 * A random thermal operation with non-diagonal H_S and H_E (H_E rotated by a
 * Haar unitary) and a resonant environment, drawn from createRng(seed) in the
 * order H_S, H_E, rotation, U; returns the generator too, to draw ρ_S next.
 */
export function rotatedThermalOperation(seed: number, dS: number, dE: number, beta: number): { op: ThermalOperation; rng: Rng } {
  const rng = createRng(seed);
  const hs = randomHamiltonian(rng, dS, { basis: 'random' });
  const he = randomResonantEnvironment(rng, hs.energies, dE);
  const W = haarUnitary(rng, dE);
  const HE = mul(mul(W, he.matrix), adjoint(W));
  const U = randomEnergyConservingUnitary(rng, hs.matrix, HE);
  return { op: thermalOperation(hs.matrix, HE, beta, U), rng };
}
