import { describe, expect, it } from 'vitest';
import { mergeShardReports } from '../../src/claims/merge.js';
import { formatText, jsonReport } from '../../src/claims/report.js';

const claim = {
  id: 'a.b',
  equation: '7',
  statement: 'x \\le 1',
  method: 'property',
  expected: 'holds',
  verdict: 'refuted',
  worstResidual: 'Infinity',
  runs: 10,
  ms: 1.5,
  counterexample: { instance: { x: 'Infinity' }, detail: 'x is unbounded', residual: 'Infinity', seed: 3, path: '0' },
  replay: 'qep check --claim a.b --seed 3 --path 0 --runs 10',
};
const shard = { index: 1, count: 1, version: '1.2.3', selection: ['a.b'], details: { 'a.b': { note: 'n' } } };
const report = { claims: [claim], summary: { seed: 3, runs: 10, ms: 2 }, shard };

describe('mergeShardReports', () => {
  it('reads infinite residuals back as numbers, so the reports print them as a single run does', () => {
    const { results, summary } = mergeShardReports([{ name: 'one.json', value: report }]);
    expect(results[0].worstResidual).toBe(Infinity);
    expect(results[0].counterexample?.residual).toBe(Infinity);
    expect(results[0].note).toBe('n');
    expect(summary).toMatchObject({ total: 1, unexpected: 1, ok: false, seed: 3, runs: 10, ms: 2 });
    expect(jsonReport(results, summary).claims[0]).toEqual(claim);
    expect(formatText(results, summary)).toContain('  residual: Infinity\n');
  });

  it('names the report and the first field that is not a report field', () => {
    const bad = { ...report, claims: [{ ...claim, verdict: 'maybe' }] };
    expect(() => mergeShardReports([{ name: 'bad.json', value: bad }])).toThrow(/^bad\.json must be a qep check --format json report \(claims\.0\.verdict: /);
    expect(() => mergeShardReports([])).toThrow(/^reports must be at least one shard report$/);
  });
});
