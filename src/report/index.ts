import type { Summary } from '../claims/report.js';
import type { ClaimResult } from '../claims/runner.js';
import type { DerivedModel } from '../symbolic/models/model.js';
import { type AccuracyTable, qutipAccuracy } from './accuracy.js';
import { claimsSection, summarySection } from './claims.js';
import { DEFAULT_DAVIES_SCENARIO, DEFAULT_THERMAL_SEED, daviesFigure, defaultThermalScenario, type EvaluatedScenario, evaluateForFigure, hasBaths, HISTOGRAM_SAMPLES, thermalFigure } from './figures.js';
import { formsSection } from './forms.js';
import { escapeHtml, formatNumber } from './html.js';
import { katexStylesheet } from './katex.js';
import { pageHtml } from './page.js';
import { daviesSpec, renderSvg, thermalSpec } from './plots.js';

/**
 * `qep report`: one self-contained HTML page with the summary of a claims run,
 * the claims table with counterexamples, the closed forms (KaTeX, rendered at
 * build time), plots (Vega-Lite, rendered to SVG at build time) and the
 * engine's accuracy against the QuTiP reference set. Nothing on the page is
 * loaded from the network: styles, fonts (woff2 data URIs), SVG and the one
 * small script are inline.
 */

export { findQutipFixtures, qutipAccuracy, type AccuracyTable, type KeyAccuracy } from './accuracy.js';
export { DEFAULT_DAVIES_SCENARIO, defaultThermalScenario, evaluateForFigure, type EvaluatedScenario } from './figures.js';
export { renderTex, katexStylesheet } from './katex.js';
export { renderSvg } from './plots.js';

/** Everything the page is built from. */
export interface ReportInput {
  readonly results: readonly ClaimResult[];
  readonly summary: Summary;
  /** qep's version. */
  readonly version: string;
  /** When the report is generated. */
  readonly date: Date;
  /** The command that regenerates the report (shown in the summary). */
  readonly replay: string;
  /** The derived models whose closed forms are shown. */
  readonly models: readonly DerivedModel[];
  /** Scenarios given on the command line, already evaluated (see {@link evaluateForFigure}). */
  readonly scenarios: readonly EvaluatedScenario[];
  /** The QuTiP reference set (`test/fixtures/qutip`), or undefined when this installation lacks it. */
  readonly fixturesDir?: string;
  /** Seed of the trajectory sampling behind the histograms. */
  readonly seed: number;
}

interface Figure {
  readonly id: string;
  readonly svg: string;
  readonly caption: string;
}

function figureHtml(f: Figure): string {
  return `<figure class="plot" id="${f.id}"><div class="plot-scroll">${f.svg}</div><figcaption>${f.caption}</figcaption></figure>`;
}

async function plotsSection(input: ReportInput): Promise<string> {
  const figures: Figure[] = [];
  const davies = [evaluateForFigure('default qubit Davies point', DEFAULT_DAVIES_SCENARIO), ...input.scenarios.filter((s) => s.model === 'davies')];
  const thermalGiven = input.scenarios.filter((s) => s.model === 'thermal-operation');
  const thermal = thermalGiven.length > 0 ? thermalGiven : [evaluateForFigure('default thermal operation', defaultThermalScenario())];
  for (const [k, s] of davies.entries()) {
    const title = k === 0 ? 'Qubit Davies map at the default point (β = 1, ω = 1, g = 0.4)' : `Davies scenario ${s.label}`;
    const svg = await renderSvg(daviesSpec(daviesFigure(s.result, title)));
    const baths = hasBaths(s.result) ? ' With several baths there is no single ρ_eq: the second panel shows S(ρ‖ρ_ss) and C(ρ); then Π_k per bath, and Π = Π_na + Π_a.' : '';
    figures.push({
      id: `plot-davies-${k}`,
      svg,
      caption:
        `${escapeHtml(k === 0 ? 'Default point: ρ₀ = [[0.3, 0.3 − 0.25i], [0.3 + 0.25i, 0.7]], 0 ≤ t ≤ 6.' : `From ${s.label} (qep eval format).`)} ` +
        `Top: Π = Π_d + Υ (Eq. 12) and the entropy balance dS/dt = Π − Φ (Eq. 1). ${hasBaths(s.result) ? '' : 'Bottom: the dashed line S(ρ‖ρ_eq) runs along the top of the stack S(p‖p_eq) + C(ρ) (Eq. 9). '}` +
        `Points where a rate is +∞ (a pure state) are left out.${escapeHtml(baths)}`,
    });
  }
  for (const [k, s] of thermal.entries()) {
    const title = thermalGiven.length > 0 ? `Thermal operation ${s.label}` : 'Default thermal operation: qutrit S, four-level resonant E, β = 1';
    const svg = await renderSvg(thermalSpec(thermalFigure(s.scenario, s.result, title, input.seed)));
    figures.push({
      id: `plot-thermal-${k}`,
      svg,
      caption: escapeHtml(
        `${thermalGiven.length > 0 ? `From ${s.label}.` : `Default: H_S = diag(0, 1, 2), H_E = diag(0, 1, 2, 3), Haar energy-conserving U and Hilbert–Schmidt ρ_S (seed ${DEFAULT_THERMAL_SEED}).`} ` +
          `Bars: Σ and its parts Σ_d + Ξ; Ξ and its parts C(ρ′_E) + C_cc (C_cc may be negative, below the axis). ` +
          `Histograms over ${HISTOGRAM_SAMPLES} sampled trajectories (seed ${input.seed}), with the exact means and −ln⟨exp(−σ)⟩ marked.`,
      ),
    });
  }
  const bathsNote = davies.some((s) => hasBaths(s.result))
    ? ''
    : `<p class="hint">Several baths: give a Davies scenario with a <code>baths</code> list (<code>--scenario FILE</code>, the <code>qep eval</code> format) to plot Π_k per bath, S(ρ‖ρ_ss), and Π = Π_na + Π_a.</p>`;
  return `<section id="plots" aria-labelledby="h-plots"><h2 id="h-plots">Plots</h2><div class="plots-grid">${figures.map(figureHtml).join('')}</div>${bathsNote}</section>`;
}

