import { type InstanceOutcome, within } from '../../src/claims/claim.js';
import { type CMatrix, fromDiagonal, normMax, sub, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { type Eigh, eigh } from '../../src/numeric/linalg/eigh.js';
import { populationsIn } from '../../src/numeric/quantum/basis.js';
import {
  type DaviesGenerator,
  type JumpOperator,
  type MultiBathQuantities,
  applyDavies,
  applyLindbladian,
  daviesJumps,
  daviesQuantities,
  entropyDerivativeParts,
  escapeRates,
  lindbladian,
  maxFlux,
  multiBathGenerator,
  multiBathQuantities,
  pauliDerivative,
  schnakenbergProduction,
  steadyState,
} from '../../src/numeric/dynamics/index.js';
import { CHECK_TOL, TOL } from '../../src/numeric/tolerance.js';
import type { BathsInstance } from './arbitraries.js';

/**
 * The checks behind the several-baths claims (B1–B9). Each compares the engine
 * (src/numeric/dynamics/baths.ts: summed-rate structured generator, per-bath rates
 * from the eigenvectors of ρ) with a second route written here: the generic
 * Lindbladian of B1 built from jump operators bath by bath, traces with ln ρ taken
 * on the full matrices D_k(ρ), Schnakenberg sums, and the one-bath engine of Eqs. 1–15.
 * Tolerances: CHECK_TOL (identity, sign, zero) relative to the scale of the terms:
 * the largest total decay rate R times (1 + the largest logarithm involved).
 */

type Outcome = InstanceOutcome;
const notApplicable = (reason: string): Outcome => ({ kind: 'not-applicable', reason });

/** The engine's quantities at the instance's state (cached per instance: checks are pure). */
const cache = new WeakMap<BathsInstance, MultiBathQuantities>();
export function quantities(i: BathsInstance): MultiBathQuantities {
  let q = cache.get(i);
  if (!q) {
    q = multiBathQuantities(i.gen, i.rho, i.ss);
    cache.set(i, q);
  }
  return q;
}

/** R = max_n (Σ_k Γ_k,n + γ_n): the largest decay rate. */
function rateScale(i: BathsInstance): number {
  let r = 0;
  for (let n = 0; n < i.d; n++) r = Math.max(r, i.gen.total.escape[n] + i.gen.dephasing[n]);
  return r;
}

/** R · (1 + largest |ln| of the eigenvalues, populations, p_ss and every p_eq,k above the zero threshold). */
function scale(i: BathsInstance, eig: Eigh = eigh(i.rho)): number {
  let L = 0;
  const logs = (xs: ArrayLike<number>, isLog = false): void => {
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k];
      if (isLog) L = Math.max(L, Math.abs(x));
      else if (x > TOL.zeroEigenvalue) L = Math.max(L, Math.abs(Math.log(x)));
    }
  };
  logs(eig.values);
  logs(Array.from({ length: i.d }, (_, n) => i.rho.re[n * i.d + n]));
  logs(i.ss.logPopulations, true);
  for (const b of i.gen.baths) logs(b.logPeq, true);
  return rateScale(i) * (1 + L);
}

/** |a − b| / s with +∞ = +∞ (0) and one infinite side (∞). */
function rel(a: number, b: number, s: number): number {
  if (a === Infinity || b === Infinity) return a === b ? 0 : Infinity;
  return Math.abs(a - b) / s;
}

/** Worst of several named residuals, with the name of the worst for the failure detail. */
function worst(parts: readonly (readonly [string, number])[], tol: number): Outcome {
  let name = '';
  let r = 0;
  for (const [n, x] of parts) {
    if (Number.isNaN(x)) return { kind: 'fail', residual: Infinity, detail: `${n} is NaN` };
    if (x > r || name === '') {
      r = x;
      name = n;
    }
  }
  return within(r, tol, () => `${name}: residual ${r.toExponential(3)} > ${tol}`);
}

/** A non-negativity residual: how far below −0 the value is, relative to s. */
const below = (x: number, s: number): number => (x >= 0 ? 0 : -x / s);

