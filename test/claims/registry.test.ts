import { describe, expect, it } from 'vitest';
import { allClaims } from '../../properties/index.js';
import { formatText, summarize } from '../../src/claims/report.js';
import { DEFAULT_RUNS, DEFAULT_SEED, matchesExpectation, runClaim, runMutant } from '../../src/claims/runner.js';
import { registryProblems } from '../../src/claims/select.js';

// Every registered claim through the same runner, seed and run count as `qep check`,
// so that `npm test` and `qep check` can never disagree.
const opts = { seed: DEFAULT_SEED, runs: DEFAULT_RUNS };

describe('the claim registry', () => {
  it('has unique, well-formed claims with the checks their method needs', () => {
    expect(registryProblems(allClaims)).toEqual([]);
  });

  for (const claim of allClaims) {
    it(`${claim.id} (Eq. ${claim.equation}) is ${claim.expected} as expected`, async () => {
      const result = await runClaim(claim, opts);
      // On a mismatch, the report (counterexample, replay command) is the failure message.
      expect(matchesExpectation(result), formatText([result], summarize([result], opts))).toBe(true);
    });
  }

  for (const claim of allClaims.filter((c) => c.property?.mutant !== undefined)) {
    it(`${claim.id} (Eq. ${claim.equation}) refutes its mutant`, async () => {
      const result = await runMutant(claim, opts);
      expect(result.verdict, formatText([result], summarize([result], opts))).toBe('refuted');
    });
  }
});
