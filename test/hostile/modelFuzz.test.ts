import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { expectOneLine, runInProcess } from './_harness.js';

/**
 * Fuzzing `qep derive --model FILE` with malformed model files: a valid model file
 * (a qubit between two baths, with dephasing) with at least one mutation that makes it
 * invalid for certain — a required key removed or of the wrong kind, an unknown key, an
 * expression that does not parse or names an undeclared symbol, an unknown domain, a
 * bath with no rate or with both kinds, a deeply nested value — plus random other
 * changes. Every file must be refused before any derivation: exit 2 with one line,
 * never an internal error, a stack trace or NaN.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VALID = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'models', 'two-baths.json'), 'utf8')) as Model;
const dir = mkdtempSync(join(tmpdir(), 'qep-model-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Model = Record<string, unknown>;

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\u001b[2J', '\u202e', 'NaN', '__proto__', 'constructor', 'import("fs")', 'f(x)=x', ''),
  fc.integer({ min: 100, max: 3000 }).map((n) => 'y'.repeat(n)),
);
const wrongKind = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));
/** Expressions that cannot be read: syntax errors, undeclared symbols, assignments, imports. */
const badExpression = fc.oneof(
  fc.constantFrom('w +', '(w', 'w ==', 'g!', 'undeclared*w', 'x', 'import("fs")', 'f(x) = x', 'w; bh', '', '   '),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).map((s) => `zz${s.replace(/[^a-z]/g, '')}q`),
);

const clone = (m: Model): Model => JSON.parse(JSON.stringify(m)) as Model;

/** Mutations that make a model file invalid for certain. */
const breaking: fc.Arbitrary<(m: Model) => Model> = fc.oneof(
  fc.constantFrom('model', 'parameters', 'gap', 'baths', 'initial', 'time').map((k) => (m: Model) => {
    const { [k]: _dropped, ...rest } = m;
    return rest;
  }),
  fc.tuple(fc.constantFrom('parameters', 'gap', 'baths', 'initial', 'time'), wrongKind).map(([k, v]) => (m: Model) => ({ ...m, [k]: v })),
  fc.tuple(hostileText.filter((k) => !['model', 'title', 'parameters', 'gap', 'baths', 'dephasing', 'initial', 'time', 'forms'].includes(k)), fc.jsonValue({ maxDepth: 2 })).map(
    ([k, v]) =>
      (m: Model) => ({ ...m, [k]: v }),
  ),
  fc.tuple(fc.constantFrom('gap', 'dephasing', 'bath-beta', 'bath-coupling', 'p1', 'abs_c'), badExpression).map(([where, e]) => (m: Model) => {
    const c = clone(m);
    const baths = c.baths as Record<string, unknown>[];
    const initial = c.initial as Record<string, unknown>;
    if (where === 'gap' || where === 'dephasing') c[where] = e;
    else if (where === 'bath-beta') baths[0].beta = e;
    else if (where === 'bath-coupling') baths[1].coupling = e;
    else initial[where] = e;
    return c;
  }),
  fc.tuple(fc.constantFrom('w', 'bh', 'p10', 'c0'), hostileText.filter((d) => !['positive', 'nonnegative', 'probability', 'coherence'].includes(d))).map(([p, d]) => (m: Model) => {
    const c = clone(m);
    (c.parameters as Record<string, Record<string, unknown>>)[p].domain = d;
    return c;
  }),
  fc.constantFrom('none', 'both').map((kind) => (m: Model) => {
    const c = clone(m);
    const bath = (c.baths as Record<string, unknown>[])[0];
    if (kind === 'none') delete bath.coupling;
    else Object.assign(bath, { absorption: 'gh', emission: 'gh' });
    return c;
  }),
  fc.tuple(fc.constantFrom('gap', 'initial', 'baths'), fc.integer({ min: 1, max: 200 })).map(([k, depth]) => (m: Model) => {
    let v: unknown = m[k];
    for (let i = 0; i < depth; i++) v = [v];
    return { ...m, [k]: v };
  }),
);

/** Changes that may be valid on their own (applied before the breaking one). */
const other: fc.Arbitrary<(m: Model) => Model> = fc.oneof(
  fc.tuple(fc.constantFrom('title', 'model'), hostileText.filter((s) => s.length > 0)).map(([k, v]) => (m: Model) => ({ ...m, [k]: v })),
  fc.constant((m: Model) => {
    const { dephasing: _d, ...rest } = m;
    return rest;
  }),
  fc.constant((m: Model) => m),
);

const malformed = fc.tuple(fc.array(other, { maxLength: 2 }), breaking).map(([changes, breaker]) => {
  let m = clone(VALID);
  for (const f of changes) m = f(m);
  return breaker(m);
});

describe('qep derive --model fuzzed with malformed model files', () => {
  it('exits 2 with one line before any derivation, never an internal error, a stack trace or NaN', { timeout: 120_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(malformed, async (model) => {
        const file = join(dir, `m${n++}.json`);
        writeFileSync(file, JSON.stringify(model));
        const o = await runInProcess(['derive', '--model', file, '--format', 'json', '--no-algebrite']);
        expectOneLine(o, 2, /^qep derive: \S/, JSON.stringify(model).slice(0, 200));
        expect(o.stdout).toBe('');
        expect(o.stderr).not.toMatch(/internal error|(?<!")NaN(?!")/); // a NaN the input spells is echoed in quotes
        expect(o.ms).toBeLessThan(10_000);
      }),
      { numRuns: 150, seed: 17 },
    );
  });

  it('the valid file it starts from derives (the fuzz breaks files, not the command)', { timeout: 120_000 }, async () => {
    const file = join(dir, 'valid.json');
    writeFileSync(file, JSON.stringify(VALID));
    const o = await runInProcess(['derive', '--model', file, '--format', 'json', '--no-algebrite']);
    expect(o.code).toBe(0);
    expect(o.stdout).toContain('"Pi_d"');
  });
});
