import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './_harness.js';

/**
 * Numbers at the edge of double precision: a davies scenario with β, energies, couplings
 * and times of any finite size (one bath, or two baths one of which may be Ohmic) is
 * either refused up front with the supported range (exit 2, one line) or evaluated with
 * every output finite (or "Infinity"), every state of trace 1, F never −∞, and every rate that is ≥ 0 in theory
 * (Π, Π_d, Υ, per bath too, Υ_φ, Π_na, Π_a) and every entropy ≥ 0.
 */

/** A positive double of any size, log-uniform over the whole range (subnormals included). */
const anySize = fc.double({ min: -324, max: 308.2, noNaN: true }).map((e) => Math.min(10 ** e, Number.MAX_VALUE));

const bath = fc.oneof(
  fc.record({ beta: anySize, g: anySize }).map(({ beta, g }) => ({ beta, gamma: [[0, g], [g, 0]] })),
  fc.record({ beta: anySize, alpha: anySize, cutoff: anySize, exponent: fc.oneof(fc.constantFrom(0, 1, 3), anySize) }).map(({ beta, ...sd }) => ({ beta, spectralDensity: { kind: 'ohmic', ...sd } })),
);

const scenario = fc.record({
  beta: anySize,
  gap: anySize,
  shift: fc.oneof(fc.constant(0), anySize.map((x) => -x), anySize),
  g: anySize,
  baths: fc.option(fc.array(bath, { minLength: 2, maxLength: 2 }), { nil: undefined }),
  p: fc.double({ min: 0, max: 1, noNaN: true }),
  c: fc.double({ min: 0, max: 1, noNaN: true }),
  t: anySize,
});

/** Output keys that are ≥ 0 in theory (lists over times; the *_baths keys lists of lists). */
const NON_NEGATIVE = ['S', 'C', 'Srel', 'Srel_pop', 'Srel_ss', 'Pi', 'Pi_d', 'Upsilon', 'Upsilon_deph', 'Pi_na', 'Pi_a', 'Pi_baths', 'Pi_d_baths', 'Upsilon_baths'];

describe('davies scenarios with β, energies, couplings and times of any finite size', () => {
  it('are refused with the supported range, or evaluate to finite numbers with every rate and entropy ≥ 0 and F > −∞', { timeout: 180_000 }, async () => {
    let evaluated = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ beta, gap, shift, g, baths, p, c, t }) => {
        const coherence = c * Math.sqrt(p * (1 - p));
        const input = {
          model: 'davies',
          ...(baths === undefined ? { beta, gamma: [[0, g], [g, 0]] } : { baths }),
          energies: [shift, shift + gap],
          rho0: [
            [p, coherence],
            [coherence, 1 - p],
          ],
          times: [0, t],
        };
        const o = await runInProcess(['eval', '-'], { stdin: JSON.stringify(input) });
        if (o.code === 2) {
          expect(o.stderr).toMatch(/^qep eval: [^\n]*must be[^\n]*\n$/);
          return;
        }
        expect(o.code, `${JSON.stringify(input)}: ${o.stderr}`).toBe(0);
        evaluated++;
        const r = JSON.parse(o.stdout) as Record<string, unknown>;
        expect(o.stdout, JSON.stringify(input)).not.toMatch(/null|-Infinity/);
        // Every state a state: populations sum to 1 (a drifting stationary mode once gave all zeros).
        for (const row of r.populations as number[][]) expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1), `trace of ${JSON.stringify(input)}`).toBeLessThan(1e-8);
        for (const key of NON_NEGATIVE) {
          for (const x of [r[key]].flat(2)) if (x !== undefined && x !== 'Infinity') expect(x as number, `${key} of ${JSON.stringify(input)}`).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 400, seed: 6 },
    );
    // The range refused is not everything: a good share evaluates.
    expect(evaluated).toBeGreaterThan(40);
  });
});
