import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, kron, mul, sub, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import {
  dephase,
  energyLevels,
  gibbsPopulations,
  gibbsState,
  klDivergenceToGibbs,
  partialTrace,
  populationsIn,
  relativeEntropy,
  relativeEntropyOfCoherence,
  relativeEntropyToGibbs,
  vonNeumannEntropy,
} from '../../../src/numeric/quantum/index.js';

// Engine-level properties. Tolerances are stated in units of ε·scale:
// every quantity here is O(1) and computed through O(n³) stable kernels.
const TOL = 1e-11;
const SEED = 20261125;
const RUNS = 150;

/** A d×d density matrix G G†/tr from bounded doubles; rank ≤ `rank` (shrinks toward small d and entries). */
const arbState = (dMin = 2, dMax = 5) =>
  fc.integer({ min: dMin, max: dMax }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      rank: fc.integer({ min: 1, max: d }),
      g: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2 * d * d, maxLength: 2 * d * d }),
    }),
  ).map(({ d, rank, g }) => ginibreState(d, rank, g));

function ginibreState(d: number, rank: number, g: number[]): CMatrix {
  const G = zeros(d, rank);
  for (let i = 0; i < d; i++) for (let k = 0; k < rank; k++) {
    G.re[i * rank + k] = g[2 * (i * d + k)];
    G.im[i * rank + k] = g[2 * (i * d + k) + 1];
  }
  const R = mul(G, adjoint(G));
  let t = 0;
  for (let i = 0; i < d; i++) t += R.re[i * d + i];
  if (t < 1e-6) { const P = zeros(d); P.re[0] = 1; return P; }
  for (let k = 0; k < R.re.length; k++) { R.re[k] /= t; R.im[k] /= t; }
  return R;
}

function hermitian(d: number, h: number[]): CMatrix {
  const H = zeros(d);
  let k = 0;
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) {
    const r = h[k++] ?? 0;
    const m = i === j ? 0 : h[k++] ?? 0;
    H.re[i * d + j] = r; H.re[j * d + i] = r; H.im[i * d + j] = m; H.im[j * d + i] = -m;
  }
  return H;
}
const arbHermitianFor = (d: number) => fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d * d, maxLength: d * d }).map((h) => hermitian(d, h));
const arbStateAndUnitary = arbState().chain((rho) => arbHermitianFor(rho.rows).map((K) => ({ rho, U: eigh(K).vectors })));
const conj = (U: CMatrix, A: CMatrix) => mul(mul(U, A), adjoint(U));
const trNorm = (A: CMatrix) => eigh(A).values.reduce((s, x) => s + Math.abs(x), 0);
const opts = { seed: SEED, numRuns: RUNS };

describe('entropy properties on random states', () => {
  it('entropies are invariant under unitaries: S(UρU†) = S(ρ), S(UρU†‖UσU†) = S(ρ‖σ)', () => {
    fc.assert(fc.property(arbStateAndUnitary, arbState(), ({ rho, U }, s0) => {
      const sigma = s0.rows === rho.rows ? s0 : ginibreState(rho.rows, rho.rows, Array(2 * rho.rows ** 2).fill(0.3));
      expect(Math.abs(vonNeumannEntropy(conj(U, rho)) - vonNeumannEntropy(rho))).toBeLessThan(TOL);
      const a = relativeEntropy(rho, sigma);
      const b = relativeEntropy(conj(U, rho), conj(U, sigma));
      if (Number.isFinite(a) && a < 30) expect(Math.abs(a - b)).toBeLessThan(1e-9 * Math.max(1, a));
    }), opts);
  });

  it("Klein's inequality: S(ρ‖σ) ≥ 0, and S(ρ‖ρ) = 0", () => {
    fc.assert(fc.property(arbState(), arbState(), (rho, s0) => {
      if (s0.rows !== rho.rows) return;
      expect(relativeEntropy(rho, s0)).toBeGreaterThanOrEqual(0);
      expect(relativeEntropy(rho, rho)).toBeLessThan(1e-10);
    }), opts);
  });

  it('subadditivity and Araki–Lieb: |S_A − S_B| ≤ S_AB ≤ S_A + S_B', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 162, maxLength: 162 }), fc.integer({ min: 1, max: 9 }), (dA, dB, g, r) => {
      const d = dA * dB;
      const rho = ginibreState(d, Math.min(r, d), g);
      const sAB = vonNeumannEntropy(rho);
      const sA = vonNeumannEntropy(partialTrace(rho, [dA, dB], [0]));
      const sB = vonNeumannEntropy(partialTrace(rho, [dA, dB], [1]));
      expect(sAB).toBeLessThanOrEqual(sA + sB + TOL);
      expect(Math.abs(sA - sB)).toBeLessThanOrEqual(sAB + TOL);
    }), opts);
  });

  it('data processing under partial trace: S(ρ_A‖σ_A) ≤ S(ρ_AB‖σ_AB)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 72, maxLength: 72 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 72, maxLength: 72 }), fc.integer({ min: 1, max: 6 }), (g1, g2, r) => {
      const rho = ginibreState(6, r, g1);
      const sigma = ginibreState(6, 6, g2);
      const whole = relativeEntropy(rho, sigma);
      const part = relativeEntropy(partialTrace(rho, [2, 3], [0]), partialTrace(sigma, [2, 3], [0]));
      expect(part).toBeLessThanOrEqual(whole + 1e-9 * Math.max(1, whole));
    }), opts);
  });
});

