import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyQuantity } from '../../src/symbolic/verify.js';
import { ExpressionError, LimitError, ExactBudgetExceeded } from '../../src/symbolic/errors.js';
import { QepInputError } from '../../src/numeric/errors.js';
import { SYMBOLIC_LIMITS, type SymbolicLimits } from '../../src/numeric/tolerance.js';
import { symbolicLimits, LIMITS_ENV } from '../../src/symbolic/limits.js';
import { withExactLimits } from '../../src/symbolic/_internal/budget.js';
import { ppow, padd, pvar } from '../../src/symbolic/_internal/poly.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';

afterAll(closeCasWorkers);
afterEach(() => {
  delete process.env[LIMITS_ENV];
});

const gamma2 = 'g*coth(beta*w/2)/2';
const sum = (k: number): string => Array.from({ length: k }, () => 'g').join('+');
/** A balanced sum of 2^levels leaves: many nodes, shallow nesting. */
const balanced = (levels: number): string => (levels === 0 ? 'g' : `(${balanced(levels - 1)}+${balanced(levels - 1)})`);

/** One hostile or mistaken input to `verify gamma2 EXPR`: the error class, the problem or limit, a pattern for the message. */
interface Refusal {
  readonly input: string;
  readonly error: typeof ExpressionError | typeof LimitError | typeof QepInputError;
  readonly reason?: string;
  readonly message: RegExp;
  /** Wall-time limit of the whole call, ms (it includes the derivation on first use). */
  readonly ms: number;
  readonly options?: { seed?: number; limits?: Partial<SymbolicLimits> };
}

