import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CMatrix, identity, kron } from '../../../src/numeric/linalg/cmatrix.js';
import { matrixFromJSON } from '../../../src/numeric/linalg/json.js';
import { enumerateTrajectories, exactTrajectoryMeans, type TrajectoryInput, type TrajectoryMeans } from '../../../src/numeric/trajectories/index.js';
import { unitaryFromGenerator } from '../../../properties/_trajectories/unitary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/qutip');
const names = readdirSync(join(root, 'scenarios')).filter((f) => f.startsWith('thermal_'));

function readJSON(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The trajectory input of a thermal-operation scenario: U given, or U = e^{−i(H_S⊗1 + 1⊗H_E + V)t}. */
function scenarioInput(s: Record<string, unknown>): TrajectoryInput {
  const HS = matrixFromJSON(s.HS, 'HS');
  const HE = matrixFromJSON(s.HE, 'HE');
  let U: CMatrix;
  if (s.U !== undefined) U = matrixFromJSON(s.U, 'U');
  else {
    const K = matrixFromJSON(s.V, 'V');
    const H0 = kron(HS, identity(HE.rows));
    const H1 = kron(identity(HS.rows), HE);
    for (let k = 0; k < K.re.length; k++) {
      K.re[k] += H0.re[k] + H1.re[k];
      K.im[k] += H0.im[k] + H1.im[k];
    }
    U = unitaryFromGenerator(K, s.t as number);
  }
  return { HS, HE, beta: s.beta as number, rhoS: matrixFromJSON(s.rhoS, 'rhoS'), U };
}

const keys: (keyof TrajectoryMeans)[] = ['mean_exp_minus_sigma', 'mean_sigma', 'mean_sigma_d', 'mean_xi', 'mean_exp_minus_sigma_d'];

describe('exact trajectory means against the QuTiP reference (traj key)', () => {
  it('finds the 20 thermal-operation scenarios', () => {
    expect(names.length).toBe(20);
  });

  it.each(names)('%s: every traj value agrees to 1e-8 absolute / 1e-7 relative', (name) => {
    const input = scenarioInput(readJSON(join(root, 'scenarios', name)));
    const expected = readJSON(join(root, 'expected', name)).traj as Record<string, number>;
    const got = exactTrajectoryMeans(input);
    for (const k of keys) {
      const dev = Math.abs(got[k] - expected[k]);
      expect(dev, `${k}: got ${got[k]}, QuTiP ${expected[k]}`).toBeLessThanOrEqual(1e-8 + 1e-7 * Math.abs(expected[k]));
    }
  });

  it.each(names)('%s: Sigma, Sigma_d, Xi computed from the states agree with the reference', (name) => {
    const input = scenarioInput(readJSON(join(root, 'scenarios', name)));
    const expected = readJSON(join(root, 'expected', name)) as Record<string, number>;
    const { parts } = enumerateTrajectories(input);
    for (const k of ['Sigma', 'Sigma_d', 'Xi'] as const) {
      expect(Math.abs(parts[k] - expected[k])).toBeLessThanOrEqual(1e-8 + 1e-7 * Math.abs(expected[k]));
    }
  });
});
