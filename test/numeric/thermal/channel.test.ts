import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, fromDiagonal, fromReal, identity, kron, mul, normMax, sub, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import { hilbertSchmidtState } from '../../../src/numeric/random/index.js';
import {
  applyKraus,
  applyThermalOperation,
  coherenceFactors,
  coherenceFactorUnchecked,
  krausCompleteness,
  krausOperators,
  nonDegenerateBohrFrequencies,
  partialSwap,
  thermalOperation,
  transitionMatrix,
} from '../../../src/numeric/thermal/index.js';
import { rotatedThermalOperation } from './helpers.js';

/** Naive partial trace over E of a (dS·dE)-square matrix, by explicit index loops. */
function traceOutE(rho: CMatrix, dS: number, dE: number): CMatrix {
  const out = zeros(dS, dS);
  const N = dS * dE;
  for (let i = 0; i < dS; i++) {
    for (let j = 0; j < dS; j++) {
      for (let k = 0; k < dE; k++) {
        out.re[i * dS + j] += rho.re[(i * dE + k) * N + j * dE + k];
        out.im[i * dS + j] += rho.im[(i * dE + k) * N + j * dE + k];
      }
    }
  }
  return out;
}

/** A random thermal operation with non-diagonal H_S and H_E (rotated by Haar unitaries) and a resonant environment. */
function instance(seed: number, dS: number, dE: number, beta: number) {
  const { op, rng } = rotatedThermalOperation(seed, dS, dE, beta);
  return { op, rho: hilbertSchmidtState(rng, dS), rng };
}

/** ⟨a|A|b⟩ for columns a, b of V. */
function element(V: CMatrix, A: CMatrix, a: number, b: number): { re: number; im: number } {
  const n = A.rows;
  let re = 0;
  let im = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // conj(V_ia) A_ij V_jb
      const xr = V.re[i * n + a];
      const xi = -V.im[i * n + a];
      const yr = A.re[i * n + j] * V.re[j * n + b] - A.im[i * n + j] * V.im[j * n + b];
      const yi = A.re[i * n + j] * V.im[j * n + b] + A.im[i * n + j] * V.re[j * n + b];
      re += xr * yr - xi * yi;
      im += xr * yi + xi * yr;
    }
  }
  return { re, im };
}

describe('the Kraus operators of Eq. (18)', () => {
  for (const [dS, dE] of [
    [2, 2],
    [3, 4],
    [4, 5],
  ]) {
    it(`reproduce the partial trace of U(ρ_S ⊗ ρ_E^eq)U† for d_S = ${dS}, d_E = ${dE} with non-diagonal Hamiltonians`, () => {
      const { op, rho } = instance(100 + dS * 10 + dE, dS, dE, 0.8);
      const viaTrace = traceOutE(applyThermalOperation(op, rho), dS, dE);
      const viaKraus = applyKraus(krausOperators(op), rho);
      expect(normMax(sub(viaTrace, viaKraus))).toBeLessThan(1e-14);
    });

    it(`sum to the identity, Σ M†M = 1, and fix the Gibbs state (d_S = ${dS}, d_E = ${dE})`, () => {
      const { op } = instance(200 + dS * 10 + dE, dS, dE, 1.7);
      const kraus = krausOperators(op);
      expect(kraus.length).toBe(dE * dE);
      expect(normMax(sub(krausCompleteness(kraus), identity(dS)))).toBeLessThan(1e-14);
      const { values, vectors } = eigh(op.HS);
      const z = values.reduce((s, e) => s + Math.exp(-1.7 * e), 0);
      const gibbs = mul(mul(vectors, fromDiagonal(Array.from(values, (e) => Math.exp(-1.7 * e) / z))), adjoint(vectors));
      expect(normMax(sub(applyKraus(kraus, gibbs), gibbs))).toBeLessThan(1e-14);
    });
  }

  it('are written in the eigenbasis of H_S on request: ⟨m|M|n⟩ with |n⟩ the eigenvectors', () => {
    const { op } = instance(7, 3, 3, 1);
    const orig = krausOperators(op);
    const eig = krausOperators(op, true);
    const V = op.levelsS.basis as CMatrix;
    for (let k = 0; k < orig.length; k += 4) {
      const e = element(V, orig[k].M, 2, 0);
      expect(eig[k].M.re[2 * 3 + 0]).toBeCloseTo(e.re, 14);
      expect(eig[k].M.im[2 * 3 + 0]).toBeCloseTo(e.im, 14);
    }
  });
});

