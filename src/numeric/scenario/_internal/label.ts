import { matrixFromJSON } from '../../linalg/json.js';
import { eigh } from '../../linalg/eigh.js';
import { TOL } from '../../tolerance.js';

/**
 * Weight outside the dominant eigenvector below which a state of rank > 1 is
 * labelled `nearly_pure` (a naming convention for fixture files, not a
 * numerical threshold: nothing is computed with it).
 */
export const NEARLY_PURE_LABEL_WEIGHT = 1e-3;

/**
 * `pure`, `nearly_pure`, `rankK` (rank-deficient, K ≥ 2) or `mixed`: a short
 * name for a density matrix written in scenario JSON. Rank counts eigenvalues
 * above TOL.zeroEigenvalue.
 */
export function stateLabel(rhoJSON: unknown, field: string): string {
  const values = eigh(matrixFromJSON(rhoJSON, field)).values;
  const d = values.length;
  const rank = Array.from(values).filter((x) => x > TOL.zeroEigenvalue).length;
  if (rank <= 1) return 'pure';
  if (values[d - 1] >= 1 - NEARLY_PURE_LABEL_WEIGHT) return 'nearly_pure';
  return rank < d ? `rank${rank}` : 'mixed';
}

function dimension(matrixJSON: unknown, field: string): number {
  return matrixFromJSON(matrixJSON, field).rows;
}

/**
 * A file-name label describing a scenario, in the style of the QuTiP reference
 * set: `davies_d3_H_rates_deph_pure`, `thermal_dS2_dE4_V_mixed`. Only letters,
 * digits, `_` and `-`.
 *
 * @throws QepInputError when a matrix of the scenario is malformed (see matrixFromJSON).
 */
export function scenarioLabel(scenario: Readonly<Record<string, unknown>>): string {
  if (scenario.model === 'davies') {
    const d = Array.isArray(scenario.energies) ? scenario.energies.length : dimension(scenario.H, 'H');
    return [
      'davies',
      `d${d}`,
      scenario.H === undefined ? 'energies' : 'H',
      scenario.gamma === undefined ? 'rates' : 'gamma',
      ...(scenario.dephasing === undefined ? [] : ['deph']),
      stateLabel(scenario.rho0, 'rho0'),
    ].join('_');
  }
  const dS = dimension(scenario.HS, 'HS');
  const dE = dimension(scenario.HE, 'HE');
  return ['thermal', `dS${dS}`, `dE${dE}`, scenario.U === undefined ? 'V' : 'U', stateLabel(scenario.rhoS, 'rhoS')].join('_');
}
