import { describe, expect, it } from 'vitest';
import { type CMatrix, mul, normMax, traceProductRe } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import { TOL } from '../../../src/numeric/tolerance.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import {
  buresState,
  createRng,
  hermitianWithSpectrum,
  hilbertSchmidtState,
  randomPureState,
  randomPureVector,
  randomStateOfRank,
} from '../../../src/numeric/random/index.js';

/** Max violation of the density-matrix conditions: Hermitian, trace 1, PSD (naive, entry by entry). */
function densityViolation(rho: CMatrix): { herm: number; trace: number; minEig: number } {
  const n = rho.rows;
  let herm = 0;
  let tr = 0;
  for (let i = 0; i < n; i++) {
    tr += rho.re[i * n + i];
    for (let j = 0; j < n; j++) {
      herm = Math.max(herm, Math.hypot(rho.re[i * n + j] - rho.re[j * n + i], rho.im[i * n + j] + rho.im[j * n + i]));
    }
  }
  return { herm, trace: Math.abs(tr - 1), minEig: eigh(rho).values[0] };
}

function expectDensityMatrix(rho: CMatrix): void {
  const v = densityViolation(rho);
  expect(v.herm).toBeLessThanOrEqual(TOL.hermitian);
  expect(v.trace).toBeLessThanOrEqual(TOL.trace);
  expect(v.minEig).toBeGreaterThanOrEqual(-TOL.psd);
}

const purity = (rho: CMatrix) => traceProductRe(rho, rho);

/** Mean and standard error of f over N draws. */
function meanOf(N: number, f: () => number): { mean: number; se: number } {
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < N; k++) {
    const x = f();
    s1 += x;
    s2 += x * x;
  }
  const mean = s1 / N;
  return { mean, se: Math.sqrt(Math.max(s2 / N - mean * mean, 0) / N) };
}

describe('hilbertSchmidtState', () => {
  it('gives full-rank density matrices for d = 1..6', () => {
    const rng = createRng(1);
    for (let d = 1; d <= 6; d++) {
      for (let k = 0; k < 20; k++) {
        const rho = hilbertSchmidtState(rng, d);
        expectDensityMatrix(rho);
        expect(eigh(rho).values[0]).toBeGreaterThan(TOL.zeroEigenvalue);
      }
    }
  });

  it('has mean purity 2d/(d² + 1), the Hilbert–Schmidt value, for d = 2, 3 (within 5 standard errors)', () => {
    const rng = createRng(2);
    for (const d of [2, 3]) {
      const { mean, se } = meanOf(4000, () => purity(hilbertSchmidtState(rng, d)));
      expect(Math.abs(mean - (2 * d) / (d * d + 1))).toBeLessThan(5 * se);
    }
  });

  it('is reproducible: the same seed gives the same matrix, another seed another', () => {
    const a = hilbertSchmidtState(createRng(99), 3);
    const b = hilbertSchmidtState(createRng(99), 3);
    const c = hilbertSchmidtState(createRng(100), 3);
    expect(Array.from(a.re)).toEqual(Array.from(b.re));
    expect(Array.from(a.im)).toEqual(Array.from(b.im));
    expect(Array.from(a.re)).not.toEqual(Array.from(c.re));
  });
});

describe('buresState', () => {
  it('gives full-rank density matrices for d = 1..5', () => {
    const rng = createRng(3);
    for (let d = 1; d <= 5; d++) {
      for (let k = 0; k < 20; k++) expectDensityMatrix(buresState(rng, d));
    }
  });

  it('has mean purity (5d² + 1)/(2d(d² + 2)), the Bures value, for d = 2, 3, and not the Hilbert–Schmidt one', () => {
    const rng = createRng(4);
    for (const d of [2, 3]) {
      const { mean, se } = meanOf(4000, () => purity(buresState(rng, d)));
      const bures = (5 * d * d + 1) / (2 * d * (d * d + 2));
      expect(Math.abs(mean - bures)).toBeLessThan(5 * se);
      expect(Math.abs(mean - (2 * d) / (d * d + 1))).toBeGreaterThan(5 * se);
    }
  });

  it('is reproducible for a seed', () => {
    expect(Array.from(buresState(createRng(5), 3).im)).toEqual(Array.from(buresState(createRng(5), 3).im));
  });
});

