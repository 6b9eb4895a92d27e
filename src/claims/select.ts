import type { Claim } from './claim.js';

/**
 * Choosing claims by id, and the sanity rules every registered claim must obey.
 */

/** The shape of a claim id: `section.name`, lower case, digits, `-` and `.` (e.g. `davies.pi-split`). */
export const CLAIM_ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/**
 * Claims matching any of `patterns`, in registry order.
 *
 * A pattern that equals a claim id selects that claim only (so `davies.pi`
 * does not also pick `davies.pi-split`); any other pattern selects every
 * claim whose id starts with it (`davies` or `davies.` picks the section).
 * No pattern selects everything.
 *
 * @returns the selection, and the patterns that matched nothing.
 */
export function selectClaims<C extends Pick<Claim<unknown>, 'id'>>(
  claims: readonly C[],
  patterns: readonly string[] = [],
): { readonly selected: C[]; readonly unmatched: string[] } {
  if (patterns.length === 0) return { selected: [...claims], unmatched: [] };
  const chosen = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const exact = claims.filter((c) => c.id === pattern);
    const hits = exact.length > 0 ? exact : claims.filter((c) => c.id.startsWith(pattern));
    if (hits.length === 0) unmatched.push(pattern);
    for (const c of hits) chosen.add(c.id);
  }
  return { selected: claims.filter((c) => chosen.has(c.id)), unmatched };
}

/**
 * Problems with a set of claims, one sentence each (empty when all is well):
 * ids unique and of the form {@link CLAIM_ID_PATTERN}; a `property` or `both`
 * claim has a property; a `symbolic` or `both` claim has a symbolic check;
 * a non-empty statement and equation.
 */
export function registryProblems(claims: readonly Claim<unknown>[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    if (!CLAIM_ID_PATTERN.test(c.id)) problems.push(`claim id "${c.id}" is not of the form section.name`);
    if (seen.has(c.id)) problems.push(`claim id "${c.id}" is registered twice`);
    seen.add(c.id);
    if ((c.method === 'property' || c.method === 'both') && !c.property) problems.push(`claim ${c.id} (method ${c.method}) has no property`);
    if ((c.method === 'symbolic' || c.method === 'both') && !c.symbolic) problems.push(`claim ${c.id} (method ${c.method}) has no symbolic check`);
    if (c.statement.trim() === '') problems.push(`claim ${c.id} has an empty statement`);
    if (c.equation.trim() === '') problems.push(`claim ${c.id} has an empty equation (use "-" when the paper has none)`);
    if (c.expected === 'refuted' && (c.note === undefined || c.note.trim() === '')) {
      problems.push(`claim ${c.id} is expected refuted but has no note saying why`);
    }
  }
  return problems;
}
