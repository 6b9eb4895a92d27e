/**
 * Small helpers for writing HTML as strings: escaping and number formatting.
 * The report is assembled from strings (no DOM in Node); every piece of text
 * that comes from data goes through {@link escapeHtml}.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * A number for a table cell or a matrix entry: up to `digits` significant
 * digits, exponent form outside [1e-3, 1e4), `∞` for +Infinity, `−∞`, and
 * `0` for zero. NaN (which qep never produces) is written `NaN` rather than hidden.
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const s = a >= 1e-3 && a < 1e4 ? String(Number(x.toPrecision(digits))) : x.toExponential(Math.max(0, digits - 2));
  return s.replace(/^-/, '−');
}

/** An id fragment safe for `id=""` and `href="#…"`: letters, digits, `-`, `_`, `.`. */
export function anchorId(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-');
}
