import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { reportReplay } from '../../src/cli/report.js';
import { fakeIO, trueClaim } from '../cli/_fake.js';

const dir = mkdtempSync(join(tmpdir(), 'qep-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const deps = { claims: [trueClaim] };

describe('qep report: bad usage and bad input fail fast, before the claims run, with one line and exit 2', () => {
  it('rejects an unknown model', async () => {
    const f = fakeIO();
    expect(await main(['report', '--model', 'qutrit', '--out', join(dir, 'r.html')], f.io, deps)).toBe(2);
    expect(f.stderr()).toBe('qep report: --model must be one of qubit-davies, partial-swap, or a model file FILE.json (got "qutrit")\n');
    expect(f.stdout()).toBe('');
  });

  it('names the file and the field of an invalid scenario', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ model: 'davies', beta: 1, energies: [0, 1], gamma: [[0, 1], [1, 0]], rho0: [[0.6, 0.5], [0.5, 0.6]], times: [0] }));
    const f = fakeIO();
    expect(await main(['report', '--scenario', file, '--out', join(dir, 'r.html')], f.io, deps)).toBe(2);
    expect(f.stderr()).toMatch(new RegExp(`^qep report: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: rho0 must be .*\\(got 0\\.200, tolerance 1\\.00e-10\\)\\n$`));
  });

  it('reports an unreadable or non-JSON scenario', async () => {
    const f = fakeIO();
    expect(await main(['report', '--scenario', join(dir, 'missing.json')], f.io, deps)).toBe(2);
    expect(f.stderr()).toMatch(/^qep report: cannot read --scenario .*missing\.json \(ENOENT\)\n$/);
    const text = join(dir, 'text.json');
    writeFileSync(text, 'not json');
    const g = fakeIO();
    expect(await main(['report', '--scenario', text], g.io, deps)).toBe(2);
    expect(g.stderr()).toMatch(/^qep report: --scenario .*text\.json is not valid JSON: /);
  });

  it('rejects bad --runs and --seed like qep check', async () => {
    const f = fakeIO();
    expect(await main(['report', '--runs', '0'], f.io, deps)).toBe(2);
    expect(f.stderr()).toMatch(/^qep: option '--runs <n>' argument '0' is invalid\. Expected a positive integer\. \(see qep --help\)\n$/);
  });

  it('reports an output file it cannot write, before the claims run, with exit 2', async () => {
    const f = fakeIO();
    expect(await main(['report', '--out', join(dir, 'no-such-dir', 'r.html')], f.io, deps)).toBe(2);
    expect(f.stderr()).toMatch(/^qep report: cannot write --out .*r\.html \(ENOENT\)\n$/);
  });
});

describe('reportReplay', () => {
  it('writes the command that regenerates the report, quoting what the shell would split', () => {
    expect(reportReplay({ out: 'my report.html', model: ['qubit-davies'], runs: 50, seed: 7, scenario: ['a.json'] })).toBe(
      "qep report --runs 50 --seed 7 --model qubit-davies --scenario a.json --out 'my report.html'",
    );
  });
});
