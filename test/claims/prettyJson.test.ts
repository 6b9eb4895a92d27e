import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../src/claims/prettyJson.js';

describe('prettyJson', () => {
  it('prints a matrix one row per line', () => {
    expect(prettyJson({ re: [[1, 0], [0, 1]] })).toBe('{\n  "re": [\n    [1, 0],\n    [0, 1]\n  ]\n}');
  });
  it('parses back to what JSON.stringify gives, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(JSON.parse(prettyJson(v))).toEqual(JSON.parse(JSON.stringify(v) ?? 'null'));
    }), { seed: 3, numRuns: 300 });
  });
  it('drops undefined members like JSON.stringify', () => {
    expect(JSON.parse(prettyJson({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });
});
