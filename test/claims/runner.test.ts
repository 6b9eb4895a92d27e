import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Claim, type InstanceOutcome, defineClaim, within } from '../../src/claims/claim.js';
import { DEFAULT_RUNS, DEFAULT_SEED, matchesExpectation, runClaim, runMutant } from '../../src/claims/runner.js';

// Toy claims: small, exact, and with known answers, so the runner itself is what is tested.
const TOL_TOY = 1e-9;

function toy<T>(over: Partial<Claim<T>> & Pick<Claim<T>, 'id'>): Claim<unknown> {
  return defineClaim<T>({ equation: '-', statement: 'x', hypotheses: [], method: 'property', expected: 'holds', ...over });
}

const binomial = toy<[number, number]>({
  id: 'toy.binomial',
  statement: '(a+b)^2 = a^2 + 2ab + b^2',
  property: {
    arbitrary: fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true })),
    check: ([a, b]) => within(Math.abs((a + b) ** 2 - (a * a + 2 * a * b + b * b)), TOL_TOY * 400, () => `a=${a}, b=${b}`),
    mutant: ([a, b]) => within(Math.abs((a + b) ** 2 - (a * a + b * b)), TOL_TOY * 400, () => `a=${a}, b=${b}`),
  },
});

/** False from 100 on: fast-check must shrink any failure to exactly 100. */
const below100 = toy<number>({
  id: 'toy.below-100',
  expected: 'refuted',
  note: 'false for n ≥ 100',
  property: {
    arbitrary: fc.integer({ min: 0, max: 1_000_000 }),
    check: (n) => (n < 100 ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: n - 99, detail: `n = ${n} is not below 100` }),
    describe: (n) => ({ n }),
  },
});

const neverApplicable = toy<number>({
  id: 'toy.never',
  property: { arbitrary: fc.integer(), check: () => ({ kind: 'not-applicable', reason: 'hypothesis never met' }) },
});

const throwsAbove10 = toy<number>({
  id: 'toy.throws',
  property: {
    arbitrary: fc.integer({ min: 0, max: 1000 }),
    check: (n) => {
      if (n > 10) throw new Error(`too big: ${n}\n    at somewhere (file.ts:1:1)`);
      return { kind: 'pass', residual: 0 };
    },
  },
});