describe('coherence and the Eq. 9 split', () => {
  it('C_H(ρ) = S(ρ‖Δ_H ρ) ≥ ½‖ρ − Δ_H ρ‖₁² (Pinsker), so C_H = 0 iff Δ_H ρ = ρ; and C_H(Δ_H ρ) = 0', () => {
    fc.assert(fc.property(arbState().chain((rho) => arbHermitianFor(rho.rows).map((H) => ({ rho, H }))), ({ rho, H }) => {
      const c = relativeEntropyOfCoherence(rho, H);
      const d = dephase(rho, H);
      expect(c).toBeGreaterThanOrEqual(0);
      const srel = relativeEntropy(rho, d);
      if (Number.isFinite(srel)) expect(Math.abs(c - srel)).toBeLessThan(1e-9);
      expect(c).toBeGreaterThanOrEqual(0.5 * trNorm(sub(rho, d)) ** 2 - 1e-10);
      expect(relativeEntropyOfCoherence(d, H)).toBeLessThan(1e-10);
    }), opts);
  });

  const arbEq9 = arbState().chain((rho) =>
    fc.record({ rho: fc.constant(rho), H: arbHermitianFor(rho.rows), beta: fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), fc.constantFrom(0, 50)) }),
  );
  // Eq. 9 reads S(p‖p_eq) with p the populations in H's eigenbasis: that needs a non-degenerate H
  // (inside a degenerate level the eigenbasis, hence p, is arbitrary). For a degenerate H the
  // statement that holds is the block form S(ρ‖ρ_eq) = S(Δ_H ρ‖ρ_eq) + C_H(ρ); both are checked.
  const eq9Residual = (sign: 1 | -1) => ({ rho, H, beta }: { rho: CMatrix; H: CMatrix; beta: number }) => {
    const lv = energyLevels(H);
    const lhs = relativeEntropyToGibbs(rho, H, beta);
    const nondegenerate = lv.blocks.length === rho.rows;
    const pop = nondegenerate ? klDivergenceToGibbs(populationsIn(rho, lv.basis), lv.energies, beta) : relativeEntropyToGibbs(dephase(rho, H), H, beta);
    const rhs = pop + sign * relativeEntropyOfCoherence(rho, H);
    if (!Number.isFinite(lhs) || !Number.isFinite(rhs)) return lhs === rhs ? 0 : Infinity;
    return Math.abs(lhs - rhs) / Math.max(1, Math.abs(lhs));
  };

  it('Eq. 9: S(ρ‖ρ_eq) = S(p‖p_eq) + C(ρ) for random H, β and ρ (pure and rank-deficient included; block form for degenerate H)', () => {
    fc.assert(fc.property(arbEq9, (x) => eq9Residual(1)(x) < 1e-9), opts);
  });

  it('the generic S(ρ‖σ) agrees with the Gibbs closed form within its conditioning bound 8nε Σ_n p_n/p_eq,n', () => {
    fc.assert(fc.property(arbEq9, ({ rho, H, beta }) => {
      const lv = energyLevels(H);
      const p = populationsIn(rho, lv.basis);
      const q = gibbsPopulations(lv.energies, beta);
      let cond = 0;
      for (let i = 0; i < p.length; i++) cond += Math.max(p[i], 0) / Math.max(q[i], Number.MIN_VALUE);
      const exact = relativeEntropyToGibbs(rho, H, beta);
      const generic = relativeEntropy(rho, gibbsState(H, beta));
      if (!Number.isFinite(generic)) return; // q below TOL.zeroEigenvalue: the generic route sees a support mismatch
      expect(Math.abs(generic - exact)).toBeLessThanOrEqual(1e-10 * Math.max(1, exact) + 8 * rho.rows * 2.22e-16 * cond);
    }), opts);
  });

  it('the property has teeth: Eq. 9 with the coherence term subtracted is refuted', () => {
    const r = fc.check(fc.property(arbEq9, (x) => eq9Residual(-1)(x) < 1e-9), opts);
    expect(r.failed).toBe(true);
  });

  it('Klein has teeth: the wrong order S(σ‖ρ) ≤ S(ρ‖σ) is refuted', () => {
    const r = fc.check(fc.property(arbState(2, 2), arbState(2, 2), (a, b) => relativeEntropy(b, a) <= relativeEntropy(a, b) + 1e-12), opts);
    expect(r.failed).toBe(true);
  });
});

describe('composite-system conventions', () => {
  it('kron orders S then E and partial trace inverts it on product states', () => {
    fc.assert(fc.property(arbState(2, 3), arbState(2, 3), (a, b) => {
      const ab = kron(a, b);
      const back = partialTrace(ab, [a.rows, b.rows], [0]);
      let m = 0;
      for (let k = 0; k < back.re.length; k++) m = Math.max(m, Math.abs(back.re[k] - a.re[k]) + Math.abs(back.im[k] - a.im[k]));
      expect(m).toBeLessThan(1e-14);
    }), opts);
  });
});

describe('populationsIn', () => {
  it('writes the same populations into a given array as it returns without one (a basis, and the computational basis)', () => {
    fc.assert(fc.property(arbStateAndUnitary, ({ rho, U }) => {
      for (const b of [U, null]) {
        const out = new Float64Array(rho.rows).fill(7);
        expect(populationsIn(rho, b, out)).toBe(out);
        expect(Array.from(out)).toEqual(Array.from(populationsIn(rho, b)));
      }
    }), opts);
  });
});