function accuracySection(dir: string | undefined): string {
  const head = `<section id="accuracy" aria-labelledby="h-accuracy"><h2 id="h-accuracy">Accuracy against QuTiP</h2>`;
  if (dir === undefined) {
    return `${head}<p class="missing">The QuTiP reference set (<code>test/fixtures/qutip</code>) is not part of this installation; run <code>qep report</code> from a clone of the repository to see this table.</p></section>`;
  }
  const t: AccuracyTable = qutipAccuracy(dir);
  const rows = t.keys
    .map(
      (k) =>
        `<tr><td>${escapeHtml(k.model)}</td><th scope="row"><code>${escapeHtml(k.key)}</code></th><td class="num">${escapeHtml(formatNumber(k.worst, 3))}</td><td class="num">${k.compared}</td><td><code>${escapeHtml(k.where || '–')}</code></td></tr>`,
    )
    .join('');
  const unchecked = Object.entries(t.unchecked).filter(([, keys]) => keys.length > 0);
  const uncheckedNote = unchecked.length
    ? `<p class="hint">Not in the reference set, so not compared: ${unchecked.map(([m, keys]) => `${escapeHtml(m)} ${keys.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}`).join('; ')}.</p>`
    : '';
  return (
    `${head}<p>The ${t.scenarios} scenarios of the reference set, evaluated by qep's engine and compared with the values QuTiP computed for them: ` +
    `<strong>${t.agreeing} of ${t.scenarios}</strong> agree on every value within ${t.atol} absolute + ${t.rtol} relative. The worst absolute deviation per output key:</p>` +
    `<div class="table-scroll"><table class="accuracy"><caption>Worst |qep − QuTiP| per model and key</caption>` +
    `<thead><tr><th scope="col">model</th><th scope="col">key</th><th scope="col">worst |Δ|</th><th scope="col">values</th><th scope="col">where</th></tr></thead><tbody>${rows}</tbody></table></div>${uncheckedNote}</section>`
  );
}

/**
 * Build the report page.
 * @returns the HTML document (UTF-8 text)
 * @throws Error when a plot spec does not compile or a reference file is unreadable (bugs or a broken checkout)
 */
export async function buildReport(input: ReportInput): Promise<string> {
  const sections = [
    { id: 'summary', title: 'Summary', html: summarySection(input.summary, { version: input.version, date: input.date, replay: input.replay }) },
    { id: 'claims', title: 'Claims', html: claimsSection(input.results) },
    { id: 'forms', title: 'Closed forms', html: formsSection(input.models) },
    { id: 'plots', title: 'Plots', html: await plotsSection(input) },
    { id: 'accuracy', title: 'Accuracy', html: accuracySection(input.fixturesDir) },
  ];
  const katex = katexStylesheet(sections.map((s) => s.html).join(''));
  return pageHtml({
    title: 'qep report: the role of quantum coherence in non-equilibrium entropy production',
    subtitle: 'Santos, Céleri, Landi, Paternostro, npj Quantum Information 5, 23 (2019): every equation checked symbolically, numerically and by properties.',
    katexCss: katex.css,
    sections,
    footer: `Generated by qep ${escapeHtml(input.version)}. Self-contained: styles, ${katex.fonts.length} KaTeX fonts (woff2) and plots (SVG) are embedded; nothing is loaded from the network.`,
  });
}
