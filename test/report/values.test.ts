import { describe, expect, it } from 'vitest';
import { valueHtml } from '../../src/report/values.js';

const cells = (html: string): string[] => [...html.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);

describe('valueHtml: counterexamples as readable matrices', () => {
  it('writes a real matrix as a grid in its own scrolling container', () => {
    const html = valueHtml([
      [0.8, 0.3],
      [0.3, 0.2],
    ], 'rhoS');
    expect(html).toMatch(/^<div class="matrix-scroll" role="group" aria-label="rhoS"><table class="matrix">/);
    expect(html.match(/<tr>/g)).toHaveLength(2);
    expect(cells(html)).toEqual(['0.8', '0.3', '0.3', '0.2']);
  });

  it('writes a complex matrix {re, im} with a + bi entries, parts that are exactly 0 left out', () => {
    const html = valueHtml({ re: [[0.5, 0.25], [0.25, 0.5]], im: [[0, -0.1], [0.1, 1e-20]] }, 'rho');
    expect(cells(html)).toEqual(['0.5', '0.25 − 0.1i', '0.25 + 0.1i', '0.5 + 1.00e-20i']);
  });

  it('writes a purely imaginary entry as bi', () => {
    expect(cells(valueHtml({ re: [[0]], im: [[-2]] }))).toEqual(['−2i']);
  });

  it('writes a number list as a one-row grid, and "Infinity" as ∞', () => {
    expect(cells(valueHtml([0, 1, 'Infinity']))).toEqual(['0', '1', '∞']);
  });

  it('writes objects as definition lists, recursing, and escapes text', () => {
    const html = valueHtml({ beta: 50, note: '<b>', U: [[1, 0], [0, 1]] });
    expect(html).toContain('<dt>beta</dt><dd><span class="scalar">50</span></dd>');
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('aria-label="U"');
  });

  it('writes ragged lists as ordered lists, and null and booleans as text', () => {
    const html = valueHtml([[1, 2], [3], null, true]);
    expect(html).toMatch(/^<ol class="value-list">/);
    expect(html).toContain('<span class="scalar">null</span>');
    expect(html).toContain('<span class="scalar">true</span>');
  });
});
