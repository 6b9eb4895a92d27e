import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { TOL } from '../../src/numeric/tolerance.js';
import { type BathsInstance, arbBathsInstance } from '../../properties/_baths/arbitraries.js';
import { bathsClaims } from '../../properties/baths.js';

const RUNS = { seed: 20261204, numRuns: 300 };

describe('the several-baths arbitrary', () => {
  const sample = fc.sample(arbBathsInstance(), RUNS);

  it('draws valid states and generators over the whole advertised range', () => {
    const seen = { d: new Set<number>(), K: new Set<number>(), rankDeficient: 0, fullRank: 0, dephasing: 0, ohmic: 0, gamma: 0, kinds: new Set<string>() };
    for (const i of sample) {
      seen.d.add(i.d);
      seen.K.add(i.K);
      seen.kinds.add(i.params.kind);
      const values = eigh(i.rho).values;
      let tr = 0;
      for (let n = 0; n < i.d; n++) tr += i.rho.re[n * i.d + n];
      expect(Math.abs(tr - 1)).toBeLessThan(1e-12);
      expect(values[0]).toBeGreaterThan(-1e-12);
      if (values[0] <= TOL.zeroEigenvalue) seen.rankDeficient++;
      else seen.fullRank++;
      if (i.params.dephasing) seen.dephasing++;
      for (const b of i.params.baths) {
        expect(b.beta).toBeGreaterThanOrEqual(0.2);
        expect(b.beta).toBeLessThanOrEqual(5);
        if (b.spectralDensity) seen.ohmic++;
        else seen.gamma++;
      }
      expect(i.ss.components).toBe(1);
    }
    expect([...seen.d].sort()).toEqual([2, 3, 4]);
    expect([...seen.K].sort()).toEqual([1, 2, 3]);
    expect([...seen.kinds].sort()).toEqual(['diagonal', 'random', 'steady']);
    for (const k of ['rankDeficient', 'fullRank', 'dephasing', 'ohmic', 'gamma'] as const) expect(seen[k], k).toBeGreaterThan(20);
  });

  it('shrinks to a small readable instance: a qubit, one bath at β = 0.2, no dephasing, a pure state', () => {
    const out = fc.check(
      fc.property(arbBathsInstance(), () => false),
      { ...RUNS, numRuns: 5 },
    );
    expect(out.failed).toBe(true);
    const i = (out.counterexample as [BathsInstance])[0];
    expect(i.d).toBe(2);
    expect(i.K).toBe(1);
    expect(i.params.baths[0].beta).toBe(0.2);
    expect(i.params.dephasing).toBeNull();
    expect(i.params.kind).toBe('random');
    expect(Array.from(i.rho.re)).toEqual([1, 0, 0, 0]);
  });
});

describe('the several-baths claims', () => {
  it('label B1–B9 under ids starting with baths., and give every expected-refuted claim a counterexample among its examples', () => {
    expect(bathsClaims.every((c) => c.id.startsWith('baths.') && /^B[1-9]$/.test(c.equation))).toBe(true);
    expect(new Set(bathsClaims.map((c) => c.equation))).toEqual(new Set(['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9']));
    const refuted = bathsClaims.filter((c) => c.expected === 'refuted');
    expect(refuted.map((c) => c.id).sort()).toEqual(['baths.pi-d-steady-relative-entropy', 'baths.pi-d-vanishes-at-steady-state', 'baths.steady-state-gibbs']);
    for (const c of refuted) {
      const p = c.property!;
      expect(p.examples?.some((x) => p.check(x, { instances: 1 }).kind === 'fail'), c.id).toBe(true);
    }
  });

  it('pass their own examples when expected to hold', () => {
    for (const c of bathsClaims.filter((x) => x.expected === 'holds' && x.property?.examples)) {
      for (const x of c.property!.examples!) expect(c.property!.check(x, { instances: 1 }).kind, c.id).not.toBe('fail');
    }
  });
});
