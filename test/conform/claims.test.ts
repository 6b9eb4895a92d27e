import { describe, expect, it } from 'vitest';
import { runClaim, runMutant } from '../../src/claims/runner.js';
import { consistencyClaims } from '../../src/conform/index.js';

// The consistency claims judged on qep's own results: each must hold, and its
// mutant (a deliberately wrong formula) must be refuted, so no claim passes vacuously.
const RUNS = 25;
const SEED = 7;

describe('consistency claims on qep\'s own engine', () => {
  const claims = consistencyClaims();

  it('have unique ids, name their keys, and carry a mutant', () => {
    const ids = claims.map((c) => c.claim.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of claims) {
      expect(c.keys.length).toBeGreaterThan(0);
      expect(c.claim.property?.mutant).toBeDefined();
      expect(c.model === 'davies' ? /^conform\.(davies|baths)\./.test(c.claim.id) : c.claim.id.startsWith('conform.thermal.')).toBe(true);
    }
  });

  for (const c of claims) {
    it(`${c.claim.id} holds and its mutant is refuted`, async () => {
      const held = await runClaim(c.claim, { seed: SEED, runs: RUNS });
      expect(held.verdict, held.counterexample?.detail ?? held.error).toBe('holds');
      const mutant = await runMutant(c.claim, { seed: SEED, runs: RUNS });
      expect(mutant.verdict).toBe('refuted');
    });
  }

  it('is not applicable, naming the missing keys, when the result lacks them', () => {
    const split = claims.find((c) => c.claim.id === 'conform.davies.pi-split');
    const outcome = split?.claim.property?.check({ scenario: {}, result: { Pi: [1] } }, { instances: 1 });
    expect(outcome).toEqual({ kind: 'not-applicable', reason: 'the result lacks Pi_d, Upsilon' });
  });
});
