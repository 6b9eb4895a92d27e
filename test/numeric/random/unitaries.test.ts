import { describe, expect, it } from 'vitest';
import {
  type CMatrix,
  adjoint,
  add,
  commutator,
  fromDiagonal,
  identity,
  kron,
  mul,
  normMax,
  scale,
  sub,
  zeros,
} from '../../../src/numeric/linalg/cmatrix.js';
import { TOL } from '../../../src/numeric/tolerance.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import {
  createRng,
  randomEnergyConservingUnitary,
  energyConservingUnitaryFromBlocks,
  haarUnitary,
  hermitianWithSpectrum,
  randomHamiltonian,
  randomResonantEnvironment,
  totalEnergyBlocks,
  unitaryFromParameters,
} from '../../../src/numeric/random/index.js';

const unitarity = (U: CMatrix) => normMax(sub(mul(adjoint(U), U), identity(U.rows)));

function hTot(HS: CMatrix, HE: CMatrix): CMatrix {
  return add(kron(HS, identity(HE.rows)), kron(identity(HS.rows), HE));
}

/** ‖[U, H]‖_max / max(1, ‖H‖_max), the quantity TOL.commute bounds. */
const commuteResidual = (U: CMatrix, H: CMatrix) => normMax(commutator(U, H)) / Math.max(1, normMax(H));

/** exp(−iK) by its Taylor series (naive reference for small ‖K‖). */
function expmTaylor(K: CMatrix): CMatrix {
  const n = K.rows;
  const A = scale(K, { re: 0, im: -1 });
  let term = identity(n);
  const sum = identity(n);
  for (let k = 1; k < 80; k++) {
    term = scale(mul(term, A), 1 / k);
    for (let i = 0; i < n * n; i++) {
      sum.re[i] += term.re[i];
      sum.im[i] += term.im[i];
    }
  }
  return sum;
}

describe('haarUnitary', () => {
  it('gives unitaries (‖U†U − 1‖_max ≤ TOL.unitary) for n = 1..8', () => {
    const rng = createRng(1);
    for (let n = 1; n <= 8; n++) for (let k = 0; k < 10; k++) expect(unitarity(haarUnitary(rng, n))).toBeLessThanOrEqual(TOL.unitary);
  });

  it('has the Haar moments E U_11 = 0, E|U_11|² = 1/n and E|tr U|² = 1 for n = 3 (within 5 standard errors)', () => {
    const rng = createRng(2);
    const n = 3;
    const N = 6000;
    let re11 = 0;
    let p11 = 0;
    let p11sq = 0;
    let tr2 = 0;
    let tr2sq = 0;
    for (let k = 0; k < N; k++) {
      const U = haarUnitary(rng, n);
      re11 += U.re[0];
      const p = U.re[0] ** 2 + U.im[0] ** 2;
      p11 += p;
      p11sq += p * p;
      let tr = 0;
      let ti = 0;
      for (let i = 0; i < n; i++) {
        tr += U.re[i * n + i];
        ti += U.im[i * n + i];
      }
      tr2 += tr * tr + ti * ti;
      tr2sq += (tr * tr + ti * ti) ** 2;
    }
    expect(Math.abs(re11 / N)).toBeLessThan(5 * Math.sqrt(1 / (2 * n) / N));
    const seP = Math.sqrt((p11sq / N - (p11 / N) ** 2) / N);
    expect(Math.abs(p11 / N - 1 / n)).toBeLessThan(5 * seP);
    const seT = Math.sqrt((tr2sq / N - (tr2 / N) ** 2) / N);
    expect(Math.abs(tr2 / N - 1)).toBeLessThan(5 * seT);
  });

  it('detects a phase-biased construction: fixing the diagonal phases real positive moves E|tr U|² far from 1', () => {
    // The statistic above has teeth: the QR-without-phase-fix kind of bias is visible.
    const rng = createRng(3);
    const n = 3;
    let tr2 = 0;
    for (let k = 0; k < 2000; k++) {
      const U = haarUnitary(rng, n);
      let t = 0;
      for (let i = 0; i < n; i++) t += Math.hypot(U.re[i * n + i], U.im[i * n + i]);
      tr2 += t * t;
    }
    expect(tr2 / 2000).toBeGreaterThan(1.5);
  });

  it('is reproducible for a seed', () => {
    expect(Array.from(haarUnitary(createRng(4), 4).re)).toEqual(Array.from(haarUnitary(createRng(4), 4).re));
  });
});

