import type { InstanceOutcome } from '../../src/claims/claim.js';
import { type CMatrix, adjoint, diagonalRe, fromDiagonal, keepDiagonal, mul, normMax, spectralSynthesis, traceProductRe, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import {
  type DaviesQuantities,
  type JumpOperator,
  applyLindbladian,
  daviesGenerator,
  daviesLindbladian,
  daviesQuantities,
  daviesTrajectory,
  entropyRateEvaluator,
  evolveDavies,
  lindbladian,
  pauliDerivative,
  propagateExact,
} from '../../src/numeric/dynamics/index.js';
import {
  equilibriumFreeEnergy,
  freeEnergy,
  gibbsState,
  klDivergence,
  relativeEntropy,
  relativeEntropyOfCoherence,
  vonNeumannEntropy,
} from '../../src/numeric/quantum/index.js';
import { CHECK_TOL, EPS, MIN_NORMAL, TOL, sameLevel } from '../../src/numeric/tolerance.js';
import { fmt, notApplicable, relResidual, within } from '../_shared/checks.js';
import type { DaviesInstance } from '../arbitraries/index.js';
import { integrate } from './quadrature.js';

/**
 * The checks behind the Davies claims (Eqs. 1–15). Every check compares two
 * routes to the same number: the structured engine (src/numeric/dynamics)
 * against the generic Lindbladian of Eq. 2 built from jump operators, the
 * quantum primitives (matrix-log relative entropy, KL, dephasing), a naive sum
 * written here, or an integral of the analytic rates along the exact trajectory.
 */

/**
 * Tolerances: CHECK_TOL of src/numeric/tolerance.ts — identity, sign, zero and equilibrium
 * (relative to the magnitudes of the terms involved, named at each use, never absolute),
 * quadrature (the G7–K15 target) and integral (the integrated identities).
 */

type Outcome = InstanceOutcome;

function W(i: DaviesInstance, n: number, m: number): number {
  return i.gen.rates[n * i.d + m];
}

/** The populations ρ_nn (the diagonal in the energy basis). */
const populations = (rho: CMatrix): number[] => Array.from(diagonalRe(rho));

/** The largest one-way flux max W(n|m) p_m, the natural scale of dp/dt. */
function fluxScale(i: DaviesInstance, p: ArrayLike<number>): number {
  let s = 0;
  for (let n = 0; n < i.d; n++) for (let m = 0; m < i.d; m++) if (n !== m) s = Math.max(s, W(i, n, m) * Math.abs(p[m]));
  return s;
}

/** The largest rate of the generator (transition or dephasing). */
function rateScale(i: DaviesInstance): number {
  return Math.max(...i.gen.rates, ...i.gen.dephasing);
}

/**
 * The magnitude of the terms that make up L(ρ), entry by entry: Σ_m W(n|m)|p_m| + (Γ_n + γ_n)|p_n|
 * on the diagonal, (|E_n| + |E_m| + ½(Γ_n + Γ_m + γ_n + γ_m))|ρ_nm| off it. Rounding in any route to
 * L(ρ) is a few ε of this, so identities in L(ρ) are judged relative to it.
 */
function generatorScale(i: DaviesInstance, rho: CMatrix): number {
  const d = i.d;
  const G = i.gen.escape;
  const g = i.gen.dephasing;
  let s = 0;
  for (let n = 0; n < d; n++) {
    let t = (G[n] + g[n]) * Math.abs(rho.re[n * d + n]);
    for (let m = 0; m < d; m++) if (m !== n) t += W(i, n, m) * Math.abs(rho.re[m * d + m]);
    s = Math.max(s, t);
    for (let m = 0; m < d; m++) {
      if (m === n) continue;
      const k = n * d + m;
      s = Math.max(s, (Math.abs(i.energies[n]) + Math.abs(i.energies[m]) + 0.5 * (G[n] + G[m] + g[n] + g[m])) * Math.hypot(rho.re[k], rho.im[k]));
    }
  }
  return s;
}

/** 1 + the largest |ln x| over the eigenvalues and populations of ρ above TOL.zeroEigenvalue and the Gibbs weights. */
function logScale(i: DaviesInstance, rho: CMatrix): number {
  let s = 0;
  const z = TOL.zeroEigenvalue;
  for (const l of eigh(rho).values) if (l > z) s = Math.max(s, Math.abs(Math.log(l)));
  for (const p of populations(rho)) if (p > z) s = Math.max(s, Math.abs(Math.log(p)));
  for (const l of i.gen.logPeq) s = Math.max(s, Math.abs(l));
  return 1 + s;
}

/** The scale of an entropy-production rate at ρ: d × (terms of ρ̇) × (largest logarithm), at least the sum of the finite rates. */
function rateScaleAt(i: DaviesInstance, rho: CMatrix, x: DaviesQuantities): number {
  return Math.max(i.d * generatorScale(i, rho) * logScale(i, rho), rateTerms(x));
}

/**
 * The terms of S(ρ‖ρ_eq) = −S(ρ) − Σ p_n ln p_eq,n: 1 + S(ρ) + S(p) + Σ_n p_n |ln p_eq,n|.
 * The 1 (nat) is there because ln x at a rounded x = 1 − δ carries an absolute error ε whatever
 * δ: entropies near 0 are known to O(dε) absolutely, never relatively.
 */
function entropyScale(i: DaviesInstance, rho: CMatrix, S: number = vonNeumannEntropy(rho)): number {
  const p = populations(rho);
  let s = 1 + S;
  for (let n = 0; n < i.d; n++) {
    if (p[n] > 0) s += -p[n] * Math.log(p[n]) + p[n] * Math.abs(i.gen.logPeq[n]);
  }
  return s;
}

/** Transition graph connected (undirected: W(n|m) + W(m|n) > 0 links n and m), i.e. the Pauli matrix irreducible. */
function connected(i: DaviesInstance): boolean {
  const seen = new Set([0]);
  const stack = [0];
  while (stack.length) {
    const n = stack.pop()!;
    for (let m = 0; m < i.d; m++) {
      if (!seen.has(m) && W(i, n, m) + W(i, m, n) > 0) {
        seen.add(m);
        stack.push(m);
      }
    }
  }
  return seen.size === i.d;
}

function nondegenerateBohr(energies: ArrayLike<number>): boolean {
  const w: number[] = [];
  for (let n = 0; n < energies.length; n++) for (let m = 0; m < energies.length; m++) if (n !== m) w.push(energies[n] - energies[m]);
  for (let a = 0; a < w.length; a++) for (let b = a + 1; b < w.length; b++) if (sameLevel(w[a], w[b])) return false;
  return true;
}

/** The entropy rates and fluxes of the engine (Π, Π_d, Υ, Φ, dS/dt) at the instance's state. */
const engineRates = (i: DaviesInstance): DaviesQuantities => daviesQuantities(i.gen, i.rho);

// ---------------------------------------------------------------------------
// Eq. 2: D(ρ_eq) = 0, with the generic generator.

function transposedLindbladian(i: DaviesInstance) {
  // The literal reading of the sentence after Eq. 3: W(n|m) the rate of n → m, L = |m⟩⟨n|.
  const jumps: JumpOperator[] = [];
  for (let n = 0; n < i.d; n++) {
    for (let m = 0; m < i.d; m++) {
      if (n === m || W(i, n, m) === 0) continue;
      const L = zeros(i.d, i.d);
      L.re[m * i.d + n] = 1;
      jumps.push({ L, rate: W(i, n, m) });
    }
  }
  return lindbladian(fromDiagonal(i.energies), jumps);
}

function fixedPoint(i: DaviesInstance, literal: boolean): Outcome {
  const gen = literal ? transposedLindbladian(i) : daviesLindbladian(i.gen);
  const rhoEq = fromDiagonal(i.gen.peq);
  const r = normMax(applyLindbladian(gen, rhoEq));
  const scale = generatorScale(i, rhoEq);
  return within(relResidual(r, 0, scale), CHECK_TOL.identity, () => `max |D(ρ_eq)| = ${fmt(r)} with terms up to ${fmt(scale)}`);
}

export const checkFixedPoint = (i: DaviesInstance): Outcome => fixedPoint(i, false);
/** Mutant: the jumps reversed (L = |m⟩⟨n| at rate W(n|m)). */
export const mutantFixedPoint = (i: DaviesInstance): Outcome => fixedPoint(i, true);

// ---------------------------------------------------------------------------
// Eq. 3: the populations of L(ρ) follow the Pauli equation, whatever the coherences.

function pauliCheck(i: DaviesInstance, route: 'eq3' | 'literal' | 'mutant'): Outcome {
  const p = populations(i.rho);
  const gen = route === 'literal' ? transposedLindbladian(i) : daviesLindbladian(i.gen);
  const dp = populations(applyLindbladian(gen, i.rho));
  let expected: number[];
  if (route === 'mutant') {
    // Outflow with the wrong rate: −W(n|m) p_n instead of −W(m|n) p_n.
    expected = p.map((pn, n) => p.reduce((s, pm, m) => (m === n ? s : s + W(i, n, m) * pm - W(i, n, m) * pn), 0));
  } else expected = Array.from(pauliDerivative(i.gen.rates, p));
  let r = 0;
  dp.forEach((x, n) => (r = Math.max(r, Math.abs(x - expected[n]))));
  const scale = generatorScale(i, i.rho);
  return within(relResidual(r, 0, scale), CHECK_TOL.identity, () => `dp/dt from the generator ${JSON.stringify(dp.map(fmt))} vs Eq. 3 ${JSON.stringify(expected.map(fmt))}`);
}

export const checkPauli = (i: DaviesInstance): Outcome => pauliCheck(i, 'eq3');
export const mutantPauli = (i: DaviesInstance): Outcome => pauliCheck(i, 'mutant');
/** The sentence after Eq. 3 read literally: jumps n → m at rate W(n|m) must reproduce Eq. 3. */
export const checkRateDirectionLiteral = (i: DaviesInstance): Outcome => pauliCheck(i, 'literal');

// ---------------------------------------------------------------------------
// Eq. 4: the standard bath satisfies detailed balance and makes p_eq stationary.

function detailedBalance(i: DaviesInstance, mutant: boolean): Outcome {
  if (!(i.beta > 0)) return notApplicable('β = 0: the standard bath has n̄ = ∞');
  const gen = daviesGenerator({ beta: i.beta, energies: i.energies, gamma: i.couplings });
  const d = i.d;
  let worst = 0;
  let where = '';
  for (let n = 1; n < d; n++) {
    for (let m = 0; m < n; m++) {
      const down = mutant ? gen.rates[n * d + m] : gen.rates[m * d + n]; // mutant: emission without the +1
      const up = gen.rates[n * d + m];
      if (down === 0) continue;
      const r = Math.abs(up - down * Math.exp(-i.beta * (i.energies[n] - i.energies[m]))) / down;
      if (r > worst) {
        worst = r;
        where = `W(${n}|${m}) = ${fmt(up)}, W(${m}|${n}) = ${fmt(down)}, e^{-βω} = ${fmt(Math.exp(-i.beta * (i.energies[n] - i.energies[m])))}`;
      }
    }
  }
  // p_eq stationary under the Pauli equation.
  const dp = pauliDerivative(gen.rates, gen.peq);
  const stat = relResidual(Math.max(...Array.from(dp, Math.abs)), 0, generatorScale({ ...i, gen }, fromDiagonal(gen.peq)));
  if (!mutant && stat > worst) {
    worst = stat;
    where = `M p_eq = ${JSON.stringify(Array.from(dp, fmt))}`;
  }
  return within(worst, CHECK_TOL.identity, () => where);
}

export const checkDetailedBalance = (i: DaviesInstance): Outcome => detailedBalance(i, false);
/** Mutant: emission g·n̄ (no spontaneous +1). */
export const mutantDetailedBalance = (i: DaviesInstance): Outcome => detailedBalance(i, true);

// ---------------------------------------------------------------------------
// Eq. 5: coherences decay independently, dρ_nm/dt = −(iω_nm + ½Σ_k[W(k|n) + W(k|m)] + ½(γ_n + γ_m)) ρ_nm.

type Eq5Form = 'corrected' | 'printed' | 'mutant';

function damping(i: DaviesInstance, n: number, m: number, form: Eq5Form): number {
  let s = 0;
  for (let k = 0; k < i.d; k++) {
    if (k !== n) s += W(i, k, n);
    if (k !== m) s += W(i, k, m);
  }
  const half = form === 'mutant' ? 1 : 0.5;
  const sign = form === 'printed' ? -1 : 1;
  return sign * half * s + 0.5 * (i.gen.dephasing[n] + i.gen.dephasing[m]);
}

function coherences(i: DaviesInstance, form: Eq5Form, requireBohr: 'nondegenerate' | 'degenerate'): Outcome {
  const bohr = nondegenerateBohr(i.energies);
  if (requireBohr === 'nondegenerate' && !bohr) return notApplicable('degenerate Bohr frequencies');
  if (requireBohr === 'degenerate' && bohr) return notApplicable('Bohr frequencies all distinct');
  const d = i.d;
  const L = daviesLindbladian(i.gen);
  const R = applyLindbladian(L, i.rho);
  // Generator: entry by entry.
  let worst = 0;
  let detail = '';
  let scale = 0;
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < d; m++) {
      if (n === m) continue;
      const k = n * d + m;
      const g = damping(i, n, m, form);
      const w = i.energies[n] - i.energies[m];
      const [a, b] = [i.rho.re[k], i.rho.im[k]];
      const er = -g * a + w * b;
      const ei = -g * b - w * a;
      const r = Math.hypot(R.re[k] - er, R.im[k] - ei);
      scale = Math.max(scale, Math.abs(g) * Math.hypot(a, b));
      if (r > worst) {
        worst = r;
        detail = `dρ_${n}${m}/dt = ${fmt(R.re[k])} + ${fmt(R.im[k])}i from the generator, ${fmt(er)} + ${fmt(ei)}i from Eq. 5`;
      }
    }
  }
  let res = relResidual(worst, 0, Math.max(scale, generatorScale(i, i.rho)));
  // Solution: ρ_nm(t) = e^{−(iω + damping) t} ρ_nm(0) against the exact Liouvillian propagation.
  const t = i.a;
  const [exact] = propagateExact(L, i.rho, [t]);
  let worstT = 0;
  let amp = 0;
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < d; m++) {
      if (n === m) continue;
      const k = n * d + m;
      const g = damping(i, n, m, form);
      const ph = (i.energies[n] - i.energies[m]) * t;
      const e = Math.exp(-g * t);
      const [a, b] = [i.rho.re[k], i.rho.im[k]];
      const er = e * (Math.cos(ph) * a + Math.sin(ph) * b);
      const ei = e * (Math.cos(ph) * b - Math.sin(ph) * a);
      amp = Math.max(amp, Math.hypot(a, b) * Math.max(1, e));
      worstT = Math.max(worstT, Math.hypot(exact.re[k] - er, exact.im[k] - ei));
    }
  }
  const resT = relResidual(worstT, 0, amp);
  if (resT > res) {
    res = resT;
    detail = `at t = ${fmt(t)}: max |ρ_nm(t) − e^{−(iω+Γ)t} ρ_nm(0)| = ${fmt(worstT)} (exact Liouvillian propagation)`;
  }
  return within(res, CHECK_TOL.identity, () => detail);
}

