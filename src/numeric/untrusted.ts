/**
 * Untrusted text (keys, values, file names, option values taken from the user's
 * input) on its way into a message. Nothing from the input reaches a terminal raw:
 * control characters are escaped, so an ESC sequence cannot clear or recolour the
 * screen, and long values are cut with their length shown, so a 1 MB matrix entry
 * does not become a 1 MB line.
 */

/** Characters echoed from an input value before it is cut ({@link showUntrusted}). */
export const MAX_ECHO_CHARS = 80;

/**
 * C0 controls (newline and tab included), DEL, C1 controls, the line and paragraph
 * separators, and the bidirectional overrides and isolates (which reorder what a
 * terminal shows).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character written as an escape (`\x1b`, `\n`, `\u202e`).
 * Idempotent: the result has no control characters left to escape.
 * @example escapeControl('a\u001b[2Jb') === 'a\\x1b[2Jb'
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** The first `max` UTF-16 units of `text`, not splitting a surrogate pair. */
function cut(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}

/**
 * An untrusted value for a message: control characters escaped, and, when longer
 * than `max` characters, cut to its first `max` followed by `… (N characters)`.
 * A huge value is cut before it is escaped, so showing it costs O(max).
 * @example showUntrusted('x'.repeat(1000)) === `${'x'.repeat(80)}… (1000 characters)`
 */
export function showUntrusted(text: string, max: number = MAX_ECHO_CHARS): string {
  if (text.length <= max) return escapeControl(text);
  return `${escapeControl(cut(text, max))}… (${text.length} characters)`;
}

/**
 * A JSON value from the input, for a message: a string quoted with JSON escapes
 * (cut like {@link showUntrusted} when long), a number or boolean as written, a
 * list or an object by its kind and size only; `undefined` (absent) as `missing`.
 * @example showJsonValue('a\u001bb') === '"a\\u001bb"'
 */
export function showJsonValue(value: unknown, max: number = MAX_ECHO_CHARS): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') {
    if (value.length <= max) return escapeControl(JSON.stringify(value));
    return `${escapeControl(JSON.stringify(cut(value, max)).slice(0, -1))}…" (${value.length} characters)`;
  }
  if (value === null || typeof value !== 'object') return showUntrusted(String(value), max);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'an object';
}
