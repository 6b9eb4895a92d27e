import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * The report's plots: Vega-Lite specifications compiled to Vega and rendered
 * to static SVG in Node with `View.toSVG()`.
 *
 * Why Vega-Lite: the plots are declarative data (a spec per figure, easy to
 * read and to test), the library is well kept and widely used, and its
 * headless renderer writes plain SVG in Node without a DOM or a canvas, with
 * axes, titles and legends laid out for us. The SVG goes into the page as is:
 * no script runs in the browser to draw it.
 */

/** One point of a line or area: x, the series it belongs to, y. */
export interface SeriesPoint {
  readonly x: number;
  readonly series: string;
  readonly y: number;
}

/** One bar of a histogram: [x0, x1) and the fraction of samples in it. */
export interface HistogramBar {
  readonly x0: number;
  readonly x1: number;
  readonly fraction: number;
}

/** A vertical marker on a histogram: where, and what it is (the legend entry). */
export interface Marker {
  readonly x: number;
  readonly label: string;
}

/** One histogram panel: the quantity's name (axis title and legend), its bars, its markers and a note under it. */
export interface HistogramPanel {
  readonly quantity: string;
  readonly bars: readonly HistogramBar[];
  readonly markers: readonly Marker[];
  readonly note: string;
}

/** One stacked part of a bar of the entropy budget: the bar it belongs to, the part, its value. */
export interface BudgetPart {
  readonly bar: string;
  readonly part: string;
  readonly value: number;
}

/** Panel width in px: the whole figure stays under ~430 px, so it is legible unscaled on a phone. */
const WIDTH = 330;
const TIME_TITLE = 'time t (ħ = k_B = 1)';
const HEIGHT = 200;

/** Shared look: readable sizes, dark text, no chart border. */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 13, labelColor: '#222', titleColor: '#111', gridColor: '#e4e4e4' },
  legend: { labelFontSize: 12, titleFontSize: 12, labelColor: '#222', titleColor: '#111', orient: 'bottom', direction: 'vertical', labelLimit: 400, titleLimit: 400 },
  title: { fontSize: 13, color: '#111', anchor: 'start', subtitleColor: '#333', subtitleFontSize: 12 },
} as const;

/**
 * Compile a Vega-Lite spec and render it to an SVG string (headless, in Node).
 * @throws Error when the spec does not compile (a bug in the report).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * A title as lines of at most `max` characters (Vega titles do not wrap; a long
 * one-line title would make the figure wider than a phone screen).
 */
export function titleLines(text: string, max = 38): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Points with a finite y only (a rate is +∞ at a pure state; such points are left out of a plot). */
function finitePoints(points: readonly SeriesPoint[]): SeriesPoint[] {
  return points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
}

/** A multi-series line chart over time (the colour legend names the series, in `order`). */
function lineLayer(title: string, yTitle: string, { points, order }: Series): Record<string, unknown> {
  return {
    title: { text: titleLines(title) },
    width: WIDTH,
    height: HEIGHT,
    data: { values: finitePoints(points) },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: TIME_TITLE, scale: { nice: false } },
      y: { field: 'y', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: 'quantity', sort: [...order], scale: { scheme: 'dark2' } },
      strokeDash: { field: 'series', type: 'nominal', sort: [...order] },
    },
  };
}

/**
 * A stacked area of parts with the total drawn on top as a line: the picture of
 * an additive split such as S(ρ‖ρ_eq) = S(p‖p_eq) + C(ρ). When the split holds
 * the line runs along the top of the stack.
 */
function stackLayer(title: string, yTitle: string, { parts, total, order }: Stack): Record<string, unknown> {
  // parts in soft colours, the total (last in `order`) in near-black so the dashed line stands out
  const palette = ['#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3'];
  const scale = { domain: [...order], range: order.map((_, i) => (i === order.length - 1 ? '#222' : palette[i % palette.length])) };
  return {
    title: { text: titleLines(title) },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: finitePoints(parts) },
        mark: { type: 'area', opacity: 0.85 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: TIME_TITLE, scale: { nice: false } },
          y: { field: 'y', type: 'quantitative', stack: 'zero', title: yTitle },
          color: { field: 'series', type: 'nominal', title: 'stacked parts and total', scale },
          order: { field: 'series', sort: 'ascending' },
        },
      },
      {
        data: { values: finitePoints(total) },
        mark: { type: 'line', strokeWidth: 2, strokeDash: [6, 3], color: '#222' },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          color: { field: 'series', type: 'nominal', scale },
        },
      },
    ],
  };
}

/** Lines over time: the points of every series, and the series in legend order. */
export interface Series {
  readonly points: readonly SeriesPoint[];
  readonly order: readonly string[];
}

/** An additive split over time: the parts (stacked), the total (a line on top), and the legend order (parts, then total). */
export interface Stack {
  readonly parts: readonly SeriesPoint[];
  readonly total: readonly SeriesPoint[];
  readonly order: readonly string[];
}

