/**
 * JSON for people: indented like `JSON.stringify(value, null, 2)`, except that
 * an array whose items are all numbers, strings, booleans or null stays on one
 * line, so a matrix prints one row per line instead of one number per line.
 * The text parses back to the same value as `JSON.stringify` gives.
 * @example prettyJson({ re: [[1, 0], [0, 1]] }) // '{\n  "re": [\n    [1, 0],\n    [0, 1]\n  ]\n}'
 */
export function prettyJson(value: unknown, indent = 2): string {
  return render(value, '', ' '.repeat(indent)) ?? 'null';
}

function isFlat(items: readonly unknown[]): boolean {
  return items.every((x) => x === null || ['number', 'string', 'boolean'].includes(typeof x));
}

function render(value: unknown, pad: string, step: string): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return render((value as { toJSON(): unknown }).toJSON(), pad, step);
  const inner = pad + step;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (isFlat(value)) return `[${value.map((x) => JSON.stringify(x) ?? 'null').join(', ')}]`;
    return `[\n${value.map((x) => inner + (render(x, inner, step) ?? 'null')).join(',\n')}\n${pad}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => [k, render(v, inner, step)] as const)
    .filter((e): e is readonly [string, string] => e[1] !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${v}`).join(',\n')}\n${pad}}`;
}
