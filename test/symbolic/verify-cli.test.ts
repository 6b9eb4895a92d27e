import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';
import { fakeIO } from '../cli/_fake.js';

afterAll(closeCasWorkers);

/**
 * `qep verify` on user mistakes and hostile input, end to end through the CLI:
 * each case gives the arguments, the exit code, a pattern for the one line on
 * stderr (never "internal error"), and a time limit.
 */
const cases: readonly { argv: readonly string[]; code: number; line: RegExp; ms: number }[] = [
  { argv: ['verify', 'gamma2', 'g!'], code: 2, line: /^qep verify: EXPR must be .*unsupported operator "!"/, ms: 60_000 },
  { argv: ['verify', 'gamma2', 'g == w'], code: 2, line: /^qep verify: EXPR must be .*unsupported operator "=="/, ms: 20_000 },
  { argv: ['verify', 'gamma2', ''], code: 2, line: /^qep verify: EXPR must be a non-empty expression/, ms: 20_000 },
  { argv: ['verify', 'gamma2', 'exp()'], code: 2, line: /^qep verify: EXPR must be a call of exp with 1 argument \(got exp with 0\)$/, ms: 20_000 },
  { argv: ['verify', 'gamma2', 'sqrt(g, w)'], code: 2, line: /^qep verify: EXPR must be a call of sqrt with 1 argument \(got sqrt with 2\)$/, ms: 20_000 },
  { argv: ['verify', 'gamma2', 'true'], code: 2, line: /^qep verify: EXPR must be .*\(got the constant true\)$/, ms: 20_000 },
  { argv: ['verify', 'gamma2', 'sin(10^100000)'], code: 2, line: /^qep verify: EXPR must be evaluable at 64 significant digits/, ms: 20_000 },
  { argv: ['verify', 'gamma2', Array.from({ length: 2000 }, () => 'g').join('+')], code: 2, line: /^qep verify: EXPR must be nested at most 200 levels deep \(limit maxExpressionDepth = 200; raise it with QEP_LIMITS=maxExpressionDepth=N\)/, ms: 20_000 },
  { argv: ['verify', 'gamma2', 'g', '--seed', 'abc'], code: 2, line: /^qep: option '--seed <s>' argument 'abc' is invalid/, ms: 20_000 },
  { argv: ['verify', 'gamma2', '(g+w)^100000', '--format', 'json'], code: 1, line: /^$/, ms: 40_000 },
];

describe('qep verify: user mistakes exit 2 with one line about the input', () => {
  for (const c of cases) {
    const label = c.argv.map((a) => (a.length > 30 ? `${a.slice(0, 30)}…` : a)).join(' ');
    it(`${label} → exit ${c.code}`, async () => {
      const f = fakeIO();
      const t0 = performance.now();
      const code = await main(c.argv, f.io);
      expect(performance.now() - t0).toBeLessThan(c.ms);
      expect(code).toBe(c.code);
      const err = f.stderr();
      expect(err).not.toMatch(/internal error|\n.*\n/);
      expect(err.replace(/\n$/, '')).toMatch(c.line);
      if (c.code === 2) expect(f.stdout()).toBe('');
      else {
        const r = JSON.parse(f.stdout()) as { verdict: string; identity: { status: string; detail: string } };
        expect(r.verdict).toBe('refuted');
        expect(r.identity.detail).toMatch(/exact algebra stopped at its limit maxExactExponent = 1000/);
      }
    }, 60_000);
  }
});
