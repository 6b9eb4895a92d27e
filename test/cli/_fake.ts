import { Readable } from 'node:stream';
import fc from 'fast-check';
import { type Claim, defineClaim } from '../../src/claims/claim.js';
import type { CliIO } from '../../src/cli/main.js';

/** Streams that record what the CLI writes; `tty` makes them look like terminals. */
export function fakeIO(opts: { stdin?: string; tty?: boolean; errTty?: boolean; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => err.push(s), isTTY: opts.errTty ?? false, columns: 100 },
    stdin: Readable.from([opts.stdin ?? '']),
    env: opts.env ?? {},
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

function toy<T>(over: Partial<Claim<T>> & Pick<Claim<T>, 'id' | 'property'>): Claim<unknown> {
  return defineClaim<T>({ equation: '1', statement: 'a = a', hypotheses: [], method: 'property', expected: 'holds', ...over });
}

/** A true identity. */
export const trueClaim = toy<number>({
  id: 'toy.true',
  property: { arbitrary: fc.integer({ min: -100, max: 100 }), check: (n) => ({ kind: 'pass', residual: Math.abs(n + n - 2 * n) }) },
});

/** A printed typo: false from 100 on, expected refuted. */
export const typoClaim = toy<number>({
  id: 'toy.typo',
  equation: '5',
  expected: 'refuted',
  note: 'printed with the wrong bound',
  property: {
    arbitrary: fc.integer({ min: 0, max: 1_000_000 }),
    check: (n) => (n < 100 ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: n - 99, detail: `n = ${n}` }),
    describe: (n) => ({ n }),
  },
});

/** Claimed to hold, but false: makes `qep check` exit 1. */
export const brokenClaim = toy<number>({
  id: 'other.broken',
  property: {
    arbitrary: fc.integer({ min: 0, max: 1000 }),
    check: (n) => (n < 10 ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: n, detail: `n = ${n} breaks it` }),
  },
});
