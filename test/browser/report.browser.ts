/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MODEL_FORMS, MODEL_NAMES } from '../../src/symbolic/derive.js';
import { fakeIO } from '../cli/_fake.js';
import { TWO_BATHS } from '../report/_scenarios.js';

/**
 * `qep report` in a real browser: Debian's Chromium driven by playwright-core
 * (no browser download; QEP_CHROMIUM overrides the path). The test generates a
 * report with the default settings plus a three-level and a two-baths Davies scenario, opens
 * it from file:// with every non-file request aborted (and recorded), and
 * checks what a reader would see. Screenshots go to artifacts/browser/ (git-ignored).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, 'artifacts', 'browser');
const CHROMIUM = process.env.QEP_CHROMIUM ?? '/usr/bin/chromium';

/** A three-level Davies scenario with 121 times (so its plot has well over 50 points per series). */
const SCENARIO = {
  model: 'davies',
  beta: 0.7,
  energies: [0, 1, 2.5],
  gamma: [
    [0, 0.4, 0.1],
    [0.4, 0, 0.6],
    [0.1, 0.6, 0],
  ],
  rho0: {
    re: [
      [0.2, 0.1, 0.05],
      [0.1, 0.3, 0.1],
      [0.05, 0.1, 0.5],
    ],
    im: [
      [0, 0.1, 0],
      [-0.1, 0, 0.05],
      [0, -0.05, 0],
    ],
  },
  times: Array.from({ length: 121 }, (_, k) => k * 0.05),
};

let dir: string;
let reportFile: string;
let exitCode: number;
let stdout: string;
let seconds: number;
let browser: Browser;
const blocked: string[] = [];
const failed: string[] = [];
const consoleErrors: string[] = [];