describe('randomStateOfRank', () => {
  it('gives density matrices of rank exactly k: k eigenvalues above TOL.zeroEigenvalue, the rest below it', () => {
    const rng = createRng(6);
    for (let d = 1; d <= 5; d++) {
      for (let k = 1; k <= d; k++) {
        const rho = randomStateOfRank(rng, d, k);
        expectDensityMatrix(rho);
        const values = eigh(rho).values;
        const nonzero = Array.from(values).filter((x) => x > TOL.zeroEigenvalue).length;
        expect(nonzero).toBe(k);
        for (let i = 0; i < d - k; i++) expect(Math.abs(values[i])).toBeLessThanOrEqual(TOL.zeroEigenvalue);
      }
    }
  });

  it('rejects a rank outside [1, d] with a QepInputError naming k', () => {
    expect(() => randomStateOfRank(createRng(0), 3, 4)).toThrow(/^k must be an integer in \[1, 3\]/);
    expect(() => randomStateOfRank(createRng(0), 3, 0)).toThrow(QepInputError);
  });
});

describe('randomPureVector and randomPureState', () => {
  it('gives unit vectors and rank-one projectors of purity 1', () => {
    const rng = createRng(7);
    for (let d = 1; d <= 6; d++) {
      const rho = randomPureState(rng, d);
      expectDensityMatrix(rho);
      expect(Math.abs(purity(rho) - 1)).toBeLessThanOrEqual(TOL.trace);
      expect(normMax(mul(rho, rho)) - normMax(rho)).toBeLessThanOrEqual(TOL.trace);
    }
  });

  it('has E|ψ_0|² = 1/d and E|ψ_0|⁴ = 2/(d(d+1)), the Haar moments, for d = 3 (within 5 standard errors)', () => {
    const rng = createRng(8);
    const d = 3;
    const draws = Array.from({ length: 6000 }, () => randomPureVector(rng, d));
    const p0 = draws.map((v) => v.re[0] ** 2 + v.im[0] ** 2);
    let i = 0;
    const m2 = meanOf(p0.length, () => p0[i++]);
    let j = 0;
    const m4 = meanOf(p0.length, () => p0[j++] ** 2);
    expect(Math.abs(m2.mean - 1 / d)).toBeLessThan(5 * m2.se);
    expect(Math.abs(m4.mean - 2 / (d * (d + 1)))).toBeLessThan(5 * m4.se);
  });
});

describe('hermitianWithSpectrum', () => {
  it('returns a Hermitian matrix whose eigenvalues are the given spectrum', () => {
    const rng = createRng(9);
    const spectrum = [-1.5, 0, 0, 2.25, 7];
    const H = hermitianWithSpectrum(rng, spectrum);
    const v = densityViolation(H);
    expect(v.herm).toBeLessThanOrEqual(TOL.hermitian);
    const values = eigh(H).values;
    spectrum.forEach((x, i) => expect(Math.abs(values[i] - x)).toBeLessThan(1e3 * Number.EPSILON * 7));
    expect(normMax(H)).toBeGreaterThan(0);
  });

  it('is not diagonal (its eigenbasis is random) and rejects a non-finite entry', () => {
    const H = hermitianWithSpectrum(createRng(10), [0, 1]);
    expect(Math.hypot(H.re[1], H.im[1])).toBeGreaterThan(1e-6);
    expect(() => hermitianWithSpectrum(createRng(10), [0, Number.NaN])).toThrow(/spectrum\[1\] must be a finite number/);
  });
});