describe('unitaryFromParameters', () => {
  it('gives exactly the identity at θ = 0', () => {
    const U = unitaryFromParameters(new Array(9).fill(0), 3);
    expect(normMax(sub(U, identity(3)))).toBe(0);
  });

  it('agrees with the Taylor series of exp(−iK) and is unitary', () => {
    const rng = createRng(5);
    for (let n = 1; n <= 4; n++) {
      const theta = Array.from({ length: n * n }, () => 2 * rng.uniform() - 1);
      const U = unitaryFromParameters(theta, n);
      expect(unitarity(U)).toBeLessThanOrEqual(TOL.unitary);
      // Rebuild K by hand from the documented layout.
      const K = zeros(n, n);
      let a = 0;
      for (let j = 0; j < n; j++) K.re[j * n + j] = theta[a++];
      for (let j = 0; j < n; j++) {
        for (let k = j + 1; k < n; k++) {
          K.re[j * n + k] = K.re[k * n + j] = theta[a++];
          K.im[j * n + k] = theta[a];
          K.im[k * n + j] = -theta[a++];
        }
      }
      expect(normMax(sub(U, expmTaylor(K)))).toBeLessThan(1e-12);
    }
  });

  it('rejects too few parameters with a QepInputError naming theta', () => {
    expect(() => unitaryFromParameters([0, 0, 0], 2)).toThrow(/^theta must be at least n² = 4 parameters/);
  });
});

describe('randomEnergyConservingUnitary', () => {
  it('gives unitaries commuting with H_S⊗1 + 1⊗H_E for resonant diagonal Hamiltonians (Eq. 16)', () => {
    const rng = createRng(6);
    for (let k = 0; k < 30; k++) {
      const dS = 2 + (k % 3);
      const dE = 2 + ((k >> 1) % 3);
      const hs = randomHamiltonian(rng, dS);
      const he = randomResonantEnvironment(rng, hs.energies, dE);
      const U = randomEnergyConservingUnitary(rng, hs.matrix, he.matrix);
      expect(unitarity(U)).toBeLessThanOrEqual(TOL.unitary);
      expect(commuteResidual(U, hTot(hs.matrix, he.matrix))).toBeLessThanOrEqual(TOL.commute);
    }
  });

  it('is zero between product states of different total energy (Eq. 17) and mixes different system levels inside a resonant block', () => {
    const ES = [0, 1, 2.5];
    const EE = [0, 1.5]; // 1.5 = E_2 − E_1: (1, 1) and (2, 0) are degenerate
    const U = randomEnergyConservingUnitary(createRng(7), ES, EE);
    const N = 6;
    const tot = (i: number) => ES[Math.floor(i / 2)] + EE[i % 2];
    let offBlock = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (tot(i) !== tot(j)) offBlock = Math.max(offBlock, Math.hypot(U.re[i * N + j], U.im[i * N + j]));
    expect(offBlock).toBe(0);
    // |2,0⟩ = index 4, |1,1⟩ = index 3: a Haar 2×2 block has |U_43| > 0 with probability one.
    expect(Math.hypot(U.re[4 * N + 3], U.im[4 * N + 3])).toBeGreaterThan(1e-6);
  });

  it('works in the eigenbases of non-diagonal Hamiltonians and rotates back', () => {
    const rng = createRng(8);
    for (let k = 0; k < 10; k++) {
      const hs = randomHamiltonian(rng, 3, { basis: 'random' });
      const he = randomResonantEnvironment(rng, hs.energies, 3);
      const HE = hermitianWithSpectrum(rng, he.energies);
      const U = randomEnergyConservingUnitary(rng, hs.matrix, HE);
      expect(unitarity(U)).toBeLessThanOrEqual(TOL.unitary);
      expect(commuteResidual(U, hTot(hs.matrix, HE))).toBeLessThanOrEqual(TOL.commute);
      // Non-trivial: U is not a function of H_tot alone (some block has size ≥ 2).
      const structure = totalEnergyBlocks(hs.matrix, HE);
      expect(structure.blocks.some((b) => b.length >= 2)).toBe(true);
    }
  });

  it('does not commute with H_tot when a block is made to straddle two energies (the check has teeth)', () => {
    const structure = totalEnergyBlocks([0, 1], [0, 2]); // energies 0, 2, 1, 3: all blocks of size 1
    const wrong = { ...structure, blocks: [[0, 1], [2], [3]] };
    const swap = { rows: 2, cols: 2, re: Float64Array.of(0, 1, 1, 0), im: new Float64Array(4) };
    const U = energyConservingUnitaryFromBlocks(wrong, [swap, identity(1), identity(1)]);
    expect(commuteResidual(U, hTot(fromDiagonal([0, 1]), fromDiagonal([0, 2])))).toBeGreaterThan(0.5);
  });

  it('is reproducible for a seed', () => {
    const a = randomEnergyConservingUnitary(createRng(9), [0, 1], [0, 1, 2]);
    const b = randomEnergyConservingUnitary(createRng(9), [0, 1], [0, 1, 2]);
    expect(Array.from(a.im)).toEqual(Array.from(b.im));
  });

  it('rejects a non-Hermitian H_S with a QepInputError naming HS', () => {
    const bad = { rows: 2, cols: 2, re: Float64Array.of(0, 1, 0, 1), im: new Float64Array(4) };
    expect(() => randomEnergyConservingUnitary(createRng(0), bad, [0, 1])).toThrow(QepInputError);
    expect(() => randomEnergyConservingUnitary(createRng(0), bad, [0, 1])).toThrow(/^HS must be Hermitian/);
  });
});
