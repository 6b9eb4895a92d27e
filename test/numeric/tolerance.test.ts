import { describe, expect, it } from 'vitest';
import { CHECK_TOL, ENGINE_TOL, EPS, MIN_NORMAL, SYMBOLIC_TOL, TOL } from '../../src/numeric/tolerance.js';
import { DEFAULT_ATOL, DEFAULT_RTOL, MIN_NORMAL as DYNAMICS_MIN_NORMAL, SYMMETRIC_PATH_MAX_ASYMMETRY, SYMMETRIC_PATH_MAX_CONDITION } from '../../src/numeric/dynamics/index.js';
import { SYMBOLIC_TOL as SYMBOLIC_INDEX_TOL } from '../../src/symbolic/index.js';

describe('the tolerance module', () => {
  it('states the float64 constants exactly: EPS = 2^−52, MIN_NORMAL = 2^−1022', () => {
    expect(EPS).toBe(2 ** -52);
    expect(MIN_NORMAL).toBe(2 ** -1022);
  });

  it('is the one source of the names other modules export', () => {
    expect(DEFAULT_RTOL).toBe(ENGINE_TOL.ode.rtol);
    expect(DEFAULT_ATOL).toBe(ENGINE_TOL.ode.atol);
    expect(SYMMETRIC_PATH_MAX_CONDITION).toBe(ENGINE_TOL.daviesPath.maxCondition);
    expect(SYMMETRIC_PATH_MAX_ASYMMETRY).toBe(ENGINE_TOL.daviesPath.maxAsymmetryEps * EPS);
    expect(DYNAMICS_MIN_NORMAL).toBe(MIN_NORMAL);
    expect(SYMBOLIC_INDEX_TOL).toBe(SYMBOLIC_TOL);
  });

  it('cannot be changed at run time (every group is frozen)', () => {
    for (const group of [TOL, ENGINE_TOL, ...Object.values(ENGINE_TOL), CHECK_TOL, SYMBOLIC_TOL]) expect(Object.isFrozen(group)).toBe(true);
  });

  it('keeps each claim-check tolerance below what its mutants and refutations need', () => {
    // A closed-form mutant must be far outside the cross-check; the refutation margin far above rounding.
    expect(CHECK_TOL.closedFormMutant).toBeGreaterThanOrEqual(1e3 * CHECK_TOL.crossCheck);
    expect(CHECK_TOL.refutation).toBeGreaterThanOrEqual(1e3 * CHECK_TOL.identity);
    expect(CHECK_TOL.zero).toBeLessThan(CHECK_TOL.equilibrium);
    expect(CHECK_TOL.quadrature).toBeLessThan(CHECK_TOL.integral);
  });
});
