import { describe, expect, it } from 'vitest';
import { QepInputError } from '../../../src/numeric/errors.js';
import { type CMatrix, fromDiagonal, fromReal, identity, zeros } from '../../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../../src/numeric/linalg/eigh.js';
import {
  createRng,
  hilbertSchmidtState,
  randomEnergyConservingUnitary,
  randomHamiltonian,
  randomPureState,
  randomResonantEnvironment,
  randomStateOfRank,
} from '../../../src/numeric/random/index.js';
import {
  type TrajectoryInput,
  enumerateTrajectories,
  entropyProductionParts,
  exactTrajectoryMeans,
  meanExpMinusSigma,
} from '../../../src/numeric/trajectories/index.js';

// ------------------------------------------------------------------ a naive reference, kept here
// Plain loops over computational indices, nested arrays, no partial trace or Kronecker helpers.
type C = [number, number];
const cm = (A: CMatrix, i: number, j: number): C => [A.re[i * A.cols + j], A.im[i * A.cols + j]];
const mulC = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const conj = (a: C): C => [a[0], -a[1]];
const abs2 = (a: C): number => a[0] * a[0] + a[1] * a[1];

function naiveMeans(input: TrajectoryInput & { HS: CMatrix; HE: CMatrix }): Record<string, number> {
  const dS = input.rhoS.rows;
  const dE = input.HE.rows;
  const { beta, U, rhoS } = input;
  const hs = eigh(input.HS);
  const he = eigh(input.HE);
  const emin = Math.min(...he.values);
  const w = Array.from(he.values, (e) => Math.exp(-beta * (e - emin)));
  const z = w.reduce((a, b) => a + b, 0);
  const q = w.map((x) => x / z);
  // ρ_E in the computational basis
  const rhoE = (i: number, j: number): C => {
    let s: C = [0, 0];
    for (let k = 0; k < dE; k++) {
      const t = mulC(cm(he.vectors, i, k), conj(cm(he.vectors, j, k)));
      s = [s[0] + q[k] * t[0], s[1] + q[k] * t[1]];
    }
    return s;
  };
  // ρ'_S[s1][s2] = Σ U[(s1,e),(a,b)] ρ_S[a][c] ρ_E[b][d] conj U[(s2,e),(c,dd)]
  const rhoF = zeros(dS, dS);
  for (let s1 = 0; s1 < dS; s1++) {
    for (let s2 = 0; s2 < dS; s2++) {
      let acc: C = [0, 0];
      for (let e = 0; e < dE; e++) {
        for (let a = 0; a < dS; a++) {
          for (let b = 0; b < dE; b++) {
            for (let c = 0; c < dS; c++) {
              for (let d = 0; d < dE; d++) {
                const t = mulC(mulC(cm(U, s1 * dE + e, a * dE + b), mulC(cm(rhoS, a, c), rhoE(b, d))), conj(cm(U, s2 * dE + e, c * dE + d)));
                acc = [acc[0] + t[0], acc[1] + t[1]];
              }
            }
          }
        }
      }
      rhoF.re[s1 * dS + s2] = acc[0];
      rhoF.im[s1 * dS + s2] = acc[1];
    }
  }
  const ei = eigh(rhoS);
  const ef = eigh(rhoF);
  const pop = (rho: CMatrix, n: number): number => {
    let s = 0;
    for (let i = 0; i < dS; i++) for (let j = 0; j < dS; j++) s += mulC(mulC(conj(cm(hs.vectors, i, n)), cm(rho, i, j)), cm(hs.vectors, j, n))[0];
    return s;
  };
  const pn = Array.from({ length: dS }, (_, n) => pop(rhoS, n));
  const pm = Array.from({ length: dS }, (_, m) => pop(rhoF, m));
  const ov = (V: CMatrix, n: number, a: number): number => {
    let s: C = [0, 0];
    for (let i = 0; i < dS; i++) {
      const t = mulC(conj(cm(hs.vectors, i, n)), cm(V, i, a));
      s = [s[0] + t[0], s[1] + t[1]];
    }
    return abs2(s);
  };
  const zero = 1e-12;
  const out = { mean_exp_minus_sigma: 0, mean_sigma: 0, mean_sigma_d: 0, mean_xi: 0, mean_exp_minus_sigma_d: 0 };
  for (let al = 0; al < dS; al++) {
    const pa = ei.values[al];
    if (pa <= zero) continue;
    for (let mu = 0; mu < dE; mu++) {
      for (let be = 0; be < dS; be++) {
        const pb = ef.values[be];
        if (pb <= zero) continue;
        for (let nu = 0; nu < dE; nu++) {
          // ⟨ψ'_β, ν|U|ψ_α, µ⟩ = Σ conj(ψ'_β[s] ν[e]) U[(s,e),(s',e')] ψ_α[s'] µ[e']
          let amp: C = [0, 0];
          for (let s = 0; s < dS; s++) {
            for (let e = 0; e < dE; e++) {
              for (let s2 = 0; s2 < dS; s2++) {
                for (let e2 = 0; e2 < dE; e2++) {
                  const left = conj(mulC(cm(ef.vectors, s, be), cm(he.vectors, e, nu)));
                  const right = mulC(cm(ei.vectors, s2, al), cm(he.vectors, e2, mu));
                  const t = mulC(mulC(left, cm(U, s * dE + e, s2 * dE + e2)), right);
                  amp = [amp[0] + t[0], amp[1] + t[1]];
                }
              }
            }
          }
          const T = abs2(amp);
          if (T === 0) continue;
          const PF = T * pa * q[mu];
          const sigma = Math.log((pa * q[mu]) / (pb * q[nu]));
          out.mean_sigma += PF * sigma;
          out.mean_exp_minus_sigma += PF * Math.exp(-sigma);
          for (let n = 0; n < dS; n++) {
            if (pn[n] <= zero) continue;
            for (let m = 0; m < dS; m++) {
              if (pm[m] <= zero) continue;
              const P = PF * ov(ei.vectors, n, al) * ov(ef.vectors, m, be);
              const sd = Math.log((pn[n] * q[mu]) / (pm[m] * q[nu]));
              out.mean_sigma_d += P * sd;
              out.mean_xi += P * Math.log((pa * pm[m]) / (pb * pn[n]));
              out.mean_exp_minus_sigma_d += P * Math.exp(-sd);
            }
          }
        }
      }
    }
  }
  return out;
}

