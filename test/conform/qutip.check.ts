import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, conformJson } from './_helpers.js';

// The QuTiP adapter (adapters/qutip/engine.py) under `qep conform`: `npm run test:qutip`.
// Python: $QEP_PYTHON, else Debian's /usr/bin/python3 (python3-qutip), else python3.
const PYTHON = process.env.QEP_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const ENGINE = `${PYTHON} ${join(ROOT, 'adapters', 'qutip', 'engine.py')}`;
// A shared machine can slow one tight mesolve run to several seconds: a generous timeout.
const TIMEOUT = ['--timeout-ms', '120000'];
const DAVIES_PAPER_KEYS = ['times', 'rho', 'populations', 'S', 'F', 'Srel', 'Srel_pop', 'C', 'Pi', 'Pi_d', 'Upsilon', 'Phi', 'dSdt'];
const OUT = mkdtempSync(join(tmpdir(), 'qep-conform-qutip-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the QuTiP adapter under qep conform', () => {
  it('conforms at tight mesolve tolerances (atol 1e-14, rtol 1e-12): every key agrees, every claim holds', async () => {
    const { code, report } = await conformJson(['--engine', ENGINE, '--runs', '40', ...TIMEOUT, '--out', join(OUT, 'tight')]);
    expect(report.rows.filter((r) => r.verdict === 'fails').map((r) => `${r.id}: ${r.failure?.detail}`)).toEqual([]);
    expect(code).toBe(0);
    expect(report.answered).toBe(80);
    // every key of Eqs. 1–44 comes back (the adapter does not compute the several-baths keys)
    expect(report.keysNotReturned['thermal-operation']).toEqual([]);
    expect(report.keysNotReturned.davies.filter((k) => DAVIES_PAPER_KEYS.includes(k))).toEqual([]);
  });

  it('at QuTiP\'s default tolerances: the Davies keys drift from qep by 1e-8 to 1e-4, ρ(t) stays a state to 1e-6, the identities hold', async () => {
    const { code, report } = await conformJson(['--engine', `${ENGINE} --qutip-defaults`, '--model', 'davies', '--runs', '30', ...TIMEOUT, '--out', join(OUT, 'defaults')]);
    expect(code).toBe(1);
    const failing = report.rows.filter((r) => r.verdict === 'fails');
    expect(failing.map((r) => r.id)).toContain('agree.davies.rho');
    for (const r of failing.filter((x) => x.kind === 'agreement')) {
      expect(r.worstResidual).toBeGreaterThan(1e-8);
      expect(r.worstResidual).toBeLessThan(1e-4);
    }
    // Of the claims, only "ρ(t) is a state" may fail, by little: mesolve keeps ρ(t) Hermitian only to ~1e-7.
    const claims = failing.filter((r) => r.kind === 'consistency');
    expect(claims.map((r) => r.id).filter((id) => id !== 'conform.davies.state')).toEqual([]);
    for (const r of claims) expect(r.failure?.residual).toBeLessThan(1e-5);
  });
});

describe('the four-line Python engine of the README', () => {
  it('works as it is: exit 0, times agree, thermal operations declined, the other claims not applicable', async () => {
    const { code, report } = await conformJson(['--engine', `${PYTHON} ${join(ROOT, 'adapters', 'minimal', 'engine.py')}`, '--runs', '10', '--out', join(OUT, 'minimal')]);
    expect(code).toBe(0);
    expect(report.rows.find((r) => r.id === 'agree.davies.times')?.verdict).toBe('holds');
    expect(report.declined).toBe(10);
    expect(report.rows.find((r) => r.id === 'conform.davies.pi-split')?.missingKeys).toEqual(['Pi', 'Pi_d', 'Upsilon']);
  });
});