async function open(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, offline: true });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('requestfailed', (r) => failed.push(`${r.url().slice(0, 120)}: ${r.failure()?.errorText ?? ''}`));
  await page.goto(pathToFileURL(reportFile).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qep-report-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const scenarioFile = join(dir, 'three-level.json');
  writeFileSync(scenarioFile, JSON.stringify(SCENARIO));
  const bathsFile = join(dir, 'two-baths.json');
  writeFileSync(bathsFile, JSON.stringify(TWO_BATHS));
  reportFile = join(dir, 'report.html');
  const f = fakeIO();
  const start = performance.now();
  exitCode = await main(['report', '--out', reportFile, '--scenario', scenarioFile, '--scenario', bathsFile], f.io);
  seconds = (performance.now() - start) / 1000;
  stdout = f.stdout();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('qep report in Chromium, from file:// with the network blocked', () => {
  it('writes the page, under 3 MB, with every verdict as expected', () => {
    expect(exitCode, stdout).toBe(0);
    expect(stdout).toMatch(/^wrote .*report\.html \([\d.]+ MB\): \d+ claims/);
    expect(statSync(reportFile).size).toBeLessThan(3e6);
    // The time of the whole command (mostly the claims run), for the record; the budget is asserted by hand on an idle machine.
    console.log(`qep report: ${seconds.toFixed(1)} s, ${(statSync(reportFile).size / 1e6).toFixed(2)} MB`);
  });

  it('renders at 1280 px without console errors, failed or blocked requests', async () => {
    const page = await open(1280);
    await page.screenshot({ path: join(ARTIFACTS, 'report-1280.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-1280-top.png') });
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(blocked).toEqual([]);
    await page.context().close();
  });

  it('renders every closed form with KaTeX: no .katex-error, at least one .katex per form', async () => {
    const page = await open(1280);
    expect(await page.locator('.katex-error').count()).toBe(0);
    const forms = page.locator('figure.form');
    const expected = MODEL_NAMES.reduce((n, m) => n + MODEL_FORMS[m].length, 0);
    expect(await forms.count()).toBe(expected);
    const katexPerForm = await forms.evaluateAll((els) => els.map((el) => el.querySelectorAll('.katex').length));
    expect(katexPerForm.every((n) => n >= 1), JSON.stringify(katexPerForm)).toBe(true);
    // KaTeX's fonts are embedded and actually used (not a fallback font).
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
    // the copy button puts the form's LaTeX source on the clipboard
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const copy = forms.nth(1).locator('button.copy');
    const latex = await copy.getAttribute('data-latex');
    expect(latex).toMatch(/=/);
    await copy.click();
    await expect.poll(() => copy.innerText()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(latex);
    await forms.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'forms-1280.png') });
    await page.context().close();
  });

  it('draws every plot as an SVG with axes, a legend and more than 50 points or bars', async () => {
    const page = await open(1280);
    const plots = await page.locator('figure.plot').evaluateAll((figs) =>
      figs.map((fig) => {
        const svg = fig.querySelector('svg');
        if (!svg) return { id: fig.id, svg: false, axes: 0, legends: 0, drawn: 0 };
        // bars with a visible area (an empty histogram bin draws nothing)
        const bars = Array.from(svg.querySelectorAll<SVGGraphicsElement>('.mark-rect path, .mark-rect rect')).filter((b) => {
          const box = b.getBBox();
          return box.width > 0 && box.height > 0;
        }).length;
        const symbols = svg.querySelectorAll('.mark-symbol path').length;
        const vertices = Array.from(svg.querySelectorAll('.mark-line path, .mark-area path')).reduce((n, p) => n + (p.getAttribute('d')?.match(/[ML]/g)?.length ?? 0), 0);
        return { id: fig.id, svg: true, axes: svg.querySelectorAll('.role-axis').length, legends: svg.querySelectorAll('.role-legend').length, drawn: bars + symbols + vertices };
      }),
    );
    // the default Davies point, the two scenarios given (one with two baths), and the default thermal operation
    expect(plots.map((p) => p.id)).toEqual(['plot-davies-0', 'plot-davies-1', 'plot-davies-2', 'plot-thermal-0']);
    for (const p of plots) {
      expect(p.svg, p.id).toBe(true);
      expect(p.axes, p.id).toBeGreaterThanOrEqual(2);
      expect(p.legends, p.id).toBeGreaterThanOrEqual(1);
      expect(p.drawn, p.id).toBeGreaterThan(50);
    }
    // the two-baths figure has its four panels: rates, S(ρ‖ρ_ss), Π_k per bath, Π = Π_na + Π_a
    expect(plots[2].legends).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#plot-davies-2 svg').textContent()).toContain('Π_na, non-adiabatic');
    await page.locator('#plot-thermal-0').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'plot-thermal-1280.png') });
    await page.context().close();
  });

  it('expands each refuted claim on click to show its counterexample and replay command', async () => {
    const page = await open(1280);
    const refuted = page.locator('tr.claim:has(.verdict:text-matches("^refuted"))');
    const n = await refuted.count();
    expect(n).toBeGreaterThan(0);
    for (let k = 0; k < n; k++) {
      const id = (await refuted.nth(k).locator('th.id').innerText()).trim();
      const details = page.locator(`details#cx-${id.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/\./g, '\\.')}`);
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open), id).toBe(false);
      await details.locator('summary').click();
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open), id).toBe(true);
      await expect.poll(() => details.locator('.why').isVisible(), { message: id }).toBe(true);
      expect(await details.locator('pre.replay').innerText(), id).toContain(`qep check --claim ${id}`);
      const method = (await refuted.nth(k).locator('td').nth(2).innerText()).trim();
      if (method === 'property') expect(await details.locator('.counterexample').isVisible(), id).toBe(true);
    }
    const first = page.locator('tr.detail-row details[open] .counterexample').first();
    await first.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'counterexample-1280.png') });
    await page.context().close();
  });

  it('has no horizontal scroll of the body at 390 px', async () => {
    const page = await open(390);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth }));
    expect(widths.doc, JSON.stringify(widths)).toBeLessThanOrEqual(widths.view);
    expect(widths.body, JSON.stringify(widths)).toBeLessThanOrEqual(widths.view);
    await page.screenshot({ path: join(ARTIFACTS, 'report-390.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-390-top.png') });
    await page.locator('#plot-davies-0').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'plot-davies-390.png') });
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(blocked).toEqual([]);
    await page.context().close();
  });

  it('prints: the navigation and copy buttons are hidden in print media', async () => {
    const page = await open(1280);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('button.copy').first().isVisible()).toBe(false);
    await page.pdf({ path: join(ARTIFACTS, 'report.pdf'), format: 'A4' });
    await page.context().close();
  });

  it('qep check --format html writes the same page to stdout', async () => {
    const f = fakeIO();
    expect(await main(['check', '--format', 'html', '--claim', 'davies.pi-split', '--runs', '20'], f.io)).toBe(0);
    const html = f.stdout();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('qep check --format html --runs 20 --seed 20240521 --claim davies.pi-split &gt; report.html');
    for (const id of ['summary', 'claims', 'forms', 'plots', 'accuracy']) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('id="claim-davies.pi-split"');
  });
});
