import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CMatrix, add, adjoint, commutator, fromDiagonal, identity, kron, mul, normMax, sub, traceProductRe } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { TOL, sameLevel } from '../../src/numeric/tolerance.js';
import { QepInputError } from '../../src/numeric/errors.js';
import { connectsSystemLevels, minBohrDistance } from '../numeric/random/helpers.js';
import {
  arbBeta,
  arbDensityMatrix,
  arbHamiltonian,
  arbThermalInstance,
  decayingWeights,
  energyConservingUnitaryFromParameters,
  hermitianFromParameters,
  inBasis,
  symmetricVector,
} from '../../properties/arbitraries/index.js';
import { totalEnergyBlocks, unitaryFromParameters } from '../../src/numeric/random/index.js';

const RUNS = { seed: 20240607, numRuns: 150 };

// ---------------------------------------------------------------------------
// Naive checks, written independently of the code under test.

/** Largest violation among Hermiticity, trace 1 and positivity, each divided by its TOL (≤ 1 means valid). */
function densityResidual(rho: CMatrix): number {
  const n = rho.rows;
  let herm = 0;
  let tr = 0;
  for (let i = 0; i < n; i++) {
    tr += rho.re[i * n + i];
    for (let j = 0; j < n; j++) herm = Math.max(herm, Math.hypot(rho.re[i * n + j] - rho.re[j * n + i], rho.im[i * n + j] + rho.im[j * n + i]));
  }
  const minEig = eigh(rho).values[0];
  return Math.max(herm / TOL.hermitian, Math.abs(tr - 1) / TOL.trace, -minEig / TOL.psd);
}

const rankOf = (rho: CMatrix) => Array.from(eigh(rho).values).filter((x) => x > TOL.zeroEigenvalue).length;
const unitarity = (U: CMatrix) => normMax(sub(mul(adjoint(U), U), identity(U.rows)));
const offDiagonal = (A: CMatrix) => {
  let s = 0;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) if (i !== j) s = Math.max(s, Math.hypot(A.re[i * A.cols + j], A.im[i * A.cols + j]));
  return s;
};
const hTot = (HS: CMatrix, HE: CMatrix) => add(kron(HS, identity(HE.rows)), kron(identity(HS.rows), HE));
const commuteResidual = (U: CMatrix, H: CMatrix) => normMax(commutator(U, H)) / Math.max(1, normMax(H));

/** The value fast-check shrinks to when every instance fails: the arbitrary's shrink target. */
function shrinkTarget<T>(arb: fc.Arbitrary<T>, seed = 1): T {
  const property = fc.property(arb, (_x: T) => false);
  const out = fc.check(property, { seed, numRuns: 1 });
  if (!out.failed || out.counterexample === null) throw new Error('expected a counterexample');
  return out.counterexample[0];
}

function sameMatrices(a: CMatrix[], b: CMatrix[]): boolean {
  return a.length === b.length && a.every((x, k) => x.rows === b[k].rows && x.re.every((v, i) => v === b[k].re[i]) && x.im.every((v, i) => v === b[k].im[i]));
}

// ---------------------------------------------------------------------------

