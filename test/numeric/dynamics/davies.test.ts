import { describe, expect, it } from 'vitest';
import { type CMatrix, fromDiagonal, fromReal, normMax, sub } from '../../../src/numeric/linalg/cmatrix.js';
import { applyDavies, daviesGenerator, daviesJumps, daviesLindbladian } from '../../../src/numeric/dynamics/davies.js';
import { daviesTrajectory, evolveDavies, evolvePopulations, evolvePopulationsBy, visitDavies } from '../../../src/numeric/dynamics/daviesEvolution.js';
import { applyLindbladian } from '../../../src/numeric/dynamics/lindblad.js';
import { QepInputError } from '../../../src/numeric/errors.js';
import { toBasis } from '../../../src/numeric/quantum/basis.js';
import { createRng, hermitianWithSpectrum, hilbertSchmidtState, randomPureState, randomRates, type Rng } from '../../../src/numeric/random/index.js';

function sortedEnergies(rng: Rng, d: number, spread = 2): number[] {
  const e = Array.from({ length: d }, () => spread * rng.uniform());
  return e.sort((a, b) => a - b);
}

function randomDavies(seed: number, d: number, opts: { beta?: number; dephasing?: boolean; energies?: number[] } = {}) {
  const rng = createRng(seed);
  const energies = opts.energies ?? sortedEnergies(rng, d);
  const beta = opts.beta ?? 0.2 + 2 * rng.uniform();
  const rates = randomRates(rng, energies, beta, 'glauber');
  const dephasing = opts.dephasing ? Array.from({ length: d }, () => rng.uniform()) : undefined;
  return { gen: daviesGenerator({ beta, energies, rates, dephasing }), rng };
}

function expectField(f: () => unknown, field: string | RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QepInputError);
    expect((e as QepInputError).field).toMatch(field);
    return;
  }
  expect.unreachable(`expected a QepInputError on ${String(field)}`);
}

describe('the Davies builder', () => {
  it('builds from energies and explicit rates, keeping W(n|m) as the rate of m → n', () => {
    const gen = daviesGenerator({ beta: Math.log(2), energies: [0, 1], rates: [[0, 1], [0.5, 0]] });
    expect(Array.from(gen.rates)).toEqual([0, 1, 0.5, 0]);
    expect(Array.from(gen.escape)).toEqual([0.5, 1]);
    expect(gen.peq[0]).toBeCloseTo(2 / 3, 15);
    expect(gen.basis).toBeNull();
  });

  it('builds from a Hermitian H in its ascending eigenbasis', () => {
    const rng = createRng(3);
    const H = hermitianWithSpectrum(rng, [0.9, -0.4, 0.2]);
    const gen = daviesGenerator({ beta: 1, H, gamma: [[0, 1, 1], [1, 0, 1], [1, 1, 0]] });
    expect(Array.from(gen.energies).map((x) => +x.toFixed(12))).toEqual([-0.4, 0.2, 0.9]);
    expect(normMax(sub(toBasis(H, gen.basis), fromDiagonal(gen.energies)))).toBeLessThan(1e-13);
  });

  it('ignores the diagonal of rates and gamma', () => {
    const a = daviesGenerator({ beta: 1, energies: [0, 1], gamma: [[5, 1], [1, 7]] });
    const b = daviesGenerator({ beta: 1, energies: [0, 1], gamma: [[0, 1], [1, 0]] });
    expect(Array.from(a.rates)).toEqual(Array.from(b.rates));
  });

  it('rejects bad input with a QepInputError naming the field', () => {
    const ok = { beta: 1, energies: [0, 1], gamma: [[0, 1], [1, 0]] };
    expectField(() => daviesGenerator({ ...ok, beta: -1 }), 'beta');
    expectField(() => daviesGenerator({ ...ok, beta: NaN }), 'beta');
    expectField(() => daviesGenerator({ ...ok, beta: Infinity }), 'beta');
    expectField(() => daviesGenerator({ ...ok, beta: 0 }), 'beta'); // gamma at β = 0: infinite rates
    expectField(() => daviesGenerator({ ...ok, energies: [1, 0] }), 'energies');
    expectField(() => daviesGenerator({ ...ok, energies: [0, 1e-12] }), 'energies');
    expectField(() => daviesGenerator({ ...ok, energies: [0, NaN] }), 'energies[1]');
    expectField(() => daviesGenerator({ ...ok, energies: [] }), 'energies');
    expectField(() => daviesGenerator({ ...ok, H: fromReal([[0, 0], [0, 1]]) }), 'energies');
    expectField(() => daviesGenerator({ beta: 1, gamma: ok.gamma }), 'energies');
    expectField(() => daviesGenerator({ beta: 1, H: fromReal([[0, 1], [0, 1]]), gamma: ok.gamma }), 'H');
    expectField(() => daviesGenerator({ beta: 1, H: fromReal([[1, 0], [0, 1]]), gamma: ok.gamma }), 'H'); // degenerate
    expectField(() => daviesGenerator({ beta: 1, H: fromReal([[1, 0], [0, NaN]]), gamma: ok.gamma }), 'H');
    expectField(() => daviesGenerator({ ...ok, rates: [[0, 1], [1, 0]] }), 'rates');
    expectField(() => daviesGenerator({ beta: 1, energies: [0, 1] }), 'rates');
    expectField(() => daviesGenerator({ beta: 1, energies: [0, 1], rates: [[0, 1], [1, 0]] }), 'rates'); // detailed balance
    expectField(() => daviesGenerator({ beta: 1, energies: [0, 1], rates: [[0, -1], [1, 0]] }), 'rates[0][1]');
    expectField(() => daviesGenerator({ beta: 1, energies: [0, 1], rates: [[0, 1]] }), 'rates');
    expectField(() => daviesGenerator({ beta: 1, energies: [0, 1], rates: [[0, 1], [1]] }), 'rates[1]');
    expectField(() => daviesGenerator({ ...ok, gamma: [[0, 1], [2, 0]] }), 'gamma[1][0]');
    expectField(() => daviesGenerator({ ...ok, gamma: [[0, Infinity], [Infinity, 0]] }), 'gamma[0][1]');
    expectField(() => daviesGenerator({ ...ok, dephasing: [1] }), 'dephasing');
    expectField(() => daviesGenerator({ ...ok, dephasing: [1, -1] }), 'dephasing[1]');
  });

  it('accepts explicit symmetric rates at β = 0 (infinite temperature)', () => {
    const gen = daviesGenerator({ beta: 0, energies: [0, 1, 3], rates: [[0, 1, 2], [1, 0, 3], [2, 3, 0]] });
    expect(Array.from(gen.peq).every((p) => Math.abs(p - 1 / 3) < 1e-15)).toBe(true);
  });

  it('accepts at very low temperature an up-rate that underflows to 0 (detailed balance by e^{−βω} → 0)', () => {
    const gen = daviesGenerator({ beta: 2000, energies: [0, 1], rates: [[0, 1], [0, 0]] });
    expect(Number.isFinite(gen.logPeq[1])).toBe(true);
    expect(gen.logPeq[1]).toBeCloseTo(-2000, 10);
  });
});