/** The jumps of bath k (transitions at its rates), or of the dephasing (L = |n⟩⟨n| at γ_n). */
function bathJumps(i: BathsInstance, k: number): JumpOperator[] {
  return daviesJumps(i.gen.baths[k]);
}
function dephasingJumps(i: BathsInstance): JumpOperator[] {
  const out: JumpOperator[] = [];
  for (let n = 0; n < i.d; n++) {
    if (i.gen.dephasing[n] === 0) continue;
    const L = zeros(i.d, i.d);
    L.re[n * i.d + n] = 1;
    out.push({ L, rate: i.gen.dephasing[n] });
  }
  return out;
}

/** D_k(ρ) (or D_φ(ρ) for k = −1) by the generic Lindbladian of its jumps, without H. */
function dissipator(i: BathsInstance, k: number, rho: CMatrix = i.rho): CMatrix {
  return applyLindbladian(lindbladian(zeros(i.d, i.d), k < 0 ? dephasingJumps(i) : bathJumps(i, k)), rho);
}

/** The whole generator of B1 by jump operators: −i[H, ρ] + Σ_k D_k(ρ) + D_φ(ρ). */
function genericGenerator(i: BathsInstance, rho: CMatrix, baths: readonly number[] = i.gen.baths.map((_, k) => k)): CMatrix {
  const jumps = [...baths.flatMap((k) => bathJumps(i, k)), ...dephasingJumps(i)];
  return applyLindbladian(lindbladian(fromDiagonal(i.gen.energies), jumps), rho);
}

// ---------------------------------------------------------------- B1

/** B1: the summed structured generator equals the jump-operator Lindbladian, and D_k(ρ_eq,k) = 0. */
export function checkGenerator(i: BathsInstance): Outcome {
  const R = rateScale(i) * (1 + Math.max(...i.gen.energies));
  const parts: [string, number][] = [['L(ρ) structured vs jump operators', normMax(sub(applyDavies(i.gen.total, i.rho), genericGenerator(i, i.rho))) / R]];
  i.gen.baths.forEach((b, k) => parts.push([`D_${k}(ρ_eq,${k})`, normMax(dissipator(i, k, fromDiagonal(b.peq))) / R]));
  return worst(parts, CHECK_TOL.identity);
}

/** Mutant: the jump-operator Lindbladian of the first bath only. */
export function mutantGenerator(i: BathsInstance): Outcome {
  const R = rateScale(i) * (1 + Math.max(...i.gen.energies));
  return worst([['L(ρ) vs bath 0 alone', normMax(sub(applyDavies(i.gen.total, i.rho), genericGenerator(i, i.rho, [0]))) / R]], CHECK_TOL.identity);
}

// ---------------------------------------------------------------- B2

function pauliResidual(i: BathsInstance, dephasingFactor: number): Outcome {
  const d = i.d;
  const rhoDot = genericGenerator(i, i.rho);
  const p = Array.from({ length: d }, (_, n) => i.rho.re[n * d + n]);
  const dp = new Float64Array(d);
  const escape = new Float64Array(d);
  for (const b of i.gen.baths) {
    const x = pauliDerivative(b.rates, p);
    const e = escapeRates(b.rates, d);
    for (let n = 0; n < d; n++) {
      dp[n] += x[n];
      escape[n] += e[n];
    }
  }
  const R = rateScale(i) * (1 + Math.max(...i.gen.energies));
  let r = 0;
  for (let n = 0; n < d; n++) {
    r = Math.max(r, Math.abs(rhoDot.re[n * d + n] - dp[n]) / R);
    for (let m = 0; m < d; m++) {
      if (m === n) continue;
      const k = n * d + m;
      const decay = 0.5 * (escape[n] + escape[m]) + dephasingFactor * (i.gen.dephasing[n] + i.gen.dephasing[m]);
      const w = i.gen.energies[n] - i.gen.energies[m];
      const a = i.rho.re[k];
      const b = i.rho.im[k];
      // −(iω + decay)(a + ib)
      r = Math.max(r, Math.abs(rhoDot.re[k] - (-decay * a + w * b)) / R, Math.abs(rhoDot.im[k] - (-decay * b - w * a)) / R);
    }
  }
  return within(r, CHECK_TOL.identity, () => `generator entries differ from B2 by ${r.toExponential(3)} (relative to the largest rate)`);
}

