import { describe, expect, it } from 'vitest';
import { dormandPrince } from '../../../src/numeric/dynamics/dormandPrince.js';

describe('Dormand–Prince RK45', () => {
  it('integrates exponential decay y′ = −y to its rtol', () => {
    const times = [0.5, 1, 3, 10];
    const { y } = dormandPrince((_t, v, dv) => { dv[0] = -v[0]; }, Float64Array.of(1), 0, times, { rtol: 1e-10, atol: 1e-14 });
    times.forEach((t, k) => expect(Math.abs(y[k][0] - Math.exp(-t)) / Math.exp(-t)).toBeLessThan(1e-8));
  });

  it('keeps the harmonic oscillator on its circle and in phase over ten periods', () => {
    const T = 20 * Math.PI;
    const { y } = dormandPrince((_t, v, dv) => { dv[0] = v[1]; dv[1] = -v[0]; }, Float64Array.of(1, 0), 0, [T]);
    expect(Math.abs(y[0][0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(y[0][1])).toBeLessThan(1e-8);
  });

  it('returns the initial value at t = t0 and hits every output time exactly (non-autonomous check)', () => {
    // y′ = cos t, y = sin t
    const times = [0, 0.1, 0.1, 2, 2.0000001, 5];
    const { y } = dormandPrince((t, _v, dv) => { dv[0] = Math.cos(t); }, Float64Array.of(0), 0, times);
    times.forEach((t, k) => expect(Math.abs(y[k][0] - Math.sin(t))).toBeLessThan(1e-9));
  });

  it('gets more accurate as the tolerance tightens, with more steps', () => {
    const f = (_t: number, v: Float64Array, dv: Float64Array) => { dv[0] = v[1]; dv[1] = -v[0]; };
    const loose = dormandPrince(f, Float64Array.of(1, 0), 0, [10], { rtol: 1e-5, atol: 1e-7 });
    const tight = dormandPrince(f, Float64Array.of(1, 0), 0, [10], { rtol: 1e-11, atol: 1e-13 });
    const err = (r: typeof loose) => Math.hypot(r.y[0][0] - Math.cos(10), r.y[0][1] + Math.sin(10));
    expect(err(tight)).toBeLessThan(err(loose) / 100);
    expect(tight.accepted).toBeGreaterThan(loose.accepted);
    expect(tight.evaluations).toBeGreaterThanOrEqual(6 * tight.accepted);
  });

  it('throws instead of looping when the step budget is exhausted on a stiff problem', () => {
    expect(() => dormandPrince((_t, v, dv) => { dv[0] = -1e9 * v[0]; }, Float64Array.of(1), 0, [1], { maxSteps: 100 })).toThrowError(/more than 100 steps/);
  });

  it('throws on a blow-up instead of returning non-finite values', () => {
    expect(() => dormandPrince((_t, v, dv) => { dv[0] = v[0] * v[0]; }, Float64Array.of(1), 0, [2])).toThrowError(/dormandPrince/);
  });
});
