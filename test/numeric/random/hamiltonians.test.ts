import { describe, expect, it } from 'vitest';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import { normMax } from '../../../src/numeric/linalg/cmatrix.js';
import { TOL } from '../../../src/numeric/tolerance.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import {
  bohrFrequencies,
  createRng,
  degenerateGroups,
  energiesFromGaps,
  positiveBohrFrequencies,
  randomHamiltonian,
  randomResonantEnvironment,
  resonantEnvironmentFromGaps,
} from '../../../src/numeric/random/index.js';
import { connectsSystemLevels, minBohrDistance } from './helpers.js';

describe('energiesFromGaps', () => {
  it('without repair keeps the gaps, so equal gaps give degenerate Bohr frequencies', () => {
    const E = energiesFromGaps([1, 1], { offset: -1 });
    expect(Array.from(E)).toEqual([-1, 0, 1]);
    expect(minBohrDistance(E)).toBe(0);
  });

  it('with repair makes equal gaps 0, g, 2g + s, … with all Bohr frequencies at least s apart', () => {
    const E = energiesFromGaps([0.1, 0.1, 0.1, 0.1], { minBohrSeparation: 0.025 });
    expect(E[0]).toBe(0);
    expect(E[1]).toBeCloseTo(0.1, 15);
    expect(E[2]).toBeCloseTo(0.225, 8);
    expect(minBohrDistance(E)).toBeGreaterThanOrEqual(0.025 * (1 - 1e-9));
  });

  it('keeps every Bohr frequency at least s apart on 300 random gap lists (d up to 7)', () => {
    const rng = createRng(1);
    for (let k = 0; k < 300; k++) {
      const d = 2 + (k % 6);
      const gaps = Array.from({ length: d - 1 }, () => 0.1 + rng.uniform() * (k % 2 ? 0.01 : 2));
      const s = 0.1 * rng.uniform();
      const E = energiesFromGaps(gaps, { minBohrSeparation: s });
      for (let i = 1; i < d; i++) expect(E[i] - E[i - 1]).toBeGreaterThanOrEqual(gaps[i - 1] - 8 * Number.EPSILON * Math.abs(E[i]));
      expect(minBohrDistance(E)).toBeGreaterThanOrEqual(s * (1 - 1e-9));
    }
  });

  it('rejects a separation larger than the smallest gap, and a gap ≤ 0, naming the field', () => {
    expect(() => energiesFromGaps([0.1, 0.2], { minBohrSeparation: 0.15 })).toThrow(/^minBohrSeparation must be at most the smallest gap/);
    expect(() => energiesFromGaps([0.1, 0])).toThrow(/^gaps\[1\] must be a finite number > 0/);
    expect(() => energiesFromGaps([1e-12])).toThrow(QepInputError);
  });

  it('lists the d(d − 1) Bohr frequencies in row order', () => {
    expect(Array.from(bohrFrequencies([0, 1, 3]))).toEqual([-1, -3, 1, -2, 3, 2]);
  });
});

describe('randomHamiltonian', () => {
  it('gives ascending energies with gaps ≥ minGap and non-degenerate Bohr frequencies by default', () => {
    const rng = createRng(2);
    for (let k = 0; k < 100; k++) {
      const d = 2 + (k % 5);
      const { energies, matrix } = randomHamiltonian(rng, d, { minGap: 0.2 });
      for (let i = 1; i < d; i++) expect(energies[i] - energies[i - 1]).toBeGreaterThanOrEqual(0.2 - 8 * Number.EPSILON * Math.abs(energies[i]));
      expect(minBohrDistance(energies)).toBeGreaterThanOrEqual(0.05 * (1 - 1e-9));
      for (let i = 0; i < d; i++) expect(matrix.re[i * d + i]).toBe(energies[i]);
      expect(normMax(matrix)).toBe(Math.max(...Array.from(energies, Math.abs)));
    }
  });

  it('with basis "random" gives a non-diagonal matrix with the same energies', () => {
    const { energies, matrix } = randomHamiltonian(createRng(3), 4, { basis: 'random' });
    expect(Math.hypot(matrix.re[1], matrix.im[1])).toBeGreaterThan(1e-6);
    const values = eigh(matrix).values;
    energies.forEach((e, i) => expect(Math.abs(values[i] - e)).toBeLessThan(1e-12));
  });

  it('with nondegenerateBohr false may keep equal Bohr frequencies (gaps drawn in a tiny range)', () => {
    const { energies } = randomHamiltonian(createRng(4), 3, { minGap: 1, maxGap: 1, nondegenerateBohr: false });
    expect(minBohrDistance(energies)).toBeLessThan(1e-12);
  });

  it('is reproducible for a seed', () => {
    expect(Array.from(randomHamiltonian(createRng(5), 5).energies)).toEqual(Array.from(randomHamiltonian(createRng(5), 5).energies));
  });
});

describe('resonant environments', () => {
  it('always give a degenerate block of H_S⊗1 + 1⊗H_E joining two different system levels', () => {
    const rng = createRng(6);
    for (let k = 0; k < 100; k++) {
      const hs = randomHamiltonian(rng, 2 + (k % 4));
      const he = randomResonantEnvironment(rng, hs.energies, 2 + (k % 3));
      expect(connectsSystemLevels(hs.energies, he.energies)).toBe(true);
      for (let i = 1; i < he.energies.length; i++) expect(he.energies[i]).toBeGreaterThan(he.energies[i - 1]);
    }
  });

  it('make the first environment gap a system Bohr frequency', () => {
    const ES = [0, 0.3, 1];
    expect(positiveBohrFrequencies(ES)).toEqual([0.3, 0.7, 1]);
    const he = resonantEnvironmentFromGaps(ES, [{ bohr: 4 }, { free: 0.25 }]);
    expect(Array.from(he.energies)).toEqual([0, 0.7, 0.95]);
  });

  it('are distinguishable from a non-resonant environment by the block check (it has teeth)', () => {
    expect(connectsSystemLevels([0, 1], [0, 0.37])).toBe(false);
    expect(connectsSystemLevels([0, 1], [0, 1])).toBe(true);
  });

  it('are reproducible for a seed', () => {
    const a = randomResonantEnvironment(createRng(7), [0, 1, 2.5], 4);
    const b = randomResonantEnvironment(createRng(7), [0, 1, 2.5], 4);
    expect(Array.from(a.energies)).toEqual(Array.from(b.energies));
  });

  it('reject a first gap that is free, and a one-level system, naming the field', () => {
    expect(() => resonantEnvironmentFromGaps([0, 1], [{ free: 1 }])).toThrow(/^gaps\[0\] must be a Bohr gap/);
    expect(() => randomResonantEnvironment(createRng(0), [0], 2)).toThrow(/^systemEnergies must be at least two distinct levels/);
  });
});

describe('degenerateGroups', () => {
  it('groups energies equal under sameLevel (TOL.degeneracy) and keeps others apart', () => {
    const tiny = TOL.degeneracy / 10;
    expect(degenerateGroups([1, 0, tiny, 1 + 1e-6, 0.5])).toEqual([[1, 2], [4], [0], [3]]);
  });
});