/** B2: summed Pauli equation and coherence decay ½ Σ_k Σ_j [W_k(j|n) + W_k(j|m)] + ½(γ_n + γ_m). */
export const checkPauli = (i: BathsInstance): Outcome => pauliResidual(i, 0.5);
/** Mutant: the dephasing enters the coherence decay without its ½. */
export const mutantPauli = (i: BathsInstance): Outcome => pauliResidual(i, 1);

// ---------------------------------------------------------------- B3

function steadyResidual(i: BathsInstance, p: ArrayLike<number>): Outcome {
  const R = rateScale(i);
  const rhoSs = fromDiagonal(p);
  const sum = Array.from(p).reduce((a, b) => a + b, 0);
  const neg = Math.min(0, ...Array.from(p));
  return worst(
    [
      ['‖L(ρ_ss)‖ by jump operators', normMax(genericGenerator(i, rhoSs)) / R],
      ['|tr ρ_ss − 1|', Math.abs(sum - 1)],
      ['negative p_ss', -neg],
    ],
    CHECK_TOL.identity,
  );
}

/** B3: ρ_ss = diag(p_ss) is a state and L(ρ_ss) = 0 (by the jump-operator generator). */
export const checkSteadyState = (i: BathsInstance): Outcome => steadyResidual(i, i.ss.populations);

/** Mutant: the Gibbs state at the mean inverse temperature. */
export function mutantSteadyState(i: BathsInstance): Outcome {
  const beta = i.gen.baths.reduce((a, b) => a + b.beta, 0) / i.K;
  const w = Array.from(i.gen.energies, (e) => Math.exp(-beta * e));
  const z = w.reduce((a, b) => a + b, 0);
  return steadyResidual(
    i,
    w.map((x) => x / z),
  );
}

/** β fitted from the two lowest levels, and the worst deviation of ln p_ss from a Gibbs line. */
function gibbsFit(i: BathsInstance): { beta: number; residual: number } {
  const lp = i.ss.logPopulations;
  const E = i.gen.energies;
  const beta = (lp[0] - lp[1]) / (E[1] - E[0]);
  let r = 0;
  for (let n = 2; n < i.d; n++) r = Math.max(r, Math.abs(lp[n] - lp[0] + beta * (E[n] - E[0])));
  return { beta, residual: r };
}

/** B3 (qubit): ρ_ss is Gibbs at β_eff between the smallest and largest β_k, with p₁^ss = Σ_k a_k / Σ_k (a_k + e_k). */
export function checkQubitEffectiveTemperature(i: BathsInstance): Outcome {
  if (i.d !== 2) return notApplicable('d ≠ 2');
  const { beta } = gibbsFit(i);
  const betas = i.gen.baths.map((b) => b.beta);
  let a = 0;
  let g = 0;
  for (const b of i.gen.baths) {
    a += b.rates[2]; // W(1|0)
    g += b.rates[2] + b.rates[1];
  }
  return worst(
    [
      ['β_eff below min β_k', below(beta - Math.min(...betas), 1)],
      ['β_eff above max β_k', below(Math.max(...betas) - beta, 1)],
      ['p₁^ss − Σ a_k / γ₁', Math.abs(i.ss.populations[1] - a / g)],
    ],
    CHECK_TOL.identity,
  );
}

/** Mutant: β_eff is the mean of the β_k. */
export function mutantQubitEffectiveTemperature(i: BathsInstance): Outcome {
  if (i.d !== 2) return notApplicable('d ≠ 2');
  const mean = i.gen.baths.reduce((s, b) => s + b.beta, 0) / i.K;
  const r = Math.abs(gibbsFit(i).beta - mean);
  return within(r, CHECK_TOL.identity, () => `β_eff − mean β_k = ${r.toExponential(3)}`);
}