describe('the structured generator (Eqs. 3 and 5) against the generic Lindbladian of Eq. 2', () => {
  it('agrees entry by entry on random states, with and without pure dephasing', () => {
    for (const [seed, d, deph] of [[1, 2, false], [2, 3, true], [3, 5, true], [4, 4, false]] as const) {
      const { gen, rng } = randomDavies(seed, d, { dephasing: deph });
      const rho = hilbertSchmidtState(rng, d);
      const a = applyDavies(gen, rho);
      const b = applyLindbladian(daviesLindbladian(gen), rho);
      expect(normMax(sub(a, b))).toBeLessThan(1e-13);
    }
  });

  it('still decouples with degenerate Bohr frequencies (equally spaced levels): the form of Eq. 2 does not need them distinct', () => {
    const { gen, rng } = randomDavies(9, 4, { energies: [0, 1, 2, 3], dephasing: true });
    const rho = hilbertSchmidtState(rng, 4);
    expect(normMax(sub(applyDavies(gen, rho), applyLindbladian(daviesLindbladian(gen), rho)))).toBeLessThan(1e-13);
  });

  it('lists one jump |n⟩⟨m| per positive rate and one |n⟩⟨n| per positive dephasing rate', () => {
    const gen = daviesGenerator({ beta: 1, energies: [0, 1, 2], gamma: [[0, 1, 0], [1, 0, 1], [0, 1, 0]], dephasing: [0, 0.5, 0] });
    const jumps = daviesJumps(gen);
    expect(jumps.filter((j) => j.kind === 'transition').map((j) => [j.n, j.m])).toEqual([[0, 1], [1, 0], [1, 2], [2, 1]]);
    expect(jumps.filter((j) => j.kind === 'dephasing').map((j) => j.n)).toEqual([1]);
  });
});

