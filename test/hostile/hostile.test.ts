import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineClaim } from '../../src/claims/claim.js';
import type { CliDeps } from '../../src/cli/main.js';
import fc from 'fast-check';
import { expectOneLine, type Outcome, runInProcess, runProcess } from './_harness.js';
import { davies, thermal } from './_scenarios.js';

/**
 * Hostile input and faults, one table: each case gives its input (generated at run
 * time when large), the exit code, a pattern for the one line on stderr, and a time
 * limit. Most run in-process; those marked `process` need a real process (a full disk
 * on stdout, a pipe closed early).
 */

const TMP = mkdtempSync(join(tmpdir(), 'qep-hostile-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let serial = 0;
/** A fresh folder for one case. */
const fresh = (): string => {
  const dir = join(TMP, `case${serial++}`);
  mkdirSync(dir);
  return dir;
};

/** Write `text` to a file of the case's folder and return its path. */
function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const json = (dir: string, value: unknown): string => file(dir, 'scenario.json', JSON.stringify(value));

/** A toy claim for `qep check` (the real registry takes seconds to load). */
const toyClaims: CliDeps = {
  claims: [
    defineClaim<number>({
      id: 'toy.true',
      equation: '1',
      statement: 'n + n = 2n',
      hypotheses: [],
      method: 'property',
      expected: 'holds',
      property: { arbitrary: fc.integer(), check: (n) => ({ kind: 'pass', residual: Math.abs(n + n - 2 * n) }) },
    }),
  ],
};

interface Case {
  readonly name: string;
  /** Build the input in a fresh folder: the arguments, stdin, environment. */
  readonly input: (dir: string) => { argv: string[]; stdin?: string; env?: Record<string, string> };
  readonly exit: number;
  /** The one stderr line; null: stderr is empty. */
  readonly line: RegExp | null;
  /** Wall-clock limit in ms (generous: the machine is shared). */
  readonly ms: number;
  /** Run as a child process, with stdout as given. */
  readonly process?: 'pipe' | 'full' | 'closed';
  readonly deps?: CliDeps;
  /** Further checks on the folder and the outcome. */
  readonly after?: (dir: string, o: Outcome) => void;
}

const ESC = '\u001b';

const CASES: readonly Case[] = [
  // Paths under pseudo file systems: refused before they are touched (a recursive mkdir under /proc never returns).
  { name: 'fixtures --out /proc/x', input: () => ({ argv: ['fixtures', '--count', '1', '--out', '/proc/x'] }), exit: 2, line: /^qep fixtures: cannot write under \/proc /, ms: 20_000 },
  { name: 'fixtures --out /sys/x/y', input: () => ({ argv: ['fixtures', '--count', '1', '--out', '/sys/x/y'] }), exit: 2, line: /^qep fixtures: cannot write under \/sys /, ms: 20_000 },
  {
    name: 'fixtures --out through a symbolic link to /proc',
    input: (dir) => {
      symlinkSync('/proc', join(dir, 'p'));
      return { argv: ['fixtures', '--count', '1', '--out', join(dir, 'p', 'x')] };
    },
    exit: 2,
    line: /^qep fixtures: cannot write under \/proc /,
    ms: 20_000,
  },
  { name: 'fixtures --out under a file (ENOTDIR)', input: (dir) => ({ argv: ['fixtures', '--count', '1', '--out', join(file(dir, 'f', 'x'), 'out')] }), exit: 2, line: /^qep fixtures: cannot create .*\/f \(ENOTDIR\)$/, ms: 20_000 },
  { name: 'eval of /proc/self/mem (EIO from a pseudo file, not a failing disk)', input: () => ({ argv: ['eval', '/proc/self/mem'] }), exit: 2, line: /^qep eval: cannot read \/proc\/self\/mem \(EIO\)$/, ms: 10_000 },
  { name: 'eval of a missing file', input: (dir) => ({ argv: ['eval', join(dir, 'none.json')] }), exit: 2, line: /^qep eval: cannot read .*none\.json \(ENOENT\)$/, ms: 10_000 },
  { name: 'eval of a folder', input: (dir) => ({ argv: ['eval', dir] }), exit: 2, line: /^qep eval: cannot read .* \(EISDIR\)$/, ms: 10_000 },
  { name: 'eval of a file under a file', input: (dir) => ({ argv: ['eval', join(file(dir, 'f', 'x'), 'y.json')] }), exit: 2, line: /\(ENOTDIR\)$/, ms: 10_000 },

  // Huge inputs: refused before the work starts, never a heap crash.
  {
    name: 'a scenario above the byte limit (17 MB of times)',
    input: (dir) => ({ argv: ['eval', file(dir, 'big.json', `{"model":"davies","times":[${'0,'.repeat(8_500_000)}0]}`)] }),
    exit: 2,
    line: /^qep eval: .*big\.json is larger than the input limit of 16777216 bytes \(raise it with QEP_MAX_INPUT_BYTES=N\)$/,
    ms: 30_000,
  },
  { name: '/dev/zero as a scenario', input: () => ({ argv: ['eval', '/dev/zero'] }), exit: 2, line: /larger than the input limit/, ms: 30_000 },
  {
    name: '20 000 times',
    input: (dir) => ({ argv: ['eval', json(dir, davies({ times: Array.from({ length: 20_000 }, (_, k) => k) }))] }),
    exit: 2,
    line: /^qep eval: times must be a list of at most 10000 \(got 20000; raise the limit with QEP_MAX_TIMES=N\)$/,
    ms: 10_000,
  },
  {
    name: 'times·d² above the output limit',
    input: (dir) => ({
      argv: ['eval', json(dir, davies({ energies: Array.from({ length: 100 }, (_, k) => k), times: Array.from({ length: 5000 }, (_, k) => k) }))],
    }),
    exit: 2,
    line: /^qep eval: times must be such that \|times\|·d² \(the output size\) is at most 2000000 \(got 5000·100² = 50000000; raise the limit with QEP_MAX_OUTPUT_VALUES=N\)$/,
    ms: 10_000,
  },
  {
    name: 'a davies scenario with d = 2000',
    input: (dir) => ({ argv: ['eval', file(dir, 'd2000.json', JSON.stringify(davies({ energies: Array.from({ length: 2000 }, (_, k) => k), gamma: Array.from({ length: 2000 }, () => new Array<number>(2000).fill(0)) })))] }),
    exit: 2,
    line: /^qep eval: energies must be of dimension at most 256 \(got 2000; raise the limit with QEP_MAX_DAVIES_DIMENSION=N\)$/,
    ms: 30_000,
  },
  {
    name: 'a limit raised by its environment variable lets the input through',
    input: (dir) => ({ argv: ['eval', json(dir, davies({ times: [0, 1, 2] }))], env: { QEP_MAX_TIMES: '3' } }),
    exit: 0,
    line: null,
    ms: 10_000,
  },
  { name: 'a limit lowered by its environment variable', input: (dir) => ({ argv: ['eval', json(dir, davies({ times: [0, 1, 2] }))], env: { QEP_MAX_TIMES: '2' } }), exit: 2, line: /^qep eval: times must be a list of at most 2 /, ms: 10_000 },
  { name: 'a malformed limit variable', input: (dir) => ({ argv: ['eval', json(dir, davies())], env: { QEP_MAX_TIMES: 'lots' } }), exit: 2, line: /^qep eval: QEP_MAX_TIMES must be a positive integer \(an input limit\) \(got lots\)$/, ms: 10_000 },

  // Streams: a full disk on stdout is exit 1 and one line; a pipe closed early ends quietly.
  { name: 'eval with stdout on /dev/full', input: (dir) => ({ argv: ['eval', json(dir, davies())] }), process: 'full', exit: 1, line: /^qep: cannot write to stdout \(ENOSPC\)$/, ms: 60_000 },
  { name: 'check --help with stdout on /dev/full', input: () => ({ argv: ['check', '--help'] }), process: 'full', exit: 1, line: /^qep: cannot write to stdout \(ENOSPC\)$/, ms: 60_000 },
  {
    name: 'fixtures with stdout on /dev/full: the whole set is written, then printing fails',
    input: (dir) => ({ argv: ['fixtures', '--model', 'davies', '--count', '2', '--out', join(dir, 'out')] }),
    process: 'full',
    exit: 1,
    line: /^qep: cannot write to stdout \(ENOSPC\)$/,
    ms: 60_000,
    after: (dir) => {
      expect(readdirSync(join(dir, 'out', 'scenarios'))).toHaveLength(2);
      expect(readdirSync(join(dir, 'out', 'expected'))).toHaveLength(2);
    },
  },
  {
    name: 'eval | head -c 1 (EPIPE)',
    input: (dir) => ({ argv: ['eval', '--pretty', json(dir, davies({ energies: Array.from({ length: 16 }, (_, k) => k), gamma: Array.from({ length: 16 }, (_, i) => Array.from({ length: 16 }, (_, j) => (i === j ? 0 : 1))), rho0: Array.from({ length: 16 }, (_, i) => Array.from({ length: 16 }, (_, j) => (i === j ? 1 / 16 : 0))), times: Array.from({ length: 200 }, (_, k) => k / 10) }))] }),
    process: 'closed',
    exit: 0,
    line: null,
    ms: 60_000,
  },

  // Numbers at the edge of double precision: refused up front with the supported range.
  { name: 'β = 1e308 and energies ±1e308', input: (dir) => ({ argv: ['eval', json(dir, davies({ beta: 1e308, energies: [-1e308, 1e308] }))] }), exit: 2, line: /^qep eval: beta must be at most 1e\+100 in magnitude \(the range qep evaluates correctly\) \(got 1\.00e\+308\)$/, ms: 10_000 },
  { name: 'energies [0, 1e308]', input: (dir) => ({ argv: ['eval', json(dir, davies({ energies: [0, 1e308] }))] }), exit: 2, line: /^qep eval: energies\[1\] must be at most 1e\+100 in magnitude/, ms: 10_000 },
  { name: 'thermal H of ±1e308', input: (dir) => ({ argv: ['eval', json(dir, thermal({ HS: [[1e308, 0], [0, -1e308]] }))] }), exit: 2, line: /^qep eval: HS\[0\]\[0\] must be at most 1e\+100 in magnitude/, ms: 10_000 },
  { name: 'β = 5e-324', input: (dir) => ({ argv: ['eval', json(dir, davies({ beta: 5e-324 }))] }), exit: 2, line: /^qep eval: beta must be 0 or at least 1e-100 \(below it F = tr\(Hρ\) − S\/β overflows\) \(got 4\.94e-324\)$/, ms: 10_000 },
  { name: 'Bohr frequency 1e20 times the rates', input: (dir) => ({ argv: ['eval', json(dir, davies({ energies: [0, 1e20] }))] }), exit: 2, line: /^qep eval: energies must be such that \(E_max − E_min\) \/ \(largest rate\) ≤ 100000000 /, ms: 10_000 },

  { name: 'a rate 1e50 evolved to t = 1e50 (the state came out all zeros)', input: (dir) => ({ argv: ['eval', json(dir, davies({ gamma: [[0, 1e50], [1e50, 0]], times: [0, 1e50] }))] }), exit: 2, line: /^qep eval: times\[1\] must be such that \(fastest rate\)·t ≤ 1000000000 .*\(got 1\.58e\+100\)$/, ms: 10_000 },

  // Deep nesting: refused by an iterative scan, never a stack overflow.
  {
    name: 'rho0 nested 5000 levels deep',
    input: (dir) => ({ argv: ['eval', file(dir, 'deep.json', JSON.stringify(davies()).replace('"rho0":[[0.6,0.1],[0.1,0.4]]', `"rho0":${'['.repeat(5000)}0.5${']'.repeat(5000)}`))] }),
    exit: 2,
    line: /^qep eval: .*deep\.json is nested deeper than 64 levels \(the input limit; raise it with QEP_MAX_JSON_DEPTH=N\)$/,
    ms: 10_000,
  },
  { name: 'stdin nested 100 000 levels deep', input: () => ({ argv: ['eval', '-'], stdin: `${'['.repeat(100_000)}${']'.repeat(100_000)}` }), exit: 2, line: /^qep eval: stdin is nested deeper than 64 levels/, ms: 10_000 },

  // Fixtures through symbolic links: refused, nothing written, targets untouched.
  {
    name: 'fixtures --force into files that are symbolic links',
    input: (dir) => {
      const out = join(dir, 'out');
      mkdirSync(join(out, 'scenarios'), { recursive: true });
      mkdirSync(join(out, 'expected'));
      file(dir, 'victim.txt', 'precious');
      // The names `--model davies --count 1 --seed 0` writes.
      symlinkSync(join(dir, 'victim.txt'), join(out, 'scenarios', 'davies_00_d2_energies_gamma_nearly_pure.json'));
      symlinkSync(join(dir, 'victim.txt'), join(out, 'expected', 'davies_00_d2_energies_gamma_nearly_pure.json'));
      return { argv: ['fixtures', '--model', 'davies', '--count', '1', '--force', '--out', out] };
    },
    exit: 2,
    line: /^qep fixtures: .*davies_00_d2_energies_gamma_nearly_pure\.json is a symbolic link or not a regular file: nothing written; qep never writes through it, even with --force$/,
    ms: 20_000,
    after: (dir) => {
      expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('precious');
      expect(lstatSync(join(dir, 'out', 'scenarios', 'davies_00_d2_energies_gamma_nearly_pure.json')).isSymbolicLink()).toBe(true);
    },
  },
  {
    name: 'fixtures into a folder with a dangling symbolic link',
    input: (dir) => {
      const out = join(dir, 'out');
      mkdirSync(join(out, 'expected'), { recursive: true });
      symlinkSync(join(dir, 'nowhere', 'x'), join(out, 'expected', 'thermal_00_dS2_dE3_U_pure.json'));
      return { argv: ['fixtures', '--count', '1', '--force', '--out', out] };
    },
    exit: 2,
    line: /thermal_00_dS2_dE3_U_pure\.json is a symbolic link or not a regular file: nothing written/,
    ms: 20_000,
    after: (dir) => {
      expect(existsSync(join(dir, 'out', 'scenarios'))).toBe(false);
      expect(readdirSync(join(dir, 'out', 'expected'))).toEqual(['thermal_00_dS2_dE3_U_pure.json']);
      expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    },
  },
  {
    name: 'fixtures --out that is itself a symbolic link',
    input: (dir) => {
      mkdirSync(join(dir, 'elsewhere'));
      symlinkSync(join(dir, 'elsewhere'), join(dir, 'out'));
      return { argv: ['fixtures', '--count', '1', '--out', join(dir, 'out')] };
    },
    exit: 2,
    line: /^qep fixtures: .*\/out is a symbolic link: qep writes only into real folders/,
    ms: 20_000,
    after: (dir) => expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]),
  },

  // Terminal injection and long values: escaped and cut.
  { name: 'an unknown key with an ESC sequence', input: (dir) => ({ argv: ['eval', json(dir, { ...davies(), [`${ESC}[2J${ESC}[31mbogus`]: 1 })] }), exit: 2, line: /^qep eval: \\x1b\[2J\\x1b\[31mbogus must be absent/, ms: 10_000 },
  { name: 'a non-JSON file with ESC sequences', input: (dir) => ({ argv: ['eval', file(dir, 'x.json', `${ESC}[2J${ESC}]0;pwned\u0007`)] }), exit: 2, line: /^qep eval: .*x\.json is not valid JSON: .*\\x1b/, ms: 10_000 },
  { name: 'a file name with ESC sequences', input: (dir) => ({ argv: ['eval', join(dir, `${ESC}[2Jmissing.json`)] }), exit: 2, line: /^qep eval: cannot read .*\\x1b\[2Jmissing\.json \(ENOENT\)$/, ms: 10_000 },
  { name: 'an unknown option with ESC sequences', input: () => ({ argv: ['eval', `--${ESC}[2J`] }), exit: 2, line: /^qep: unknown option '--\\x1b\[2J'/, ms: 10_000 },
  { name: 'a --claim with ESC sequences', input: () => ({ argv: ['check', '--claim', `${ESC}[2J`] }), deps: toyClaims, exit: 2, line: /^qep check: no claim matches "\\x1b\[2J"/, ms: 10_000 },
  {
    name: 'a 1.3 MB string as a matrix entry',
    input: (dir) => ({ argv: ['eval', json(dir, davies({ rho0: [['x'.repeat(1_300_000), 0], [0, 0.4]] }))] }),
    exit: 2,
    line: /^qep eval: rho0\[0\]\[0\] must be a finite number \(got "x{80}…" \(1300000 characters\)\)$/,
    ms: 10_000,
  },
  {
    name: 'a 1 MB unknown key',
    input: (dir) => ({ argv: ['eval', json(dir, { ...davies(), ['k'.repeat(1_000_000)]: 1 })] }),
    exit: 2,
    line: /^qep eval: k{80}… \(1000000 characters\) must be absent/,
    ms: 10_000,
  },

  // --runs: a documented maximum, and an estimate first for a long run.
  { name: 'check --runs 1000000', input: () => ({ argv: ['check', '--runs', '1000000'] }), deps: toyClaims, exit: 2, line: /^qep check: --runs 1000000 is above the limit of 100000 instances per claim \(raise it with QEP_MAX_RUNS=N if you mean it\)/, ms: 10_000 },
  { name: 'check --runs 2000: the estimated duration first', input: () => ({ argv: ['check', '--runs', '2000'] }), deps: toyClaims, exit: 0, line: /^qep check: --runs 2000: estimated duration about \d+ (s|min|h) \(a 10-run pilot of the 1 property claims took \d+ s\)$/, ms: 20_000 },
  { name: 'QEP_MAX_RUNS sets the limit', input: () => ({ argv: ['check', '--runs', '200', '--claim', 'toy'], env: { QEP_MAX_RUNS: '150' } }), deps: toyClaims, exit: 2, line: /above the limit of 150 /, ms: 10_000 },

  // The small ones.
  { name: 'a matrix [[]]', input: (dir) => ({ argv: ['eval', json(dir, davies({ rho0: [[]] }))] }), exit: 2, line: /^qep eval: rho0\[0\] must be a non-empty row of numbers \(got an empty row\)$/, ms: 10_000 },
  { name: 'a key given twice', input: (dir) => ({ argv: ['eval', file(dir, 'dup.json', JSON.stringify(davies()).replace('"beta":1', '"beta":1,"beta":100'))] }), exit: 2, line: /^qep eval: .*dup\.json has the key "beta" twice in the top-level object \(JSON would keep only the last\)$/, ms: 10_000 },
  { name: 'a key given twice in a nested object', input: () => ({ argv: ['eval', '-'], stdin: '{"rho0": {"re": [[1]], "re": [[2]]}}' }), exit: 2, line: /^qep eval: stdin has the key "re" twice in the object at rho0 /, ms: 10_000 },
  { name: 'a UTF-8 byte-order mark', input: (dir) => ({ argv: ['eval', file(dir, 'bom.json', `\uFEFF${JSON.stringify(davies())}`)] }), exit: 0, line: null, ms: 10_000 },
  { name: '--claim ""', input: () => ({ argv: ['check', '--claim', ''] }), deps: toyClaims, exit: 2, line: /^qep: option '--claim <id>' argument '' is invalid\. Expected a claim id or an id prefix/, ms: 10_000 },
  { name: 'an expression that starts with -', input: () => ({ argv: ['verify', 'gamma2', '-g*w'] }), exit: 2, line: /^qep: unknown option '-g\*w'; an argument that starts with - goes after --/, ms: 10_000 },
];

async function run(c: Case, dir: string): Promise<Outcome> {
  const { argv, stdin, env } = c.input(dir);
  if (c.process !== undefined) {
    const o = await runProcess(argv, { stdout: c.process, timeoutMs: c.ms, env });
    expect(o.signal, `${c.name}: killed after ${c.ms} ms`).toBeNull();
    return o;
  }
  return runInProcess(argv, { stdin, env, deps: c.deps });
}

describe('hostile input and faults: one line, the right exit code, in bounded time', () => {
  for (const c of CASES) {
    it(c.name, { timeout: c.ms + 30_000 }, async () => {
      const dir = fresh();
      const o = await run(c, dir);
      expectOneLine(o, c.exit, c.line, c.name);
      expect(o.ms, `${c.name}: took ${Math.round(o.ms)} ms`).toBeLessThan(c.ms);
      if (c.exit !== 0 && c.process === undefined) expect(o.stdout, `${c.name}: nothing on stdout`).toBe('');
      c.after?.(dir, o);
    });
  }
});