/** A random thermal operation from the seeded generators (non-diagonal H_S half of the time). */
function randomInstance(seed: number, dS: number, dE: number, state: 'mixed' | 'pure' | 'rank2'): TrajectoryInput & { HS: CMatrix; HE: CMatrix } {
  const rng = createRng(seed);
  const HS = randomHamiltonian(rng, dS, { basis: seed % 2 === 0 ? 'random' : 'diagonal' });
  const HE = randomResonantEnvironment(rng, HS.energies, dE);
  const U = randomEnergyConservingUnitary(rng, HS.matrix, HE.matrix);
  const rhoS = state === 'mixed' ? hilbertSchmidtState(rng, dS) : state === 'pure' ? randomPureState(rng, dS) : randomStateOfRank(rng, dS, 2);
  return { HS: HS.matrix, HE: HE.matrix, beta: 0.2 + 2 * rng.uniform(), rhoS, U };
}

const cases: [number, number, number, 'mixed' | 'pure' | 'rank2'][] = [
  [1, 2, 2, 'mixed'],
  [2, 2, 3, 'pure'],
  [3, 3, 2, 'mixed'],
  [4, 3, 3, 'rank2'],
  [5, 3, 4, 'pure'],
  [6, 2, 4, 'mixed'],
];

describe('exact enumeration of the trajectories (Eqs. 35–44)', () => {
  it.each(cases)('agrees with a naive loop-by-loop reference (seed %i, d_S = %i, d_E = %i, %s ρ_S)', (seed, dS, dE, state) => {
    const input = randomInstance(seed, dS, dE, state);
    const got = exactTrajectoryMeans(input) as unknown as Record<string, number>;
    const ref = naiveMeans(input);
    for (const k of Object.keys(ref)) expect(Math.abs(got[k] - ref[k]), k).toBeLessThan(1e-11);
  });

  it('gives ⟨σ⟩ = KL(p‖q) and ⟨e^{−σ}⟩ = 1 for a full swap of resonant qubits and a diagonal ρ_S (closed form)', () => {
    // |a, b⟩ → |b, a⟩ swaps S and E; then ρ'_S = ρ_E^eq and σ = ln(p_α/q_α) on every path.
    const swap = fromReal([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    const p = [0.3, 0.7];
    const beta = 0.8;
    const q = [1 / (1 + Math.exp(-beta)), Math.exp(-beta) / (1 + Math.exp(-beta))];
    const e = enumerateTrajectories({ HS: [0, 1], HE: [0, 1], beta, rhoS: fromDiagonal(p), U: swap });
    const kl = p[0] * Math.log(p[0] / q[0]) + p[1] * Math.log(p[1] / q[1]);
    expect(e.means.mean_sigma).toBeCloseTo(kl, 14);
    expect(e.parts.Sigma).toBeCloseTo(kl, 14);
    expect(e.means.mean_exp_minus_sigma).toBeCloseTo(1, 14);
    expect(e.means.mean_exp_minus_sigma_d).toBeCloseTo(1, 14);
    expect(e.means.mean_xi).toBeCloseTo(0, 14);
    expect(e.rhoSFinal.re[0]).toBeCloseTo(q[0], 14);
  });

  it('gives ⟨e^{−σ_d}⟩ = Σ_α p_α (Σ_n |⟨n|ψ_α⟩|²/p_n)(Σ_m |⟨m|ψ_α⟩|² p_m) ≠ 1 for U = 1 and a coherent ρ_S (closed form)', () => {
    const rhoS = fromReal([
      [0.4, 0.2],
      [0.2, 0.6],
    ]);
    const e = enumerateTrajectories({ HS: [0, 1], HE: [0, 1], beta: 1, rhoS, U: identity(4) });
    const { values: p, vectors: V } = eigh(rhoS);
    const pn = [0.4, 0.6];
    let expected = 0;
    for (let a = 0; a < 2; a++) {
      const c = [V.re[a] ** 2, V.re[2 + a] ** 2];
      expected += p[a] * (c[0] / pn[0] + c[1] / pn[1]) * (c[0] * pn[0] + c[1] * pn[1]);
    }
    expect(e.means.mean_exp_minus_sigma_d).toBeCloseTo(expected, 13);
    expect(expected).toBeGreaterThan(1.001);
    // Nothing happens: no entropy production, and the full fluctuation theorem holds.
    expect(e.means.mean_sigma).toBeCloseTo(0, 13);
    expect(e.means.mean_sigma_d).toBeCloseTo(0, 13);
    expect(e.means.mean_xi).toBeCloseTo(0, 13);
    expect(e.means.mean_exp_minus_sigma).toBeCloseTo(1, 13);
  });

  it('skips the zero-probability paths of a pure ρ_S: every value is finite, no path starts from the kernel, and ⟨e^{−σ}⟩ < 1', () => {
    const input = randomInstance(11, 3, 3, 'pure');
    const e = enumerateTrajectories(input);
    const all = [
      ...e.forward.sigma,
      ...e.forward.PF,
      ...e.forward.PB,
      ...e.augmented.sigma,
      ...e.augmented.sigmaD,
      ...e.augmented.xi,
      ...e.augmented.P,
      ...Object.values(e.means),
      ...Object.values(e.secondMoments),
    ];
    expect(all.every((x) => Number.isFinite(x))).toBe(true);
    for (const a of e.forward.alpha) expect(e.p[a]).toBeGreaterThan(1e-12);
    for (const b of e.forward.beta) expect(e.pFinal[b]).toBeGreaterThan(1e-12);
    expect(e.forward.count).toBeLessThan(3 * 3 * 3 * 3);
    expect(e.totals.forward).toBeCloseTo(1, 12);
    expect(e.totals.backward).toBeCloseTo(1, 12);
    expect(e.means.mean_exp_minus_sigma).toBeLessThan(1 - 1e-3);
    expect(e.means.mean_exp_minus_sigma).toBeCloseTo(e.forward.PB.reduce((s, x) => s + x, 0), 14);
  });

  it('meanExpMinusSigma is Σ_{P_F>0} P_F e^{−σ} = Σ_{P_F>0} P_B (Eq. 40): 1 for full-rank ρ_S, below 1 for a pure one', () => {
    for (const [seed, state] of [
      [21, 'mixed'],
      [22, 'pure'],
    ] as const) {
      const f = enumerateTrajectories(randomInstance(seed, 3, 3, state)).forward;
      let direct = 0;
      for (let k = 0; k < f.count; k++) direct += f.PF[k] * Math.exp(-f.sigma[k]);
      expect(Math.abs(meanExpMinusSigma(f) - direct)).toBeLessThan(1e-13);
      if (state === 'mixed') expect(Math.abs(meanExpMinusSigma(f) - 1)).toBeLessThan(1e-12);
      else expect(meanExpMinusSigma(f)).toBeLessThan(1 - 1e-3);
    }
  });

  it('stays finite at a high temperature (β = 0) and at a low one (β = 40, populations far below 1e-12)', () => {
    for (const beta of [0, 40]) {
      const input = { ...randomInstance(12, 3, 3, 'mixed'), beta };
      const e = enumerateTrajectories(input);
      for (const v of [...Object.values(e.means), ...Object.values(e.parts)]) expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(e.means.mean_sigma - e.parts.Sigma)).toBeLessThan(1e-9 * (1 + Math.abs(e.parts.Sigma)));
      expect(Math.abs(e.means.mean_exp_minus_sigma - 1)).toBeLessThan(1e-9);
    }
  });

  it('computes Σ, Σ_d, Ξ with Σ = Σ_d + Ξ (Eq. 23) and equal to the means (Eqs. 40, 43, 44)', () => {
    const input = randomInstance(13, 3, 4, 'mixed');
    const parts = entropyProductionParts(input);
    const m = exactTrajectoryMeans(input);
    expect(parts.Sigma).toBeCloseTo(parts.Sigma_d + parts.Xi, 12);
    expect(m.mean_sigma).toBeCloseTo(parts.Sigma, 12);
    expect(m.mean_sigma_d).toBeCloseTo(parts.Sigma_d, 12);
    expect(m.mean_xi).toBeCloseTo(parts.Xi, 12);
  });
});

describe('input validation of the trajectory engine', () => {
  const base = randomInstance(21, 2, 2, 'mixed');
  const field = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof QepInputError) return e.field;
      throw e;
    }
    throw new Error('no error thrown');
  };

  it('rejects a β that is negative, NaN or infinite, naming beta', () => {
    for (const beta of [-1, Number.NaN, Infinity]) expect(field(() => exactTrajectoryMeans({ ...base, beta }))).toBe('beta');
  });

  it('rejects a non-unitary U and a U that does not conserve energy, naming U', () => {
    const notUnitary = { ...base.U, re: base.U.re.map((x) => 1.01 * x), im: base.U.im.map((x) => 1.01 * x) };
    expect(field(() => exactTrajectoryMeans({ ...base, U: notUnitary }))).toBe('U');
    const flip = fromReal([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
    ]);
    expect(field(() => exactTrajectoryMeans({ ...base, HS: [0, 1], HE: [0, 1], U: flip }))).toBe('U');
  });

  it('rejects a ρ_S that is not a density matrix of the dimension of H_S, naming rhoS', () => {
    expect(field(() => exactTrajectoryMeans({ ...base, rhoS: fromDiagonal([0.5, 0.6]) }))).toBe('rhoS');
    expect(field(() => exactTrajectoryMeans({ ...base, rhoS: fromDiagonal([0.2, 0.3, 0.5]) }))).toBe('rhoS');
  });

  it('rejects a U of the wrong size and non-finite energies', () => {
    expect(field(() => exactTrajectoryMeans({ ...base, U: identity(3) }))).toBe('U');
    expect(field(() => exactTrajectoryMeans({ ...base, HS: [0, Number.NaN] }))).toBe('HS[1]');
  });

  it('rejects a chosen eigenbasis that does not diagonalise ρ_S, naming initialEigenbasis', () => {
    const rhoS = fromReal([
      [0.6, 0.1],
      [0.1, 0.4],
    ]);
    expect(field(() => enumerateTrajectories({ ...base, HS: [0, 1], HE: [0, 1], U: identity(4), rhoS }, { initialEigenbasis: identity(2) }))).toBe('initialEigenbasis');
  });
});
