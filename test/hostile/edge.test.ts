import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './_harness.js';

/**
 * Numbers at the edge of double precision: a davies scenario with β, energies and
 * couplings of any finite size is either refused up front with the supported range
 * (exit 2, one line) or evaluated with every output finite (or "Infinity"), F never
 * −∞, and Π_d, Υ ≥ 0.
 */

/** A positive double of any size, log-uniform over the whole range (subnormals included). */
const anySize = fc.double({ min: -324, max: 308.2, noNaN: true }).map((e) => Math.min(10 ** e, Number.MAX_VALUE));

const scenario = fc.record({
  beta: anySize,
  gap: anySize,
  shift: fc.oneof(fc.constant(0), anySize.map((x) => -x), anySize),
  g: anySize,
  p: fc.double({ min: 0, max: 1, noNaN: true }),
  c: fc.double({ min: 0, max: 1, noNaN: true }),
  t: anySize,
});

type Results = Record<string, unknown[]>;

describe('davies scenarios with β, energies and couplings of any finite size', () => {
  it('are refused with the supported range, or evaluate to finite numbers with Π_d, Υ ≥ 0 and F > −∞', { timeout: 120_000 }, async () => {
    let evaluated = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ beta, gap, shift, g, p, c, t }) => {
        const coherence = c * Math.sqrt(p * (1 - p));
        const input = {
          model: 'davies',
          beta,
          energies: [shift, shift + gap],
          gamma: [
            [0, g],
            [g, 0],
          ],
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
        const r = JSON.parse(o.stdout) as Results;
        for (const [key, values] of Object.entries(r)) {
          expect(JSON.stringify(values), `${key} of ${JSON.stringify(input)}`).not.toMatch(/null|-Infinity/);
        }
        for (const key of ['Pi_d', 'Upsilon', 'Pi', 'S', 'Srel', 'C']) {
          for (const x of r[key]) if (x !== 'Infinity') expect(x as number, `${key} of ${JSON.stringify(input)}`).toBeGreaterThanOrEqual(-1e-6 * Math.max(1, ...((r.Pi as number[]).filter((y) => Number.isFinite(y)))));
        }
      }),
      { numRuns: 400, seed: 7 },
    );
    // The range refused is not everything: a good share evaluates.
    expect(evaluated).toBeGreaterThan(40);
  });
});