describe('arbDensityMatrix', () => {
  it('gives Hermitian, trace-one, positive semidefinite matrices of every rank kind', () => {
    for (const rank of ['full', 'deficient', 'pure', 'any'] as const) {
      fc.assert(
        fc.property(arbDensityMatrix({ dim: { min: 2, max: 5 }, rank }), (rho) => densityResidual(rho) <= 1 && rho.rows >= 2 && rho.rows <= 5),
        RUNS,
      );
    }
  });

  it('gives full rank for "full", rank 1 for "pure", and rank 1 … d−1 for "deficient"', () => {
    fc.assert(fc.property(arbDensityMatrix({ rank: 'full' }), (rho) => rankOf(rho) === rho.rows), RUNS);
    fc.assert(fc.property(arbDensityMatrix({ rank: 'pure' }), (rho) => rankOf(rho) === 1 && Math.abs(traceProductRe(rho, rho) - 1) <= TOL.trace), RUNS);
    fc.assert(fc.property(arbDensityMatrix({ rank: 'deficient' }), (rho) => rankOf(rho) >= 1 && rankOf(rho) < rho.rows), RUNS);
  });

  it('with rank "any" draws full-rank, rank-deficient and pure states', () => {
    const ranks = fc.sample(arbDensityMatrix({ dim: 4, rank: 'any' }), { seed: 2, numRuns: 200 }).map(rankOf);
    expect(new Set(ranks)).toEqual(new Set([1, 2, 3, 4]));
  });

  it('draws nearly pure states (smallest eigenvalue below 1e-6) and near-degenerate spectra (a relative splitting below 1e-3)', () => {
    const spectra = fc.sample(arbDensityMatrix({ dim: 4, rank: 'full' }), { seed: 3, numRuns: 300 }).map((rho) => Array.from(eigh(rho).values));
    expect(spectra.some((v) => v[0] < 1e-6)).toBe(true);
    expect(spectra.some((v) => v.some((x, i) => i > 0 && (x - v[i - 1]) / x < 1e-3 && (x - v[i - 1]) / x > 0))).toBe(true);
  });

  it('draws states with coherences (off-diagonal entries above 0.1)', () => {
    expect(fc.sample(arbDensityMatrix({ dim: 3 }), { seed: 4, numRuns: 100 }).some((rho) => offDiagonal(rho) > 0.1)).toBe(true);
  });

  it('shrinks to the maximally mixed state of the smallest dimension ("full") and to |0⟩⟨0| ("pure")', () => {
    const mixed = shrinkTarget(arbDensityMatrix({ dim: { min: 2, max: 4 } }));
    expect(normMax(sub(mixed, fromDiagonal([0.5, 0.5])))).toBe(0);
    const pure = shrinkTarget(arbDensityMatrix({ dim: { min: 3, max: 4 }, rank: 'pure' }));
    expect(normMax(sub(pure, fromDiagonal([1, 0, 0])))).toBe(0);
  });

  it('is reproducible: the same seed gives the same instances', () => {
    const arb = arbDensityMatrix({ dim: { min: 2, max: 4 }, rank: 'any' });
    expect(sameMatrices(fc.sample(arb, { seed: 5, numRuns: 30 }), fc.sample(arb, { seed: 5, numRuns: 30 }))).toBe(true);
    expect(sameMatrices(fc.sample(arb, { seed: 5, numRuns: 30 }), fc.sample(arb, { seed: 6, numRuns: 30 }))).toBe(false);
  });

  it('rejects "deficient" in dimension 1, naming dim', () => {
    expect(() => arbDensityMatrix({ dim: 1, rank: 'deficient' })).toThrow(QepInputError);
    expect(() => arbDensityMatrix({ dim: { min: 3, max: 2 } })).toThrow(/^dim must be/);
  });
});

describe('arbHamiltonian', () => {
  it('gives ascending energies with gaps ≥ minGap and Bohr frequencies ≥ minBohrSeparation apart', () => {
    fc.assert(
      fc.property(arbHamiltonian({ dim: { min: 2, max: 6 }, minGap: 0.2, minBohrSeparation: 0.05 }), ({ energies: E, matrix }) => {
        for (let i = 1; i < E.length; i++) if (E[i] - E[i - 1] < 0.2 - 8 * Number.EPSILON * Math.abs(E[i])) return false;
        return minBohrDistance(E) >= 0.05 * (1 - 1e-9) && offDiagonal(matrix) === 0;
      }),
      RUNS,
    );
  });

  it('with basis "rotated" gives non-diagonal Hermitian matrices whose eigenvalues are the energies', () => {
    fc.assert(
      fc.property(arbHamiltonian({ basis: 'rotated' }), ({ energies, matrix }) => {
        const v = eigh(matrix).values;
        return normMax(sub(matrix, adjoint(matrix))) <= TOL.hermitian && energies.every((e, i) => Math.abs(v[i] - e) <= 1e-12 * Math.max(1, Math.abs(e)));
      }),
      RUNS,
    );
    expect(fc.sample(arbHamiltonian({ basis: 'rotated' }), { seed: 7, numRuns: 20 }).some((h) => offDiagonal(h.matrix) > 0.1)).toBe(true);
  });

  it('without nondegenerateBohr shrinks to equally spaced levels (degenerate Bohr frequencies), with it to 0, g, 2g + g/4', () => {
    const plain = shrinkTarget(arbHamiltonian({ dim: 3, nondegenerateBohr: false, minGap: 0.5 }));
    expect(Array.from(plain.energies)).toEqual([0, 0.5, 1]);
    expect(minBohrDistance(plain.energies)).toBe(0);
    const repaired = shrinkTarget(arbHamiltonian({ dim: 3, minGap: 0.5 }));
    expect(repaired.energies[2]).toBeCloseTo(1.125, 8);
  });

  it('draws near-degenerate levels when minGap is small (a gap below 1e-5 with minGap 1e-6)', () => {
    const hs = fc.sample(arbHamiltonian({ dim: 4, minGap: 1e-6, nondegenerateBohr: false }), { seed: 8, numRuns: 100 });
    expect(hs.some((h) => h.energies.some((e, i) => i > 0 && e - h.energies[i - 1] < 1e-5))).toBe(true);
    expect(hs.every((h) => h.energies.every((e, i) => i === 0 || !sameLevel(e, h.energies[i - 1])))).toBe(true);
  });

  it('rejects a gap below the degeneracy tolerance, naming the field', () => {
    expect(() => arbHamiltonian({ minGap: 1e-12, nondegenerateBohr: false })).toThrow(/^minGap must be resolvable/);
    expect(() => arbHamiltonian({ minGap: 0.1, minBohrSeparation: 0.2 })).toThrow(/^minBohrSeparation must be in/);
  });

  it('is reproducible for a seed', () => {
    const a = fc.sample(arbHamiltonian({ basis: 'any' }), { seed: 9, numRuns: 20 }).map((h) => h.matrix);
    const b = fc.sample(arbHamiltonian({ basis: 'any' }), { seed: 9, numRuns: 20 }).map((h) => h.matrix);
    expect(sameMatrices(a, b)).toBe(true);
  });
});

