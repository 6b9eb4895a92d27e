import type { JsonValue } from '../claims/report.js';
import { escapeHtml, formatNumber } from './html.js';

/**
 * A counterexample instance (plain JSON, as `toJsonValue` gives it) written as
 * HTML people can read: real and complex matrices as bracketed grids, vectors
 * as one-row grids, objects as definition lists. Each grid sits in its own
 * horizontally scrolling container, so a wide matrix never widens the page.
 */

type Grid = readonly (readonly number[])[];

function isNumberRow(v: JsonValue): v is number[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' || x === 'Infinity' || x === '-Infinity');
}

function isGrid(v: JsonValue): v is number[][] {
  return Array.isArray(v) && v.length > 0 && v.every(isNumberRow) && v.every((r) => (r as number[]).length === (v[0] as number[]).length);
}

function isComplexGrid(v: JsonValue): v is { re: number[][]; im: number[][] } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 2 && isGrid(v.re) && isGrid(v.im) && v.re.length === v.im.length && v.re[0].length === v.im[0].length;
}

function num(x: number | string): number {
  return typeof x === 'number' ? x : x === 'Infinity' ? Infinity : -Infinity;
}

/** `a`, `bi`, `a + bi` or `a − bi` (a part that is exactly 0 is left out). */
function complexEntry(re: number, im: number): string {
  if (im === 0) return formatNumber(re);
  const imag = `${formatNumber(Math.abs(im))}i`;
  if (re === 0) return im < 0 ? `−${imag}` : imag;
  return `${formatNumber(re)} ${im < 0 ? '−' : '+'} ${imag}`;
}

function gridHtml(cells: readonly (readonly string[])[], label: string): string {
  const rows = cells.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<div class="matrix-scroll" role="group" aria-label="${escapeHtml(label)}"><table class="matrix"><tbody>${rows}</tbody></table></div>`;
}

function realGridHtml(g: Grid, label: string): string {
  return gridHtml(
    g.map((row) => row.map((x) => formatNumber(num(x)))),
    label,
  );
}

function complexGridHtml(re: Grid, im: Grid, label: string): string {
  return gridHtml(
    re.map((row, i) => row.map((x, j) => complexEntry(num(x), num(im[i][j])))),
    label,
  );
}

/**
 * HTML of a JSON value: matrices (`[[…]]` or `{re, im}`) as grids, number lists
 * as one-row grids, objects as `<dl>`, other lists as `<ol>`, scalars as text.
 * @param label the name read out for a grid (the key it sits under)
 */
export function valueHtml(v: JsonValue, label = 'value'): string {
  if (v === null) return '<span class="scalar">null</span>';
  if (typeof v === 'number') return `<span class="scalar">${escapeHtml(formatNumber(v, 6))}</span>`;
  if (typeof v === 'string' || typeof v === 'boolean') return `<span class="scalar">${escapeHtml(String(v))}</span>`;
  if (isComplexGrid(v)) return complexGridHtml(v.re, v.im, label);
  if (isGrid(v)) return realGridHtml(v, label);
  if (isNumberRow(v)) return realGridHtml([v], label);
  if (Array.isArray(v)) return `<ol class="value-list">${v.map((x, i) => `<li>${valueHtml(x, `${label}[${i}]`)}</li>`).join('')}</ol>`;
  const entries = Object.entries(v);
  if (entries.length === 0) return '<span class="scalar">{}</span>';
  return `<dl class="value-map">${entries.map(([k, x]) => `<div><dt>${escapeHtml(k)}</dt><dd>${valueHtml(x, k)}</dd></div>`).join('')}</dl>`;
}