describe('runClaim on property claims', () => {
  it('gives holds for a true identity, with the worst residual over passing instances', async () => {
    const r = await runClaim(binomial, { seed: 7, runs: 200 });
    expect(r.verdict).toBe('holds');
    expect(matchesExpectation(r)).toBe(true);
    expect(r.instances).toMatchObject({ checked: 200, passed: 200, notApplicable: 0 });
    expect(r.worstResidual).not.toBeNull();
    expect(r.worstResidual!).toBeGreaterThanOrEqual(0);
    expect(r.worstResidual!).toBeLessThan(1e-12);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.counterexample).toBeUndefined();
    expect(r.replay).toBeUndefined();
  });

  it('gives refuted for a false claim, shrunk to the smallest failing integer', async () => {
    const r = await runClaim(below100, { seed: 3, runs: 100 });
    expect(r.verdict).toBe('refuted');
    expect(matchesExpectation(r)).toBe(true);
    expect(r.counterexample?.instance).toEqual({ n: 100 });
    expect(r.counterexample?.detail).toBe('n = 100 is not below 100');
    expect(r.counterexample?.residual).toBe(1);
    expect(r.counterexample?.seed).toBe(3);
    expect(r.counterexample?.path).toMatch(/^\d+(:\d+)*$/);
    expect(r.counterexample?.numShrinks).toBeGreaterThan(0);
    expect(r.replay).toBe(`qep check --claim toy.below-100 --seed 3 --path ${r.counterexample?.path} --runs 100`);
  });

  it('replays the same counterexample from the seed and path, without searching again', async () => {
    const first = await runClaim(below100, { seed: 11, runs: 100 });
    const path = first.counterexample?.path;
    expect(path).toBeDefined();
    const again = await runClaim(below100, { seed: 11, runs: 100, path });
    expect(again.verdict).toBe('refuted');
    expect(again.counterexample?.instance).toEqual(first.counterexample?.instance);
    expect(again.counterexample?.path).toBe(path);
    expect(again.instances?.checked).toBe(1);
  });

  it('reaches the same result for the same seed, and checks other instances for another seed', async () => {
    const uniform = toy<number>({
      id: 'toy.uniform',
      property: { arbitrary: fc.noBias(fc.double({ min: 0, max: 1, noNaN: true })), check: (x) => ({ kind: 'pass', residual: x }) },
    });
    const a = await runClaim(uniform, { seed: 5, runs: 50 });
    const b = await runClaim(uniform, { seed: 5, runs: 50 });
    const c = await runClaim(uniform, { seed: 6, runs: 50 });
    expect(b.worstResidual).toBe(a.worstResidual);
    expect(c.worstResidual).not.toBe(a.worstResidual);
  });

  it('gives not-applicable when the hypotheses fail on every instance, and that does not match holds', async () => {
    const r = await runClaim(neverApplicable, { seed: 1, runs: 30 });
    expect(r.verdict).toBe('not-applicable');
    expect(r.worstResidual).toBeNull();
    expect(r.instances).toMatchObject({ checked: 30, passed: 0, notApplicable: 30, notApplicableReasons: ['hypothesis never met'] });
    expect(matchesExpectation(r)).toBe(false);
  });

  it('counts not-applicable instances without failing when some instances apply', async () => {
    const evens = toy<number>({
      id: 'toy.evens',
      property: {
        arbitrary: fc.integer({ min: 0, max: 1000 }),
        check: (n) => (n % 2 === 0 ? { kind: 'pass', residual: n / 1000 } : { kind: 'not-applicable', reason: 'odd' }),
      },
    });
    const r = await runClaim(evens, { seed: 2, runs: 100 });
    expect(r.verdict).toBe('holds');
    expect(r.instances!.passed + r.instances!.notApplicable).toBe(100);
    expect(r.instances!.notApplicable).toBeGreaterThan(0);
    expect(r.instances!.passed).toBeGreaterThan(0);
  });

  it('gives error with the message only (no stack) when a check throws, shrunk to the smallest throwing instance', async () => {
    const r = await runClaim(throwsAbove10, { seed: 4, runs: 100 });
    expect(r.verdict).toBe('error');
    expect(r.error).toBe('too big: 11');
    expect(r.error).not.toMatch(/\n| at /);
    expect(r.counterexample?.instance).toBe(11);
    expect(r.replay).toContain('--claim toy.throws');
    expect(matchesExpectation(r)).toBe(false);
  });

  it('never shrinks a refutation into a crash, nor a crash into a refutation', async () => {
    // Even n ≥ 10 fail, odd n ≥ 10 throw. The first failure met decides the verdict,
    // and the shrunk instance must be of the same kind.
    let firstKind: 'refuted' | 'error' | undefined;
    const mixed = toy<number>({
      id: 'toy.mixed',
      property: {
        arbitrary: fc.integer({ min: 0, max: 100_000 }),
        check: (n): InstanceOutcome => {
          if (n < 10) return { kind: 'pass', residual: 0 };
          firstKind ??= n % 2 === 1 ? 'error' : 'refuted';
          if (n % 2 === 1) throw new Error(`odd ${n}`);
          return { kind: 'fail', residual: n, detail: `even ${n}` };
        },
      },
    });
    const verdicts = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      firstKind = undefined;
      const r = await runClaim(mixed, { seed, runs: 100 });
      verdicts.add(r.verdict);
      expect(r.verdict).toBe(firstKind);
      const n = r.counterexample?.instance as number;
      expect(n).toBeGreaterThanOrEqual(10);
      if (r.verdict === 'refuted') {
        expect(n % 2).toBe(0);
        expect(r.counterexample?.detail).toBe(`even ${n}`);
      } else {
        expect(r.verdict).toBe('error');
        expect(n % 2).toBe(1);
        expect(r.error).toBe(`odd ${n}`);
      }
    }
    expect(verdicts).toEqual(new Set(['refuted', 'error']));
  });

  it('treats a NaN residual reported as a pass as a failure', async () => {
    const nanPass = toy<number>({
      id: 'toy.nan',
      property: { arbitrary: fc.integer(), check: () => ({ kind: 'pass', residual: NaN }) },
    });
    const r = await runClaim(nanPass, { seed: 1, runs: 10 });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.residual).toBe(Infinity);
    expect(r.counterexample?.detail).toMatch(/NaN/);
  });

  it('stops a slow property at its time limit with an error verdict', async () => {
    const slow = toy<number>({
      id: 'toy.slow',
      property: {
        arbitrary: fc.integer(),
        check: () => {
          const t = performance.now();
          while (performance.now() - t < 15);
          return { kind: 'pass', residual: 0 };
        },
      },
    });
    const r = await runClaim(slow, { seed: 1, runs: 1000, timeoutMs: 60 });
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/timed out after 60 ms/);
    expect(r.instances!.checked).toBeLessThan(1000);
  });

  it('rejects invalid options with a RangeError', async () => {
    await expect(runClaim(binomial, { seed: 1.5, runs: 10 })).rejects.toThrow(RangeError);
    await expect(runClaim(binomial, { seed: 1, runs: 0 })).rejects.toThrow(/runs must be a positive integer/);
    await expect(runClaim(binomial, { seed: 1, runs: 10, path: 'abc' })).rejects.toThrow(/path/);
  });

  it('reports an error, not a crash, for a path that does not exist for the seed', async () => {
    const r = await runClaim(below100, { seed: 1, runs: 10, path: '0:999999' });
    expect(r.verdict).toBe('error');
    expect(r.error).toBe('no instance was checked: path "0:999999" leads to no instance for seed 1');
  });

  it('has defaults that keep a run fast and reproducible', () => {
    expect(DEFAULT_RUNS).toBe(100);
    expect(Number.isInteger(DEFAULT_SEED)).toBe(true);
  });
});

