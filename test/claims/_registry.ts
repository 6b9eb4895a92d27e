import fc from 'fast-check';
import { type Claim, defineClaim } from '../../src/claims/claim.js';
import { brokenClaim, trueClaim, typoClaim } from '../cli/_fake.js';

/**
 * A small registry module for worker-thread tests: loaded by URL in worker
 * threads (as properties/index.ts is), so it exports `allClaims`. Fast claims
 * of every method, a refuted one with a matrix-like counterexample, and a
 * broken one.
 */

/** A symbolic check that takes a few milliseconds (asynchronously). */
const symbolicClaim = defineClaim<never>({
  id: 'toy.symbolic',
  equation: '2',
  statement: 'x - x = 0',
  hypotheses: [],
  method: 'symbolic',
  expected: 'holds',
  symbolic: () => new Promise((resolve) => setTimeout(() => resolve({ verdict: 'proved', residual: 0, detail: 'by cancellation' }), 5)),
});

/** Both halves: a property and a symbolic check. */
const bothClaim = defineClaim<number>({
  id: 'toy.both',
  equation: '3',
  statement: '2x = x + x',
  hypotheses: [],
  method: 'both',
  expected: 'holds',
  property: { arbitrary: fc.double({ min: -10, max: 10, noNaN: true }), check: (x) => ({ kind: 'pass', residual: Math.abs(2 * x - (x + x)) }) },
  symbolic: () => Promise.resolve({ verdict: 'sampled', residual: 1e-16, detail: 'on 8 samples' }),
});

/** Refuted on a vector: the counterexample holds a Float64Array and an infinite entry. */
const vectorClaim = defineClaim<number[]>({
  id: 'toy.vector',
  equation: '4',
  statement: '\\sum_i x_i \\le 3',
  hypotheses: [],
  method: 'property',
  expected: 'refuted',
  note: 'the bound is printed too small',
  property: {
    arbitrary: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 4 }),
    check: (xs) => {
      const s = xs.reduce((a, b) => a + b, 0);
      return s <= 3 ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: s - 3, detail: `sum ${s}` };
    },
    describe: (xs) => ({ x: Float64Array.from(xs), bound: Infinity }),
    examples: [[2, 2]],
  },
});

export const allClaims: Claim<unknown>[] = [trueClaim, symbolicClaim, typoClaim, bothClaim, vectorClaim, brokenClaim];
