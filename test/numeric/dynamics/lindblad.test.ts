import { describe, expect, it } from 'vitest';
import { type CMatrix, adjoint, fromReal, kron, mul, normMax, sub, trace, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { applyLindbladian, lindbladian, liouvillian, unvec, vec } from '../../../src/numeric/dynamics/lindblad.js';
import { propagateExact, propagateRK45 } from '../../../src/numeric/dynamics/propagate.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import { createRng, ginibre, hermitianWithSpectrum, hilbertSchmidtState } from '../../../src/numeric/random/index.js';
import { transpose } from '../linalg/helpers.js';

function randomLindbladian(seed: number, d: number, k: number) {
  const rng = createRng(seed);
  const H = hermitianWithSpectrum(rng, Array.from({ length: d }, () => rng.normal()));
  const jumps = Array.from({ length: k }, () => ({ L: ginibre(rng, d), rate: rng.uniform() }));
  return { gen: lindbladian(H, jumps), rng };
}

/** Naive reference: the dissipator written term by term, as in Eq. 2. */
function naiveLindblad(H: CMatrix, jumps: { L: CMatrix; rate: number }[], rho: CMatrix): CMatrix {
  const comm = sub(mul(H, rho), mul(rho, H));
  const out = zeros(rho.rows, rho.cols);
  for (let k = 0; k < out.re.length; k++) {
    out.re[k] = comm.im[k];
    out.im[k] = -comm.re[k];
  }
  for (const { L, rate } of jumps) {
    const LdL = mul(adjoint(L), L);
    const jump = mul(mul(L, rho), adjoint(L));
    const left = mul(LdL, rho);
    const right = mul(rho, LdL);
    for (let k = 0; k < out.re.length; k++) {
      out.re[k] += rate * (jump.re[k] - 0.5 * left.re[k] - 0.5 * right.re[k]);
      out.im[k] += rate * (jump.im[k] - 0.5 * left.im[k] - 0.5 * right.im[k]);
    }
  }
  return out;
}

describe('row-major vectorisation', () => {
  it('satisfies vec(A X B) = (A ⊗ Bᵀ) vec(X) on random complex matrices', () => {
    const rng = createRng(11);
    for (const d of [1, 2, 3, 5]) {
      const [A, X, B] = [ginibre(rng, d), ginibre(rng, d), ginibre(rng, d)];
      const lhs = vec(mul(mul(A, X), B));
      const rhs = mul(kron(A, transpose(B)), vec(X));
      expect(normMax(sub(lhs, rhs))).toBeLessThan(1e-13);
      expect(normMax(sub(unvec(vec(X), d), X))).toBe(0);
    }
  });
});

describe('the generic Lindblad generator (Eq. 2)', () => {
  it('agrees with a naive term-by-term reference, in action and as a superoperator', () => {
    for (const [seed, d, k] of [[1, 2, 1], [2, 3, 2], [3, 4, 3]] as const) {
      const { gen, rng } = randomLindbladian(seed, d, k);
      const rho = hilbertSchmidtState(rng, d);
      const ref = naiveLindblad(gen.H, gen.jumps as { L: CMatrix; rate: number }[], rho);
      expect(normMax(sub(applyLindbladian(gen, rho), ref))).toBeLessThan(1e-12);
      expect(normMax(sub(unvec(mul(liouvillian(gen), vec(rho)), d), ref))).toBeLessThan(1e-12);
    }
  });

  it('preserves trace and Hermiticity: tr L(ρ) = 0 and L(ρ)† = L(ρ)', () => {
    const { gen, rng } = randomLindbladian(7, 4, 3);
    const rho = hilbertSchmidtState(rng, 4);
    const r = applyLindbladian(gen, rho);
    expect(Math.abs(trace(r).re) + Math.abs(trace(r).im)).toBeLessThan(1e-13);
    expect(normMax(sub(r, adjoint(r)))).toBeLessThan(1e-13);
  });

  it('rejects a non-Hermitian H, a wrongly sized jump and a negative rate, naming the field', () => {
    const H = fromReal([[0, 1], [0, 0]]);
    expect(() => lindbladian(H, [])).toThrowError(/^H must be Hermitian/);
    const H2 = fromReal([[0, 0], [0, 1]]);
    expect(() => lindbladian(H2, [{ L: zeros(3, 3), rate: 1 }])).toThrowError(/^jumps\[0\]\.L must be a 2x2/);
    expect(() => lindbladian(H2, [{ L: zeros(2, 2), rate: -1 }])).toThrow(QepInputError);
    expect(() => lindbladian(H2, [{ L: zeros(2, 2), rate: NaN }])).toThrowError(/^jumps\[0\]\.rate must be finite/);
  });
});

describe('generic propagation', () => {
  // Qubit amplitude damping with H = ω|1⟩⟨1|, L = |0⟩⟨1| at rate γ: closed form
  // ρ_11(t) = e^{−γt} ρ_11(0), ρ_10(t) = e^{−(iω + γ/2)t} ρ_10(0).
  const omega = 1.3;
  const g = 0.7;
  const gen = lindbladian(fromReal([[0, 0], [0, omega]]), [{ L: fromReal([[0, 1], [0, 0]]), rate: g }]);
  const rho0 = fromReal([[0.25, 0.3], [0.3, 0.75]], [[0, -0.2], [0.2, 0]]);
  const times = [0, 0.1, 0.5, 1, 2.5, 7];
  const exact = (t: number) => {
    const p1 = 0.75 * Math.exp(-g * t);
    const amp = Math.exp(-0.5 * g * t);
    // ρ_10(0) = 0.3 + 0.2i, times e^{−iωt}
    const c = Math.cos(omega * t);
    const s = Math.sin(omega * t);
    const r10 = { re: amp * (0.3 * c + 0.2 * s), im: amp * (0.2 * c - 0.3 * s) };
    return fromReal([[1 - p1, r10.re], [r10.re, p1]], [[0, -r10.im], [r10.im, 0]]);
  };

  it('matches the amplitude-damping closed form with the matrix exponential to 1e-13', () => {
    propagateExact(gen, rho0, times).forEach((rho, k) => expect(normMax(sub(rho, exact(times[k])))).toBeLessThan(1e-13));
  });

  it('matches the closed form with Dormand–Prince within its tolerance', () => {
    propagateRK45(gen, rho0, times, { rtol: 1e-11, atol: 1e-13 }).forEach((rho, k) => expect(normMax(sub(rho, exact(times[k])))).toBeLessThan(1e-9));
  });

  it('agrees between the exact and the Runge–Kutta routes on a random 4-level generator', () => {
    const { gen: G, rng } = randomLindbladian(5, 4, 4);
    const r0 = hilbertSchmidtState(rng, 4);
    const ts = [0.3, 0.9, 2];
    const a = propagateExact(G, r0, ts);
    const b = propagateRK45(G, r0, ts, { rtol: 1e-11, atol: 1e-13 });
    a.forEach((x, k) => expect(normMax(sub(x, b[k]))).toBeLessThan(1e-8));
  });

  it('rejects descending, negative or non-finite times', () => {
    expect(() => propagateExact(gen, rho0, [1, 0.5])).toThrowError(/^times must be ascending/);
    expect(() => propagateRK45(gen, rho0, [-1])).toThrowError(/^times\[0\] must be a finite number ≥ 0/);
    expect(() => propagateExact(gen, rho0, [Infinity])).toThrow(QepInputError);
  });
});