/** Expected refuted (d ≥ 3): ρ_ss is a Gibbs state at some temperature. */
export function checkSteadyStateGibbs(i: BathsInstance): Outcome {
  if (i.d < 3) return notApplicable('d < 3 (a qubit steady state always is Gibbs)');
  const { beta, residual } = gibbsFit(i);
  const L = Math.max(...Array.from(i.ss.logPopulations, Math.abs));
  return within(residual, CHECK_TOL.identity * (1 + L), () => `ln p_ss is not linear in E: deviation ${residual.toExponential(3)} from β = ${beta.toPrecision(6)} fitted on levels 0, 1`);
}

// ---------------------------------------------------------------- B4

function heatResidual(i: BathsInstance, sign: number): Outcome {
  const q = quantities(i);
  const s = scale(i);
  const parts: [string, number][] = [];
  let phi = 0;
  i.gen.baths.forEach((b, k) => {
    const D = dissipator(i, k);
    let J = 0;
    for (let n = 0; n < i.d; n++) J += (i.gen.energies[n] - i.gen.energies[0]) * D.re[n * i.d + n];
    parts.push([`J_${k} vs tr[H D_${k}(ρ)]`, rel(q.J[k], J, s)]);
    phi += sign * b.beta * J;
  });
  parts.push(['Φ vs −Σ β_k J_k', rel(q.Phi, phi, s)]);
  parts.push(['dS/dt vs Π − Φ', q.Pi === Infinity ? rel(q.dSdt, Infinity, s) : rel(q.dSdt, q.Pi - q.Phi, s)]);
  return worst(parts, CHECK_TOL.identity);
}

/** B4: J_k = tr[H D_k(ρ)], Φ = −Σ_k β_k J_k, dS/dt = Π − Φ. */
export const checkHeat = (i: BathsInstance): Outcome => heatResidual(i, -1);
/** Mutant: Φ = +Σ_k β_k J_k. */
export const mutantHeat = (i: BathsInstance): Outcome => heatResidual(i, 1);

// ---------------------------------------------------------------- B5

/** −tr[X ln ρ] on the eigenvectors of ρ with X a full matrix: +∞ when X puts weight on the kernel. */
function traceWithLog(i: BathsInstance, X: CMatrix, eig: Eigh, threshold: number): number {
  const parts = entropyDerivativeParts(eig.values, populationsIn(X, eig.vectors));
  return parts.kernelWeight > threshold ? Infinity : parts.finite;
}

function threshold(i: BathsInstance): number {
  const d = i.d;
  const p = Array.from({ length: d }, (_, n) => i.rho.re[n * d + n]);
  return TOL.zeroEigenvalue * Math.max(normMax(applyDavies(i.gen.total, i.rho)), maxFlux(i.gen.total, p));
}

function spohnResidual(i: BathsInstance, withDephasing: boolean): Outcome {
  const q = quantities(i);
  const eig = eigh(i.rho);
  const s = scale(i, eig);
  const thr = threshold(i);
  const parts: [string, number][] = [];
  i.gen.baths.forEach((b, k) => {
    const D = dissipator(i, k);
    let lnEq = 0;
    for (let n = 0; n < i.d; n++) lnEq += D.re[n * i.d + n] * b.logPeq[n];
    const pik = traceWithLog(i, D, eig, thr);
    parts.push([`Π_${k} vs −tr[D_${k}(ρ)(ln ρ − ln ρ_eq,${k})]`, rel(q.Pi_baths[k], pik === Infinity ? Infinity : pik + lnEq, s)]);
    parts.push([`Π_${k} ≥ 0`, below(q.Pi_baths[k], s)]);
  });
  parts.push(['Υ_φ vs −tr[D_φ(ρ) ln ρ]', rel(q.Upsilon_deph, traceWithLog(i, dissipator(i, -1), eig, thr), s)]);
  parts.push(['Υ_φ ≥ 0', below(q.Upsilon_deph, s)]);
  const sum = q.Pi_baths.reduce((a, b) => a + b, 0) + (withDephasing ? q.Upsilon_deph : 0);
  parts.push(['Σ_k Π_k + Υ_φ vs dS/dt + Φ', rel(sum, q.dSdt === Infinity ? Infinity : q.dSdt + q.Phi, s)]);
  parts.push(['Π vs Σ_k Π_k + Υ_φ', rel(q.Pi, sum, s)]);
  return worst(parts, CHECK_TOL.identity);
}