describe('the transition matrix Q of Eq. (19)', () => {
  it('equals Σ_µν |⟨m|M_µν|n⟩|² computed from the Kraus operators (two routes)', () => {
    const { op } = instance(31, 3, 4, 0.6);
    const Q = transitionMatrix(op);
    const kraus = krausOperators(op);
    const V = op.levelsS.basis as CMatrix;
    for (let m = 0; m < 3; m++) {
      for (let n = 0; n < 3; n++) {
        const ref = kraus.reduce((s, { M }) => {
          const e = element(V, M, m, n);
          return s + e.re * e.re + e.im * e.im;
        }, 0);
        expect(Q[m][n]).toBeCloseTo(ref, 14);
      }
    }
  });

  it('is column-stochastic and Gibbs-preserving, and maps populations p to p\' = Qp', () => {
    const { op, rho } = instance(32, 4, 3, 2.2);
    const Q = transitionMatrix(op);
    const E = op.levelsS.energies;
    const peq = Array.from(E, (e) => Math.exp(-2.2 * e));
    const z = peq.reduce((a, b) => a + b, 0);
    for (let n = 0; n < 4; n++) expect(Q.reduce((s, row) => s + row[n], 0)).toBeCloseTo(1, 14);
    for (let m = 0; m < 4; m++) expect(Q[m].reduce((s, x, n) => s + (x * peq[n]) / z, 0)).toBeCloseTo(peq[m] / z, 14);
    const V = op.levelsS.basis as CMatrix;
    const after = applyKraus(krausOperators(op), rho);
    const p = Array.from({ length: 4 }, (_, n) => element(V, rho, n, n).re);
    for (let m = 0; m < 4; m++) expect(element(V, after, m, m).re).toBeCloseTo(Q[m].reduce((s, x, n) => s + x * p[n], 0), 14);
  });

  it('has the closed form Q(1|0) = q_1 sin²θ, Q(0|1) = q_0 sin²θ for the partial swap of resonant qubits', () => {
    const theta = 0.6;
    const beta = 0.9;
    const m = partialSwap({ theta });
    const Q = transitionMatrix(thermalOperation(m.HS, m.HE, beta, m.U));
    const q1 = Math.exp(-beta) / (1 + Math.exp(-beta));
    expect(Q[1][0]).toBeCloseTo(q1 * Math.sin(theta) ** 2, 15);
    expect(Q[0][1]).toBeCloseTo((1 - q1) * Math.sin(theta) ** 2, 15);
  });
});