/** What a Davies figure shows: the rates over time, and the relative entropy (split with one bath). */
export interface DaviesFigure {
  readonly title: string;
  /** Π, Π_d, Υ, Φ, dS/dt. */
  readonly rates: Series;
  /** One bath: S(ρ‖ρ_eq) = S(p‖p_eq) + C(ρ). */
  readonly split?: Stack;
  /** Several baths (no single ρ_eq): S(ρ‖ρ_ss) and C(ρ). */
  readonly steady?: Series;
  /** Several baths: Π_k per bath, and Π = Π_na + Π_a. */
  readonly baths?: { readonly perBath: Series; readonly split: Stack };
}

/** The Vega-Lite spec of a Davies figure: panels stacked vertically, each with its own legend. */
export function daviesSpec(fig: DaviesFigure): TopLevelSpec {
  const panels: Record<string, unknown>[] = [lineLayer('Entropy production, flux and entropy rate (Eqs. 1, 8, 12–15)', 'rate (nats per unit time)', fig.rates)];
  if (fig.split) panels.push(stackLayer('Relative entropy to equilibrium, split as in Eq. 9', 'nats', fig.split));
  if (fig.steady) panels.push(lineLayer('Relative entropy to the steady state, and the coherence', 'nats', fig.steady));
  if (fig.baths) {
    panels.push(lineLayer('Entropy production of each bath, Π_k', 'rate (nats per unit time)', fig.baths.perBath));
    panels.push(stackLayer('Π split into its non-adiabatic and adiabatic parts', 'rate (nats per unit time)', fig.baths.split));
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: titleLines(fig.title) },
    vconcat: panels,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent' } },
    config: CONFIG,
  } as unknown as TopLevelSpec; // panels are built as plain objects; vega-lite's compile() validates the whole spec
}

/** The bar chart of the entropy budget of a thermal operation (stacked parts, signed). */
function budgetLayer(parts: readonly BudgetPart[], barOrder: readonly string[], partOrder: readonly string[]): Record<string, unknown> {
  return {
    title: { text: titleLines('Entropy budget: Σ = Σ_d + Ξ (Eq. 23) and Ξ = C(ρ′_E) + C_cc (Eq. 31)') },
    width: WIDTH,
    height: HEIGHT,
    data: { values: parts.filter((p) => Number.isFinite(p.value)).map((p) => ({ ...p, order: partOrder.indexOf(p.part) })) },
    mark: { type: 'bar', stroke: '#333', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'bar', type: 'nominal', sort: [...barOrder], title: 'one colour: a total; two colours: its parts', axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', stack: 'zero', title: 'nats' },
      color: { field: 'part', type: 'nominal', title: 'part', sort: [...partOrder], scale: { domain: [...partOrder], scheme: 'tableau10' } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'part', type: 'nominal' },
        { field: 'value', type: 'quantitative', format: '.4g' },
      ],
    },
  };
}

/** One histogram panel: bars of [x0, x1), and vertical rules at the markers. */
function histogramLayer(panel: HistogramPanel, colorScale: Record<string, unknown>): Record<string, unknown> {
  return {
    title: { text: titleLines(`Distribution of ${panel.quantity} over trajectories`), subtitle: titleLines(panel.note, 50) },
    width: WIDTH,
    height: 140,
    layer: [
      {
        data: { values: panel.bars.filter((b) => b.fraction > 0).map((b) => ({ ...b, series: panel.quantity })) },
        mark: { type: 'bar', stroke: '#fff', strokeWidth: 0.3 },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: panel.quantity, scale: { zero: false } },
          x2: { field: 'x1' },
          // a square-root axis keeps the rare trajectories (small bins) visible next to the typical ones
          y: { field: 'fraction', type: 'quantitative', title: 'fraction (√ scale)', scale: { type: 'sqrt' } },
          y2: { datum: 0 },
          color: { field: 'series', type: 'nominal', title: 'histogram / marker', scale: colorScale },
        },
      },
      {
        data: { values: panel.markers.filter((m) => Number.isFinite(m.x)).map((m) => ({ x: m.x, series: m.label })) },
        mark: { type: 'rule', strokeWidth: 2.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          color: { field: 'series', type: 'nominal', scale: colorScale },
        },
      },
    ],
  };
}

/** What a thermal-operation figure shows: the budget bars and the trajectory histograms. */
export interface ThermalFigure {
  readonly title: string;
  readonly budget: readonly BudgetPart[];
  readonly barOrder: readonly string[];
  readonly partOrder: readonly string[];
  readonly histograms: readonly HistogramPanel[];
}

/** The Vega-Lite spec of a thermal-operation figure: budget bars on top, then one histogram per quantity. */
export function thermalSpec(fig: ThermalFigure): TopLevelSpec {
  const labels = [...new Set(fig.histograms.flatMap((h) => [h.quantity, ...h.markers.map((m) => m.label)]))];
  const colorScale = { domain: labels, range: ['#4c78a8', '#72b7b2', '#54a24b', '#e45756', '#b279a2', '#f58518', '#9d755d', '#79706e'].slice(0, Math.max(1, labels.length)) };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: titleLines(fig.title) },
    vconcat: [budgetLayer(fig.budget, fig.barOrder, fig.partOrder), { vconcat: fig.histograms.map((h) => histogramLayer(h, colorScale)) }],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    config: CONFIG,
  } as unknown as TopLevelSpec; // panels are built as plain objects; vega-lite's compile() validates the whole spec
}
