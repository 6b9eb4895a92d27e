import { showUntrusted } from '../../numeric/untrusted.js';

/**
 * What JSON.parse lets through silently and qep refuses: a key given twice in one
 * object (JSON.parse keeps the last value, so `{"beta": 1, "beta": 100}` would run at
 * β = 100 without a word), and nesting deeper than the input limit.
 */

/** One open array or object of the scan. */
interface Open {
  readonly kind: 'object' | 'array';
  readonly keys: Set<string>;
  /** The current key (object) or index (array), for the path of a message. */
  at: string | number;
  expectKey: boolean;
}

function pathOf(stack: readonly Open[]): string {
  let path = '';
  for (const o of stack.slice(0, -1)) path += typeof o.at === 'number' ? `[${o.at}]` : path === '' ? o.at : `.${o.at}`;
  return path;
}

/** A problem found by {@link scanJsonText}: what is wrong, and where (a JSON path, '' for the top level). */
export interface JsonTextProblem {
  readonly kind: 'duplicate-key' | 'too-deep';
  readonly message: string;
}

/**
 * Scan JSON text that JSON.parse accepted, without recursion, for a duplicate key
 * in one object or nesting deeper than `maxDepth`.
 * @returns the first problem, or undefined
 * @example scanJsonText('{"a": 1, "a": 2}', 64)?.message === 'has the key "a" twice in the top-level object (JSON would keep only the last)'
 */
export function scanJsonText(text: string, maxDepth: number): JsonTextProblem | undefined {
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) {
          const where = stack.length === 1 ? 'the top-level object' : `the object at ${showUntrusted(pathOf(stack))}`;
          return { kind: 'duplicate-key', message: `has the key ${showUntrusted(JSON.stringify(key))} twice in ${where} (JSON would keep only the last)` };
        }
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) return { kind: 'too-deep', message: `is nested deeper than ${maxDepth} levels` };
      stack.push({ kind: c === '{' ? 'object' : 'array', keys: new Set(), at: c === '{' ? '' : 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top.kind === 'object') top.expectKey = true;
      else top.at = (top.at as number) + 1;
    }
  }
  return undefined;
}
