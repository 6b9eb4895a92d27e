import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normMax, sub } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { detailedBalanceResidual } from '../../src/numeric/dynamics/index.js';
import { TOL } from '../../src/numeric/tolerance.js';
import { arbDaviesInstance, describeDaviesInstance } from '../arbitraries/index.js';
import { integrate } from './quadrature.js';

describe('Davies instances (contract of the arbitrary)', () => {
  it('are valid: ascending non-degenerate energies, rates in detailed balance, a density matrix, 0 < a < b', () => {
    fc.assert(
      fc.property(arbDaviesInstance(), (i) => {
        const d = i.d;
        for (let n = 1; n < d; n++) expect(i.energies[n]).toBeGreaterThan(i.energies[n - 1]);
        expect(detailedBalanceResidual(i.energies, i.gen.rates, i.beta).residual).toBeLessThanOrEqual(TOL.detailedBalance);
        expect(i.gen.rates.every((w) => w >= 0 && Number.isFinite(w))).toBe(true);
        let tr = 0;
        for (let n = 0; n < d; n++) tr += i.rho.re[n * d + n];
        expect(Math.abs(tr - 1)).toBeLessThan(1e-12);
        expect(eigh(i.rho).values[0]).toBeGreaterThan(-1e-12);
        expect(normMax(sub(i.rho, { ...i.rho, re: transpose(i.rho.re, d), im: transpose(i.rho.im, d).map((x) => -x) }))).toBeLessThan(1e-14);
        expect(0 < i.a && i.a < i.b).toBe(true);
        expect(JSON.stringify(describeDaviesInstance(i))).not.toMatch(/null|NaN/);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('are reproducible for a seed', () => {
    const a = fc.sample(arbDaviesInstance(), { seed: 5, numRuns: 5 }).map(describeDaviesInstance);
    const b = fc.sample(arbDaviesInstance(), { seed: 5, numRuns: 5 }).map(describeDaviesInstance);
    expect(a).toEqual(b);
  });

  it('draw every state kind, dimension 2 to 5, both rate models, and β = 0 as well as very low temperatures', () => {
    const xs = fc.sample(arbDaviesInstance(), { seed: 3, numRuns: 400 });
    expect(new Set(xs.map((i) => i.kind)).size).toBe(4);
    expect(new Set(xs.map((i) => i.d))).toEqual(new Set([2, 3, 4, 5]));
    expect(new Set(xs.map((i) => i.model)).size).toBe(2);
    expect(xs.some((i) => i.beta === 0)).toBe(true);
    expect(xs.some((i) => i.beta * (i.energies[i.d - 1] - i.energies[0]) > 745)).toBe(true); // Gibbs weights underflow
    expect(xs.some((i) => eigh(i.rho).values[i.d - 2] < 1e-12)).toBe(true); // pure states
  });

  it('with equal spacing have degenerate Bohr frequencies', () => {
    for (const i of fc.sample(arbDaviesInstance({ spacing: 'equal' }), { seed: 2, numRuns: 20 })) {
      if (i.d >= 3) expect(Math.abs(i.energies[2] - 2 * i.energies[1] + i.energies[0])).toBeLessThan(1e-12);
    }
  });
});

function transpose(a: Float64Array, d: number): Float64Array {
  const t = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) t[j * d + i] = a[i * d + j];
  return t;
}

describe('adaptive Gauss–Kronrod quadrature', () => {
  it('integrates smooth functions to 1e-13 and a log singularity at the endpoint to 1e-10', () => {
    expect(Math.abs(integrate(Math.exp, 0, 1).value - (Math.E - 1))).toBeLessThan(1e-13);
    expect(Math.abs(integrate((t) => Math.cos(30 * t), 0, 2).value - Math.sin(60) / 30)).toBeLessThan(1e-13);
    // ∫_0^1 −ln t dt = 1
    expect(Math.abs(integrate((t) => -Math.log(t), 0, 1, 1e-12).value - 1)).toBeLessThan(1e-10);
  });

  it('stops at rounding level on an integrand that is pure noise, and returns ∞ for an infinite integrand', () => {
    let k = 0;
    const r = integrate(() => ((k++ * 7919) % 13) * 1e-30 - 6e-30, 0, 1, 1e-12, 1e-20);
    expect(r.evaluations).toBeLessThan(100);
    expect(integrate(() => Infinity, 0, 1).value).toBe(Infinity);
  });
});