describe('runMutant', () => {
  it('refutes the mutant of a true identity: the property has teeth', async () => {
    const r = await runMutant(binomial, { seed: 1, runs: 100 });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.detail).toMatch(/^a=/);
  });

  it('throws for a claim without a mutant', () => {
    expect(() => runMutant(below100, { seed: 1, runs: 10 })).toThrow(/no property.mutant/);
  });
});

describe('runClaim on symbolic and combined claims', () => {
  const proved = async () => ({ verdict: 'proved' as const, residual: 0, detail: 'difference simplifies to 0' });
  const refutedSym = async () => ({ verdict: 'refuted' as const, residual: 0.5, detail: 'at x = 1 the sides differ by 0.5' });

  it('reports proved for a symbolic identity the CAS reduces to zero', async () => {
    const r = await runClaim(toy({ id: 'toy.sym', method: 'symbolic', symbolic: proved }), { seed: 1, runs: 10 });
    expect(r.verdict).toBe('proved');
    expect(r.worstResidual).toBe(0);
    expect(matchesExpectation(r)).toBe(true);
    expect(r.symbolic?.detail).toBe('difference simplifies to 0');
  });

  it('reports a symbolic refutation with its detail as the counterexample', async () => {
    const r = await runClaim(toy({ id: 'toy.sym-bad', method: 'symbolic', expected: 'refuted', symbolic: refutedSym }), { seed: 1, runs: 10 });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.detail).toBe('at x = 1 the sides differ by 0.5');
    expect(matchesExpectation(r)).toBe(true);
  });

  it('gives error when a symbolic check throws or exceeds its time limit', async () => {
    const throwing = toy({ id: 'toy.sym-throw', method: 'symbolic', symbolic: async () => Promise.reject(new Error('CAS gave up')) });
    const r1 = await runClaim(throwing, { seed: 1, runs: 10 });
    expect(r1.verdict).toBe('error');
    expect(r1.error).toBe('CAS gave up');
    const hanging = toy({ id: 'toy.sym-hang', method: 'symbolic', symbolic: () => new Promise(() => {}) });
    const r2 = await runClaim(hanging, { seed: 1, runs: 10, timeoutMs: 30 });
    expect(r2.verdict).toBe('error');
    expect(r2.error).toMatch(/timed out after 30 ms/);
  });

  it('combines both checks: proved when the property holds, refuted when either refutes', async () => {
    const both = (over: Partial<Claim<[number, number]>>) =>
      toy<[number, number]>({ id: 'toy.both', method: 'both', property: (binomial as Claim<[number, number]>).property, symbolic: proved, ...over });
    expect((await runClaim(both({}), { seed: 1, runs: 20 })).verdict).toBe('proved');
    expect((await runClaim(both({ symbolic: refutedSym }), { seed: 1, runs: 20 })).verdict).toBe('refuted');
    const propFails = both({ property: { arbitrary: fc.tuple(fc.integer(), fc.integer()), check: () => ({ kind: 'fail', residual: 1, detail: 'no' }) } });
    const r = await runClaim(propFails, { seed: 1, runs: 20 });
    expect(r.verdict).toBe('refuted');
    expect(r.replay).toBeDefined();
  });

  it('reports a claim whose method needs a missing check as an error', async () => {
    const r = await runClaim(toy({ id: 'toy.empty', method: 'property' }), { seed: 1, runs: 10 });
    expect(r.verdict).toBe('error');
  });
});

