import { describe, expect, it } from 'vitest';
import { allClaims } from '../../properties/index.js';
import { DEFAULT_SEED, matchesExpectation, runClaim } from '../../src/claims/runner.js';

// Verdicts that do not depend on luck: every property claim reaches its expected verdict at
// any run count and seed. Claims expected refuted carry their counterexamples as examples;
// random search follows them. The symbolic half of a `both` claim does not depend on runs or
// seed (registry.test.ts runs it once), so only the property half runs here.
const RUNS = [1, 2, 5, 20];
const SEEDS = [DEFAULT_SEED, 1, 42, 20260101, 987654321];
const propertyClaims = allClaims.filter((c) => c.property !== undefined).map((c) => ({ ...c, method: 'property' as const }));

describe('verdicts at any run count and seed', () => {
  it('covers every claim with a property, the refuted ones included', () => {
    expect(propertyClaims.length).toBeGreaterThan(80);
    expect(propertyClaims.filter((c) => c.expected === 'refuted').length).toBeGreaterThanOrEqual(9);
    for (const c of propertyClaims.filter((x) => x.expected === 'refuted')) expect(c.property?.examples?.length ?? 0, c.id).toBeGreaterThan(0);
  });

  for (const runs of RUNS) {
    for (const seed of SEEDS) {
      it(`--runs ${runs} --seed ${seed}: every verdict as expected`, async () => {
        const unexpected: string[] = [];
        for (const claim of propertyClaims) {
          const r = await runClaim(claim, { seed, runs });
          if (!matchesExpectation(r)) unexpected.push(`${claim.id}: expected ${claim.expected}, got ${r.verdict} (${r.counterexample?.detail ?? r.error ?? JSON.stringify(r.instances)})`);
        }
        expect(unexpected).toEqual([]);
      });
    }
  }
});