export const checkCoherences = (i: DaviesInstance): Outcome => coherences(i, 'corrected', 'nondegenerate');
export const checkCoherencesDegenerateBohr = (i: DaviesInstance): Outcome => coherences(i, 'corrected', 'degenerate');
export const checkCoherencesPrinted = (i: DaviesInstance): Outcome => coherences(i, 'printed', 'nondegenerate');
/** Mutant: damping Σ_k[W(k|n) + W(k|m)] without the ½. */
export const mutantCoherences = (i: DaviesInstance): Outcome => coherences(i, 'mutant', 'nondegenerate');
export const mutantCoherencesDegenerateBohr = (i: DaviesInstance): Outcome => coherences(i, 'mutant', 'degenerate');

// ---------------------------------------------------------------------------
// State functions by the primitives (Eqs. 6, 7, 9–11).

/**
 * S(ρ‖ρ_eq) and S(p‖p_eq) by the quantum primitives (matrix logarithms, KL) when they are
 * accurate enough to be compared at CHECK_TOL.identity; otherwise by the engine's log-space
 * forms. The primitives take ln of the Gibbs state's eigenvalues, which an eigensolver gets
 * to ε‖ρ_eq‖ absolutely, not relatively: ln p_eq,n is then off by up to ε/p_eq,n, so the route
 * is used only while d·ε/min p_eq ≤ CHECK_TOL.identity/CHECK_TOL.routeHeadroom (100; about β·ΔE ≤ 9). Below
 * TOL.zeroEigenvalue the primitives would even count the weight as a zero and return +∞.
 */
