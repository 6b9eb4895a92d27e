import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineClaim } from '../../src/claims/claim.js';
import { moduleUrl } from '../../src/claims/parallel.js';
import { symbolicCacheSettings } from '../../src/symbolic/cache.js';
import { main } from '../../src/cli/main.js';
import { allClaims } from '../claims/_registry.js';
import { fakeIO } from './_fake.js';

const deps = { claims: allClaims };
const RUN = ['--seed', '5', '--runs', '30'];
const dir = mkdtempSync(join(tmpdir(), 'qep-merge-'));

interface Report {
  claims: Record<string, unknown>[];
  summary: Record<string, unknown>;
  shard?: Record<string, unknown>;
}

async function check(args: readonly string[], d: Parameters<typeof main>[2] = deps): Promise<{ code: number; out: string; err: string }> {
  const f = fakeIO();
  const code = await main(['check', ...RUN, ...args], f.io, d);
  return { code, out: f.stdout(), err: f.stderr() };
}

async function merge(files: readonly string[], format = 'json'): Promise<{ code: number; out: string; err: string }> {
  const f = fakeIO();
  const code = await main(['merge', ...files, '--format', format], f.io, deps);
  return { code, out: f.stdout(), err: f.stderr() };
}

/** A JSON report without its timings. */
function untimed(text: string): Report {
  const r = JSON.parse(text) as Report;
  for (const c of r.claims) delete c.ms;
  delete r.summary.ms;
  return r;
}

/** A text or markdown report with every duration and run of spaces made alike. */
function timeless(text: string): string {
  return text.replace(/\d+(\.\d+)? (ms|s)\b/g, 'T').replace(/ +/g, ' ');
}

/** Write the JSON report of shard K/N (of `args`) and return its file. */
async function shardFile(k: number, n: number, args: readonly string[] = [], name = `s${k}of${n}`): Promise<string> {
  const { out } = await check(['--shard', `${k}/${n}`, '--format', 'json', ...args]);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, out);
  return file;
}

describe('qep check --jobs', () => {
  it('gives the same JSON report (minus timings) with 1 and 2 threads', async () => {
    const registry = { claimsModule: moduleUrl('../claims/_registry.js', import.meta.url) };
    const one = await check(['--format', 'json', '--jobs', '1'], registry);
    const two = await check(['--format', 'json', '--jobs', '2'], registry);
    expect(two.err).toBe('');
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(untimed(two.out)).toEqual(untimed(one.out));
    expect(untimed(one.out).claims.map((c) => c.id)).toEqual(allClaims.map((c) => c.id));
  });

  it('refuses a --jobs that is not a positive integer, with one line and exit 2', async () => {
    const r = await check(['--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^qep: option '--jobs <n>' argument '0' is invalid\. Expected an integer from 1 to \d+\. \(see qep --help\)\n$/);
  });
});

describe('qep check --no-cache', () => {
  it('turns the symbolic cache off while the claims run, and back on after', async () => {
    const probe = defineClaim<never>({
      id: 'probe.cache',
      equation: '-',
      statement: 'the cache setting',
      hypotheses: [],
      method: 'symbolic',
      expected: 'holds',
      symbolic: () => Promise.resolve({ verdict: symbolicCacheSettings().enabled ? 'proved' : 'sampled', residual: 0, detail: 'probe' }),
    });
    const verdict = async (args: string[]): Promise<unknown> => (untimed((await check(['--format', 'json', ...args], { claims: [probe] })).out).claims[0] as { verdict: unknown }).verdict;
    expect(await verdict(['--no-cache'])).toBe('sampled');
    expect(symbolicCacheSettings().enabled).toBe(true);
    expect(await verdict([])).toBe('proved');
  });
});

describe('qep check --shard and qep merge', () => {
  it('merges shards 1/3, 2/3, 3/3 into the report of a single run (minus timings), in every format', async () => {
    const single = await check(['--format', 'json']);
    const files = [await shardFile(3, 3), await shardFile(1, 3), await shardFile(2, 3)];
    const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Report);
    expect(shards.map((s) => s.shard?.index)).toEqual([3, 1, 2]);
    expect(shards.map((s) => s.claims.length).reduce((a, b) => a + b, 0)).toBe(allClaims.length);
    const merged = await merge(files);
    expect(merged.err).toBe('');
    expect(merged.code).toBe(single.code);
    expect(merged.code).toBe(1);
    expect(untimed(merged.out)).toEqual(untimed(single.out));
    const ms = JSON.parse(merged.out) as Report;
    expect(ms.summary.ms).toBe(Math.max(...shards.map((s) => s.summary.ms as number)));
    for (const format of ['text', 'markdown']) {
      const alone = await check(['--format', format]);
      expect(timeless((await merge(files, format)).out)).toBe(timeless(alone.out));
    }
  });

  it('exits 0 when every merged verdict is as expected', async () => {
    const args = ['--claim', 'toy'];
    const files = [await shardFile(1, 2, args, 'toy1'), await shardFile(2, 2, args, 'toy2')];
    const merged = await merge(files, 'text');
    expect(merged.code).toBe(0);
    expect(merged.out).toContain('5 claims: 1 holds, 1 proved, 1 sampled, 2 refuted; all as expected');
  });

  it('writes the shard in the JSON report and a closing line in the text report', async () => {
    const json = JSON.parse((await check(['--shard', '2/4', '--format', 'json'])).out) as Report;
    expect(json.shard).toMatchObject({ index: 2, count: 4, selection: allClaims.map((c) => c.id) });
    expect((await check(['--shard', '2/4'])).out).toMatch(/\nshard 2\/4: \d of the 6 selected claims/);
  });

  it('refuses reports that are not the shards of one run, with one line and exit 2', async () => {
    const [a, b, c] = [await shardFile(1, 3), await shardFile(2, 3), await shardFile(3, 3)];
    const otherSeed = join(dir, 'seed.json');
    const seeded = await check(['--shard', '3/3', '--format', 'json', '--seed', '6']);
    writeFileSync(otherSeed, seeded.out);
    const otherVersion = join(dir, 'version.json');
    const v = JSON.parse(readFileSync(c, 'utf8')) as Report;
    writeFileSync(otherVersion, JSON.stringify({ ...v, shard: { ...v.shard, version: '0.0.1' } }));
    const plain = join(dir, 'plain.json');
    writeFileSync(plain, (await check(['--format', 'json'])).out);
    const fewer = await shardFile(3, 3, ['--claim', 'toy'], 'fewer');
    const cases: [string[], RegExp][] = [
      [[a, b], /^qep merge: shards must be all of 1\.\.3 \(got missing 3\/3\)$/],
      [[a, b, c, b], /^qep merge: \S+s2of3\.json shard must be given once/],
      [[a, b, otherSeed], /^qep merge: \S+seed\.json seed must be 5 as in \S+ \(got 6\)$/],
      [[a, b, otherVersion], /^qep merge: \S+version\.json version must be \S+ as in \S+ \(got 0\.0\.1\)$/],
      [[a, b, fewer], /^qep merge: \S+fewer\.json selection must be /],
      [[plain], /^qep merge: \S+plain\.json must be a shard report/],
      [[join(dir, 'absent.json')], /^qep merge: cannot read \S+absent\.json \(ENOENT\)$/],
    ];
    for (const [files, message] of cases) {
      const r = await merge(files);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(2);
      expect(r.err.trimEnd()).toMatch(message);
    }
  });
});
