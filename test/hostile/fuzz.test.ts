import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectOneLine, runInProcess } from './_harness.js';
import { davies, thermal } from './_scenarios.js';

/**
 * Fuzzing `qep eval` with malformed scenarios: a valid scenario with at least one
 * mutation that makes it invalid for certain (a required key removed or of the wrong
 * type, an unknown key, a ragged or non-numeric matrix, a number out of range, extra
 * nesting), plus random other changes. Every one must exit 2 with one line, never 1
 * ("internal error"), never a stack trace, and never print NaN.
 */

const DAVIES = davies({
  energies: [0, 1, 2.5],
  gamma: [
    [0, 1, 0.5],
    [1, 0, 0.2],
    [0.5, 0.2, 0],
  ],
  rho0: [
    [0.5, 0.1, 0],
    [0.1, 0.3, 0],
    [0, 0, 0.2],
  ],
  times: [0, 0.5, 2],
});
const THERMAL = thermal();
const KEYS = new Set(['model', 'beta', 'energies', 'H', 'rates', 'gamma', 'dephasing', 'rho0', 'times', 'HS', 'HE', 'rhoS', 'U', 'V', 't', 'samples', 'seed']);

type Scenario = Record<string, unknown>;

/** Text with control characters, escapes and long runs: what a hostile key or value looks like. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('\u001b[2J', '\u001b]0;x\u0007', '\u202e', '\r\n', 'NaN', 'Infinity', '-0', '__proto__', 'constructor'),
  fc.integer({ min: 100, max: 5000 }).map((n) => 'y'.repeat(n)),
);

/** A JSON value of the wrong kind for a number, a list or a matrix. */
const wrongKind = fc.oneof(fc.constant(null), fc.boolean(), hostileText, fc.dictionary(hostileText, fc.integer(), { maxKeys: 3 }), fc.array(hostileText, { minLength: 1, maxLength: 3 }));

/** Mutations that make a scenario invalid for certain. */
const breaking: fc.Arbitrary<(s: Scenario) => Scenario> = fc.oneof(
  // a required key removed
  fc.constantFrom('model', 'beta', 'rho0', 'rhoS', 'HS').map((k) => (s: Scenario) => {
    const { [k in s ? k : 'model']: _dropped, ...rest } = s;
    return rest;
  }),
  // a required key of the wrong kind
  fc.tuple(fc.constantFrom('beta', 'rho0', 'model'), wrongKind).map(([k, v]) => (s: Scenario) => ({ ...s, [k]: k === 'model' && typeof v === 'string' ? `${v}!` : v })),
  // an unknown key
  fc.tuple(hostileText.filter((k) => !KEYS.has(k)), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => (s: Scenario) => ({ ...s, [k]: v })),
  // a matrix with a ragged row or a non-number entry
  fc.tuple(fc.constantFrom('rho0', 'rhoS', 'gamma', 'HS'), fc.oneof(wrongKind, fc.constant('ragged'))).map(([k, v]) => (s: Scenario) => {
    if (!Array.isArray(s[k])) return { ...s, beta: 'not a number' };
    const m = (s[k] as unknown[][]).map((row) => row.slice());
    if (v === 'ragged') m[m.length - 1].push(0);
    else m[0][0] = v;
    return { ...s, [k]: m };
  }),
  // a number out of the supported range, or β < 0
  fc.tuple(fc.constantFrom('beta', 'energies', 'rho0', 'HS'), fc.oneof(fc.double({ min: 1e101, max: 1.7e308, noNaN: true }), fc.double({ min: -1.7e308, max: -1e101, noNaN: true }), fc.constant(5e-324), fc.constant(-1))).map(
    ([k, x]) =>
      (s: Scenario) => {
        if (k === 'beta' || !Array.isArray(s[k])) return { ...s, beta: x === 5e-324 || x === -1 ? x : -Math.abs(x) };
        if (Math.abs(x) < 1e101) return { ...s, beta: x };
        const v = JSON.parse(JSON.stringify(s[k])) as unknown[];
        if (Array.isArray(v[0])) (v[0] as unknown[])[0] = x;
        else v[0] = x;
        return { ...s, [k]: v };
      },
  ),
  // a field wrapped in extra levels of nesting
  fc.tuple(fc.constantFrom('rho0', 'rhoS', 'beta'), fc.integer({ min: 1, max: 200 })).map(([k, depth]) => (s: Scenario) => {
    let v: unknown = s[k] ?? s.beta;
    for (let i = 0; i < depth; i++) v = [v];
    return { ...s, [k in s ? k : 'beta']: v };
  }),
);

/** Changes that may or may not be valid on their own (applied with a breaking one). */
const other: fc.Arbitrary<(s: Scenario) => Scenario> = fc.oneof(
  fc.tuple(fc.constantFrom('times', 'energies', 'beta', 't', 'samples', 'seed', 'dephasing', 'H', 'rates', 'V'), fc.jsonValue({ maxDepth: 3 })).map(([k, v]) => (s: Scenario) => ({ ...s, [k]: v })),
  fc.double({ noNaN: true }).map((x) => (s: Scenario) => ({ ...s, beta: x })),
  fc.constant((s: Scenario) => s),
);

/** A valid scenario, up to two other changes, then the breaking one (last, so nothing undoes it). */
const malformed = fc.tuple(fc.constantFrom<Scenario>(DAVIES, THERMAL), fc.array(other, { maxLength: 2 }), breaking).map(([base, changes, breaker]) => {
  let s: Scenario = JSON.parse(JSON.stringify(base)) as Scenario;
  for (const f of changes) s = f(s);
  return breaker(s);
});

describe('qep eval fuzzed with malformed scenarios', () => {
  it('exits 2 with one line, never an internal error, a stack trace or NaN', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(malformed, async (scenario) => {
        const o = await runInProcess(['eval', '-'], { stdin: JSON.stringify(scenario) });
        expectOneLine(o, 2, /^qep eval: \S/, JSON.stringify(scenario).slice(0, 200));
        expect(o.stdout).toBe('');
        expect(o.stderr).not.toMatch(/internal error|NaN at/);
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('fuzzed JSON text (truncated, with BOMs and control characters) exits 2 with one line', { timeout: 60_000 }, async () => {
    const text = fc.tuple(fc.constantFrom(JSON.stringify(DAVIES), JSON.stringify(THERMAL)), fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).map(([t, cut, junk]) => t.slice(0, cut % t.length) + junk);
    await fc.assert(
      fc.asyncProperty(text, async (stdin) => {
        const o = await runInProcess(['eval', '-'], { stdin });
        expectOneLine(o, 2, /^qep eval: \S/, stdin.slice(0, 200));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