function independentRelativeEntropies(i: DaviesInstance, rho: CMatrix): { Srel: number; Srel_pop: number; route: string } {
  const route = primitivesAccurate(i) ? 'primitives' : 'engine (Gibbs weights too small for the primitives)';
  return { Srel: independentSrel(i, rho), Srel_pop: independentSrelPop(i, rho), route };
}

/** Whether the primitives' relative entropies are accurate at this Gibbs state (see {@link independentRelativeEntropies}). */
const primitivesAccurate = (i: DaviesInstance): boolean => (i.d * EPS) / Math.min(...i.gen.peq) <= CHECK_TOL.identity / CHECK_TOL.routeHeadroom;

/** S(ρ‖ρ_eq) by the route of {@link independentRelativeEntropies}. */
function independentSrel(i: DaviesInstance, rho: CMatrix): number {
  return primitivesAccurate(i) ? relativeEntropy(rho, gibbsState(i.energies, i.beta)) : daviesQuantities(i.gen, rho).Srel;
}

/** S(p‖p_eq) by the route of {@link independentRelativeEntropies}. */
function independentSrelPop(i: DaviesInstance, rho: CMatrix): number {
  return primitivesAccurate(i) ? klDivergence(populations(rho), i.gen.peq) : daviesQuantities(i.gen, rho).Srel_pop;
}

