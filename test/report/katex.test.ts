import { describe, expect, it } from 'vitest';
import { katexStylesheet, renderTex } from '../../src/report/katex.js';

describe('renderTex', () => {
  it('renders LaTeX to KaTeX HTML with MathML, at build time', () => {
    const html = renderTex(String.raw`\Pi = \Pi_d + \Upsilon`);
    expect(html).toContain('class="katex"');
    expect(html).toContain('<math');
    expect(html).not.toContain('katex-error');
  });

  it('marks LaTeX it cannot parse with .katex-error (what the browser test looks for) instead of throwing', () => {
    expect(renderTex(String.raw`\frac{1}{`)).toContain('katex-error');
  });

  it('renders display math in a .katex-display block', () => {
    expect(renderTex('x^2', true)).toContain('katex-display');
  });
});

describe('katexStylesheet', () => {
  const simple = renderTex(String.raw`S(\rho\|\rho_{eq}) = x + 1`);

  it('embeds every font it keeps as a woff2 data URI and references no other file', () => {
    const { css, fonts } = katexStylesheet(simple);
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
    expect(urls.length).toBe(fonts.length);
    expect(urls.every((u) => u.startsWith('data:font/woff2;base64,'))).toBe(true);
    expect(css).not.toMatch(/\.woff\b|\.ttf\b|format\("woff"\)|format\("truetype"\)/);
  });

  it('embeds only the families the formulas use: Main and Math here, not Fraktur, Script or the large sizes', () => {
    const { fonts } = katexStylesheet(simple);
    expect(fonts).toContain('KaTeX_Main-Regular.woff2');
    expect(fonts).toContain('KaTeX_Math-Italic.woff2');
    expect(fonts.some((f) => /Fraktur|Script|Size4|Typewriter/.test(f))).toBe(false);
  });

  it('adds the families a formula needs: big delimiters use the Size fonts, \\mathcal uses Caligraphic', () => {
    const { fonts } = katexStylesheet(renderTex(String.raw`\Bigg( \mathcal{D} \Bigg)`));
    expect(fonts.some((f) => f.startsWith('KaTeX_Size4'))).toBe(true);
    expect(fonts.some((f) => f.startsWith('KaTeX_Caligraphic'))).toBe(true);
  });

  it('keeps KaTeX\'s layout rules whatever fonts it embeds', () => {
    expect(katexStylesheet('').css).toContain('.katex-display');
  });
});
