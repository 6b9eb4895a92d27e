import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { brokenClaim, fakeIO, trueClaim, typoClaim } from './_fake.js';

const ESC = '\u001b[';
const good = { claims: [trueClaim, typoClaim] };
const all = { claims: [trueClaim, typoClaim, brokenClaim] };

afterEach(() => vi.restoreAllMocks());

describe('qep check', () => {
  it('exits 0 and prints the table and summary when every verdict is as expected', async () => {
    const f = fakeIO();
    expect(await main(['check', '--runs', '50', '--seed', '1'], f.io, good)).toBe(0);
    const out = f.stdout();
    expect(out).toMatch(/^\s*claim\s+eq\.\s+method\s+verdict\s+worst residual\s+time/);
    expect(out).toMatch(/ok\s+toy\.true\s+1\s+property\s+holds\s+0\s/);
    expect(out).toMatch(/ok\s+toy\.typo\s+5\s+property\s+refuted \(expected\)/);
    expect(out).toContain('2 claims: 1 holds, 1 refuted; all as expected (seed 1, 50 runs per property');
    expect(out).toContain('  replay: qep check --claim toy.typo --seed 1 --path ');
    expect(out).toContain('"n": 100');
    expect(f.stderr()).toBe('');
  });

  it('exits 1 when a verdict is not as expected, and names the claim', async () => {
    const f = fakeIO();
    expect(await main(['check', '--runs', '50'], f.io, all)).toBe(1);
    expect(f.stdout()).toMatch(/FAIL\s+other\.broken/);
    expect(f.stdout()).toContain('REFUTED: other.broken (Eq. 1)');
    expect(f.stdout()).toContain('1 not as expected (other.broken)');
  });

  it('prints JSON that parses, with the documented keys and the replay command', async () => {
    const f = fakeIO();
    expect(await main(['check', '--format', 'json', '--seed', '4', '--runs', '30'], f.io, all)).toBe(1);
    const report = JSON.parse(f.stdout()) as { claims: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(report.claims.map((c) => [c.id, c.verdict])).toEqual([
      ['toy.true', 'holds'],
      ['toy.typo', 'refuted'],
      ['other.broken', 'refuted'],
    ]);
    expect(Object.keys(report.claims[0])).toEqual(['id', 'equation', 'statement', 'method', 'expected', 'verdict', 'worstResidual', 'runs', 'ms']);
    expect(report.claims[1].counterexample).toMatchObject({ instance: { n: 100 }, detail: 'n = 100', residual: 1, seed: 4 });
    expect(report.claims[1].replay).toMatch(/^qep check --claim toy\.typo --seed 4 --path \d+(:\d+)* --runs 30$/);
    expect(report.summary).toMatchObject({ total: 3, asExpected: 2, unexpected: 1, ok: false, seed: 4, runs: 30 });
  });

  it('replays a counterexample from the printed command', async () => {
    const f = fakeIO();
    await main(['check', '--format', 'json', '--claim', 'toy.typo', '--seed', '77'], f.io, good);
    const first = JSON.parse(f.stdout()) as { claims: { replay: string; counterexample: unknown }[] };
    const argv = first.claims[0].replay.split(' ').slice(1);
    const g = fakeIO();
    expect(await main([...argv, '--format', 'json'], g.io, good)).toBe(0);
    const again = JSON.parse(g.stdout()) as { claims: { counterexample: { instance: unknown } }[] };
    expect(again.claims).toHaveLength(1);
    expect(again.claims[0].counterexample.instance).toEqual({ n: 100 });
  });

  it('prints a markdown table', async () => {
    const f = fakeIO();
    expect(await main(['check', '--format', 'markdown', '--runs', '20'], f.io, good)).toBe(0);
    expect(f.stdout().split('\n')[0]).toBe('| Claim | Eq. | Statement | Method | Expected | Verdict | Worst residual | Time |');
  });

  it('selects claims by id prefix, repeatably', async () => {
    const f = fakeIO();
    expect(await main(['check', '--claim', 'toy', '--format', 'json', '--runs', '20'], f.io, all)).toBe(0);
    expect((JSON.parse(f.stdout()) as { claims: { id: string }[] }).claims.map((c) => c.id)).toEqual(['toy.true', 'toy.typo']);
    const g = fakeIO();
    expect(await main(['check', '--claim', 'other.broken', '--claim', 'toy.true', '--format', 'json', '--runs', '20'], g.io, all)).toBe(1);
    expect((JSON.parse(g.stdout()) as { claims: { id: string }[] }).claims.map((c) => c.id)).toEqual(['toy.true', 'other.broken']);
  });

  it('colours the text only on a terminal, and never with NO_COLOR set', async () => {
    const tty = fakeIO({ tty: true });
    await main(['check', '--runs', '10'], tty.io, good);
    expect(tty.stdout()).toContain(ESC);
    const noColor = fakeIO({ tty: true, env: { NO_COLOR: '1' } });
    await main(['check', '--runs', '10'], noColor.io, good);
    expect(noColor.stdout()).not.toContain(ESC);
    const pipe = fakeIO({ tty: false });
    await main(['check', '--runs', '10'], pipe.io, good);
    expect(pipe.stdout()).not.toContain(ESC);
  });

  it('shows progress on a terminal stderr only', async () => {
    const tty = fakeIO({ errTty: true });
    await main(['check', '--runs', '10'], tty.io, good);
    expect(tty.stderr()).toContain('qep check [');
    const pipe = fakeIO({ errTty: false });
    await main(['check', '--runs', '10'], pipe.io, good);
    expect(pipe.stderr()).toBe('');
  });

  it('never calls process.exit', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('process.exit called');
    }) as never);
    for (const argv of [['check', '--runs', '5'], ['check', '--runs', 'x'], ['--help'], ['--version'], []]) {
      await main(argv, fakeIO().io, all);
    }
    expect(exit).not.toHaveBeenCalled();
  });
});