function freeEnergyCheck(i: DaviesInstance, form: 'eq7' | 'eq11', mutant: boolean): Outcome {
  if (!(i.beta > 0)) return notApplicable('β = 0: F = −∞');
  const T = 1 / i.beta;
  const H = fromDiagonal(i.energies);
  const F = freeEnergy(i.rho, H, i.beta);
  const Feq = equilibriumFreeEnergy(i.energies, i.beta);
  const { Srel, Srel_pop, route } = independentRelativeEntropies(i, i.rho);
  const C = relativeEntropyOfCoherence(i.rho, i.energies);
  let rhs: number;
  if (form === 'eq7') rhs = Feq + (mutant ? i.beta : T) * Srel;
  else rhs = Feq + T * Srel_pop + (mutant ? 1 : T) * C;
  const scale = Math.abs(traceProductRe(H, i.rho)) + Math.abs(Feq) + T * entropyScale(i, i.rho);
  return within(relResidual(F, rhs, scale), CHECK_TOL.identity, () => `F = ${fmt(F)}, right side ${fmt(rhs)} (F_eq = ${fmt(Feq)}, T = ${fmt(T)}, S(ρ‖ρ_eq) = ${fmt(Srel)}, S(p‖p_eq) = ${fmt(Srel_pop)}, C = ${fmt(C)}; ${route})`);
}