describe('the coherence factors α of Eq. (20)', () => {
  it('are cos θ for the partial swap of resonant qubits, at every temperature', () => {
    for (const beta of [0, 1, 50]) {
      const m = partialSwap({ theta: 1.1 });
      const a = coherenceFactors(thermalOperation(m.HS, m.HE, beta, m.U));
      expect(a[0][0]).toBeNull();
      expect(a[0][1]?.re).toBeCloseTo(Math.cos(1.1), 15);
      expect(a[0][1]?.im).toBeCloseTo(0, 15);
    }
  });

  it('give ρ\'_nm = α_nm ρ_nm for non-degenerate Bohr frequencies, and α_mn = conj(α_nm)', () => {
    const { op, rho } = instance(41, 4, 4, 0.7);
    const a = coherenceFactors(op);
    const V = op.levelsS.basis as CMatrix;
    const after = applyKraus(krausOperators(op), rho);
    let checked = 0;
    for (let n = 0; n < 4; n++) {
      for (let m = 0; m < 4; m++) {
        const x = a[n][m];
        if (x === null) continue;
        checked++;
        const r = element(V, rho, n, m);
        const r1 = element(V, after, n, m);
        expect(r1.re).toBeCloseTo(x.re * r.re - x.im * r.im, 14);
        expect(r1.im).toBeCloseTo(x.re * r.im + x.im * r.re, 14);
        expect(a[m][n]?.re).toBeCloseTo(x.re, 15);
        expect(a[m][n]?.im).toBeCloseTo(-x.im, 15);
      }
    }
    expect(checked).toBe(12);
  });

  it('equal Σ_µν ⟨n|M_µν|n⟩⟨m|M_µν†|m⟩ from the Kraus operators (two routes)', () => {
    const { op } = instance(42, 3, 3, 1.3);
    const kraus = krausOperators(op);
    const V = op.levelsS.basis as CMatrix;
    const ref = kraus.reduce(
      (s, { M }) => {
        const a = element(V, M, 0, 0);
        const b = element(V, M, 2, 2);
        return { re: s.re + a.re * b.re + a.im * b.im, im: s.im + a.im * b.re - a.re * b.im };
      },
      { re: 0, im: 0 },
    );
    const x = coherenceFactorUnchecked(op, 0, 2);
    expect(x.re).toBeCloseTo(ref.re, 14);
    expect(x.im).toBeCloseTo(ref.im, 14);
  });

  it('are null where Bohr frequencies are shared: equally spaced levels keep only α_02 and α_20', () => {
    expect(nonDegenerateBohrFrequencies([0, 0.5, 1])).toEqual([
      [false, false, true],
      [false, false, false],
      [true, false, false],
    ]);
    expect(nonDegenerateBohrFrequencies([0, 0, 1])).toEqual([
      [false, false, false],
      [false, false, false],
      [false, false, false],
    ]);
    expect(nonDegenerateBohrFrequencies([0, 0.3, 1]).flat().filter(Boolean).length).toBe(6);
    const op = thermalOperation(fromDiagonal([0, 0.5, 1]), fromDiagonal([0, 0.5]), 1, identity(6));
    const a = coherenceFactors(op);
    expect(a[0][2]).toEqual({ re: 1, im: 0 });
    expect(a[0][1]).toBeNull();
  });

  it('obey the bound |α_nm|² ≤ Q(n|n) Q(m|m) of Eq. (21) on a random instance', () => {
    const { op } = instance(43, 4, 5, 0.4);
    const a = coherenceFactors(op);
    const Q = transitionMatrix(op);
    for (let n = 0; n < 4; n++) {
      for (let m = 0; m < 4; m++) {
        const x = a[n][m];
        if (x) expect(x.re ** 2 + x.im ** 2).toBeLessThanOrEqual(Q[n][n] * Q[m][m] + 1e-15);
      }
    }
  });
});

describe('thermal operations with diagonal inputs in a non-ascending order', () => {
  it('index Q by the given order of a diagonal H_S and keep states in the input basis', () => {
    // H_S = diag(1, 0): level 0 is the excited one.
    const HS = fromDiagonal([1, 0]);
    const m = partialSwap({ theta: 0.5 });
    // Swap the roles of |0⟩ and |1⟩ of S in U: U' = (X ⊗ 1) U (X ⊗ 1).
    const X = fromReal([
      [0, 1],
      [1, 0],
    ]);
    const XX = kron(X, identity(2));
    const U = mul(mul(XX, m.U), XX);
    const op = thermalOperation(HS, m.HE, 1, U);
    const Q = transitionMatrix(op);
    const q1 = Math.exp(-1) / (1 + Math.exp(-1));
    expect(Q[0][1]).toBeCloseTo(q1 * Math.sin(0.5) ** 2, 15); // ground (index 1) → excited (index 0)
  });
});
