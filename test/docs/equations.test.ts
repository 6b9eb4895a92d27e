import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allClaims } from '../../properties/index.js';

/**
 * docs/equations.md and the claim registry agree: every registered claim id is
 * named in the document, and every claim id the document names is registered.
 * A claim id in the document is a backticked word that starts with a section
 * prefix of the registry (davies., thermal., …) or `baths.`, the section being
 * written; file paths are written in full (`properties/davies.ts`) so they
 * never look like ids.
 */

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'equations.md'), 'utf8');
const registered = new Set(allClaims.map((c) => c.id));
const prefixes = new Set([...registered].map((id) => id.split('.')[0]).concat('baths'));

/** The claim ids a markdown text names: backticked `prefix.rest` words with a known prefix. */
function namedIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const [, word] of markdown.matchAll(/`([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)`/g)) {
    if (prefixes.has(word.split('.')[0])) ids.add(word);
  }
  return ids;
}

describe('docs/equations.md', () => {
  it('names every claim of the registry', () => {
    const named = namedIds(DOC);
    expect([...registered].filter((id) => !named.has(id))).toEqual([]);
  });

  it('names no claim id that the registry lacks', () => {
    expect([...namedIds(DOC)].filter((id) => !registered.has(id))).toEqual([]);
  });

  it('finds ids the way the checks above rely on', () => {
    const ids = namedIds('`davies.pi-split`, `symbolic.qubit-davies.form.pi-d`, `baths.spohn` and `properties/davies.ts`, `TOL.degeneracy`, davies.flux');
    expect([...ids]).toEqual(['davies.pi-split', 'symbolic.qubit-davies.form.pi-d', 'baths.spohn']);
  });
});