describe('arbBeta', () => {
  it('stays in [0, max], never NaN, and covers β = 0, β ≥ 0.9·max and β ≤ 1e-5', () => {
    const betas = fc.sample(arbBeta({ max: 80 }), { seed: 10, numRuns: 400 });
    expect(betas.every((b) => b >= 0 && b <= 80)).toBe(true);
    expect(betas.includes(0)).toBe(true);
    expect(betas.some((b) => b >= 72)).toBe(true);
    expect(betas.some((b) => b > 0 && b <= 1e-5)).toBe(true);
  });

  it('includes +∞ only when asked', () => {
    expect(fc.sample(arbBeta(), { seed: 11, numRuns: 300 }).includes(Infinity)).toBe(false);
    expect(fc.sample(arbBeta({ infinite: true }), { seed: 11, numRuns: 300 }).includes(Infinity)).toBe(true);
  });

  it('shrinks to β = 0', () => {
    expect(shrinkTarget(arbBeta({ infinite: true }), 12)).toBe(0);
  });
});

describe('energyConservingUnitaryFromParameters', () => {
  // Two resonant qubits (gap 1) and a qutrit environment with gaps 1 and 0.7: blocks of sizes 1, 2, 2, 1.
  const HS = fromDiagonal([0, 1]);
  const HE = fromDiagonal([0, 1, 1.7]);
  const structure = totalEnergyBlocks(HS, HE);
  const size = structure.blocks.reduce((a, b) => a + b.length ** 2, 0);

  it('gives unitaries commuting with H_S⊗1 + 1⊗H_E, mixing system levels inside resonant blocks', () => {
    const mixes: boolean[] = [];
    fc.assert(
      fc.property(symmetricVector(size, Math.PI), (theta) => {
        const U = energyConservingUnitaryFromParameters(structure, theta);
        mixes.push(Math.hypot(U.re[1 * 6 + 3], U.im[1 * 6 + 3]) > 1e-3); // ⟨0,1|U|1,0⟩
        return unitarity(U) <= TOL.unitary && commuteResidual(U, hTot(HS, HE)) <= TOL.commute;
      }),
      RUNS,
    );
    expect(mixes.some((x) => x)).toBe(true);
  });

  it('is U = 1 at θ = 0, and exp(−iK(θ_b)) block by block', () => {
    expect(normMax(sub(energyConservingUnitaryFromParameters(structure, new Array<number>(size).fill(0)), identity(6)))).toBe(0);
    const theta = Array.from({ length: size }, (_, k) => 0.1 * (k + 1));
    const U = energyConservingUnitaryFromParameters(structure, theta);
    const first = structure.blocks.find((b) => b.length === 2)!;
    const offset = structure.blocks.slice(0, structure.blocks.indexOf(first)).reduce((a, b) => a + b.length ** 2, 0);
    const Ub = unitaryFromParameters(theta.slice(offset, offset + 4), 2);
    const [i0, i1] = first;
    expect(U.re[i0 * 6 + i1]).toBe(Ub.re[1]);
    expect(U.im[i1 * 6 + i0]).toBe(Ub.im[2]);
  });

  it('pairs with hermitianFromParameters: exp(−iK(θ)) is the unitary of the same θ', () => {
    const theta = [0.3, -0.2, 0.5, 0.1];
    const K = hermitianFromParameters(theta, 2);
    expect(normMax(sub(K, adjoint(K)))).toBe(0);
    const { values, vectors } = eigh(K);
    const expected = unitaryFromParameters(theta, 2);
    // exp(−iK) = V diag(e^{−iλ}) V†
    const D = { rows: 2, cols: 2, re: new Float64Array([Math.cos(values[0]), 0, 0, Math.cos(values[1])]), im: new Float64Array([-Math.sin(values[0]), 0, 0, -Math.sin(values[1])]) };
    expect(normMax(sub(mul(mul(vectors, D), adjoint(vectors)), expected))).toBeLessThan(1e-12);
  });
});

