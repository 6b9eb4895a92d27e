import { describe, expect, it } from 'vitest';
import { formatJson, formatMarkdown, formatResidual, formatText, jsonReport, summarize, toJsonValue } from '../../src/claims/report.js';
import type { ClaimResult } from '../../src/claims/runner.js';

const base = { equation: '12', statement: '\\Pi = \\Pi_d + \\Upsilon', method: 'property', runs: 100, seed: 9, ms: 12.345 } as const;

const results: ClaimResult[] = [
  { ...base, id: 'davies.pi-split', expected: 'holds', verdict: 'holds', worstResidual: 3e-15 },
  {
    ...base,
    id: 'davies.eq5-printed',
    equation: '5',
    expected: 'refuted',
    note: 'printed with the wrong sign',
    verdict: 'refuted',
    worstResidual: null,
    counterexample: { instance: { beta: 1, d: 2, rates: new Float64Array([0.5, Infinity]) }, detail: 'sides differ by 0.3', residual: 0.3, seed: 9, path: '4:1:0', numShrinks: 2 },
    replay: 'qep check --claim davies.eq5-printed --seed 9 --path 4:1:0 --runs 100',
  },
  { ...base, id: 'davies.blowup', expected: 'holds', verdict: 'holds', worstResidual: Infinity },
  { ...base, id: 'davies.never', expected: 'holds', verdict: 'not-applicable', worstResidual: null, instances: { checked: 100, passed: 0, notApplicable: 100, notApplicableReasons: ['degenerate Bohr frequencies'] } },
  { ...base, id: 'davies.crash', expected: 'holds', verdict: 'error', worstResidual: NaN, error: 'eigh did not converge' },
];

describe('summarize', () => {
  it('counts every verdict and names the claims that are not as expected', () => {
    const s = summarize(results, { seed: 9, runs: 100 });
    expect(s.total).toBe(5);
    expect(s.asExpected).toBe(3);
    expect(s.unexpected).toBe(2);
    expect(s.unexpectedIds).toEqual(['davies.never', 'davies.crash']);
    expect(s.ok).toBe(false);
    expect(s.verdicts).toEqual({ holds: 2, proved: 0, sampled: 0, refuted: 1, 'not-applicable': 1, error: 1 });
    expect(s.ms).toBeCloseTo(5 * 12.345, 9);
    expect(summarize(results.slice(0, 2), { seed: 9, runs: 100 }).ok).toBe(true);
  });
});

describe('the JSON report', () => {
  const text = formatJson(results, summarize(results, { seed: 9, runs: 100, ms: 70 }));
  const parsed = JSON.parse(text) as { claims: Record<string, unknown>[]; summary: Record<string, unknown> };

  it('has exactly the documented keys per claim, with counterexample and replay only where they apply', () => {
    const required = ['id', 'equation', 'statement', 'method', 'expected', 'verdict', 'worstResidual', 'runs', 'ms'];
    for (const c of parsed.claims) {
      const keys = Object.keys(c);
      expect(keys.slice(0, required.length)).toEqual(required);
      expect(keys.filter((k) => !required.includes(k)).every((k) => k === 'counterexample' || k === 'replay')).toBe(true);
    }
    expect(Object.keys(parsed)).toEqual(['claims', 'summary']);
    expect(parsed.claims[0]).not.toHaveProperty('counterexample');
    expect(parsed.claims[1].replay).toBe('qep check --claim davies.eq5-printed --seed 9 --path 4:1:0 --runs 100');
  });

  it('writes worst residuals as numbers, "Infinity" or null, never NaN', () => {
    expect(parsed.claims.map((c) => c.worstResidual)).toEqual([3e-15, null, 'Infinity', null, null]);
    expect(text).not.toMatch(/NaN/);
  });

  it('gives the counterexample with its instance, typed arrays as arrays and Infinity as a string', () => {
    expect(parsed.claims[1].counterexample).toEqual({
      instance: { beta: 1, d: 2, rates: [0.5, 'Infinity'] },
      detail: 'sides differ by 0.3',
      residual: 0.3,
      seed: 9,
      path: '4:1:0',
      numShrinks: 2,
    });
  });

  it('reports an error message in the counterexample detail', () => {
    expect(parsed.claims[4].counterexample).toEqual({ detail: 'eigh did not converge' });
  });

  it('summarises the run', () => {
    expect(parsed.summary).toMatchObject({ total: 5, asExpected: 3, unexpected: 2, ok: false, seed: 9, runs: 100, ms: 70 });
  });

  it('is the same object as jsonReport', () => {
    expect(parsed).toEqual(JSON.parse(JSON.stringify(jsonReport(results, summarize(results, { seed: 9, runs: 100, ms: 70 })))));
  });
});

