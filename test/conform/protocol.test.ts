import { describe, expect, it } from 'vitest';
import { OFFENDING_TEXT_CHARS, checkShape, parseAnswerLine, quoteNonFiniteTokens, scenarioDims, scenarioFor } from '../../src/conform/index.js';

describe('the engine line protocol', () => {
  it('reads Python\'s bare Infinity, -Infinity and NaN as the scenario strings, and leaves strings alone', () => {
    expect(quoteNonFiniteTokens('{"Pi": [Infinity, -Infinity, NaN, 1.5], "note": "Infinity NaN"}')).toBe('{"Pi": ["Infinity", "-Infinity", "NaN", 1.5], "note": "Infinity NaN"}');
    expect(quoteNonFiniteTokens('{"a": "say \\"Infinity\\"", "b": Infinity}')).toBe('{"a": "say \\"Infinity\\"", "b": "Infinity"}');
    const a = parseAnswerLine('{"Pi": [Infinity, 0.5]}', '', 1);
    expect(a).toMatchObject({ kind: 'result', value: { Pi: ['Infinity', 0.5] } });
  });

  it('classifies a line: result, decline, garbage (first 200 characters kept)', () => {
    expect(parseAnswerLine('{"S": [0]}', '', 1).kind).toBe('result');
    expect(parseAnswerLine('{"error": "qubits only"}', 'warn', 1)).toEqual({ kind: 'declined', message: 'qubits only', stderr: 'warn', ms: 1 });
    const long = `oops ${'y'.repeat(500)}`;
    const g = parseAnswerLine(long, '', 1);
    expect(g.kind).toBe('garbage');
    expect(g.kind === 'garbage' && g.text).toBe(`${long.slice(0, OFFENDING_TEXT_CHARS)}…`);
    expect(parseAnswerLine('[1, 2]', '', 1).kind).toBe('garbage'); // JSON, but not an object
    expect(parseAnswerLine('', '', 1).kind).toBe('garbage');
  });
});

describe('result shapes', () => {
  const davies = scenarioFor({ model: 'davies', dim: 3, times: 4, state: 'mixed', hamiltonian: 'energies', bath: 'gamma', dephasing: false, baths: 1, seed: 5 });
  const dims = scenarioDims(davies as unknown as Record<string, unknown>);

  it('reads the dimensions of a scenario', () => {
    expect(dims).toMatchObject({ model: 'davies', d: 3, nTimes: 4 });
  });

  it('keeps known keys, normalises a real matrix to {re, im}, ignores unknown keys', () => {
    const I = [[1, 0, 0], [0, 0, 0], [0, 0, 0]];
    const r = checkShape({ S: [0, 0.1, 0.2, 'Infinity'], rho: [I, I, I, I], my_extra: 'ignored' }, dims);
    expect(r.ok).toBe(true);
    expect(r.ok && Object.keys(r.value)).toEqual(['rho', 'S']);
    expect(r.ok && (r.value.rho as { im: number[][] }[])[0].im).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  });

  it('names the key and the expected shape when a known key is malformed', () => {
    expect(checkShape({ Pi: [0, 1] }, dims)).toEqual({ ok: false, message: 'Pi must be a list of 4 numbers (got length 2)' });
    expect(checkShape({ S: [0, 1, 'x', 2] }, dims)).toEqual({ ok: false, message: 'S must be a list of 4 numbers (item 2 is "x")' });
    const bad = checkShape({ rho: [[[1]], [[1]], [[1]], [[1]]] }, dims);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^rho must be a list of 4 matrices, each a 3×3 matrix/);
  });
});
