import { escapeHtml } from './html.js';

/**
 * The page shell: the stylesheet (system fonts, dark text on light, wide
 * tables and matrices scrolling inside their own containers, print rules) and
 * the one inline script (copy buttons; open every <details> before printing).
 */

const CSS = `
:root { color-scheme: light; --fg: #1a1a1a; --muted: #4a4a4a; --bg: #fff; --line: #d6d6d6; --soft: #f5f6f8;
  --good-bg: #e3f3e6; --good-fg: #14532d; --exp-bg: #fff1c7; --exp-fg: #5a3b00; --bad-bg: #fde2e2; --bad-fg: #7f1010; --samp-bg: #e5eefc; --samp-fg: #173a73; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: var(--bg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: break-word; }
header, main, footer { max-width: 75rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.count { font-weight: normal; color: var(--muted); font-size: .9rem; }
a { color: #0b4fa8; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; white-space: pre-wrap; word-break: break-all; margin: .25rem 0 .75rem; }
nav ul { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
dl.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .5rem 1rem; margin: 0 0 1rem; }
dl.summary div { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: .4rem .6rem; }
dl.summary dt { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
dl.summary dd { margin: 0; font-weight: 600; }
ul.verdict-counts { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem .5rem; font-weight: normal; }
.status.ok { color: var(--good-fg); } .status.bad { color: var(--bad-fg); }
.verdict { display: inline-block; padding: .05rem .45rem; border-radius: 3px; border: 1px solid currentColor; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.v-good.verdict { background: var(--good-bg); color: var(--good-fg); }
.v-expected.verdict { background: var(--exp-bg); color: var(--exp-fg); }
.v-bad.verdict { background: var(--bad-bg); color: var(--bad-fg); }
.v-sampled.verdict { background: var(--samp-bg); color: var(--samp-fg); }
.table-scroll, .matrix-scroll, .plot-scroll, .form-math { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; }
table.claims { width: 100%; table-layout: fixed; font-size: .92rem; }
table.claims col.c0 { width: 3.5rem; } table.claims col.c1 { width: 13rem; } table.claims col.c3 { width: 5.5rem; }
table.claims col.c4 { width: 9.5rem; } table.claims col.c5 { width: 6.5rem; } table.claims col.c6 { width: 10rem; }
caption.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
table.claims > * > tr > th, table.claims > * > tr > td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
table.claims > thead > tr > th { background: var(--soft); }
table.claims > tbody > tr > th.id { font-weight: normal; overflow-wrap: anywhere; }
table.claims > tbody > tr > td.num { text-align: right; font-variant-numeric: tabular-nums; }
.statement-math { max-width: 100%; overflow-x: auto; overflow-y: hidden; padding-bottom: 2px; }
table.claims .verdict { white-space: normal; }
tr.claim.v-expected td:first-child { box-shadow: inset 4px 0 var(--exp-fg); }
tr.claim.v-bad td:first-child { box-shadow: inset 4px 0 var(--bad-fg); }
tr.detail-row > td { background: #fbfbfc; }
details > summary { cursor: pointer; font-weight: 600; }
details[open] > summary { margin-bottom: .5rem; }
.counterexample { margin: .5rem 0; }
table.matrix { margin: .25rem .25rem .5rem; border-left: 2px solid var(--fg); border-right: 2px solid var(--fg); border-radius: 6px; font-variant-numeric: tabular-nums; font-size: .88rem; }
table.matrix td { padding: .1rem .6rem; text-align: right; white-space: nowrap; }
dl.value-map { margin: 0; }
dl.value-map > div { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem .75rem; padding: .15rem 0; }
dl.value-map dt { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .88rem; color: var(--muted); min-width: 6rem; }
dl.value-map dd { margin: 0; min-width: 0; max-width: 100%; }
figure { margin: 1rem 0; }
figure.form { border: 1px solid var(--line); border-radius: 4px; padding: .25rem .75rem .5rem; }
figure.form figcaption { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; font-size: .9rem; }
button.copy { font: inherit; font-size: .85rem; padding: .15rem .6rem; border: 1px solid #767676; border-radius: 3px; background: #fff; color: var(--fg); cursor: pointer; }
button.copy:focus-visible { outline: 2px solid #0b4fa8; outline-offset: 2px; }
.katex-display { margin: .5rem 0; }
figure.plot svg { max-width: 100%; height: auto; display: block; }
.plots-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 27rem), 1fr)); gap: 0 2rem; }
figure.plot figcaption { color: var(--muted); font-size: .9rem; }
table.accuracy { font-size: .92rem; }
table.accuracy caption { text-align: left; color: var(--muted); font-size: .85rem; padding: .25rem 0; }
table.accuracy th, table.accuracy td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; }
table.accuracy td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.hint { color: var(--muted); }
.missing { background: var(--exp-bg); color: var(--exp-fg); border-radius: 4px; padding: .5rem .75rem; }
footer { color: var(--muted); font-size: .85rem; padding-bottom: 2rem; margin-top: 2rem; border-top: 1px solid var(--line); }
@media (max-width: 800px) {
  body { font-size: 15px; } header, main, footer { padding: 0 .6rem; } h1 { font-size: 1.3rem; }
  /* the claims table as one card per claim: each cell on its own line, labelled */
  table.claims, table.claims > tbody, table.claims > tbody > tr, table.claims > tbody > tr > td, table.claims > tbody > tr > th { display: block; width: 100%; }
  table.claims > colgroup, table.claims > thead { display: none; }
  table.claims > tbody > tr.claim { display: flex; flex-wrap: wrap; gap: 0 .5rem; border: 1px solid var(--line); border-radius: 4px; margin: .75rem 0 0; padding: .2rem 0; }
  table.claims > tbody > tr.claim > * { width: auto; min-width: 0; }
  table.claims > tbody > tr.claim > td.statement { flex-basis: 100%; }
  table.claims > tbody > tr.detail-row { border: 1px solid var(--line); border-top: 0; border-radius: 0 0 4px 4px; }
  table.claims > tbody > tr.claim > td, table.claims > tbody > tr.claim > th { border: 0; padding: .2rem .6rem; text-align: left; }
  table.claims > tbody > tr.claim > [data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); font-size: .85rem; }
  table.claims > tbody > tr.claim > td.statement::before { display: block; }
}
@media print {
  body { font-size: 10.5pt; }
  nav, button.copy { display: none; }
  header, main, footer { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .table-scroll, .matrix-scroll, .plot-scroll, .form-math { overflow: visible; }
  tr, figure, .counterexample { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .verdict { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/** Copy buttons (clipboard API, with a selection fallback), and <details> opened for printing. */
const SCRIPT = `
(function () {
  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    var ok = false; try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area); return ok;
  }
  function done(button, ok) {
    var label = button.textContent;
    button.textContent = ok ? 'Copied' : 'Copy failed: select the text';
    setTimeout(function () { button.textContent = label; }, 1500);
  }
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button.copy') : null;
    if (!button) return;
    var text = button.getAttribute('data-latex') || '';
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(button, true); }, function () { done(button, fallbackCopy(text)); });
    } else { done(button, fallbackCopy(text)); }
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
`;

/** The parts of the page. */
export interface PageParts {
  readonly title: string;
  readonly subtitle: string;
  readonly katexCss: string;
  /** Section HTML, in order, each with an id and an <h2>. */
  readonly sections: readonly { readonly id: string; readonly title: string; readonly html: string }[];
  readonly footer: string;
}

/** The whole document: `<!doctype html>` … with the stylesheets and the script inline. */
export function pageHtml(p: PageParts): string {
  const nav = p.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="qep report">
<title>${escapeHtml(p.title)}</title>
<style>${CSS}</style>
<style>${p.katexCss}</style>
</head>
<body>
<header>
<h1>${escapeHtml(p.title)}</h1>
<p>${escapeHtml(p.subtitle)}</p>
<nav aria-label="Sections"><ul>${nav}</ul></nav>
</header>
<main>
${p.sections.map((s) => s.html).join('\n')}
</main>
<footer>${p.footer}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
