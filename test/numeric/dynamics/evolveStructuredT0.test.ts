import { describe, expect, it } from 'vitest';
import { evaluateDavies } from '../../../src/numeric/scenario/davies.js';

describe('the structured Davies solver at t = 0', () => {
  it('returns ρ(0) exactly, not V·V⁻¹·ρ(0) with its rounding', () => {
    const out = evaluateDavies({ model: 'davies', beta: 1, energies: [0, 1], gamma: [[0, 0.5], [0.5, 0]], rho0: [[0.5, 0.5], [0.5, 0.5]], times: [0, 1] });
    expect(out.rho[0]).toEqual({ re: [[0.5, 0.5], [0.5, 0.5]], im: [[0, 0], [0, 0]] });
  });
});