export const checkFreeEnergy = (i: DaviesInstance): Outcome => freeEnergyCheck(i, 'eq7', false);
/** Mutant: F = F_eq + β S(ρ‖ρ_eq) (β for T). */
export const mutantFreeEnergy = (i: DaviesInstance): Outcome => freeEnergyCheck(i, 'eq7', true);
export const checkFreeEnergySplit = (i: DaviesInstance): Outcome => freeEnergyCheck(i, 'eq11', false);
/** Mutant: the coherence term without its factor T. */
export const mutantFreeEnergySplit = (i: DaviesInstance): Outcome => freeEnergyCheck(i, 'eq11', true);

function relativeEntropySplit(i: DaviesInstance, mutant: boolean): Outcome {
  const { Srel, Srel_pop, route } = independentRelativeEntropies(i, i.rho);
  const C = relativeEntropyOfCoherence(i.rho, i.energies);
  const rhs = mutant ? Srel_pop - C : Srel_pop + C;
  return within(relResidual(Srel, rhs, entropyScale(i, i.rho)), CHECK_TOL.identity, () => `S(ρ‖ρ_eq) = ${fmt(Srel)}, S(p‖p_eq) = ${fmt(Srel_pop)}, C = ${fmt(C)} (${route})`);
}

export const checkRelativeEntropySplit = (i: DaviesInstance): Outcome => relativeEntropySplit(i, false);
/** Mutant: S(ρ‖ρ_eq) = S(p‖p_eq) − C. */
export const mutantRelativeEntropySplit = (i: DaviesInstance): Outcome => relativeEntropySplit(i, true);

// ---------------------------------------------------------------------------
// Instantaneous rates (Eqs. 1, 8, 12–15).

/** The magnitudes of the terms that make up the rates at this state (for relative tolerances). */
function rateTerms(x: DaviesQuantities): number {
  return [x.Pi, x.Pi_d, x.Upsilon, x.Phi, x.dSdt].filter(Number.isFinite).reduce((s, v) => s + Math.abs(v), 0);
}

function nonNegative(name: string, value: number, scale: number): Outcome {
  if (value === Infinity) return { kind: 'pass', residual: 0 };
  const r = value >= 0 ? 0 : relResidual(value, 0, scale);
  return within(r, CHECK_TOL.sign, () => `${name} = ${fmt(value)} < 0 (terms of size ${fmt(scale)})`);
}

export function checkPiNonNegative(i: DaviesInstance): Outcome {
  const x = engineRates(i);
  return nonNegative('Π', x.Pi, rateScaleAt(i, i.rho, x));
}
/** Mutant: Π with the sign of ln ρ_eq flipped, −tr ρ̇(ln ρ + ln ρ_eq). */
export function mutantPiNonNegative(i: DaviesInstance): Outcome {
  const x = engineRates(i);
  return nonNegative('Π (mutant)', 2 * x.dSdt - x.Pi, rateScaleAt(i, i.rho, x));
}

export function checkUpsilonNonNegative(i: DaviesInstance): Outcome {
  const x = engineRates(i);
  return nonNegative('Υ', x.Upsilon, rateScaleAt(i, i.rho, x));
}
/** Mutant: Υ = +dC/dt. */
export function mutantUpsilonNonNegative(i: DaviesInstance): Outcome {
  const x = engineRates(i);
  return nonNegative('Υ (mutant)', -x.Upsilon, rateScaleAt(i, i.rho, x));
}

/** "X = 0 only at ρ = ρ_eq": fails when X ≤ zero × (largest rate) while S(ρ‖ρ_eq) > equilibrium. */
function zeroOnlyAtEquilibrium(i: DaviesInstance, key: 'Pi' | 'Pi_d' | 'Upsilon'): Outcome {
  if (!connected(i)) return notApplicable('transition graph not connected: ρ_eq is not the only stationary state');
  const x = engineRates(i);
  const value = x[key];
  const zero = CHECK_TOL.zero * rateScale(i);
  if (value > zero) return { kind: 'pass', residual: 0 };
  if (x.Srel <= CHECK_TOL.equilibrium) return { kind: 'pass', residual: Math.abs(value) / Math.max(rateScale(i), Number.MIN_VALUE) };
  const name = { Pi: 'Π', Pi_d: 'Π_d', Upsilon: 'Υ' }[key];
  return {
    kind: 'fail',
    residual: x.Srel,
    detail: `${name} = ${fmt(value)} vanishes (≤ ${fmt(zero)}) at a state off equilibrium: S(ρ‖ρ_eq) = ${fmt(x.Srel)} (S(p‖p_eq) = ${fmt(x.Srel_pop)}, C = ${fmt(x.C)})`,
  };
}

