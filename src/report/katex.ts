import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';

/**
 * LaTeX rendered with KaTeX at build time, and KaTeX's stylesheet with the
 * fonts the rendered formulas need embedded as woff2 data URIs, so that the
 * page shows the formulas without scripts and without loading anything.
 */

/**
 * Render LaTeX to HTML (with MathML for screen readers). A formula KaTeX cannot
 * parse is rendered as a `.katex-error` span holding its source (KaTeX's
 * `throwOnError: false`), which the browser test looks for, rather than
 * aborting the whole report.
 */
export function renderTex(latex: string, displayMode = false): string {
  // KaTeX warns on the console, whatever `strict` says, for a text character it has no
  // font metrics for (½, ‖ inside \text{}); the browser draws those from a fallback
  // font, so the warning is dropped rather than printed on qep's stderr.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('No character metrics'))) warn(...args);
  };
  try {
    return katex.renderToString(latex, { displayMode, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
  } finally {
    console.warn = warn;
  }
}

/** The directory of KaTeX's distributed stylesheet and fonts. */
function katexDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('katex/package.json')), 'dist');
}

/** The class names used anywhere in `html` (`class="a b"` → a, b). */
function classesIn(html: string): Set<string> {
  const used = new Set<string>();
  for (const m of html.matchAll(/class="([^"]*)"/g)) for (const c of m[1].split(/\s+/)) if (c) used.add(c);
  return used;
}

/** Split a minified stylesheet into its top-level rules (`selector{…}`, `@font-face{…}`, `@media …{…{…}}`). */
function topLevelRules(css: string): string[] {
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) {
      rules.push(css.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  return rules.filter((r) => r.length > 0);
}

/** Whether some selector of a rule (`.katex .a.b,.katex .c`) has all its classes in `used`. */
function selectorMatches(selectors: string, used: ReadonlySet<string>): boolean {
  return selectors.split(',').some((sel) => {
    const classes = [...sel.matchAll(/\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    return classes.length > 0 && classes.every((c) => used.has(c));
  });
}

/** The font families the rules that apply to `html` name (KaTeX_Main always: `.katex` sets it). */
function neededFamilies(rules: readonly string[], used: ReadonlySet<string>): Set<string> {
  const families = new Set<string>(['KaTeX_Main']);
  for (const rule of rules) {
    if (rule.startsWith('@')) continue;
    const brace = rule.indexOf('{');
    const body = rule.slice(brace);
    const named = [...body.matchAll(/font(?:-family)?:[^;}]*?"?(KaTeX_[A-Za-z0-9]+)"?/g)].map((m) => m[1]);
    if (named.length > 0 && selectorMatches(rule.slice(0, brace), used)) named.forEach((f) => families.add(f));
  }
  return families;
}

/** What {@link katexStylesheet} returns: the CSS and the fonts it embeds. */
export interface KatexStyles {
  readonly css: string;
  /** Font files embedded, e.g. `KaTeX_Main-Regular.woff2`. */
  readonly fonts: readonly string[];
}

/**
 * KaTeX's stylesheet for the formulas in `html`: every rule kept, and the
 * `@font-face` rules only for the families those formulas use, each with its
 * woff2 file as a data URI (no woff/ttf fallbacks: every browser that runs
 * KaTeX reads woff2). The result loads nothing.
 */
export function katexStylesheet(html: string): KatexStyles {
  const dist = katexDist();
  const rules = topLevelRules(readFileSync(join(dist, 'katex.min.css'), 'utf8'));
  const families = neededFamilies(rules, classesIn(html));
  const fonts: string[] = [];
  const out: string[] = [];
  for (const rule of rules) {
    if (!rule.startsWith('@font-face')) {
      out.push(rule);
      continue;
    }
    const family = /font-family:"?(KaTeX_[A-Za-z0-9]+)"?/.exec(rule)?.[1];
    const file = /url\(fonts\/([^)]+\.woff2)\)/.exec(rule)?.[1];
    if (!family || !file || !families.has(family)) continue;
    const data = readFileSync(join(dist, 'fonts', file)).toString('base64');
    fonts.push(file);
    out.push(rule.replace(/src:[^;}]*/, `src:url(data:font/woff2;base64,${data}) format("woff2")`));
  }
  return { css: out.join('\n'), fonts };
}
