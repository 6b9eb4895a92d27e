import { describe, expect, it } from 'vitest';
import { anchorId, escapeHtml, formatNumber } from '../../src/report/html.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a> ρ ≥ 0`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; ρ ≥ 0');
  });
});

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [0.123456, '0.1235'],
    [-2.5, '−2.5'],
    [1e-9, '1.00e-9'],
    [-3.2e7, '−3.20e+7'],
    [Infinity, '∞'],
    [-Infinity, '−∞'],
    [NaN, 'NaN'],
  ])('%s → %s', (x, s) => expect(formatNumber(x)).toBe(s));

  it('takes the number of significant digits', () => expect(formatNumber(Math.PI, 6)).toBe('3.14159'));
});

describe('anchorId', () => {
  it('keeps ids usable in href="#…"', () => expect(anchorId('davies.pi split/å')).toBe('davies.pi-split-'));
});