describe('decayingWeights and inBasis', () => {
  it('normalise e^{−20x} on the first r levels and put 0 on the rest', () => {
    const w = decayingWeights([0, 0.5, 1], 3, 2);
    expect(w[2]).toBe(0);
    expect(w[0] + w[1]).toBeCloseTo(1, 15);
    expect(w[1] / w[0]).toBeCloseTo(Math.exp(-10), 15);
    expect(decayingWeights([0.3, 0.1], 2, 1)).toEqual([1, 0]);
  });

  it('build diag(E) without a basis and W diag(E) W† with one', () => {
    expect(normMax(sub(inBasis([0, 2], null), fromDiagonal([0, 2])))).toBe(0);
    const W = unitaryFromParameters([0.4, -0.3, 0.2, 0.7], 2);
    const H = inBasis([0, 2], W);
    expect(Array.from(eigh(H).values).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([0, 2]);
  });
});

describe('arbThermalInstance, the one thermal-operation generator', () => {
  it('with a resonant environment gives an H_E resonant with S, an energy-conserving unitary, a density matrix ρ_S and β·ΔE in range', () => {
    fc.assert(
      fc.property(arbThermalInstance({ dimS: { min: 2, max: 3 }, dimE: { min: 2, max: 3 }, environment: 'resonant' }), (i) =>
        connectsSystemLevels(i.energiesS, i.energiesE) &&
        unitarity(i.U) <= TOL.unitary &&
        commuteResidual(i.U, hTot(i.HS, i.HE)) <= TOL.commute &&
        i.rhoS.rows === i.dS &&
        densityResidual(i.rhoS) <= 1 &&
        i.betaDeltaE >= 0 && i.betaDeltaE <= 50,
      ),
      RUNS,
    );
  });

  it('draws every state kind: rank-deficient states have rank < d_S, near-degenerate ones a pair of eigenvalues within 2e-1 relative', () => {
    const xs = fc.sample(arbThermalInstance({ models: ['random'] }), { seed: 3, numRuns: 300 });
    expect(new Set(xs.map((x) => x.state))).toEqual(new Set(['coherent', 'diagonal', 'pure', 'deficient', 'near-degenerate']));
    for (const x of xs.filter((y) => y.state === 'deficient')) expect(rankOf(x.rhoS)).toBeLessThan(x.dS);
    for (const x of xs.filter((y) => y.state === 'pure')) expect(rankOf(x.rhoS)).toBe(1);
    for (const x of xs.filter((y) => y.state === 'near-degenerate')) {
      // levels 0 and 1 carry weights e^{−20x₀}, e^{−20(x₀ + 10^{−e}y)}, e ≥ 2: a relative gap ≤ 1 − e^{−0.2} < 0.2 between two sorted neighbours
      const v = Array.from(eigh(x.rhoS).values).sort((a, b) => b - a);
      const closest = Math.min(...v.slice(1).map((w, k) => (v[k] - w) / v[k]));
      expect(closest).toBeLessThan(0.2);
    }
  });

  it('keeps to its options: dimensions, models, states, β·ΔE', () => {
    const xs = fc.sample(arbThermalInstance({ dimS: { min: 3, max: 3 }, dimE: { min: 2, max: 2 }, models: ['random'], states: ['pure'], betaDeltaEMax: 5 }), { seed: 4, numRuns: 60 });
    for (const x of xs) {
      expect([x.dS, x.dE, x.model, x.state]).toEqual([3, 2, 'random', 'pure']);
      expect(x.betaDeltaE).toBeLessThanOrEqual(5);
    }
    expect(() => arbThermalInstance({ dimS: { min: 2, max: 5 } })).toThrow(QepInputError);
    expect(() => arbThermalInstance({ states: [] })).toThrow(QepInputError);
  });

  it('on the coarse grid draws angles on steps of π/16 and β·ΔE = 2^{k/4}', () => {
    const xs = fc.sample(arbThermalInstance({ grid: 'coarse' }), { seed: 5, numRuns: 100 });
    for (const x of xs) {
      const k = 4 * Math.log2(x.betaDeltaE);
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    }
    expect(new Set(xs.map((x) => x.betaDeltaE)).size).toBeGreaterThan(5);
  });

  it('shrinks to a qubit with a qubit environment, U = 1, a diagonal-in-energy maximally mixed ρ_S and β = 0', () => {
    const t = shrinkTarget(arbThermalInstance());
    expect(t.dS).toBe(2);
    expect(t.dE).toBe(2);
    expect(normMax(sub(t.U, identity(4)))).toBe(0);
    expect(offDiagonal(t.rhoS)).toBe(0);
    expect(t.beta).toBe(0);
  });
});