export const checkPiZeroOnlyAtEquilibrium = (i: DaviesInstance): Outcome => zeroOnlyAtEquilibrium(i, 'Pi');
/** Mutant: Π replaced by its population part Π_d. */
export const mutantPiZeroOnlyAtEquilibrium = (i: DaviesInstance): Outcome => zeroOnlyAtEquilibrium(i, 'Pi_d');
export const checkPiDZeroOnlyAtEquilibrium = (i: DaviesInstance): Outcome => zeroOnlyAtEquilibrium(i, 'Pi_d');
export const checkUpsilonZeroOnlyAtEquilibrium = (i: DaviesInstance): Outcome => zeroOnlyAtEquilibrium(i, 'Upsilon');

function piSplit(i: DaviesInstance, mutant: boolean): Outcome {
  const x = engineRates(i);
  const rhs = mutant ? x.Pi_d - x.Upsilon : x.Pi_d + x.Upsilon;
  return within(relResidual(x.Pi, rhs, rateScaleAt(i, i.rho, x)), CHECK_TOL.identity, () => `Π = ${fmt(x.Pi)}, Π_d = ${fmt(x.Pi_d)}, Υ = ${fmt(x.Upsilon)}`);
}
export const checkPiSplit = (i: DaviesInstance): Outcome => piSplit(i, false);
/** Mutant: Π = Π_d − Υ. */
export const mutantPiSplit = (i: DaviesInstance): Outcome => piSplit(i, true);

/**
 * Naive Schnakenberg sum of Eq. 13, ½ Σ_{n≠m} J ln(W(n|m)p_m / W(m|n)p_n), written here
 * independently of the engine, over ordered pairs. Support convention: a population
 * ≤ TOL.zeroEigenvalue is a zero; the terms with its ln p_k sum to −ṗ_k ln 0, +∞ when its
 * net inflow ṗ_k exceeds TOL.zeroEigenvalue × (largest flux), else ln p_k is read as 0.
 * Pairs where a rate underflowed (0 or subnormal) take the rate ratio from detailed balance,
 * e^{−β(E_n−E_m)}. `swap` is the mutant with the rates exchanged inside the logarithm.
 */
function naiveSchnakenberg(i: DaviesInstance, p: number[], swap: boolean): { value: number; scale: number } {
  let value = 0;
  let scale = 0;
  const z = TOL.zeroEigenvalue;
  const lnp = (k: number): number => (p[k] > z ? Math.log(p[k]) : 0);
  for (let n = 0; n < i.d; n++) {
    let inflow = 0;
    for (let m = 0; m < i.d; m++) {
      if (n === m) continue;
      const [wnm, wmn] = [W(i, n, m), W(i, m, n)];
      if (wnm === 0 && wmn === 0) continue;
      const J = wnm * p[m] - wmn * p[n];
      inflow += J;
      if (J === 0) continue;
      // Subnormal rates (below 2^−1022) have lost precision: take their ratio from detailed balance.
      let lr = wnm >= MIN_NORMAL && wmn >= MIN_NORMAL ? Math.log(wnm) - Math.log(wmn) : -i.beta * (i.energies[n] - i.energies[m]);
      if (swap) lr = -lr;
      value += 0.5 * J * (lr + lnp(m) - lnp(n));
      scale += Math.abs(J) * (Math.abs(lr) + Math.abs(lnp(m)) + Math.abs(lnp(n)));
    }
    if (!(p[n] > z) && inflow > z * fluxScale(i, p)) return { value: Infinity, scale: Infinity };
  }
  return { value, scale };
}

function schnakenberg(i: DaviesInstance, swap: boolean): Outcome {
  const x = engineRates(i);
  const p = populations(i.rho);
  const naive = naiveSchnakenberg(i, p, swap);
  const scale = Math.max(Number.isFinite(naive.scale) ? naive.scale : 0, rateScaleAt(i, i.rho, x));
  const r = Math.max(relResidual(x.Pi_d, naive.value, scale), relResidual(x.Pi_d_schnakenberg, naive.value, scale));
  const neg = x.Pi_d < 0 ? relResidual(x.Pi_d, 0, scale) : 0;
  return within(Math.max(r, neg), CHECK_TOL.identity, () => `−dS(p‖p_eq)/dt = ${fmt(x.Pi_d)}, Schnakenberg sum ${fmt(naive.value)} (engine's ${fmt(x.Pi_d_schnakenberg)})`);
}
export const checkSchnakenberg = (i: DaviesInstance): Outcome => schnakenberg(i, false);
/** Mutant: W(m|n)/W(n|m) inside the logarithm (the rate direction confused). */
export const mutantSchnakenberg = (i: DaviesInstance): Outcome => schnakenberg(i, true);