describe('Davies evolution: structured vs generic', () => {
  const times = [0, 0.05, 0.4, 1.3, 3, 9];

  it('structured, exact Liouvillian and RK45 agree on random instances (d = 2..5)', () => {
    for (const [seed, d] of [[21, 2], [22, 3], [23, 4], [24, 5]] as const) {
      const { gen, rng } = randomDavies(seed, d, { dephasing: seed % 2 === 0 });
      const rho0 = seed % 2 ? randomPureState(rng, d) : hilbertSchmidtState(rng, d);
      const a = evolveDavies(gen, rho0, times);
      const b = evolveDavies(gen, rho0, times, { method: 'expm' });
      const c = evolveDavies(gen, rho0, times, { method: 'rk45', rtol: 1e-11, atol: 1e-13 });
      a.forEach((x, k) => {
        expect(normMax(sub(x, b[k]))).toBeLessThan(1e-12);
        expect(normMax(sub(x, c[k]))).toBeLessThan(1e-8);
      });
    }
  });

  it('relaxes to the Gibbs state and keeps it fixed', () => {
    const { gen, rng } = randomDavies(31, 3);
    const [late] = evolveDavies(gen, hilbertSchmidtState(rng, 3), [200]);
    expect(normMax(sub(late, fromDiagonal(gen.peq)))).toBeLessThan(1e-12);
    const [still] = evolveDavies(gen, fromDiagonal(gen.peq), [5]);
    expect(normMax(sub(still, fromDiagonal(gen.peq)))).toBeLessThan(1e-14);
  });

  it('solves the populations by the symmetrised eigenproblem and by expm alike', () => {
    const { gen } = randomDavies(41, 5, { beta: 1.5 });
    const p0 = [0.1, 0.2, 0.3, 0.15, 0.25];
    const a = evolvePopulationsBy('eigen', gen, p0, times);
    const b = evolvePopulationsBy('expm', gen, p0, times);
    expect(a).not.toBeNull();
    a!.forEach((p, k) => p.forEach((x, n) => expect(Math.abs(x - b![k][n])).toBeLessThan(1e-13)));
  });

  it('falls back to expm at very low temperature, where the eigen route is ill-conditioned, and stays a probability vector', () => {
    const { gen } = randomDavies(42, 4, { beta: 200, energies: [0, 0.5, 1.2, 2] });
    expect(evolvePopulationsBy('eigen', gen, [0.25, 0.25, 0.25, 0.25], [1])).toBeNull();
    const [p] = evolvePopulations(gen, [0, 0, 0, 1], [3]);
    expect(Math.abs(p.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-14);
    expect(Math.min(...p)).toBeGreaterThanOrEqual(-1e-15);
  });

  it('one time per call (daviesTrajectory) equals evolveDavies at that time bit for bit, on the eigen and the expm routes', () => {
    const cases = [randomDavies(51, 2).gen, randomDavies(52, 3, { dephasing: true }).gen, randomDavies(53, 4, { beta: 200, energies: [0, 0.5, 1.2, 2] }).gen];
    expect(evolvePopulationsBy('eigen', cases[2], [0.25, 0.25, 0.25, 0.25], [1])).toBeNull(); // the third takes the expm route
    cases.forEach((gen, c) => {
      const rng = createRng(60 + c);
      const state = hilbertSchmidtState(rng, gen.dim);
      const rho0 = c === 1 ? fromDiagonal(Array.from({ length: gen.dim }, (_, n) => state.re[n * gen.dim + n])) : state; // c = 1: no coherences
      const trajectory = daviesTrajectory(gen, rho0);
      const out: CMatrix = { rows: gen.dim, cols: gen.dim, re: new Float64Array(gen.dim ** 2).fill(7), im: new Float64Array(gen.dim ** 2).fill(7) }; // stale contents must be overwritten
      for (const t of [...times, 0.123456789, 0]) {
        const [expected] = evolveDavies(gen, rho0, [t]);
        const got = trajectory(t, out);
        expect(got).toBe(out);
        expect(Array.from(got.re)).toEqual(Array.from(expected.re));
        expect(Array.from(got.im)).toEqual(Array.from(expected.im));
      }
    });
    expectField(() => daviesTrajectory(cases[0], fromDiagonal(cases[0].peq))(-1), 'times[0]');
  });

  it('hands each state to a visitor (visitDavies) equal to evolveDavies bit for bit, on the eigen and the expm routes', () => {
    const cases = [randomDavies(54, 2).gen, randomDavies(55, 3, { dephasing: true }).gen, randomDavies(56, 4, { beta: 200, energies: [0, 0.5, 1.2, 2] }).gen];
    const ts = [0, 0, 0.05, 0.05, 0.4, 1.3, 3, 9]; // repeated times and steps: the expm route's cache
    cases.forEach((gen, c) => {
      const rho0 = hilbertSchmidtState(createRng(70 + c), gen.dim);
      const expected = evolveDavies(gen, rho0, ts);
      const seen: number[] = [];
      visitDavies(gen, rho0, ts, (k, rho) => {
        seen.push(k);
        expect(Array.from(rho.re)).toEqual(Array.from(expected[k].re));
        expect(Array.from(rho.im)).toEqual(Array.from(expected[k].im));
      });
      expect(seen).toEqual(ts.map((_, k) => k));
    });
    expectField(() => visitDavies(cases[0], fromDiagonal(cases[0].peq), [1, 0.5], () => undefined), 'times');
  });

  it('reproduces the qubit closed form p_1(t) = p_eq,1 + (p_1(0) − p_eq,1) e^{−(W↑+W↓)t}', () => {
    const gen = daviesGenerator({ beta: 0.9, energies: [0, 1.1], gamma: [[0, 0.4], [0.4, 0]] });
    const up = gen.rates[2];
    const down = gen.rates[1];
    const rho0: CMatrix = fromReal([[0.1, 0.2], [0.2, 0.9]]);
    const ts = [0.5, 2, 6];
    evolveDavies(gen, rho0, ts).forEach((r, k) => {
      const p1 = gen.peq[1] + (0.9 - gen.peq[1]) * Math.exp(-(up + down) * ts[k]);
      expect(r.re[3]).toBeCloseTo(p1, 14);
      const amp = 0.2 * Math.exp(-0.5 * (up + down) * ts[k]);
      expect(Math.hypot(r.re[1], r.im[1])).toBeCloseTo(amp, 14);
    });
  });
});
