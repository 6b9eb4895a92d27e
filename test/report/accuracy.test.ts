import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findQutipFixtures, qutipAccuracy } from '../../src/report/accuracy.js';

const dir = findQutipFixtures();
const scratch = mkdtempSync(join(tmpdir(), 'qep-accuracy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('qutipAccuracy', () => {
  it('finds the reference set of the repository', () => {
    expect(dir).toBeDefined();
    expect(findQutipFixtures(join(scratch, 'x.js'))).toBeUndefined();
  });

  it('agrees with QuTiP on all 40 scenarios, every key of both models far below the tolerance', () => {
    const t = qutipAccuracy(dir ?? '');
    expect(t.scenarios).toBe(40);
    expect(t.agreeing).toBe(40);
    expect(t.keys.filter((k) => k.model === 'davies').map((k) => k.key)).toEqual(expect.arrayContaining(['Pi', 'Pi_d', 'Upsilon', 'Phi', 'rho']));
    expect(t.keys.filter((k) => k.model === 'thermal-operation').map((k) => k.key)).toEqual(expect.arrayContaining(['Sigma', 'Xi', 'C_cc', 'traj']));
    // outputs added after the reference set was computed are listed, not compared
    expect(t.unchecked.davies).toEqual(expect.arrayContaining(['Pi_baths', 'Pi_na', 'Pi_a']));
    for (const k of t.keys) {
      expect(k.worst, `${k.model} ${k.key}`).toBeLessThan(1e-8);
      expect(k.compared, `${k.model} ${k.key}`).toBeGreaterThan(0);
    }
  });

  it('reports a deviation planted in an expected file, with the scenario and the path', () => {
    cpSync(dir ?? '', scratch, { recursive: true });
    const name = 'thermal_00_dS2_dE2_haar_mixed.json';
    const file = join(scratch, 'expected', name);
    const expected = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
    expected.Xi += 1e-3;
    writeFileSync(file, JSON.stringify(expected));
    const t = qutipAccuracy(scratch);
    expect(t.agreeing).toBe(39);
    const xi = t.keys.find((k) => k.model === 'thermal-operation' && k.key === 'Xi');
    expect(xi?.worst).toBeCloseTo(1e-3, 8);
    expect(xi?.where).toBe(`${name}: Xi`);
  });
});