/** B5: Π_k = −tr[D_k(ρ)(ln ρ − ln ρ_eq,k)] ≥ 0, Υ_φ ≥ 0, Π = Σ_k Π_k + Υ_φ = dS/dt + Φ. */
export const checkSpohn = (i: BathsInstance): Outcome => spohnResidual(i, true);
/** Mutant: the total without the dephasing term, Π = Σ_k Π_k. */
export const mutantSpohn = (i: BathsInstance): Outcome => spohnResidual(i, false);

// ---------------------------------------------------------------- B6

/**
 * −Σ_n ṗ_n (ln p_n − ln r_n) with ṗ from the jump-operator generator: dS(p)/dt without `logRef`,
 * −dS(p‖p_ss)/dt with ln p_ss. +∞ with inflow into a zero population.
 */
function populationRate(i: BathsInstance, logRef?: ArrayLike<number>): number {
  const d = i.d;
  const rhoDot = genericGenerator(i, i.rho);
  const p = Array.from({ length: d }, (_, n) => i.rho.re[n * d + n]);
  const dp = Array.from({ length: d }, (_, n) => rhoDot.re[n * d + n]);
  const parts = entropyDerivativeParts(p, dp);
  if (parts.kernelWeight > threshold(i)) return Infinity;
  let x = parts.finite;
  if (logRef) for (let n = 0; n < d; n++) x += dp[n] * logRef[n];
  return x;
}

function splitResidual(i: BathsInstance, mutant: boolean): Outcome {
  const q = quantities(i);
  const s = scale(i);
  const p = Array.from({ length: i.d }, (_, n) => i.rho.re[n * i.d + n]);
  const parts: [string, number][] = [];
  let schnakenberg = 0;
  i.gen.baths.forEach((b, k) => {
    const sk = schnakenbergProduction(b, p, threshold(i));
    schnakenberg += sk;
    parts.push([`Π_${k} vs Π_d,${k} + Υ_${k}`, q.Pi_baths[k] === Infinity ? (q.Pi_d_baths[k] === Infinity || q.Upsilon_baths[k] === Infinity ? 0 : Infinity) : rel(q.Pi_baths[k], q.Pi_d_baths[k] + q.Upsilon_baths[k], s)]);
    parts.push([`Π_d,${k} vs its Schnakenberg sum`, rel(q.Pi_d_baths[k], sk, s)]);
    parts.push([`Π_d,${k} ≥ 0`, below(q.Pi_d_baths[k], s)]);
    parts.push([`Υ_${k} ≥ 0`, below(q.Upsilon_baths[k], s)]);
  });
  if (mutant) {
    // The one-bath Schnakenberg formula applied to the summed rates, read as Π_d.
    const total = { ...i.gen.baths[0], rates: i.gen.total.rates, escape: i.gen.total.escape };
    parts.push(['Π_d vs Schnakenberg of the summed rates', rel(q.Pi_d, schnakenbergProduction(total, p, threshold(i)), s)]);
  } else {
    parts.push(['Π_d vs Σ_k Π_d,k', rel(q.Pi_d, schnakenberg, s)]);
  }
  // −dC/dt = dS/dt − dS(p)/dt; when dS(p)/dt = +∞ (inflow into a zero population) both sides diverge and Υ is the finite rest.
  const dSp = populationRate(i);
  if (dSp !== Infinity) parts.push(['Υ vs −dC/dt = dS/dt − dS(p)/dt', rel(q.Upsilon, q.dSdt === Infinity ? Infinity : q.dSdt - dSp, s)]);
  return worst(parts, CHECK_TOL.identity);
}

/** B6: Π_k = Π_d,k + Υ_k with Π_d,k (Schnakenberg) ≥ 0, Υ_k ≥ 0; Π_d = Σ_k Π_d,k; Υ = −dC/dt. */
export const checkPaperSplit = (i: BathsInstance): Outcome => splitResidual(i, false);
/** Mutant: Π_d as the one-bath Schnakenberg sum of the summed rates. */
export const mutantPaperSplit = (i: BathsInstance): Outcome => splitResidual(i, true);

// ---------------------------------------------------------------- B7

