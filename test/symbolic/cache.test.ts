import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotateWithAlgebrite } from '../../src/symbolic/annotate.js';
import { configureSymbolicCache, cacheDirectory, opinionKey, qepVersion } from '../../src/symbolic/cache.js';
import type { DerivedModel } from '../../src/symbolic/models/model.js';
import type { IdentityReport } from '../../src/symbolic/identity.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';
import { BigEvalContext, compileBigCse } from '../../src/symbolic/_internal/bigeval.js';
import { bigMath, parseExpression } from '../../src/symbolic/cas/mathjs.js';
import { SYMBOLIC_TOL } from '../../src/numeric/tolerance.js';
import { useTempCacheDir } from './cache-helpers.js';

afterAll(closeCasWorkers);

const report: IdentityReport = { status: 'proved', residual: 0, points: 8, engines: { exact: 'zero' }, detail: 'difference reduces to 0', ms: 1 };
const input = '((Px+1)^2-(Px^2+2*Px+1))';
/** A one-step derivation whose step algebrite is asked about. */
const model = { name: 'cache-test', steps: [{ id: 's1', equation: '-', statement: 'x', expected: 'holds', report }], forms: {}, opinionRequests: [{ kind: 'step', id: 's1', input }], ms: 0 } as unknown as DerivedModel;
const fileOf = (dir: string): string => join(dir, qepVersion(), 'algebrite-opinions-cache-test.json');
const detailOf = (m: DerivedModel): string => m.steps[0].report.detail;

const tempDir = useTempCacheDir('qep-cache-');

describe('the on-disk cache of algebrite opinions', () => {
  it('lives under $XDG_CACHE_HOME/qep by default', () => {
    configureSymbolicCache({ dir: undefined });
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = '/somewhere/cache';
    expect(cacheDirectory()).toBe('/somewhere/cache/qep');
    delete process.env.XDG_CACHE_HOME;
    expect(cacheDirectory()).toMatch(/\.cache\/qep$/);
    if (saved !== undefined) process.env.XDG_CACHE_HOME = saved;
  });

  it('stores an answer and reuses it for the very same question', async () => {
    const first = await annotateWithAlgebrite(model);
    expect(detailOf(first)).toMatch(/\[algebrite: zero\]$/);
    expect(existsSync(fileOf(tempDir()))).toBe(true);
    // replace the stored answer: the next run must read it instead of asking algebrite
    const key = opinionKey('step', input, SYMBOLIC_TOL.algebriteStepTimeoutMs);
    writeFileSync(fileOf(tempDir()), JSON.stringify({ entries: { [key]: { verdict: 'not-reduced', ms: 3 } } }));
    const second = await annotateWithAlgebrite(model);
    expect(detailOf(second)).toMatch(/\[algebrite: not-reduced\]$/);
    // an opinion never changes a status
    expect(second.steps[0].report.status).toBe('proved');
  });

  it('is neither read nor written with cache: false (or when turned off)', async () => {
    const key = opinionKey('step', input, SYMBOLIC_TOL.algebriteStepTimeoutMs);
    mkdirSync(join(tempDir(), qepVersion()), { recursive: true });
    writeFileSync(fileOf(tempDir()), JSON.stringify({ entries: { [key]: { verdict: 'not-reduced', ms: 3 } } }));
    expect(detailOf(await annotateWithAlgebrite(model, { cache: false }))).toMatch(/\[algebrite: zero\]$/);
    configureSymbolicCache({ enabled: false });
    expect(detailOf(await annotateWithAlgebrite(model))).toMatch(/\[algebrite: zero\]$/);
    expect(JSON.parse(readFileSync(fileOf(tempDir()), 'utf8'))).toEqual({ entries: { [key]: { verdict: 'not-reduced', ms: 3 } } });
  });

  it('ignores a malformed file and entries that are not answers', async () => {
    mkdirSync(join(tempDir(), qepVersion()), { recursive: true });
    writeFileSync(fileOf(tempDir()), '{"entries": ');
    expect(detailOf(await annotateWithAlgebrite(model))).toMatch(/\[algebrite: zero\]$/);
    const key = opinionKey('step', input, SYMBOLIC_TOL.algebriteStepTimeoutMs);
    writeFileSync(fileOf(tempDir()), JSON.stringify({ entries: { [key]: { verdict: 'proved!', ms: 3 } } }));
    expect(detailOf(await annotateWithAlgebrite(model))).toMatch(/\[algebrite: zero\]$/);
  });
});

describe('the shared BigNumber evaluation context', () => {
  const exprs = ['log(g)*exp(w) + sqrt(g*w)', 'log(g)*exp(w) - cosh(w)', 'nthRoot(-g, 3) + log(2, g)', 'sqrt(-g)', '1/(g - g)'];
  const point = Object.freeze({ g: bigMath.bignumber('1.25'), w: bigMath.bignumber('0.5') });
  it('gives every expression the value a fresh context gives', () => {
    const shared = new BigEvalContext();
    for (const e of exprs) {
      const a = shared.compile(parseExpression(e))(point);
      const b = compileBigCse(parseExpression(e))(point);
      expect(String(a), e).toBe(String(b));
    }
  });
  it('restores decimal.js precision after a value it refuses', () => {
    const f = compileBigCse(parseExpression('sin(10^100000)'));
    expect(f({})).toBeInstanceOf(Error);
    expect((bigMath as unknown as { BigNumber: { precision: number } }).BigNumber.precision).toBe(SYMBOLIC_TOL.sampleDigits);
    expect(String(compileBigCse(parseExpression('tanh(1)'))({})).slice(0, 12)).toBe('0.7615941559');
  });
  it('compiles a deep tree without recursion', () => {
    const deep = Array.from({ length: 20_000 }, () => 'g').join('+');
    expect(String(new BigEvalContext().compile(parseExpression(deep))({ g: bigMath.bignumber(1) }))).toBe('20000');
  });
});
