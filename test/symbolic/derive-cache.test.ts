import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { configureSymbolicCache, qepVersion } from '../../src/symbolic/cache.js';
import { withProofCache, proofCacheFile, PROOF_CACHE_FORMAT, type ProofCacheStats } from '../../src/symbolic/proofCache.js';
import { DerivationBuilder, type StepResult } from '../../src/symbolic/_internal/builder.js';
import { atomsForDomain } from '../../src/symbolic/identity.js';
import { qubitDaviesDomain } from '../../src/symbolic/models/qubitDavies.js';
import { useTempCacheDir } from './cache-helpers.js';

const MODEL = 'proof-cache-test';

/** A three-step derivation: two identities that hold (one with a logarithm), one printed form that is wrong. */
function derive(): StepResult[] {
  const B = new DerivationBuilder(atomsForDomain(qubitDaviesDomain), qubitDaviesDomain);
  B.step('square', '-', '(g + w)^2 expanded', '(g + w)^2', 'g^2 + 2*g*w + w^2');
  B.step('log', '-', 'log of a product', 'log(g*exp(beta*w))', 'log(g) + beta*w');
  B.step('wrong', '-', 'a printed sign error', '(g - w)^2', 'g^2 + 2*g*w + w^2', { expected: 'refuted' });
  return [...B.steps.values()];
}

function run(): { steps: StepResult[]; stats: ProofCacheStats } {
  const stats: ProofCacheStats = { hits: 0, misses: 0, discarded: 0 };
  const steps = withProofCache(MODEL, 'key-1', derive, stats);
  return { steps, stats };
}

const verdicts = (steps: readonly StepResult[]): unknown => steps.map((s) => [s.id, s.report.status, s.report.residual, s.report.engines.exact, s.report.detail]);
const file = (): string => proofCacheFile(MODEL)!;
type CacheFile = { format: string; version: string; model: string; modelKey: string; entries: Record<string, { lhs: string; exact: { exact: string }; status: string }> };
const readCache = (): CacheFile => JSON.parse(readFileSync(file(), 'utf8')) as CacheFile;

let plain: unknown;
beforeAll(() => {
  // the verdicts without any cache
  configureSymbolicCache({ enabled: false });
  plain = verdicts(derive());
  configureSymbolicCache({ enabled: true });
});
const tempDir = useTempCacheDir('qep-proofs-');

describe('the on-disk proof cache', () => {
  it('stores each step as plain JSON and reuses it with the same verdicts', () => {
    const cold = run();
    expect(cold.stats).toEqual({ hits: 0, misses: 3, discarded: 0 });
    expect(verdicts(cold.steps)).toEqual(plain);
    const data = readCache();
    expect(data).toMatchObject({ format: PROOF_CACHE_FORMAT, version: qepVersion(), model: MODEL, modelKey: 'key-1' });
    expect(Object.keys(data.entries)).toHaveLength(3);
    const warm = run();
    expect(warm.stats).toEqual({ hits: 3, misses: 0, discarded: 0 });
    expect(verdicts(warm.steps)).toEqual(plain);
    // no temporary file is left behind
    expect(readdirSync(join(tempDir(), qepVersion())).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('recomputes everything after a corrupted file, with the same verdicts', () => {
    run();
    writeFileSync(file(), '{"format": "qep-proofs/1", "entries": {');
    const again = run();
    expect(again.stats).toEqual({ hits: 0, misses: 3, discarded: 0 });
    expect(verdicts(again.steps)).toEqual(plain);
    expect(readCache().format).toBe(PROOF_CACHE_FORMAT);
  });

  it('ignores a file of another qep version, another model key, or another format', () => {
    for (const change of [{ version: '0.0.0-other' }, { modelKey: 'key-2' }, { format: 'qep-proofs/0' }]) {
      run();
      writeFileSync(file(), JSON.stringify({ ...readCache(), ...change }));
      const again = run();
      expect(again.stats.hits, JSON.stringify(change)).toBe(0);
      expect(verdicts(again.steps)).toEqual(plain);
    }
  });

  it('discards a tampered entry on re-check: a wrong identity stored as an exact zero stays refuted', () => {
    run();
    const data = readCache();
    const wrong = Object.values(data.entries).find((e) => e.status === 'refuted')!;
    wrong.exact.exact = 'zero';
    wrong.status = 'proved';
    writeFileSync(file(), JSON.stringify(data));
    const again = run();
    expect(again.stats).toEqual({ hits: 2, misses: 1, discarded: 1 });
    expect(verdicts(again.steps)).toEqual(plain);
    expect(again.steps.find((s) => s.id === 'wrong')!.report.status).toBe('refuted');
  });

  it('discards an entry whose stored expression was edited', () => {
    run();
    const data = readCache();
    for (const e of Object.values(data.entries)) e.lhs = `${e.lhs} + 0`;
    writeFileSync(file(), JSON.stringify(data));
    const again = run();
    expect(again.stats.hits).toBe(0);
    expect(verdicts(again.steps)).toEqual(plain);
  });

  it('is neither read nor written when turned off (--no-cache)', () => {
    configureSymbolicCache({ enabled: false });
    const off = run();
    expect(off.stats).toEqual({ hits: 0, misses: 0, discarded: 0 });
    expect(existsSync(file())).toBe(false);
    configureSymbolicCache({ enabled: true });
    run();
    configureSymbolicCache({ enabled: false });
    expect(run().stats.hits).toBe(0);
  });

  it('never names a file outside its folder', () => {
    const f = withProofCache('../../../etc/passwd', 'k', () => proofCacheFile('../../../etc/passwd'));
    expect(f!.startsWith(join(tempDir(), qepVersion()))).toBe(true);
    expect(proofCacheFile('..')!.startsWith(join(tempDir(), qepVersion()))).toBe(true);
  });
});
