import fc from 'fast-check';
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import { symbolicClaims } from '../../properties/symbolic.js';
import { formatText, summarize } from '../../src/claims/report.js';
import { DEFAULT_RUNS, DEFAULT_SEED, matchesExpectation, runClaim, runMutant } from '../../src/claims/runner.js';
import { registryProblems } from '../../src/claims/select.js';
import { arbSymbolicPoint } from '../../properties/_symbolic/arbitraries.js';
import { checkClosedForm } from '../../properties/_symbolic/checks.js';
import { numericForms } from '../../src/symbolic/numeric.js';
import { compileNumber, parseExpression } from '../../src/symbolic/cas/mathjs.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';
import { CHECK_TOL } from '../../src/numeric/tolerance.js';

// The symbolic claims through the same runner, seed and run count as `qep check`
// (the registry test runs them again once properties/index.ts lists them).
const opts = { seed: DEFAULT_SEED, runs: DEFAULT_RUNS };
afterAll(closeCasWorkers);

describe('the symbolic claims', () => {
  it('are well formed, with LaTeX statements KaTeX renders', () => {
    expect(registryProblems(symbolicClaims)).toEqual([]);
    for (const c of symbolicClaims) expect(() => katex.renderToString(c.statement, { throwOnError: true }), c.id).not.toThrow();
    expect(symbolicClaims.filter((c) => c.expected === 'refuted').map((c) => c.id)).toEqual(['symbolic.qubit-davies.eq5-printed']);
  });

  for (const claim of symbolicClaims) {
    it(`${claim.id} (Eq. ${claim.equation}) is ${claim.expected} as expected`, async () => {
      const result = await runClaim(claim, opts);
      expect(matchesExpectation(result), formatText([result], summarize([result], opts))).toBe(true);
      if (claim.expected === 'holds') expect(result.verdict).toBe('proved');
    });
  }

  for (const claim of symbolicClaims.filter((c) => c.property?.mutant !== undefined)) {
    it(`${claim.id} refutes its mutant (the closed form off by one part in a million)`, async () => {
      const result = await runMutant(claim, opts);
      expect(result.verdict, formatText([result], summarize([result], opts))).toBe('refuted');
    });
  }
});

describe('cross-checks against the numeric engine', () => {
  it('hold for |ρ₀₁(t)| with the derived rate γ₂ = γ₁/2', () => {
    fc.assert(
      fc.property(arbSymbolicPoint('qubit-davies'), (p) => checkClosedForm('abs_c', p).kind === 'pass'),
      { seed: 7, numRuns: 100 },
    );
  });

  it('refute |ρ₀₁(t)| decaying at γ₁ (the factor ½ of Eq. 5 missing) and growing (the printed sign)', () => {
    for (const wrong of ['c0*exp(-g*coth(beta*w/2)*t)', 'c0*exp(+g*coth(beta*w/2)/2*t)']) {
      const f = compileNumber(parseExpression(wrong));
      const run = () =>
        fc.assert(
          fc.property(arbSymbolicPoint('qubit-davies'), (p) => {
            const engine = numericForms('qubit-davies', p.point, p.phase).abs_c;
            const value = f(p.point);
            return Math.abs(value - engine) <= CHECK_TOL.crossCheck * Math.max(1, Math.abs(value), Math.abs(engine));
          }),
          { seed: 7, numRuns: 100 },
        );
      expect(run).toThrow(/Property failed/);
    }
  });

  it('refute α₀₁ = cos θ when the swap angle is doubled', () => {
    const f = compileNumber(parseExpression('cos(2*theta)'));
    const run = () =>
      fc.assert(
        fc.property(arbSymbolicPoint('partial-swap'), (p) => Math.abs(f(p.point) - numericForms('partial-swap', p.point, p.phase).alpha01) <= CHECK_TOL.crossCheck),
        { seed: 7, numRuns: 100 },
      );
    expect(run).toThrow(/Property failed/);
  });
});
