import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Comments stand alone: no file of the repository's code, claims, benchmarks,
 * tests or adapters points at a document outside the repository (the design,
 * style and equation notes the project was written from) or at an issue number,
 * which a reader of the repository does not have. The project's own
 * docs/equations.md is where such pointers go.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const FOLDERS = ['src', 'properties', 'bench', 'test', 'adapters'];

// Built from pieces so that this file does not match itself.
const OUTSIDE_NOTES = ['DESIGN', 'EQUATIONS', 'STYLE'].map((name) => `${name}\\.md`);
const FORBIDDEN = new RegExp([...OUTSIDE_NOTES, '\\b[Ii]ssue #?[0-9]', ['', 'work', 'shared', ''].join('/'), ['\\.\\.', 'shared', ''].join('/')].join('|'));

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `path:line: text` for each line of the folders that matches `pattern`. */
function hits(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of FOLDERS.flatMap((folder) => filesUnder(join(ROOT, folder)))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (pattern.test(line)) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('comments that stand alone', () => {
  it('the pattern catches each kind of reference', () => {
    // Pieces again, so that the examples do not match this file.
    const examples = [['see DESIGN', '.md'], ['EQUATIONS', '.md "Rates"'], ['(STYLE', '.md point 7)'], ['iss', 'ue 6 targets'], ['Iss', 'ue #12'], ['cp /work/', 'shared/x'], ['../', 'shared/bench']];
    for (const text of examples.map((pieces) => pieces.join(''))) {
      expect(FORBIDDEN.test(text), text).toBe(true);
    }
    for (const text of ['docs/equations.md', 'the issue of rank', 'tissue 3', 'shared memory']) expect(FORBIDDEN.test(text), text).toBe(false);
  });

  it(`no file under ${FOLDERS.join('/, ')}/ names an outside note, an issue number or the shared folder`, () => {
    expect(hits(FORBIDDEN)).toEqual([]);
  });
});