/** −β tr(H' L(ρ)) with H' = H (Eq. 15), or H' = Σ_k E_k |v_k⟩⟨v_k| on the eigenbasis of ρ (the mutant). */
function fluxCheck(i: DaviesInstance, mutant: boolean): Outcome {
  const x = engineRates(i);
  const L = daviesLindbladian(i.gen);
  const H = fromDiagonal(i.energies);
  const rhoDot = applyLindbladian(L, i.rho);
  const dephasedDot = applyLindbladian(L, keepDiagonal(i.rho));
  let Hprime = H;
  if (mutant) {
    const v = eigh(i.rho).vectors;
    Hprime = spectralSynthesis(v, i.energies);
  }
  const phi = i.beta === 0 ? 0 : -i.beta * traceProductRe(Hprime, rhoDot);
  const phiIncoherent = i.beta === 0 ? 0 : -i.beta * traceProductRe(H, dephasedDot);
  const scale = i.beta * i.d * Math.max(...Array.from(i.energies, Math.abs)) * generatorScale(i, i.rho);
  const r = Math.max(relResidual(phi, phiIncoherent, scale), relResidual(x.Phi, phiIncoherent, scale));
  return within(r, CHECK_TOL.identity, () => `Φ = ${fmt(phi)} from −β tr(H L(ρ)), ${fmt(phiIncoherent)} from the dephased state, engine ${fmt(x.Phi)}`);
}
export const checkFlux = (i: DaviesInstance): Outcome => fluxCheck(i, false);
/** Mutant: the energy measured in the eigenbasis of ρ instead of H's. */
export const mutantFlux = (i: DaviesInstance): Outcome => fluxCheck(i, true);

function entropyBalance(i: DaviesInstance, mutant: boolean): Outcome {
  const x = engineRates(i);
  const rhs = mutant ? x.Pi + x.Phi : x.Pi - x.Phi;
  const scale = rateScaleAt(i, i.rho, x);
  let r = relResidual(x.dSdt, rhs, scale);
  let detail = `dS/dt = ${fmt(x.dSdt)}, Π − Φ = ${fmt(rhs)} (Π = ${fmt(x.Pi)}, Φ = ${fmt(x.Phi)})`;
  // Second route for dS/dt at clearly full-rank states: −tr(ρ̇ ln ρ) with the generic generator and a matrix log.
  const { values, vectors } = eigh(i.rho);
  if (!mutant && values[0] > CHECK_TOL.fullRankMargin * TOL.zeroEigenvalue) {
    const lnRho = mul(mul(vectors, fromDiagonal(Array.from(values, Math.log))), adjoint(vectors));
    const naive = -traceProductRe(applyLindbladian(daviesLindbladian(i.gen), i.rho), lnRho);
    const r2 = relResidual(x.dSdt, naive, scale);
    if (r2 > r) {
      r = r2;
      detail = `dS/dt = ${fmt(x.dSdt)} (engine), ${fmt(naive)} (−tr ρ̇ ln ρ, generic generator)`;
    }
  }
  return within(r, CHECK_TOL.identity, () => detail);
}
export const checkEntropyBalance = (i: DaviesInstance): Outcome => entropyBalance(i, false);
/** Mutant: dS/dt = Π + Φ. */
export const mutantEntropyBalance = (i: DaviesInstance): Outcome => entropyBalance(i, true);

// ---------------------------------------------------------------------------
// Integrated forms over [a, b] along the exact trajectory.

type IntegralKind = 'population' | 'coherence' | 'pi' | 'entropy';

/** The state functions at one end of the interval, each computed when first read (a claim reads one to three of them). */
class Ends {
  private s?: number;
  private srel?: number;
  private srelPop?: number;
  private c?: number;
  private f?: number;
  constructor(
    private readonly i: DaviesInstance,
    readonly rho: CMatrix,
  ) {}
  get S(): number {
    return (this.s ??= vonNeumannEntropy(this.rho));
  }
  get Srel(): number {
    return (this.srel ??= independentSrel(this.i, this.rho));
  }
  get Srel_pop(): number {
    return (this.srelPop ??= independentSrelPop(this.i, this.rho));
  }
  get C(): number {
    return (this.c ??= relativeEntropyOfCoherence(this.rho, this.i.energies));
  }
  /** F(ρ) at β > 0 (−∞ at β = 0, where it is not read). */
  get F(): number {
    return (this.f ??= this.i.beta > 0 ? freeEnergy(this.rho, fromDiagonal(this.i.energies), this.i.beta) : -Infinity);
  }
}

