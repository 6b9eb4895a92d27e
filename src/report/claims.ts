import type { Verdict } from '../claims/claim.js';
import { claimSection } from '../claims/propertyClaim.js';
import { formatMs, formatResidual, type Summary, toJsonValue, VERDICTS } from '../claims/report.js';
import { type ClaimResult, matchesExpectation } from '../claims/runner.js';
import { anchorId, escapeHtml } from './html.js';
import { renderTex } from './katex.js';
import { valueHtml } from './values.js';

/**
 * The summary and the claims table of the report: one table per section of the
 * paper, each claim with its equation, statement (KaTeX), method, verdict
 * (coloured and spelled out), worst residual and instance counts; a refuted
 * claim (or an error) gets a row below it with a <details> holding its note,
 * shrunk counterexample and replay command.
 */

/** Sections in paper order, with their headings; other sections follow in registry order. */
export const SECTIONS: readonly (readonly [string, string])[] = [
  ['davies', 'Davies maps (Eqs. 1–15)'],
  ['thermal', 'Thermal operations (Eqs. 16–31)'],
  ['trajectories', 'Quantum trajectories and fluctuation theorems (Eqs. 32–44)'],
  ['symbolic', 'Symbolic derivations (qubit closed forms)'],
  ['baths', 'Several baths (B1–B9)'],
];

/** Results grouped by section, sections in paper order, claims in registry order inside each. */
export function groupBySection(results: readonly ClaimResult[]): { section: string; title: string; results: ClaimResult[] }[] {
  const groups = new Map<string, ClaimResult[]>();
  for (const r of results) {
    const s = claimSection(r.id);
    const list = groups.get(s) ?? [];
    list.push(r);
    groups.set(s, list);
  }
  const known = SECTIONS.filter(([s]) => groups.has(s)).map(([section, title]) => ({ section, title, results: groups.get(section) ?? [] }));
  const other = [...groups.keys()].filter((s) => !SECTIONS.some(([k]) => k === s)).map((section) => ({ section, title: section, results: groups.get(section) ?? [] }));
  return [...known, ...other];
}

/** The verdict as text, and its CSS class: good (as expected), expected-refuted, or bad. */
export function verdictBadge(r: Pick<ClaimResult, 'verdict' | 'expected'>): { text: string; cls: string } {
  const good = matchesExpectation(r);
  if (r.verdict === 'refuted' && good) return { text: 'refuted (as expected)', cls: 'v-expected' };
  if (good) return { text: r.verdict, cls: 'v-good' };
  if (r.verdict === 'not-applicable') return { text: 'not applicable (not as expected)', cls: 'v-bad' };
  return { text: `${r.verdict} (expected ${r.expected})`, cls: 'v-bad' };
}

function instancesText(r: ClaimResult): string {
  const i = r.instances;
  if (!i) return r.symbolic ? 'symbolic' : '–';
  const na = i.notApplicable > 0 ? `, ${i.notApplicable} n/a` : '';
  return `${i.passed} passed of ${i.checked}${na}`;
}

function detailsHtml(r: ClaimResult, columns: number): string {
  const cx = r.counterexample;
  const parts: string[] = [];
  if (r.note) parts.push(`<p class="note"><strong>Note.</strong> ${escapeHtml(r.note)}</p>`);
  if (r.error) parts.push(`<p><strong>Error.</strong> ${escapeHtml(r.error)}</p>`);
  if (cx) {
    parts.push(`<p class="why"><strong>Why it fails.</strong> ${escapeHtml(cx.detail)}</p>`);
    if (cx.residual !== undefined) parts.push(`<p><strong>Residual.</strong> ${escapeHtml(formatResidual(cx.residual))}</p>`);
    if (cx.instance !== undefined) {
      const shrinks = cx.numShrinks !== undefined ? ` (after ${cx.numShrinks} shrinking steps)` : '';
      parts.push(`<div class="counterexample"><p><strong>Shrunk counterexample${escapeHtml(shrinks)}.</strong></p>${valueHtml(toJsonValue(cx.instance), 'counterexample')}</div>`);
    }
  }
  // a symbolic refutation has no fast-check path: rerunning the claim replays it
  const replay = r.replay ?? `qep check --claim ${r.id} --seed ${r.seed} --runs ${r.runs}`;
  parts.push(`<p><strong>Replay.</strong></p><pre class="replay"><code>${escapeHtml(replay)}</code></pre>`);
  const label = r.verdict === 'refuted' ? 'Counterexample, note and replay' : 'Details';
  return `<tr class="detail-row"><td colspan="${columns}"><details id="cx-${anchorId(r.id)}" class="claim-details"><summary>${label}: <code>${escapeHtml(r.id)}</code></summary>${parts.join('')}</details></td></tr>`;
}

const COLUMNS = ['Eq.', 'Claim', 'Statement', 'Method', 'Verdict', 'Worst residual', 'Instances'];

