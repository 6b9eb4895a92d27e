import { describe, expect, it } from 'vitest';
import { buildReport, evaluateForFigure, findQutipFixtures } from '../../src/report/index.js';
import { RESULTS, SUMMARY } from './_results.js';

const base = { results: RESULTS, summary: SUMMARY, version: '0.1.0', date: new Date('2026-01-02T03:04:05Z'), replay: 'qep report', models: [], scenarios: [], seed: 3 };

describe('buildReport', async () => {
  const html = await buildReport({ ...base, fixturesDir: findQutipFixtures() });

  it('is one HTML document with the five sections, each with its heading, linked from the navigation', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    for (const id of ['summary', 'claims', 'forms', 'plots', 'accuracy']) {
      expect(html).toContain(`<section id="${id}" aria-labelledby="h-${id}"><h2 id="h-${id}">`);
      expect(html).toContain(`<a href="#${id}">`);
    }
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('loads nothing: no external scripts, stylesheets, images or fonts', () => {
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/<img\b/);
    const urls = [...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
    expect(urls.every((u) => u.startsWith('data:'))).toBe(true);
    // the only http(s) addresses are XML namespaces of the inline SVG and MathML
    const hrefs = [...html.matchAll(/(?:href|src)="(https?:[^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([]);
  });

  it('stays well under 3 MB and has print rules and a dark-on-light colour scheme', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(3e6);
    expect(html).toContain('@media print');
    expect(html).toContain('color-scheme: light');
  });

  it('plots the default Davies point and the default thermal operation, and says how to plot several baths', () => {
    expect(html.match(/<figure class="plot"/g)).toHaveLength(2);
    expect(html).toContain('id="plot-davies-0"');
    expect(html).toContain('id="plot-thermal-0"');
    expect(html).toContain('Several baths: give a Davies scenario with a <code>baths</code> list');
  });

  it('shows the accuracy table against QuTiP', () => {
    expect(html).toContain('<strong>40 of 40</strong> agree on every value');
    expect(html).toMatch(/<td>davies<\/td><th scope="row"><code>Pi_d<\/code><\/th>/);
  });

  it('says so when the QuTiP reference set is not installed, and when no model was derived', async () => {
    const bare = await buildReport(base);
    expect(bare).toContain('is not part of this installation');
    expect(bare).toContain('No model was derived.');
  });

  it('plots each --scenario instead of the default thermal operation', async () => {
    const thermal = evaluateForFigure('mine.json', {
      model: 'thermal-operation',
      beta: 1,
      HS: [[0, 0], [0, 1]],
      HE: [[0, 0], [0, 1]],
      rhoS: [[0.8, 0.3], [0.3, 0.2]],
      V: [[0, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]],
      t: 0.7,
    });
    const page = await buildReport({ ...base, scenarios: [thermal] });
    expect(page.match(/<figure class="plot"/g)).toHaveLength(2);
    expect(page).toContain('Thermal operation mine.json');
  });
});