/** −dS(p‖p_ss)/dt = −Σ_n ṗ_n (ln p_n − ln p_ss,n). */
const populationRelativeRate = (i: BathsInstance): number => populationRate(i, i.ss.logPopulations);

/** Π_a by its Schnakenberg-like form ½ Σ_k Σ_{n,m} J^k_nm ln(W_k(n|m) p_ss,m / (W_k(m|n) p_ss,n)). */
function adiabaticSchnakenberg(i: BathsInstance): number {
  const d = i.d;
  const lp = i.ss.logPopulations;
  let total = 0;
  for (const b of i.gen.baths) {
    for (let n = 0; n < d; n++) {
      for (let m = n + 1; m < d; m++) {
        const wnm = b.rates[n * d + m];
        const wmn = b.rates[m * d + n];
        const J = wnm * i.rho.re[m * d + m] - wmn * i.rho.re[n * d + n];
        if (J !== 0) total += J * (Math.log(wnm) - Math.log(wmn) + lp[m] - lp[n]);
      }
    }
  }
  return total;
}

function adiabaticResidual(i: BathsInstance, withUpsilon: boolean): Outcome {
  const q = quantities(i);
  const s = scale(i);
  const diag = multiBathQuantities(i.gen, fromDiagonal(Array.from({ length: i.d }, (_, n) => i.rho.re[n * i.d + n])), i.ss);
  const rpop = populationRelativeRate(i);
  const na = rpop === Infinity || q.Upsilon === Infinity ? Infinity : rpop + (withUpsilon ? q.Upsilon : 0);
  return worst(
    [
      ['Π vs Π_na + Π_a', q.Pi === Infinity ? rel(q.Pi_na, Infinity, s) : rel(q.Pi, q.Pi_na + q.Pi_a, s)],
      ['Π_a vs its Schnakenberg form', rel(q.Pi_a, adiabaticSchnakenberg(i), s)],
      ['Π_a ≥ 0', below(q.Pi_a, s)],
      ['Π_na ≥ 0', below(q.Pi_na, s)],
      ['Π_a(ρ) vs Π_a(Δ_H ρ)', rel(q.Pi_a, diag.Pi_a, s)],
      ['Π_na vs −dS(p‖p_ss)/dt + Υ', rel(q.Pi_na, na, s)],
    ],
    CHECK_TOL.identity,
  );
}

/** B7: Π = Π_na + Π_a; Π_a ≥ 0 in both forms, of the populations only; Π_na = −dS(p‖p_ss)/dt + Υ ≥ 0. */
export const checkAdiabatic = (i: BathsInstance): Outcome => adiabaticResidual(i, true);
/** Mutant: Π_na = −dS(p‖p_ss)/dt, without the coherence part Υ. */
export const mutantAdiabatic = (i: BathsInstance): Outcome => adiabaticResidual(i, false);

// ---------------------------------------------------------------- B8

/** Spread of the inverse temperatures above which B8 asks for Π(ρ_ss) > 0 (grid values are exact). */
const distinct = (i: BathsInstance): boolean => Math.max(...i.gen.baths.map((b) => b.beta)) > Math.min(...i.gen.baths.map((b) => b.beta));

function steadyProductionResidual(i: BathsInstance, mutant: boolean): Outcome {
  if (i.params.kind !== 'steady') return notApplicable('ρ is not the steady state');
  const q = quantities(i);
  const s = scale(i);
  const p = i.ss.populations;
  const sch = i.gen.baths.reduce((acc, b) => acc + schnakenbergProduction(b, p, threshold(i)), 0);
  const parts: [string, number][] = [
    ['Υ(ρ_ss)', Math.abs(q.Upsilon) / s],
    [mutant ? 'Π_na(ρ_ss) − Π(ρ_ss)' : 'Π_na(ρ_ss)', Math.abs(q.Pi_na - (mutant ? q.Pi : 0)) / s],
    ['Π − Π_d at ρ_ss', rel(q.Pi, q.Pi_d, s)],
    ['Π − Π_a at ρ_ss', rel(q.Pi, q.Pi_a, s)],
    ['Π(ρ_ss) ≥ 0', below(q.Pi, s)],
  ];
  if (distinct(i)) parts.push(['Π(ρ_ss) > 0 for different β_k (Schnakenberg sum)', sch > 0 ? 0 : Infinity]);
  else parts.push(['Π(ρ_ss) = 0 for equal β_k', Math.abs(q.Pi) / s]);
  return worst(parts, CHECK_TOL.identity);
}