describe('toJsonValue', () => {
  it('turns complex matrices into {re, im} grids and drops undefined fields', () => {
    const m = { rows: 2, cols: 2, re: new Float64Array([1, 2, 3, 4]), im: new Float64Array([0, -1, 1, 0]) };
    expect(toJsonValue({ rho: m, skip: undefined })).toEqual({ rho: { re: [[1, 2], [3, 4]], im: [[0, -1], [1, 0]] } });
  });

  it('applies the NaN policy, naming the path when it throws', () => {
    expect(toJsonValue([NaN], 'null')).toEqual([null]);
    expect(toJsonValue([NaN], 'string')).toEqual(['NaN']);
    expect(() => toJsonValue({ Pi: [1, NaN] }, 'throw')).toThrow('NaN at $.Pi[1]');
    expect(toJsonValue([-Infinity, -0])).toEqual(['-Infinity', 0]);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(toJsonValue(a)).toEqual({ x: 1, self: '[Circular]' });
  });
});

describe('the text report', () => {
  const text = formatText(results, summarize(results, { seed: 9, runs: 100, ms: 70 }));

  it('has a table row per claim with verdict, residual and time, and marks the unexpected ones', () => {
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/claim\s+eq\.\s+method\s+verdict\s+worst residual\s+time/);
    expect(lines[1]).toMatch(/^ok\s+davies\.pi-split\s+12\s+property\s+holds\s+3\.0e-15\s+12 ms$/);
    expect(lines[2]).toMatch(/^ok\s+davies\.eq5-printed\s+5\s+property\s+refuted \(expected\)\s+-\s+12 ms$/);
    expect(lines[4]).toMatch(/^FAIL\s+davies\.never\s+.*not-applicable/);
  });

  it('shows the summary, each refuted claim with its counterexample and replay command, and each error', () => {
    expect(text).toContain('5 claims: 2 holds, 1 refuted, 1 not-applicable, 1 error; 2 not as expected (davies.never, davies.crash)');
    expect(text).toContain('refuted as expected: davies.eq5-printed (Eq. 5)');
    expect(text).toContain('  why: sides differ by 0.3');
    expect(text).toContain('"rates": [0.5, "Infinity"]\n'); // flat arrays on one line
    expect(text).toContain('  replay: qep check --claim davies.eq5-printed --seed 9 --path 4:1:0 --runs 100');
    expect(text).toContain('ERROR: davies.crash (Eq. 12)\n  eigh did not converge');
    expect(text).toContain('hypotheses failed on every one of 100 instances: degenerate Bohr frequencies');
  });

  it('has no colour codes without a painter', () => {
    expect(text.includes('\u001b[')).toBe(false);
  });

  it('cuts a huge counterexample and says how to see it whole', () => {
    const big: ClaimResult = { ...(results[1] as ClaimResult), counterexample: { instance: { xs: Array.from({ length: 5000 }, (_, i) => i) }, detail: 'big' } };
    const t = formatText([big], summarize([big], { seed: 9, runs: 100 }), undefined, 300);
    expect(t).toMatch(/more characters; --format json prints it whole/);
    expect(t.length).toBeLessThan(2000);
  });
});

describe('the markdown report', () => {
  it('is a table with the statement in math mode and pipes escaped', () => {
    const withPipe: ClaimResult = { ...(results[0] as ClaimResult), statement: '|\\psi\\rangle' };
    const md = formatMarkdown([withPipe, results[1]], summarize([withPipe, results[1]], { seed: 9, runs: 100 }));
    const lines = md.split('\n');
    expect(lines[0]).toBe('| Claim | Eq. | Statement | Method | Expected | Verdict | Worst residual | Time |');
    expect(lines[2]).toBe('| `davies.pi-split` | 12 | $\\|\\psi\\rangle$ | property | holds | holds | 3.0e-15 | 12 ms |');
    expect(md).toContain('### Refuted: `davies.eq5-printed` (Eq. 5)');
    expect(md).toContain('Replay: `qep check --claim davies.eq5-printed --seed 9 --path 4:1:0 --runs 100`');
  });
});

describe('formatResidual', () => {
  it('writes 0, two significant digits (exponential when tiny or huge), Infinity and a dash for nothing', () => {
    expect([0, 1.234e-12, 0.25, 1, 123.4, 2.5e7, Infinity, null].map(formatResidual)).toEqual(['0', '1.2e-12', '0.25', '1', '120', '2.5e+7', 'Infinity', '-']);
  });
});
