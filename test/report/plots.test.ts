import { describe, expect, it } from 'vitest';
import { DEFAULT_DAVIES_SCENARIO, daviesFigure, defaultThermalScenario, evaluateForFigure, HISTOGRAM_SAMPLES, thermalFigure } from '../../src/report/figures.js';
import { daviesSpec, renderSvg, thermalSpec } from '../../src/report/plots.js';
import { TWO_BATHS } from './_scenarios.js';

const davies = evaluateForFigure('default', DEFAULT_DAVIES_SCENARIO);
const thermal = evaluateForFigure('default', defaultThermalScenario());

const twoBaths = evaluateForFigure('two baths', TWO_BATHS);

describe('daviesFigure', () => {
  const fig = daviesFigure(davies.result, 'Davies');

  it('has Π, Π_d, Υ, Φ and dS/dt at every time, and the split S(ρ‖ρ_eq) = S(p‖p_eq) + C(ρ)', () => {
    const n = DEFAULT_DAVIES_SCENARIO.times.length;
    expect(fig.rates.order).toHaveLength(5);
    for (const s of fig.rates.order) expect(fig.rates.points.filter((p) => p.series === s)).toHaveLength(n);
    if (!fig.split) throw new Error('one bath: the figure splits S(ρ‖ρ_eq)');
    const { parts, total } = fig.split;
    expect(total).toHaveLength(n);
    for (let i = 0; i < n; i++) {
      const sum = parts.filter((p) => p.x === total[i].x).reduce((s, p) => s + p.y, 0);
      expect(Math.abs(sum - total[i].y)).toBeLessThan(1e-12);
    }
    expect(fig.baths).toBeUndefined();
  });

  it('with several baths: S(ρ‖ρ_ss) and C(ρ), Π_k per bath, and Π stacked as Π_na + Π_a', () => {
    const fig = daviesFigure(twoBaths.result, 'two baths');
    const n = TWO_BATHS.times.length;
    expect(fig.split).toBeUndefined();
    expect(fig.steady?.order).toEqual(['S(ρ‖ρ_ss), to the steady state', 'C(ρ), coherence (Eq. 10)']);
    expect(fig.baths?.perBath.order).toEqual(['Π_1, bath 1', 'Π_2, bath 2']);
    expect(fig.baths?.perBath.points).toHaveLength(2 * n);
    const split = fig.baths?.split;
    if (!split) throw new Error('several baths: the figure splits Π');
    for (let i = 0; i < n; i++) {
      const sum = split.parts.filter((p) => p.x === split.total[i].x).reduce((s, p) => s + p.y, 0);
      expect(Math.abs(sum - split.total[i].y)).toBeLessThan(1e-10 * Math.max(1, split.total[i].y));
    }
  });

  it('draws the several-baths figure with four panels, each with its legend', async () => {
    const svg = await renderSvg(daviesSpec(daviesFigure(twoBaths.result, 'two baths')));
    expect((svg.match(/role-legend"/g) ?? []).length).toBeGreaterThanOrEqual(4);
    for (const label of ['S(ρ‖ρ_ss), to the steady state', 'Π_2, bath 2', 'Π_na, non-adiabatic', 'Π_a, adiabatic', 'Π, total']) expect(svg).toContain(label);
  });
});

describe('thermalFigure', () => {
  const fig = thermalFigure(thermal.scenario, thermal.result, 'thermal', 1);
  const value = (bar: string, part: string) => fig.budget.find((b) => b.bar === bar && b.part.startsWith(part))?.value ?? NaN;

  it('stacks Σ_d + Ξ to Σ (Eq. 23) and C(ρ′_E) + C_cc to Ξ (Eq. 31)', () => {
    expect(Math.abs(value('Σ_d + Ξ', 'Σ_d') + value('Σ_d + Ξ', 'Ξ') - value('Σ', 'Σ'))).toBeLessThan(1e-10);
    expect(Math.abs(value('C(ρ′_E) + C_cc', 'C(ρ′_E)') + value('C(ρ′_E) + C_cc', 'C_cc') - value('Ξ', 'Ξ'))).toBeLessThan(1e-10);
  });

  it('histograms σ, σ_d and ξ over the sampled trajectories, marking the exact means and −ln⟨exp(−σ)⟩ = 0', () => {
    expect(fig.histograms.map((h) => h.quantity)).toEqual(['σ (Eq. 41)', 'σ_d (Eq. 43)', 'ξ (Eq. 44)']);
    for (const h of fig.histograms) expect(Math.abs(h.bars.reduce((s, b) => s + b.fraction, 0) - 1)).toBeLessThan(1e-12);
    const ft = fig.histograms[0].markers.find((m) => m.label.startsWith('−ln'));
    expect(Math.abs(ft?.x ?? NaN)).toBeLessThan(1e-12);
    expect(fig.histograms[0].note).toContain(`over ${HISTOGRAM_SAMPLES} sampled trajectories`);
  });
});

describe('renderSvg (Vega-Lite rendered headless in Node)', () => {
  it('draws the Davies figure as SVG with axes, legends and one path point per time and series', async () => {
    const svg = await renderSvg(daviesSpec(daviesFigure(davies.result, 'Davies')));
    expect(svg).toMatch(/^<svg[^>]*viewBox=/);
    expect((svg.match(/role-axis"/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect((svg.match(/role-legend"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(svg).toContain('Υ, coherence part (Eq. 14)');
    const lines = [...svg.matchAll(/class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/g)].map((m) => m[1]);
    const vertices = lines.join('').match(/[ML]/g)?.length ?? 0;
    expect(vertices).toBeGreaterThan(5 * 200);
  });

  it('leaves out points where a rate is +∞ (a pure state at t = 0) instead of failing', async () => {
    const pure = evaluateForFigure('pure', { ...DEFAULT_DAVIES_SCENARIO, rho0: [[1, 0], [0, 0]] });
    expect((pure.result.Pi as unknown[])[0]).toBe(Infinity);
    const fig = daviesFigure(pure.result, 'pure');
    const svg = await renderSvg(daviesSpec(fig));
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('draws the thermal figure with bars for the budget and the histograms, and a legend', async () => {
    const svg = await renderSvg(thermalSpec(thermalFigure(thermal.scenario, thermal.result, 'thermal', 1)));
    expect((svg.match(/role-legend"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    const rects = [...svg.matchAll(/class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/g)].map((m) => m[1]).join('');
    const bars = rects.match(/<path /g)?.length ?? 0;
    expect(bars).toBeGreaterThan(50);
    expect(svg).toContain('C_cc, correlated coherence');
  });
});

describe('evaluateForFigure', () => {
  it('names the file and the field of an invalid scenario', () => {
    expect(() => evaluateForFigure('bad.json', { ...DEFAULT_DAVIES_SCENARIO, beta: -1 })).toThrow(/^bad\.json: beta must be/);
  });
});