/** B8: at ρ_ss, Υ = 0, Π_na = 0, Π = Π_d = Π_a ≥ 0; > 0 for different β_k, 0 for equal ones. */
export const checkSteadyProduction = (i: BathsInstance): Outcome => steadyProductionResidual(i, false);
/** Mutant: the one-bath reading Π_na = Π at the steady state. */
export const mutantSteadyProduction = (i: BathsInstance): Outcome => steadyProductionResidual(i, true);

/** Expected refuted: Π_d vanishes at the steady state. */
export function checkPiDVanishesAtSteadyState(i: BathsInstance): Outcome {
  if (i.params.kind !== 'steady') return notApplicable('ρ is not the steady state');
  const q = quantities(i);
  const r = Math.abs(q.Pi_d) / rateScale(i);
  return within(r, CHECK_TOL.zero, () => `Π_d(ρ_ss) = ${q.Pi_d.toExponential(4)} ≠ 0 (β_k = ${i.gen.baths.map((b) => b.beta.toPrecision(4)).join(', ')})`);
}

/** Expected refuted: Π_d = −dS(p‖p_ss)/dt. */
export function checkPiDIsSteadyRelativeEntropyRate(i: BathsInstance): Outcome {
  const q = quantities(i);
  const r = rel(q.Pi_d, populationRelativeRate(i), scale(i));
  return within(r, CHECK_TOL.identity, () => `Π_d = ${q.Pi_d.toExponential(4)} but −dS(p‖p_ss)/dt = ${populationRelativeRate(i).toExponential(4)}`);
}

// ---------------------------------------------------------------- B9

function oneBathResidual(i: BathsInstance, mutant: boolean): Outcome {
  const p = i.params;
  const gen = multiBathGenerator({ energies: i.gen.energies, baths: [p.baths[0]], ...(p.dephasing ? { dephasing: p.dephasing } : {}) });
  const d = i.d;
  const ss = steadyState(gen, Array.from({ length: d }, (_, n) => i.rho.re[n * d + n]));
  const q = multiBathQuantities(gen, i.rho, ss);
  const one = daviesQuantities(gen.total as DaviesGenerator, i.rho);
  const R = Math.max(...Array.from({ length: d }, (_, n) => gen.total.escape[n] + gen.dephasing[n]));
  const eig = eigh(i.rho);
  let L = 0;
  for (const x of eig.values) if (x > TOL.zeroEigenvalue) L = Math.max(L, -Math.log(x));
  for (const x of gen.baths[0].logPeq) L = Math.max(L, Math.abs(x));
  const s = R * (1 + L);
  const parts: [string, number][] = [
    ['ρ_ss vs ρ_eq', Math.max(...Array.from(ss.populations, (x, n) => Math.abs(x - gen.baths[0].peq[n])))],
    [mutant ? 'Π_a − Π' : 'Π_a', mutant ? rel(q.Pi_a, q.Pi, s) : Math.abs(q.Pi_a) / s],
    ['Π_na vs Π', rel(q.Pi_na, q.Pi, s)],
    ['S(ρ‖ρ_ss) vs S(ρ‖ρ_eq)', rel(q.Srel_ss, one.Srel, 1 + L)],
  ];
  for (const key of ['Pi', 'Pi_d', 'Upsilon', 'Phi', 'dSdt'] as const) parts.push([`${key} vs the one-bath engine`, rel(q[key], one[key], s)]);
  return worst(parts, CHECK_TOL.identity);
}

/** B9: with one bath, ρ_ss = ρ_eq, Π_a = 0, Π_na = Π, and the totals equal the one-bath engine's (Eqs. 1–15). */
export const checkOneBath = (i: BathsInstance): Outcome => oneBathResidual(i, false);
/** Mutant: Π_a = Π with one bath. */
export const mutantOneBath = (i: BathsInstance): Outcome => oneBathResidual(i, true);