const refused: readonly Refusal[] = [
  { input: 'g!', error: ExpressionError, reason: 'unsupported', message: /^EXPR must be built from .* \(got unsupported operator "!" \(factorial\)\)$/, ms: 60_000 },
  { input: 'g == w', error: ExpressionError, reason: 'unsupported', message: /got unsupported operator "==" \(equal\)/, ms: 10_000 },
  { input: '', error: ExpressionError, reason: 'empty', message: /^EXPR must be a non-empty expression in the parameters g, w, beta/, ms: 10_000 },
  { input: '   ', error: ExpressionError, reason: 'empty', message: /got an empty string/, ms: 10_000 },
  { input: 'exp()', error: ExpressionError, reason: 'arity', message: /^EXPR must be a call of exp with 1 argument \(got exp with 0\)$/, ms: 10_000 },
  { input: 'sqrt(g, w)', error: ExpressionError, reason: 'arity', message: /a call of sqrt with 1 argument \(got sqrt with 2\)/, ms: 10_000 },
  { input: 'nthRoot(g)', error: ExpressionError, reason: 'arity', message: /nthRoot with 2 arguments/, ms: 10_000 },
  { input: 'true', error: ExpressionError, reason: 'constant', message: /with finite numbers \(got the constant true\)/, ms: 10_000 },
  { input: '"abc"', error: ExpressionError, reason: 'constant', message: /got the constant "abc"/, ms: 10_000 },
  { input: '1e400 * g', error: ExpressionError, reason: 'constant', message: /got the constant Infinity/, ms: 10_000 },
  { input: 'x + g', error: ExpressionError, reason: 'symbol', message: /unknown symbol "x"/, ms: 10_000 },
  { input: 'foo(g)', error: ExpressionError, reason: 'unsupported', message: /got unknown function "foo"/, ms: 10_000 },
  { input: '[g, w]', error: ExpressionError, reason: 'unsupported', message: /got a matrix or list/, ms: 10_000 },
  { input: 'g = 2', error: ExpressionError, reason: 'unsupported', message: /got an assignment/, ms: 10_000 },
  { input: 'g; w', error: ExpressionError, reason: 'unsupported', message: /got several expressions/, ms: 10_000 },
  { input: 'g +', error: ExpressionError, reason: 'syntax', message: /^EXPR must be valid mathjs syntax \(got .*"g \+"\)$/, ms: 10_000 },
  { input: 'sin(10^100000)', error: ExpressionError, reason: 'not-evaluable', message: /^EXPR must be evaluable at 64 significant digits .*Precision limit exceeded/, ms: 20_000 },
  { input: sum(2000), error: LimitError, reason: 'maxExpressionDepth', message: /nested at most 200 levels deep \(limit maxExpressionDepth = 200; raise it with QEP_LIMITS=maxExpressionDepth=N\)/, ms: 10_000 },
  { input: `${'('.repeat(5000)}g${')'.repeat(5000)}`, error: LimitError, reason: 'maxExpressionDepth', message: /got 5000 levels of brackets/, ms: 10_000 },
  { input: 'g+'.repeat(10_001) + 'g', error: LimitError, reason: 'maxExpressionChars', message: /at most 20000 characters long .*got 20003 characters/, ms: 10_000 },
  { input: balanced(12), error: LimitError, reason: 'maxExpressionNodes', message: /at most 5000 operations, numbers and symbols \(limit maxExpressionNodes = 5000/, ms: 10_000 },
  { input: 'g', error: QepInputError, message: /^--seed must be a 32-bit integer \(got NaN\)$/, ms: 10_000, options: { seed: Number.NaN } },
  { input: 'g', error: QepInputError, message: /^--seed must be a 32-bit integer \(got 1.5\)$/, ms: 10_000, options: { seed: 1.5 } },
  { input: 'g*g', error: LimitError, reason: 'maxExpressionNodes', message: /limit maxExpressionNodes = 2;/, ms: 10_000, options: { limits: { maxExpressionNodes: 2 } } },
];

describe('verify refuses mistaken and oversized expressions (exit 2: a QepInputError naming the input)', () => {
  for (const c of refused) {
    it(`${JSON.stringify(c.input.length > 40 ? `${c.input.slice(0, 40)}…` : c.input)} ${c.options ? JSON.stringify(c.options) : ''}`, async () => {
      const t0 = performance.now();
      const e = await verifyQuantity('gamma2', c.input, c.options).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(performance.now() - t0).toBeLessThan(c.ms);
      expect(e).toBeInstanceOf(c.error);
      expect(e).toBeInstanceOf(QepInputError);
      const err = e as Error & { problem?: string; limit?: string };
      expect(err.message).toMatch(c.message);
      expect(err.message).not.toMatch(/\n/);
      if (c.reason) expect(err.problem ?? err.limit).toBe(c.reason);
    }, 60_000);
  }
});

/** Inputs whose exact algebra runs over a limit: decided by sampling, never proved. */
const budgeted: readonly { input: string; verdict: string; status: string; detail: RegExp; ms: number; limits?: Partial<SymbolicLimits> }[] = [
  { input: '(g+w)^100000', verdict: 'refuted', status: 'refuted', detail: /exact algebra stopped at its limit maxExactExponent = 1000/, ms: 30_000 },
  { input: '(g+w+beta+t+p10+c0)^40', verdict: 'refuted', status: 'refuted', detail: /exact algebra stopped at its limit (exactBudgetMs|maxPolynomialTerms)/, ms: 30_000 },
  { input: `${gamma2} + (g/10)^1001 - (g/10)^1001`, verdict: 'agrees-by-sampling', status: 'sampled', detail: /maxExactExponent = 1000 \(raise it with QEP_LIMITS=maxExactExponent=N\).*agrees at 50 BigNumber points/, ms: 30_000 },
  {
    input: `${gamma2} + ((g+w+beta)/10)^30 - ((g+w+beta)/10)^30`,
    verdict: 'agrees-by-sampling',
    status: 'sampled',
    detail: /exact algebra stopped at its limit exactBudgetMs = 1 ms/,
    ms: 30_000,
    limits: { exactBudgetMs: 1, maxPolynomialTerms: 1e9 },
  },
  { input: gamma2, verdict: 'proved', status: 'proved', detail: /reduces to 0 in exact rational arithmetic/, ms: 60_000 },
];

describe('verify under the exact-algebra budgets', () => {
  for (const c of budgeted) {
    it(`${c.input} ${c.limits ? JSON.stringify(c.limits) : ''} is ${c.verdict}`, async () => {
      const t0 = performance.now();
      const r = await verifyQuantity('gamma2', c.input, { limits: c.limits });
      expect(performance.now() - t0).toBeLessThan(c.ms);
      expect(r.verdict).toBe(c.verdict);
      expect(r.identity.status).toBe(c.status);
      expect(r.identity.detail).toMatch(c.detail);
      if (c.status !== 'proved') expect(r.identity.engines.exact).toBe('error');
    }, 60_000);
  }

  it('a raised limit lets a deeper expression through (QEP_LIMITS)', async () => {
    process.env[LIMITS_ENV] = 'maxExpressionDepth=2500,maxExpressionNodes=5000';
    const r = await verifyQuantity('gamma2', sum(1000));
    expect(r.verdict).toBe('refuted');
  }, 60_000);

  it('a malformed QEP_LIMITS is the user’s mistake', () => {
    process.env[LIMITS_ENV] = 'maxExpressionDepth';
    expect(() => symbolicLimits()).toThrow(/^QEP_LIMITS must be a list name=value of maxExpressionChars/);
    process.env[LIMITS_ENV] = 'maxExpressionDepth=-3';
    expect(() => symbolicLimits()).toThrow(/^QEP_LIMITS maxExpressionDepth must be a positive number \(got "-3"\)$/);
    process.env[LIMITS_ENV] = 'exactBudgetMs=250';
    expect(symbolicLimits({ maxExpressionNodes: 7 })).toEqual({ ...SYMBOLIC_LIMITS, exactBudgetMs: 250, maxExpressionNodes: 7 });
  });
});

describe('the exact-algebra guard', () => {
  const limits = { exactBudgetMs: 60_000, maxPolynomialTerms: 50, maxExactExponent: 20 };
  const s = padd(pvar('a'), pvar('b'));
  it('stops a power above maxExactExponent', () => {
    expect(() => withExactLimits(limits, () => ppow(s, 21))).toThrow(ExactBudgetExceeded);
    expect(withExactLimits(limits, () => ppow(s, 20)).size).toBe(21);
  });
  it('stops a polynomial above maxPolynomialTerms', () => {
    const t = padd(padd(s, pvar('c')), pvar('d'));
    expect(() => withExactLimits(limits, () => ppow(t, 6))).toThrow(/maxPolynomialTerms = 50/);
  });
  it('stops at the deadline', () => {
    const t = padd(padd(s, pvar('c')), pvar('d'));
    expect(() => withExactLimits({ exactBudgetMs: 0, maxPolynomialTerms: 1e9, maxExactExponent: 1e9 }, () => ppow(t, 12))).toThrow(/exactBudgetMs = 0/);
  });
  it('is lifted afterwards: derivations run unguarded', () => {
    expect(() => withExactLimits(limits, () => ppow(s, 21))).toThrow();
    expect(ppow(s, 21).size).toBe(22);
  });
});
