import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Claim, defineClaim } from '../../src/claims/claim.js';
import { registryProblems, selectClaims } from '../../src/claims/select.js';

const ids = ['davies.pi', 'davies.pi-split', 'davies.upsilon', 'thermal.pi', 'traj.ft'].map((id) => ({ id }));

describe('selectClaims', () => {
  it('selects everything when no pattern is given', () => {
    expect(selectClaims(ids).selected).toEqual(ids);
  });

  it('selects one claim by its exact id, even when it is the prefix of another', () => {
    expect(selectClaims(ids, ['davies.pi']).selected.map((c) => c.id)).toEqual(['davies.pi']);
  });

  it('selects by prefix otherwise, in registry order, and unions several patterns', () => {
    expect(selectClaims(ids, ['davies']).selected.map((c) => c.id)).toEqual(['davies.pi', 'davies.pi-split', 'davies.upsilon']);
    expect(selectClaims(ids, ['traj', 'davies.u']).selected.map((c) => c.id)).toEqual(['davies.upsilon', 'traj.ft']);
  });

  it('names the patterns that match nothing', () => {
    expect(selectClaims(ids, ['nope', 'thermal'])).toEqual({ selected: [{ id: 'thermal.pi' }], unmatched: ['nope'] });
  });
});

describe('registryProblems', () => {
  const good = defineClaim<number>({
    id: 'sec.good',
    equation: '1',
    statement: 'x = x',
    hypotheses: [],
    method: 'property',
    expected: 'holds',
    property: { arbitrary: fc.integer(), check: () => ({ kind: 'pass', residual: 0 }) },
  });

  it('accepts well-formed claims', () => {
    expect(registryProblems([good])).toEqual([]);
  });

  it('names duplicate ids, malformed ids, missing checks and unexplained expected refutations', () => {
    const bad: Claim<unknown>[] = [
      good,
      good,
      { ...good, id: 'NoSection' },
      { ...good, id: 'sec.sym', method: 'symbolic' },
      { ...good, id: 'sec.both', method: 'both', property: undefined },
      { ...good, id: 'sec.typo', expected: 'refuted' },
    ];
    expect(registryProblems(bad)).toEqual([
      'claim id "sec.good" is registered twice',
      'claim id "NoSection" is not of the form section.name',
      'claim sec.sym (method symbolic) has no symbolic check',
      'claim sec.both (method both) has no property',
      'claim sec.both (method both) has no symbolic check',
      'claim sec.typo is expected refuted but has no note saying why',
    ]);
  });
});
