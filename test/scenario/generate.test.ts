import { describe, expect, it } from 'vitest';
import { QepInputError } from '../../src/numeric/errors.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { matrixFromJSON } from '../../src/numeric/linalg/json.js';
import { createRng } from '../../src/numeric/random/index.js';
import {
  type DaviesScenarioJSON,
  type MatrixJSONObject,
  type ThermalScenarioJSON,
  RESOLVED_LEVEL_SEPARATION,
  generateScenario,
  scenarioLabel,
} from '../../src/numeric/scenario/generate.js';
import { evaluateScenario } from '../../src/numeric/scenario/index.js';
import type { DaviesResult } from '../../src/numeric/scenario/davies.js';
import type { ThermalScenarioOutput } from '../../src/numeric/scenario/thermal.js';

const SEEDS = Array.from({ length: 150 }, (_, i) => i);

/** Naive complex matrices for independent checks: [re, im] pairs. */
type C = [number, number];
const at = (A: MatrixJSONObject, i: number, j: number): C => [A.re[i][j], A.im[i][j]];
const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
function product(A: MatrixJSONObject, B: MatrixJSONObject): MatrixJSONObject {
  const n = A.re.length;
  const re = A.re.map(() => new Array<number>(n).fill(0));
  const im = A.re.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) {
        const p = cmul(at(A, i, k), at(B, k, j));
        re[i][j] += p[0];
        im[i][j] += p[1];
      }
    }
  }
  return { re, im };
}
const adjoint = (A: MatrixJSONObject): MatrixJSONObject => ({ re: A.re.map((r, i) => r.map((_, j) => A.re[j][i])), im: A.im.map((r, i) => r.map((_, j) => -A.im[j][i])) });
function maxDiff(A: MatrixJSONObject, B: MatrixJSONObject): number {
  let m = 0;
  A.re.forEach((row, i) => row.forEach((_, j) => (m = Math.max(m, Math.abs(A.re[i][j] - B.re[i][j]), Math.abs(A.im[i][j] - B.im[i][j])))));
  return m;
}
const identityJSON = (n: number): MatrixJSONObject => ({ re: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))), im: Array.from({ length: n }, () => new Array<number>(n).fill(0)) });
/** kron(A, 1_m) + kron(1_n, B) for diagonal-or-not A (n×n), B (m×m). */
function totalHamiltonian(A: MatrixJSONObject, B: MatrixJSONObject): MatrixJSONObject {
  const n = A.re.length;
  const m = B.re.length;
  const N = n * m;
  const re = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  const im = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const [a, mu] = [Math.floor(i / m), i % m];
      const [b, nu] = [Math.floor(j / m), j % m];
      if (mu === nu) {
        re[i][j] += A.re[a][b];
        im[i][j] += A.im[a][b];
      }
      if (a === b) {
        re[i][j] += B.re[mu][nu];
        im[i][j] += B.im[mu][nu];
      }
    }
  }
  return { re, im };
}

/** Every leaf of an evaluated result: a number (finite or ±Infinity) or null; never NaN or undefined. */
function assertNoNaN(value: unknown, path = '$'): void {
  if (typeof value === 'number') {
    expect(Number.isNaN(value), path).toBe(false);
  } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    Array.from(value as ArrayLike<unknown>).forEach((x, i) => assertNoNaN(x, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, x] of Object.entries(value)) assertNoNaN(x, `${path}.${k}`);
  } else {
    expect(value, path).toBeNull();
  }
}