function integral(i: DaviesInstance, kind: IntegralKind, mutant: boolean): Outcome {
  // ρ(t) and the engine's rates at it, with the set-up and scratch of both kept across the nodes.
  const trajectory = daviesTrajectory(i.gen, i.rho);
  const ratesAt = entropyRateEvaluator(i.gen);
  const rho = zeros(i.d, i.d);
  const rate = (t: number): number => {
    const x = ratesAt(trajectory(t, rho));
    switch (kind) {
      case 'population':
        return x.Pi_d;
      case 'coherence':
        return mutant ? x.Pi_d : x.Upsilon;
      case 'pi':
        return x.Pi;
      case 'entropy':
        return mutant ? x.Pi + x.Phi : x.Pi - x.Phi;
    }
  };
  const [ra, rb] = evolveDavies(i.gen, i.rho, [i.a, i.b]);
  // Absolute floor of the quadrature: its relative tolerance of the rates' scale at a over [a, b]
  // (an integrand at rounding level, near equilibrium, is accepted instead of bisected forever).
  const atol = CHECK_TOL.quadrature * (i.b - i.a) * rateScaleAt(i, ra, daviesQuantities(i.gen, ra));
  const quad = integrate(rate, i.a, i.b, CHECK_TOL.quadrature, atol);
  if (quad.value === Infinity) {
    // Eigenvalues ≤ TOL.zeroEigenvalue count as zeros (the support convention): a trajectory that
    // feeds such an eigenvalue has rate +∞ there, although ∫ of the true −λ̇ ln λ is finite.
    return notApplicable('the trajectory feeds an eigenvalue ≤ TOL.zeroEigenvalue (rate +∞ by the support convention)');
  }
  const A = new Ends(i, ra);
  const B = new Ends(i, rb);
  let expected: number;
  let what: string;
  let ends: number[];
  switch (kind) {
    case 'population':
      expected = mutant ? A.Srel - B.Srel : A.Srel_pop - B.Srel_pop;
      what = mutant ? 'S(ρ‖ρ_eq)(a) − S(ρ‖ρ_eq)(b)' : 'S(p‖p_eq)(a) − S(p‖p_eq)(b)';
      ends = [A.Srel_pop, B.Srel_pop];
      break;
    case 'coherence':
      expected = A.C - B.C;
      what = 'C(a) − C(b)';
      ends = [A.C, B.C];
      break;
    case 'pi':
      // Eq. 8: ∫Π = −ΔS(ρ‖ρ_eq) = −β ΔF; the mutant forgets the 1/T.
      expected = i.beta > 0 ? (mutant ? A.F - B.F : i.beta * (A.F - B.F)) : A.Srel - B.Srel;
      what = i.beta > 0 ? (mutant ? 'F(a) − F(b)' : 'β (F(a) − F(b))') : 'S(ρ‖ρ_eq)(a) − S(ρ‖ρ_eq)(b)';
      ends = i.beta > 0 ? [i.beta * A.F, i.beta * B.F, A.Srel, B.Srel] : [A.Srel, B.Srel];
      break;
    case 'entropy':
      expected = B.S - A.S;
      what = 'S(b) − S(a)';
      ends = [A.S, B.S];
      break;
  }
  const scale = Math.max(quad.absIntegral, entropyScale(i, ra, A.S), entropyScale(i, rb, B.S), ...ends.map(Math.abs));
  let r = relResidual(quad.value, expected, scale);
  if (kind === 'pi' && i.beta > 0 && !mutant) r = Math.max(r, relResidual(quad.value, A.Srel - B.Srel, scale));
  return within(r, CHECK_TOL.integral, () => `∫ over [${fmt(i.a)}, ${fmt(i.b)}] = ${fmt(quad.value)} (quadrature error ≤ ${fmt(quad.error)}, ${quad.evaluations} evaluations), ${what} = ${fmt(expected)}`);
}

export const checkIntegralPopulation = (i: DaviesInstance): Outcome => integral(i, 'population', false);
/** Mutant: ∫Π_d dt against the drop of the full S(ρ‖ρ_eq). */
export const mutantIntegralPopulation = (i: DaviesInstance): Outcome => integral(i, 'population', true);
export const checkIntegralCoherence = (i: DaviesInstance): Outcome => integral(i, 'coherence', false);
/** Mutant: ∫Π_d dt against the drop of C. */
export const mutantIntegralCoherence = (i: DaviesInstance): Outcome => integral(i, 'coherence', true);
export const checkIntegralPi = (i: DaviesInstance): Outcome => integral(i, 'pi', false);
/** Mutant: ∫Π dt = −ΔF (the 1/T of Eq. 8 dropped). */
export const mutantIntegralPi = (i: DaviesInstance): Outcome => integral(i, 'pi', true);
export const checkIntegralEntropy = (i: DaviesInstance): Outcome => integral(i, 'entropy', false);
/** Mutant: ΔS = ∫(Π + Φ) dt. */
export const mutantIntegralEntropy = (i: DaviesInstance): Outcome => integral(i, 'entropy', true);