function claimRow(r: ClaimResult): string {
  const badge = verdictBadge(r);
  const statement = r.statement ? renderTex(r.statement) : '';
  const cell = (k: number, cls: string, html: string) => `<td${cls ? ` class="${cls}"` : ''} data-label="${COLUMNS[k]}">${html}</td>`;
  const row =
    `<tr class="claim ${badge.cls}" id="claim-${anchorId(r.id)}">` +
    cell(0, 'eq', escapeHtml(r.equation)) +
    `<th scope="row" class="id" data-label="${COLUMNS[1]}"><code>${escapeHtml(r.id)}</code></th>` +
    cell(2, 'statement', `<div class="statement-math">${statement}</div>`) +
    cell(3, 'method', escapeHtml(r.method)) +
    cell(4, 'verdict-cell', `<span class="verdict ${badge.cls}">${escapeHtml(badge.text)}</span>`) +
    cell(5, 'num', escapeHtml(formatResidual(r.worstResidual))) +
    cell(6, 'num', escapeHtml(instancesText(r))) +
    `</tr>`;
  const withDetails = r.verdict === 'refuted' || r.verdict === 'error' || !matchesExpectation(r);
  return withDetails ? row + detailsHtml(r, COLUMNS.length) : row;
}

/** The claims section: one captioned table per paper section. */
export function claimsSection(results: readonly ClaimResult[]): string {
  const tables = groupBySection(results).map(({ section, title, results: rs }) => {
    const cols = `<colgroup>${COLUMNS.map((_, k) => `<col class="c${k}">`).join('')}</colgroup>`;
    const head = `<thead><tr>${COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>`;
    return (
      `<section class="claim-section" id="section-${anchorId(section)}" aria-labelledby="h-section-${anchorId(section)}">` +
      `<h3 id="h-section-${anchorId(section)}">${escapeHtml(title)} <span class="count">${rs.length} claims</span></h3>` +
      `<div class="table-scroll"><table class="claims"><caption class="sr-only">${escapeHtml(title)}: claims in paper order</caption>${cols}${head}<tbody>${rs.map(claimRow).join('')}</tbody></table></div>` +
      `</section>`
    );
  });
  return (
    `<section id="claims" aria-labelledby="h-claims"><h2 id="h-claims">Claims</h2>` +
    `<p>Each equation of the paper is a claim, checked by properties on random physical instances (fast-check, shrunk counterexamples), symbolically (a computer algebra system), or both. ` +
    `Printed errors of the paper are claims expected to be <em>refuted</em>. Open a refuted claim to see its counterexample and the command that replays it.</p>` +
    tables.join('') +
    `</section>`
  );
}

/** What the summary shows besides the claims' counts. */
export interface SummaryInfo {
  readonly version: string;
  /** When the report was generated (written as an ISO date and time in UTC). */
  readonly date: Date;
  /** The command that regenerates this report. */
  readonly replay: string;
}

/** The summary section: claims checked, verdicts by kind, seed, runs, version, date, and the replay line. */
export function summarySection(summary: Summary, info: SummaryInfo): string {
  const verdicts = (VERDICTS as readonly Verdict[])
    .filter((v) => summary.verdicts[v] > 0)
    .map((v) => `<li><span class="verdict ${v === 'refuted' ? 'v-expected' : v === 'error' || v === 'not-applicable' ? 'v-bad' : 'v-good'}">${escapeHtml(v)}</span> ${summary.verdicts[v]}</li>`)
    .join('');
  const status = summary.ok
    ? `<p class="status ok"><strong>Every verdict is as expected</strong> (${summary.asExpected} of ${summary.total}).</p>`
    : `<p class="status bad"><strong>${summary.unexpected} verdict${summary.unexpected === 1 ? ' is' : 's are'} not as expected:</strong> ${summary.unexpectedIds.map((id) => `<a href="#claim-${anchorId(id)}"><code>${escapeHtml(id)}</code></a>`).join(', ')}.</p>`;
  const date = info.date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return (
    `<section id="summary" aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>${status}` +
    `<dl class="summary">` +
    `<div><dt>Claims checked</dt><dd>${summary.total}</dd></div>` +
    `<div><dt>Verdicts</dt><dd><ul class="verdict-counts">${verdicts}</ul></dd></div>` +
    `<div><dt>Seed</dt><dd><code>${summary.seed}</code></dd></div>` +
    `<div><dt>Runs per property</dt><dd>${summary.runs}</dd></div>` +
    `<div><dt>Check time</dt><dd>${escapeHtml(formatMs(summary.ms))}</dd></div>` +
    `<div><dt>qep version</dt><dd>${escapeHtml(info.version)}</dd></div>` +
    `<div><dt>Generated</dt><dd><time datetime="${info.date.toISOString()}">${escapeHtml(date)}</time></dd></div>` +
    `</dl>` +
    `<p class="replay-line"><strong>Replay</strong> (regenerates this report):</p><pre class="replay"><code>${escapeHtml(info.replay)}</code></pre>` +
    `</section>`
  );
}