describe('generateScenario: davies', () => {
  const scenarios = SEEDS.map((seed) => generateScenario('davies', createRng(seed)));

  it('gives scenarios that qep eval evaluates without error and without NaN, for 150 seeds', () => {
    for (const s of scenarios) {
      const result = evaluateScenario(JSON.parse(JSON.stringify(s)));
      assertNoNaN(result);
      expect((result as DaviesResult).times).toEqual(s.times);
    }
  });

  it('is reproducible: the same seed gives the same scenario, another seed another one', () => {
    expect(generateScenario('davies', createRng(17))).toEqual(generateScenario('davies', createRng(17)));
    expect(generateScenario('davies', createRng(17))).not.toEqual(generateScenario('davies', createRng(18)));
  });

  it('writes plain JSON: matrices as {re, im}, a JSON round trip changes nothing', () => {
    for (const s of scenarios.slice(0, 30)) {
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      expect(Object.keys(s.rho0)).toEqual(['re', 'im']);
      if (s.H) expect(Object.keys(s.H)).toEqual(['re', 'im']);
    }
  });

  it('draws detailed-balanced rates (Eq. 4), symmetric couplings, ascending energies and ascending times from 0', () => {
    for (const s of scenarios) {
      expect(s.model).toBe('davies');
      expect(s.beta).toBeGreaterThan(0);
      expect(s.times[0]).toBe(0);
      for (let k = 1; k < s.times.length; k++) expect(s.times[k]).toBeGreaterThan(s.times[k - 1]);
      expect((s.energies === undefined) !== (s.H === undefined)).toBe(true);
      expect((s.rates === undefined) !== (s.gamma === undefined)).toBe(true);
      if (s.energies) for (let k = 1; k < s.energies.length; k++) expect(s.energies[k] - s.energies[k - 1]).toBeGreaterThanOrEqual(0.1 - 1e-6);
      if (s.rates && s.energies) {
        const E = s.energies;
        for (let n = 0; n < E.length; n++) {
          for (let m = 0; m < E.length; m++) {
            if (n === m) continue;
            expect(s.rates[n][m]).toBeGreaterThan(0);
            // W(n|m) / W(m|n) = e^{−β(E_n − E_m)}
            expect(Math.log(s.rates[n][m] / s.rates[m][n])).toBeCloseTo(-s.beta * (E[n] - E[m]), 9);
          }
        }
      }
      if (s.gamma) s.gamma.forEach((row, n) => row.forEach((g, m) => expect(g).toBe(s.gamma![m][n])));
      if (s.dephasing) s.dephasing.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
    }
  });

  it('covers every variant: energies and H, rates and gamma, with and without dephasing, mixed, nearly pure and pure states, d = 2..4', () => {
    const labels = scenarios.map((s) => scenarioLabel(s as unknown as Record<string, unknown>));
    for (const part of ['_energies_', '_H_', '_rates', '_gamma', '_deph_', '_mixed', '_nearly_pure', '_pure', 'davies_d2_', 'davies_d3_', 'davies_d4_']) {
      expect(labels.some((l) => l.includes(part)), part).toBe(true);
    }
    expect(labels.some((l) => !l.includes('_deph_'))).toBe(true);
  });

  it('starts a pure state with infinite entropy production and a nearly pure one with a finite one', () => {
    const pure = evaluateScenario(generateScenario('davies', createRng(5), { state: 'pure' })) as DaviesResult;
    expect(pure.Pi[0]).toBe(Infinity);
    expect(Number.isFinite(pure.Pi[1])).toBe(true);
    const nearly = generateScenario('davies', createRng(5), { state: 'nearly-pure' });
    expect(scenarioLabel(nearly as unknown as Record<string, unknown>)).toMatch(/_nearly_pure$/);
    expect(Number.isFinite((evaluateScenario(nearly) as DaviesResult).Pi[0])).toBe(true);
  });

  it('honours forced variants and the dimension range', () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const s = generateScenario('davies', createRng(seed), { dim: [3, 3], hamiltonian: 'H', bath: 'gamma', dephasing: true, state: 'mixed', times: 3 });
      expect(s.H?.re).toHaveLength(3);
      expect(s.energies).toBeUndefined();
      expect(s.gamma).toHaveLength(3);
      expect(s.dephasing).toHaveLength(3);
      expect(s.times).toHaveLength(3);
      expect(scenarioLabel(s as unknown as Record<string, unknown>)).toBe('davies_d3_H_gamma_deph_mixed');
    }
  });

  it('rejects bad option ranges with a QepInputError naming the option', () => {
    expect(() => generateScenario('davies', createRng(1), { dim: [3, 2] })).toThrow(/^dim must be/);
    expect(() => generateScenario('davies', createRng(1), { dim: [1, 2] })).toThrow(QepInputError);
    expect(() => generateScenario('davies', createRng(1), { beta: [0, 1] })).toThrow(/^beta must be/);
    expect(() => generateScenario('davies', createRng(1), { times: 0 })).toThrow(/^times must be/);
    expect(() => generateScenario('nope' as 'davies', createRng(1))).toThrow(/^model must be/);
  });
});

