import { describe, expect, it } from 'vitest';
import { claimsSection, groupBySection, summarySection, verdictBadge } from '../../src/report/claims.js';
import { RESULTS, SUMMARY } from './_results.js';

describe('groupBySection', () => {
  it('orders sections as the paper does (Davies, thermal, trajectories, symbolic), claims in registry order inside each', () => {
    const groups = groupBySection(RESULTS);
    expect(groups.map((g) => g.section)).toEqual(['davies', 'thermal', 'trajectories', 'symbolic']);
    expect(groups[0].results.map((r) => r.id)).toEqual(['davies.pi-split', 'davies.broken']);
  });

  it('puts several baths after the others, and unknown sections last', () => {
    const r = RESULTS[1];
    const groups = groupBySection([{ ...r, id: 'zeta.x' }, { ...r, id: 'baths.pi-split' }, r]);
    expect(groups.map((g) => g.section)).toEqual(['davies', 'baths', 'zeta']);
  });
});

describe('verdictBadge', () => {
  it('spells out the verdict and whether it is expected (never colour alone)', () => {
    expect(verdictBadge({ verdict: 'holds', expected: 'holds' })).toEqual({ text: 'holds', cls: 'v-good' });
    expect(verdictBadge({ verdict: 'refuted', expected: 'refuted' })).toEqual({ text: 'refuted (as expected)', cls: 'v-expected' });
    expect(verdictBadge({ verdict: 'refuted', expected: 'holds' })).toEqual({ text: 'refuted (expected holds)', cls: 'v-bad' });
    expect(verdictBadge({ verdict: 'not-applicable', expected: 'holds' }).cls).toBe('v-bad');
  });
});

describe('claimsSection', () => {
  const html = claimsSection(RESULTS);

  it('has one table per section with the columns of the report', () => {
    expect(html.match(/<table class="claims">/g)).toHaveLength(4);
    for (const col of ['Eq.', 'Claim', 'Statement', 'Method', 'Verdict', 'Worst residual', 'Instances']) expect(html).toContain(`<th scope="col">${col}</th>`);
  });

  it('renders statements with KaTeX and writes residuals and instance counts', () => {
    expect(html).toContain('class="katex"');
    expect(html).toContain('2.2e-16');
    expect(html).toContain('97 passed of 100, 3 n/a');
    expect(html).toContain('>symbolic<');
  });

  it('gives each refuted claim a closed <details> with its note, counterexample matrices and replay command', () => {
    const details = /<details id="cx-thermal\.correlated-coherence"[^>]*>(.*?)<\/details>/.exec(html)?.[1] ?? '';
    expect(details).toContain('The paper says C_cc is non-negative.');
    expect(details).toContain('C_cc = -0.0374 &lt; 0');
    expect(details).toContain('after 12 shrinking steps');
    expect(details).toContain('aria-label="rhoS"');
    expect(details).toContain('<td>0.7071 − 0.7071i</td>');
    expect(details).toContain('qep check --claim thermal.correlated-coherence --seed 5 --path 3:1:0 --runs 100');
    expect(html).not.toMatch(/<details[^>]*\bopen\b/);
  });

  it('gives a refuted claim without a fast-check path (a symbolic refutation) the command that reruns it', () => {
    const symbolic = { ...RESULTS[3], verdict: 'refuted' as const, expected: 'refuted' as const, counterexample: { detail: 'symbolic: lhs = -4, rhs = 4' } };
    const page = claimsSection([symbolic]);
    expect(page).toContain('symbolic: lhs = -4, rhs = 4');
    expect(page).toContain('<pre class="replay"><code>qep check --claim symbolic.qubit-davies.eq9 --seed 5 --runs 100</code></pre>');
  });

  it('gives no details row to a claim that holds as expected', () => {
    expect(html).not.toContain('cx-davies.pi-split');
    expect(html).toContain('cx-davies.broken');
  });
});

describe('summarySection', () => {
  const html = summarySection(SUMMARY, { version: '9.8.7', date: new Date('2026-01-02T03:04:05Z'), replay: 'qep report --runs 100 --seed 5 --out r.html' });

  it('shows the counts by verdict, seed, runs, version, date and the replay line', () => {
    expect(html).toContain('<dt>Claims checked</dt><dd>5</dd>');
    expect(html).toMatch(/holds<\/span> 2/);
    expect(html).toMatch(/proved<\/span> 1/);
    expect(html).toMatch(/refuted<\/span> 2/);
    expect(html).toContain('<code>5</code>');
    expect(html).toContain('<dd>100</dd>');
    expect(html).toContain('9.8.7');
    expect(html).toContain('2026-01-02 03:04:05 UTC');
    expect(html).toContain('qep report --runs 100 --seed 5 --out r.html');
  });

  it('names the claims whose verdict is not as expected, with links to their rows', () => {
    expect(html).toContain('1 verdict is not as expected');
    expect(html).toContain('href="#claim-davies.broken"');
  });
});