describe('matchesExpectation', () => {
  it('matches expected holds with holds, proved and sampled only, and expected refuted with refuted only', () => {
    const table: [string, string, boolean][] = [
      ['holds', 'holds', true],
      ['holds', 'proved', true],
      ['holds', 'sampled', true],
      ['holds', 'refuted', false],
      ['holds', 'not-applicable', false],
      ['holds', 'error', false],
      ['refuted', 'refuted', true],
      ['refuted', 'holds', false],
      ['refuted', 'proved', false],
      ['refuted', 'not-applicable', false],
      ['refuted', 'error', false],
    ];
    for (const [expected, verdict, want] of table) {
      expect(matchesExpectation({ expected, verdict } as Parameters<typeof matchesExpectation>[0]), `${expected}/${verdict}`).toBe(want);
    }
  });
});

describe('examples and the run context', () => {
  /** Fails only from 1000 on: the random draws (0..999 999) find it, the examples 0..2 do not. */
  const below1000 = (examples: number[]) =>
    toy<number>({
      id: 'toy.below-1000',
      expected: 'refuted',
      property: {
        arbitrary: fc.integer({ min: 0, max: 1_000_000 }),
        check: (n) => (n < 1000 ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: n - 999, detail: `n = ${n}` }),
        examples,
      },
    });

  it('tries the examples first, then still runs `runs` random instances: examples add to the search', async () => {
    const seen: number[] = [];
    const spy = toy<number>({
      id: 'toy.spy',
      property: {
        arbitrary: fc.integer({ min: 10, max: 1_000_000 }),
        check: (n) => {
          seen.push(n);
          return { kind: 'pass', residual: 0 };
        },
        examples: [1, 2, 3],
      },
    });
    const r = await runClaim(spy, { seed: 9, runs: 5 });
    expect(r.verdict).toBe('holds');
    expect(r.instances?.checked).toBe(8);
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
    expect(seen.slice(3).every((n) => n >= 10)).toBe(true);
  });

  it('refutes a claim whose examples pass when the random search finds a new counterexample', async () => {
    const r = await runClaim(below1000([0, 1, 2]), { seed: 3, runs: 50 });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.instance).toBe(1000);
    // the table's worst residual is the counterexample's
    expect(r.worstResidual).toBe(r.counterexample?.residual);
  });

  it('refutes from a failing example even with --runs 1, and replays it from its path', async () => {
    const claim = below1000([5, 123_456]);
    const r = await runClaim(claim, { seed: 77, runs: 1 });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.instance).toBe(1000);
    const again = await runClaim(claim, { seed: 77, runs: 1, path: r.counterexample?.path });
    expect(again.counterexample?.instance).toBe(1000);
  });

  it('tells the check how many instances the run tests (examples + runs), the mutant too', async () => {
    const told: number[] = [];
    const c = toy<number>({
      id: 'toy.context',
      property: {
        arbitrary: fc.integer({ min: 0, max: 10 }),
        check: (_n, context) => {
          told.push(context.instances);
          return { kind: 'pass', residual: 0 };
        },
        mutant: (_n, context) => ({ kind: 'fail', residual: context.instances, detail: `told ${context.instances}` }),
        examples: [0, 1],
      },
    });
    await runClaim(c, { seed: 1, runs: 7 });
    expect(new Set(told)).toEqual(new Set([9]));
    const m = await runMutant(c, { seed: 1, runs: 7 });
    expect(m.counterexample?.residual).toBe(9);
  });
});