describe('bad usage', () => {
  const cases: [string, string[]][] = [
    ['runs of zero', ['check', '--runs', '0']],
    ['runs that are not a number', ['check', '--runs', 'many']],
    ['a fractional seed', ['check', '--seed', '1.5']],
    ['a seed beyond 32 bits', ['check', '--seed', '4294967296']],
    ['an unknown format', ['check', '--format', 'xml']],
    ['a malformed path', ['check', '--claim', 'toy.typo', '--path', 'a:b']],
    ['a path for several claims', ['check', '--path', '1:0']],
    ['a claim pattern that matches nothing', ['check', '--claim', 'nothing.here']],
    ['an unknown option', ['check', '--fast']],
    ['an unknown command', ['chek']],
    ['no command', []],
    ['eval without a file', ['eval']],
  ];
  for (const [what, argv] of cases) {
    it(`exits 2 on ${what}, with nothing on stdout and one line on stderr`, async () => {
      const f = fakeIO();
      expect(await main(argv, f.io, good)).toBe(2);
      expect(f.stderr()).not.toMatch(/\n\s+at /);
      if (argv.length > 0) {
        expect(f.stdout()).toBe('');
        expect(f.stderr().trimEnd().split('\n')).toHaveLength(1);
        expect(f.stderr()).toMatch(/^qep( check)?: /);
      }
    });
  }

  it('names the option and what it expects', async () => {
    const f = fakeIO();
    await main(['check', '--runs', '0'], f.io, good);
    expect(f.stderr()).toBe("qep: option '--runs <n>' argument '0' is invalid. Expected a positive integer. (see qep --help)\n");
  });

  it('prints help and the version on stdout with exit 0', async () => {
    const f = fakeIO();
    expect(await main(['--help'], f.io)).toBe(0);
    expect(f.stdout()).toContain('Usage: qep');
    expect(f.stdout()).toContain('check [options]');
    const g = fakeIO();
    expect(await main(['check', '--help'], g.io)).toBe(0);
    expect(g.stdout()).toContain('--claim <id>');
    const v = fakeIO();
    expect(await main(['--version'], v.io)).toBe(0);
    expect(v.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
