import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDaviesQubit, arbPrintedInstance, arbThermalInstance, isResonant, uniformDouble } from '../../../properties/arbitraries/index.js';
import { checkCorrelatedCoherence } from '../../../properties/_thermal/checks.js';
import { thermalClaims } from '../../../properties/thermal.js';
import { formatText, summarize } from '../../../src/claims/report.js';
import { DEFAULT_RUNS, DEFAULT_SEED, matchesExpectation, runClaim, runMutant } from '../../../src/claims/runner.js';
import { registryProblems } from '../../../src/claims/select.js';
import { fromReal } from '../../../src/numeric/linalg/cmatrix.js';
import { assertDensityMatrix, assertEnergyConserving, assertUnitary } from '../../../src/numeric/quantum/index.js';
import { partialSwap, totalHamiltonian } from '../../../src/numeric/thermal/index.js';

const opts = { seed: DEFAULT_SEED, runs: DEFAULT_RUNS };

describe('the thermal-operation arbitraries', () => {
  it('draw valid instances: ρ_S a density matrix, U unitary and energy conserving, β ≥ 0 finite, β·ΔE ≤ 50', () => {
    fc.assert(
      fc.property(arbThermalInstance(), (i) => {
        assertDensityMatrix(i.rhoS, 'rhoS', i.dS);
        assertUnitary(i.U, 'U');
        assertEnergyConserving(i.U, totalHamiltonian(i.HS, i.HE), 'U');
        assertEnergyConserving(i.V, totalHamiltonian(i.HS, i.HE), 'V');
        expect(Number.isFinite(i.beta) && i.beta >= 0).toBe(true);
        expect(i.betaDeltaE).toBeLessThanOrEqual(50);
        expect(i.resonance).toBe(isResonant(i.energiesS, i.energiesE));
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('are reproducible for a seed', () => {
    const a = fc.sample(arbThermalInstance(), { seed: 5, numRuns: 3 });
    const b = fc.sample(arbThermalInstance(), { seed: 5, numRuns: 3 });
    expect(a.map((x) => Array.from(x.U.re))).toEqual(b.map((x) => Array.from(x.U.re)));
  });

  it('cover the advertised ranges: all dimensions, both kinds of environment, all state kinds, β·ΔE from 0 to 50, non-trivial U', () => {
    const xs = fc.sample(arbThermalInstance(), { seed: DEFAULT_SEED, numRuns: 400 });
    const dims = new Set(xs.map((x) => `${x.dS}x${x.dE}`));
    for (let dS = 2; dS <= 4; dS++) for (let dE = 2; dE <= 6; dE++) expect(dims.has(`${dS}x${dE}`), `${dS}x${dE}`).toBe(true);
    expect(new Set(xs.map((x) => x.resonance))).toEqual(new Set([true, false]));
    expect(new Set(xs.map((x) => x.state))).toEqual(new Set(['coherent', 'diagonal', 'pure', 'deficient', 'near-degenerate']));
    expect(new Set(xs.map((x) => x.model))).toEqual(new Set(['random', 'partial-swap', 'exchange']));
    expect(xs.some((x) => x.betaDeltaE === 0)).toBe(true);
    expect(xs.some((x) => x.betaDeltaE === 50)).toBe(true);
    expect(xs.filter((x) => x.betaDeltaE > 1 && x.betaDeltaE < 50).length).toBeGreaterThan(50);
    // U far from diagonal in the product basis on most non-rotated resonant instances
    const offDiagonal = xs
      .filter((x) => !x.rotated && x.resonance)
      .map((x) => {
        let m = 0;
        const N = x.U.rows;
        for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) if (a !== b) m = Math.max(m, Math.hypot(x.U.re[a * N + b], x.U.im[a * N + b]));
        return m;
      });
    expect(offDiagonal.filter((m) => m > 0.1).length / offDiagonal.length).toBeGreaterThan(0.5);
  });

  it('draw uniform doubles (fc.double would put ~92% of [−π, π] below 1e-3)', () => {
    const xs = fc.sample(uniformDouble(-Math.PI, Math.PI), { seed: 1, numRuns: 4000 });
    expect(xs.filter((x) => Math.abs(x) < 1e-3).length / xs.length).toBeLessThan(0.01);
    expect(xs.filter((x) => Math.abs(x) > 1).length / xs.length).toBeGreaterThan(0.6);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-Math.PI);
    expect(Math.max(...xs)).toBeLessThanOrEqual(Math.PI);
  });

  it('draw printed-form and Davies instances that are well formed', () => {
    for (const p of fc.sample(arbPrintedInstance(), { seed: 3, numRuns: 20 })) expect(p.t).toBeGreaterThanOrEqual(0);
    for (const d of fc.sample(arbDaviesQubit(), { seed: 3, numRuns: 50 })) {
      assertDensityMatrix(d.rho0, 'rho0', 2);
      expect(d.beta * d.omega).toBeGreaterThan(0);
      expect(d.beta * d.omega).toBeLessThanOrEqual(50 + 1e-9);
    }
  });
});

describe('the thermal-operation claims', () => {
  it('are well formed', () => {
    expect(registryProblems(thermalClaims)).toEqual([]);
    expect(thermalClaims.length).toBe(23);
  });

  // Every claim and every mutant runs with the default seed and runs in test/claims/registry.test.ts
  // (properties/index.ts registers thermalClaims); here only what is specific to this section.
  it('refutes Eq. (30) as printed and keeps its corrected, non-resonant form (default seed and runs)', async () => {
    const printed = await runClaim(thermalClaims.find((c) => c.id === 'thermal.correlated-coherence')!, opts);
    expect(printed.verdict, formatText([printed], summarize([printed], opts))).toBe('refuted');
    const corrected = await runClaim(thermalClaims.find((c) => c.id === 'thermal.correlated-coherence-nonresonant')!, opts);
    expect(matchesExpectation(corrected)).toBe(true);
    expect(corrected.instances?.passed ?? 0).toBeGreaterThanOrEqual(20); // applicable (non-resonant) instances
    const mutant = await runMutant(thermalClaims.find((c) => c.id === 'thermal.correlated-coherence-nonresonant')!, opts);
    expect(mutant.verdict).toBe('refuted');
  });

  it('gives every holding claim a mutant, and none to the expected-refuted printed forms', () => {
    for (const c of thermalClaims) expect(c.property?.mutant !== undefined, c.id).toBe(c.expected === 'holds');
  });

  it('refutes Eq. (30) on the hand-made example of its note: C_cc = −0.0374 for a 50:50 partial swap at T ≈ 0', () => {
    const m = partialSwap({ theta: Math.PI / 4 });
    const outcome = checkCorrelatedCoherence({
      model: 'partial-swap',
      state: 'coherent',
      dS: 2,
      dE: 2,
      energiesS: Float64Array.from([0, 1]),
      energiesE: Float64Array.from([0, 1]),
      resonance: true,
      rotated: false,
      HS: m.HS,
      HE: m.HE,
      U: m.U,
      V: m.V,
      rhoS: fromReal([
        [0.8, 0.3],
        [0.3, 0.2],
      ]),
      beta: 50,
      betaDeltaE: 50,
    });
    expect(outcome.kind).toBe('fail');
    if (outcome.kind === 'fail') expect(outcome.detail).toMatch(/C_cc = -0\.0374347/);
  });

  it('reports the smallest slack of Eq. (21) as minus the worst residual (the bound is attained: slack 0)', async () => {
    const result = await runClaim(thermalClaims.find((c) => c.id === 'thermal.coherence-bound')!, opts);
    expect(result.worstResidual).not.toBeNull();
    expect(Math.abs(result.worstResidual as number)).toBeLessThan(1e-12);
  });
});