describe('generateScenario: thermal-operation', () => {
  const scenarios = SEEDS.map((seed) => generateScenario('thermal-operation', createRng(seed)));

  it('gives scenarios that qep eval evaluates without error and without NaN, for 150 seeds', () => {
    for (const s of scenarios) assertNoNaN(evaluateScenario(JSON.parse(JSON.stringify(s))));
  });

  it('is reproducible for a seed', () => {
    expect(generateScenario('thermal-operation', createRng(99))).toEqual(generateScenario('thermal-operation', createRng(99)));
    expect(generateScenario('thermal-operation', createRng(99))).not.toEqual(generateScenario('thermal-operation', createRng(100)));
  });

  it('draws a U that is unitary and energy conserving (Eq. 16), or a Hermitian V commuting with the total Hamiltonian', () => {
    for (const s of scenarios) {
      const H = totalHamiltonian(s.HS, s.HE);
      const N = H.re.length;
      if (s.U) {
        expect(maxDiff(product(adjoint(s.U), s.U), identityJSON(N))).toBeLessThan(1e-12);
        expect(maxDiff(product(s.U, H), product(H, s.U))).toBeLessThan(1e-11);
      } else {
        const V = s.V!;
        expect(maxDiff(V, adjoint(V))).toBe(0);
        expect(maxDiff(product(V, H), product(H, V))).toBeLessThan(1e-11);
        expect(s.t).toBeGreaterThan(0);
      }
    }
  });

  it('makes the environment resonant, so that U moves population between system levels (Q is not the identity)', () => {
    for (const s of scenarios) {
      const { Q } = evaluateScenario(s) as ThermalScenarioOutput;
      const offDiagonal = Math.max(...Q.flatMap((row, m) => row.filter((_, n) => n !== m)));
      expect(offDiagonal).toBeGreaterThan(1e-6);
    }
  });

  it('keeps total energies either degenerate or resolved by RESOLVED_LEVEL_SEPARATION (2000 seeds: about 0.3% of first draws need a redraw)', () => {
    for (let seed = 0; seed < 2000; seed++) {
      const s = generateScenario('thermal-operation', createRng(seed));
      const eS = Array.from(eigh(matrixFromJSON(s.HS)).values);
      const eE = Array.from(eigh(matrixFromJSON(s.HE)).values);
      const total = eS.flatMap((a) => eE.map((b) => a + b)).sort((a, b) => a - b);
      for (let k = 1; k < total.length; k++) {
        const gap = total[k] - total[k - 1];
        const scale = Math.max(1, Math.abs(total[k]));
        expect(gap <= 1e-9 * scale || gap >= RESOLVED_LEVEL_SEPARATION * scale, `seed ${seed}: ${total.join(', ')}`).toBe(true);
      }
    }
  });

  it('covers U and V, diagonal and rotated Hamiltonians, degenerate Bohr frequencies, every state kind, d_S = 2..3 and d_E = 2..4', () => {
    const labels = scenarios.map((s) => scenarioLabel(s as unknown as Record<string, unknown>));
    for (const part of ['_U_', '_V_', '_mixed', '_nearly_pure', '_pure', 'dS2_', 'dS3_', 'dE2_', 'dE3_', 'dE4_']) {
      expect(labels.some((l) => l.includes(part)), part).toBe(true);
    }
    const rotated = (A: MatrixJSONObject) => A.im.some((r) => r.some((x) => x !== 0));
    expect(scenarios.some((s) => rotated(s.HS))).toBe(true);
    expect(scenarios.some((s) => rotated(s.HE))).toBe(true);
    // Null α (Eq. 20 undefined): a shared Bohr frequency, from the equally spaced ladders of d_S = 3.
    expect(scenarios.some((s) => (evaluateScenario(s) as ThermalScenarioOutput).alpha.re.some((r, m) => r.some((x, n) => m !== n && x === null)))).toBe(true);
  });

  it('honours forced variants and rejects a dimension range beyond MAX_THERMAL_DIMENSION', () => {
    const s: ThermalScenarioJSON = generateScenario('thermal-operation', createRng(3), { dimS: [2, 2], dimE: [3, 3], unitary: 'V', state: 'pure' });
    expect(scenarioLabel(s as unknown as Record<string, unknown>)).toBe('thermal_dS2_dE3_V_pure');
    expect(s.U).toBeUndefined();
    expect(() => generateScenario('thermal-operation', createRng(3), { dimS: [8, 8], dimE: [9, 9] })).toThrow(/^dimE must be/);
    expect(() => generateScenario('thermal-operation', createRng(3), { dimS: [1, 2] })).toThrow(/^dimS must be/);
  });
});

describe('scenarioLabel', () => {
  it('names a scenario by its model, dimensions, variants and state', () => {
    const s: DaviesScenarioJSON = {
      model: 'davies',
      beta: 1,
      energies: [0, 1, 2],
      rates: [[0, 1, 1], [1, 0, 1], [1, 1, 0]],
      rho0: { re: [[0.5, 0, 0], [0, 0.5, 0], [0, 0, 0]], im: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] },
      times: [0],
    };
    expect(scenarioLabel(s as unknown as Record<string, unknown>)).toBe('davies_d3_energies_rates_rank2');
  });
});
