import type { CheckContext, InstanceOutcome } from '../../src/claims/claim.js';
import { type CMatrix, adjoint, identity, kron, mul, normMax, sub, traceProductRe, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import {
  energyLevels,
  gibbsState,
  partialTrace,
  relativeEntropyOfCoherence,
  toBasis,
} from '../../src/numeric/quantum/index.js';
import { CHECK_TOL, TOL } from '../../src/numeric/tolerance.js';
import {
  type TrajectoryEnsemble,
  type TrajectoryInput,
  type TrajectorySample,
  type Unravelling,
  enumerateTrajectories,
  sampleTrajectories,
  unravel,
} from '../../src/numeric/trajectories/index.js';
import { enumerateAndSample } from '../../src/numeric/trajectories/sample.js';
import { fmt, largestOffDiagonal, notApplicable, within } from '../_shared/checks.js';
import { bernsteinThreshold } from '../_shared/statistics.js';
import type { TrajectoryInstance } from '../arbitraries/index.js';

/**
 * The checks of the trajectory claims (properties/trajectories.ts), each with
 * its mutant. Every check recomputes the quantity it compares with by a route
 * of its own (partial trace, Kronecker products, the quantum primitives), not
 * through the engine's internals.
 */

/*
 * Tolerances: CHECK_TOL of src/numeric/tolerance.ts — identity (two routes to one O(1)
 * quantity), ratioFloor (Eq. 41's ratio), falseAlarm and samples (Monte Carlo).
 */

/** ρ'_S = tr_E U(ρ_S ⊗ ρ_E^eq)U† (Eq. 18), computed here from its definition. */
export function finalState(input: TrajectoryInput): CMatrix {
  const dS = input.rhoS.rows;
  const rE = gibbsState(input.HE, input.beta);
  return partialTrace(mul(mul(input.U, kron(input.rhoS, rE)), adjoint(input.U)), [dS, rE.rows], [0]);
}

/** 𝔅(X) = tr_E U†(X ⊗ ρ_E^eq)U: the backward map (its trace against a projector is a backward probability). */
function backwardMap(input: TrajectoryInput, X: CMatrix): CMatrix {
  const rE = gibbsState(input.HE, input.beta);
  return partialTrace(mul(mul(adjoint(input.U), kron(X, rE)), input.U), [X.rows, rE.rows], [0]);
}

/** |v⟩⟨v| for a column v. */
function projector(v: CMatrix): CMatrix {
  return mul(v, adjoint(v));
}

/** Thermal populations q of E in the order of its eigenbasis (as the engine's labels µ, ν). */
function envPopulations(input: TrajectoryInput): { q: Float64Array; basis: CMatrix } {
  const lv = energyLevels(input.HE);
  const rE = gibbsState(input.HE, input.beta);
  const basis = lv.basis ?? identity(lv.energies.length);
  const d = toBasis(rE, basis);
  return { q: Float64Array.from({ length: d.rows }, (_, i) => d.re[i * d.rows + i]), basis };
}

// ---------------------------------------------------------------- Eq. 33

/** Σ_{α,µ,ν} P_F(ν|α,µ) w_{αµ} |Φ_F⟩⟨Φ_F|, with weights w (the engine's p_α q_µ by default). */
function unravelledState(u: Unravelling, weight: (alpha: number, mu: number) => number): CMatrix {
  const d = u.psi.rows;
  const out = zeros(d, d);
  for (const b of u.forward) {
    if (b.state === null) continue;
    const P = projector(b.state);
    const w = b.probability * weight(b.alpha, b.mu);
    for (let k = 0; k < out.re.length; k++) {
      out.re[k] += w * P.re[k];
      out.im[k] += w * P.im[k];
    }
  }
  return out;
}

/** Eq. 33: the unravelling averages to ρ'_S = tr_E U(ρ_S ⊗ ρ_E^eq)U†. */
export function checkUnravellingAverage(t: TrajectoryInstance): InstanceOutcome {
  const u = unravel(t.input);
  const r = normMax(sub(unravelledState(u, (a, mu) => u.p[a] * u.q[mu]), finalState(t.input)));
  return within(r, CHECK_TOL.identity, () => `max |Σ P_F p q |Φ_F⟩⟨Φ_F| − ρ'_S| = ${fmt(r)}`);
}

/** Mutant of Eq. 33: the environment at infinite temperature in the weights (q_µ → 1/d_E). */
export function mutantUnravellingAverage(t: TrajectoryInstance): InstanceOutcome {
  const u = unravel(t.input);
  const r = normMax(sub(unravelledState(u, (a) => u.p[a] / u.q.length), finalState(t.input)));
  return within(r, CHECK_TOL.identity, () => `with q_µ → 1/d_E: max deviation ${fmt(r)}`);
}

// ---------------------------------------------------------------- Eq. 34

function finalPopulationsResidual(t: TrajectoryInstance, wrongBasis: boolean): number {
  const u = unravel(t.input);
  const d = u.psi.rows;
  const sums = new Float64Array(d);
  for (const b of u.forward) {
    if (b.state === null) continue;
    const w = b.probability * u.p[b.alpha] * u.q[b.mu];
    // p_{β|α,µ,ν} = |⟨ψ'_β|Φ_F⟩|² (the mutant reads it in the initial eigenbasis |ψ_β⟩)
    const ov = mul(adjoint(wrongBasis ? u.psi : u.psiFinal), b.state);
    for (let beta = 0; beta < d; beta++) sums[beta] += w * (ov.re[beta] ** 2 + ov.im[beta] ** 2);
  }
  const pFinal = eigh(finalState(t.input)).values;
  let r = 0;
  for (let beta = 0; beta < d; beta++) r = Math.max(r, Math.abs(sums[beta] - pFinal[beta]));
  return r;
}

/** Eq. 34: p'_β = Σ_{α,µ,ν} p_{β|α,µ,ν} P_F(ν|α,µ) p_α q_µ (p'_β the eigenvalues of ρ'_S, ascending). */
export function checkFinalPopulations(t: TrajectoryInstance): InstanceOutcome {
  const r = finalPopulationsResidual(t, false);
  return within(r, CHECK_TOL.identity, () => `max_β |p'_β − Σ p_{β|αµν} P_F p q| = ${fmt(r)}`);
}

/** Mutant of Eq. 34: the conditional probabilities read in the initial eigenbasis |ψ_β⟩ instead of |ψ'_β⟩. */
export function mutantFinalPopulations(t: TrajectoryInstance): InstanceOutcome {
  const r = finalPopulationsResidual(t, true);
  return within(r, CHECK_TOL.identity, () => `with |ψ_β⟩ for |ψ'_β⟩: max deviation ${fmt(r)}`);
}

// ---------------------------------------------------------------- Eqs. 35–36

/** |⟨ψ'_β, ν|U|ψ_α, µ⟩|², computed here from U and the bases: entry [(β·d_E + ν)·N + α·d_E + µ]. */
function transitionProbabilities(t: TrajectoryInstance, u: Unravelling): Float64Array {
  const { basis } = envPopulations(t.input);
  const W = mul(mul(adjoint(kron(u.psiFinal, basis)), t.input.U), kron(u.psi, basis));
  return W.re.map((x, k) => x * x + W.im[k] * W.im[k]);
}

function transitionResidual(t: TrajectoryInstance, dropUnconditional: boolean): number {
  const u = unravel(t.input);
  const T = transitionProbabilities(t, u);
  const dS = u.psi.rows;
  const dE = u.q.length;
  const N = dS * dE;
  let r = 0;
  for (const b of u.forward) {
    for (let beta = 0; beta < dS; beta++) {
      const lhs = b.conditional[beta] * (dropUnconditional ? 1 : b.probability);
      r = Math.max(r, Math.abs(lhs - T[(beta * dE + b.nu) * N + b.alpha * dE + b.mu]));
    }
  }
  return r;
}

/** Eq. 36 (= 35): p_{β|α,µ,ν} P_F(ν|α,µ) = |⟨ψ'_β, ν|U|ψ_α, µ⟩|² on every (α, µ, β, ν). */
export function checkTransitionProbability(t: TrajectoryInstance): InstanceOutcome {
  const r = transitionResidual(t, false);
  return within(r, CHECK_TOL.identity, () => `max |p_{β|αµν} P_F(ν|αµ) − |⟨ψ'_β,ν|U|ψ_α,µ⟩|²| = ${fmt(r)}`);
}

/** Mutant of Eq. 36: the factor P_F(ν|α,µ) forgotten. */
export function mutantTransitionProbability(t: TrajectoryInstance): InstanceOutcome {
  const r = transitionResidual(t, true);
  return within(r, CHECK_TOL.identity, () => `without P_F(ν|α,µ): max deviation ${fmt(r)}`);
}

// ---------------------------------------------------------------- Eq. 38

function backwardTotal(t: TrajectoryInstance, wrongLabel: boolean): number {
  const u = unravel(t.input);
  let s = 0;
  for (const b of u.backward) {
    const w = u.pFinal[b.beta] * u.q[wrongLabel ? b.mu : b.nu];
    for (const c of b.conditional) s += c * b.probability * w;
  }
  return s;
}

/** Eq. 38: the backward path probabilities p_{α|β,ν,µ} P_B(µ|β,ν) p'_β q_ν sum to 1. */
export function checkBackwardNormalisation(t: TrajectoryInstance): InstanceOutcome {
  const s = backwardTotal(t, false);
  return within(Math.abs(s - 1), CHECK_TOL.identity, () => `Σ_X P_B[X] = ${fmt(s)}`);
}

/** Mutant of Eq. 38: q_µ (the label measured last) in place of q_ν. */
export function mutantBackwardNormalisation(t: TrajectoryInstance): InstanceOutcome {
  const s = backwardTotal(t, true);
  return within(Math.abs(s - 1), CHECK_TOL.identity, () => `with q_µ for q_ν: Σ_X P_B[X] = ${fmt(s)}`);
}

// ---------------------------------------------------------------- Eq. 40

function fullRank(e: TrajectoryEnsemble): boolean {
  return e.p.every((x) => x > TOL.zeroEigenvalue);
}

/** Eq. 40 under its implicit hypothesis: ⟨e^{−σ}⟩ = 1 when ρ_S is full rank. */
export function checkFluctuationTheoremFullRank(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  if (!fullRank(e)) return notApplicable('ρ_S is not full rank');
  const v = e.means.mean_exp_minus_sigma;
  return within(Math.abs(v - 1), CHECK_TOL.identity, () => `⟨e^{−σ}⟩ = ${fmt(v)}`);
}

/** Mutant of Eq. 40: the heat forgotten, σ → ln(p_α/p'_β). */
export function mutantFluctuationTheorem(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  if (!fullRank(e)) return notApplicable('ρ_S is not full rank');
  const f = e.forward;
  let s = 0;
  for (let k = 0; k < f.count; k++) s += f.PF[k] * (e.pFinal[f.beta[k]] / e.p[f.alpha[k]]);
  return within(Math.abs(s - 1), CHECK_TOL.identity, () => `⟨e^{−ln(p_α/p'_β)}⟩ = ${fmt(s)}`);
}

/** Eq. 40 as printed: ⟨e^{−σ}⟩ = 1 for every ρ_S (expected refuted: a pure ρ_S gives less). */
export function checkFluctuationTheoremAnyState(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  const v = e.means.mean_exp_minus_sigma;
  return within(Math.abs(v - 1), CHECK_TOL.identity, () => `⟨e^{−σ}⟩ = ${fmt(v)} (eigenvalues of ρ_S: ${Array.from(e.p, fmt).join(', ')})`);
}

/** Π, the projector on the support of ρ (eigenvalues > TOL.zeroEigenvalue). */
function supportProjector(rho: CMatrix): CMatrix {
  const { values, vectors } = eigh(rho);
  const d = rho.rows;
  const out = zeros(d, d);
  for (let a = 0; a < d; a++) {
    if (values[a] <= TOL.zeroEigenvalue) continue;
    const v = zeros(d, 1);
    for (let i = 0; i < d; i++) {
      v.re[i] = vectors.re[i * d + a];
      v.im[i] = vectors.im[i * d + a];
    }
    const P = projector(v);
    for (let k = 0; k < out.re.length; k++) {
      out.re[k] += P.re[k];
      out.im[k] += P.im[k];
    }
  }
  return out;
}

/**
 * Eq. 40 for any ρ_S (qep's form): ⟨e^{−σ}⟩ = Σ_{P_F > 0} P_B = tr[Π_ρS 𝔅(ρ'_S)],
 * Π_ρS the projector on the support of ρ_S and 𝔅(X) = tr_E U†(X ⊗ ρ_E^eq)U.
 */
export function checkFluctuationTheoremSupport(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  const expected = traceProductRe(supportProjector(t.input.rhoS), backwardMap(t.input, finalState(t.input)));
  const v = e.means.mean_exp_minus_sigma;
  return within(Math.abs(v - expected), CHECK_TOL.identity, () => `⟨e^{−σ}⟩ = ${fmt(v)}, tr[Π 𝔅(ρ'_S)] = ${fmt(expected)}`);
}

/** Mutant of the support form: Π → 1, i.e. the printed Eq. 40. */
export function mutantFluctuationTheoremSupport(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  const expected = traceProductRe(identity(t.dS), backwardMap(t.input, finalState(t.input)));
  const v = e.means.mean_exp_minus_sigma;
  return within(Math.abs(v - expected), CHECK_TOL.identity, () => `⟨e^{−σ}⟩ = ${fmt(v)}, tr 𝔅(ρ'_S) = ${fmt(expected)}`);
}

// ---------------------------------------------------------------- Eq. 41

function logRatioResidual(t: TrajectoryInstance, dropBackwardConditional: boolean): number {
  const u = unravel(t.input);
  const e = enumerateTrajectories(t.input);
  const dE = u.q.length;
  const f = e.forward;
  let r = 0;
  for (let k = 0; k < f.count; k++) {
    const [alpha, mu, beta, nu] = [f.alpha[k], f.mu[k], f.beta[k], f.nu[k]];
    const fw = u.forward[(alpha * dE + mu) * dE + nu];
    const bw = u.backward[(beta * dE + nu) * dE + mu];
    const forwardT = fw.conditional[beta] * fw.probability; // p_{β|αµν} P_F(ν|αµ)
    const backwardT = (dropBackwardConditional ? 1 : bw.conditional[alpha]) * bw.probability; // p_{α|βνµ} P_B(µ|βν)
    const direct = Math.log(u.p[alpha]) + Math.log(u.q[mu]) - Math.log(u.pFinal[beta]) - Math.log(u.q[nu]);
    // The conditional terms cancel (absolute, every path), and the engine's σ is Eq. 41's right-hand side.
    r = Math.max(r, Math.abs(forwardT - backwardT), Math.abs(f.sigma[k] - direct) / (1 + Math.abs(direct)));
    // ln(P_F/P_B) itself, where the transition probability is large enough for a ratio to be accurate.
    if (forwardT > CHECK_TOL.ratioFloor) {
      const PF = forwardT * u.p[alpha] * u.q[mu]; // Eq. 35
      const PB = backwardT * u.pFinal[beta] * u.q[nu]; // Eq. 38
      r = Math.max(r, Math.abs(Math.log(PF / PB) - direct) / (1 + Math.abs(direct)));
    }
  }
  return r;
}

/** Eq. 41: σ = ln(P_F[X]/P_B[X]) (Eqs. 35, 38 with the conditionals) = ln(p_α q_µ/(p'_β q_ν)) on every path. */
export function checkLogRatio(t: TrajectoryInstance): InstanceOutcome {
  const r = logRatioResidual(t, false);
  return within(r, CHECK_TOL.identity, () => `max |ln(P_F/P_B) − ln(p_α q_µ/(p'_β q_ν))| = ${fmt(r)}`);
}

/** Mutant of Eq. 41: the backward conditional p_{α|β,ν,µ} forgotten, so the conditionals no longer cancel. */
export function mutantLogRatio(t: TrajectoryInstance): InstanceOutcome {
  const r = logRatioResidual(t, true);
  return within(r, CHECK_TOL.identity, () => `without p_{α|βνµ}: max deviation ${fmt(r)}`);
}

// ---------------------------------------------------------------- ⟨σ⟩ = Σ, ⟨σ_d⟩ = Σ_d, ⟨ξ⟩ = Ξ

function meanAgainst(value: number, target: number, what: string): InstanceOutcome {
  const r = Math.abs(value - target) / (1 + Math.abs(target));
  return within(r, CHECK_TOL.identity, () => `${what}: ${fmt(value)} vs ${fmt(target)}`);
}

/** ⟨σ⟩ = Σ = S(ρ_S‖ρ_S^eq) − S(ρ'_S‖ρ_S^eq) (Eqs. 22, 40). */
export function checkMeanSigma(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  return meanAgainst(e.means.mean_sigma, e.parts.Sigma, '⟨σ⟩ vs Σ');
}

/** Mutant: ⟨σ⟩ against the population part Σ_d alone. */
export function mutantMeanSigma(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  return meanAgainst(e.means.mean_sigma, e.parts.Sigma_d, '⟨σ⟩ vs Σ_d');
}

/** ⟨σ_d⟩ = Σ_d (Eq. 43). */
export function checkMeanSigmaD(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  return meanAgainst(e.means.mean_sigma_d, e.parts.Sigma_d, '⟨σ_d⟩ vs Σ_d');
}

/** Mutant: ⟨σ_d⟩ against the whole Σ. */
export function mutantMeanSigmaD(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  return meanAgainst(e.means.mean_sigma_d, e.parts.Sigma, '⟨σ_d⟩ vs Σ');
}

/** ⟨ξ⟩ = Ξ = C(ρ_S) − C(ρ'_S) (Eq. 44). */
export function checkMeanXi(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  return meanAgainst(e.means.mean_xi, e.parts.Xi, '⟨ξ⟩ vs Ξ');
}

/** Mutant: ⟨ξ⟩ against C(ρ_S) alone (the coherence left in ρ'_S forgotten). */
export function mutantMeanXi(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  return meanAgainst(e.means.mean_xi, relativeEntropyOfCoherence(t.input.rhoS, t.input.HS), '⟨ξ⟩ vs C(ρ_S)');
}

// ---------------------------------------------------------------- Eq. 42

function splitResidual(t: TrajectoryInstance, swapped: boolean): number {
  const e = enumerateTrajectories(t.input);
  const g = e.augmented;
  let r = 0;
  for (let k = 0; k < g.count; k++) {
    const pa = e.p[g.alpha[k]];
    const pb = e.pFinal[g.beta[k]];
    const pn = e.pn[g.n[k]];
    const pm = e.pmFinal[g.m[k]];
    const qm = e.q[g.mu[k]];
    const qn = e.q[g.nu[k]];
    const sigma = Math.log((pa * qm) / (pb * qn)); // Eq. 41
    const sigmaD = Math.log((pn * qm) / (pm * qn)); // Eq. 43
    const xi = swapped ? Math.log((pa * pn) / (pb * pm)) : Math.log((pa * pm) / (pb * pn)); // Eq. 44
    const scale = 1 + Math.abs(sigma);
    r = Math.max(
      r,
      Math.abs(g.sigma[k] - g.sigmaD[k] - g.xi[k]) / scale,
      Math.abs(sigma - sigmaD - xi) / scale,
      Math.abs(g.sigmaD[k] - sigmaD) / scale,
      Math.abs(g.xi[k] - xi) / scale,
    );
  }
  return r;
}

/** Eq. 42: σ = σ_d + ξ on every augmented path, with σ_d, ξ of Eqs. 43–44. */
export function checkSigmaSplit(t: TrajectoryInstance): InstanceOutcome {
  const r = splitResidual(t, false);
  return within(r, CHECK_TOL.identity, () => `max |σ − σ_d − ξ| / (1 + |σ|) = ${fmt(r)}`);
}

/** Mutant of Eq. 44: n and m swapped in ξ, ξ → ln(p_α p_n/(p'_β p'_m)). */
export function mutantSigmaSplit(t: TrajectoryInstance): InstanceOutcome {
  const r = splitResidual(t, true);
  return within(r, CHECK_TOL.identity, () => `with n, m swapped in ξ: max deviation ${fmt(r)}`);
}

// ---------------------------------------------------------------- ⟨e^{−σ_d}⟩

/** Max off-diagonal |ρ_nm| of ρ_S in the eigenbasis of H_S. */
function coherenceSize(input: TrajectoryInput): number {
  return largestOffDiagonal(toBasis(input.rhoS, energyLevels(input.HS).basis));
}

/** The classical fluctuation theorem ⟨e^{−σ_d}⟩ = 1 for a diagonal, full-rank ρ_S. */
export function checkClassicalFluctuationTheoremDiagonal(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  if (coherenceSize(t.input) > CHECK_TOL.identity) return notApplicable('ρ_S has coherences in the energy basis');
  if (!fullRank(e)) return notApplicable('ρ_S is not full rank');
  const v = e.means.mean_exp_minus_sigma_d;
  return within(Math.abs(v - 1), CHECK_TOL.identity, () => `⟨e^{−σ_d}⟩ = ${fmt(v)}`);
}

/** Mutant: the heat forgotten in σ_d, σ_d → ln(p_n/p'_m). */
export function mutantClassicalFluctuationTheorem(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  if (coherenceSize(t.input) > CHECK_TOL.identity) return notApplicable('ρ_S has coherences in the energy basis');
  if (!fullRank(e)) return notApplicable('ρ_S is not full rank');
  const g = e.augmented;
  let s = 0;
  for (let k = 0; k < g.count; k++) s += g.P[k] * (e.pmFinal[g.m[k]] / e.pn[g.n[k]]);
  return within(Math.abs(s - 1), CHECK_TOL.identity, () => `⟨e^{−ln(p_n/p'_m)}⟩ = ${fmt(s)}`);
}

/**
 * ⟨e^{−σ_d}⟩ = 1 for every full-rank ρ_S, coherent or not (expected refuted:
 * coherences break it). Full rank is required so that a failure cannot come
 * from missing paths (which already break Eq. 40), only from the coherences.
 */
export function checkClassicalFluctuationTheoremAnyState(t: TrajectoryInstance): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  if (!fullRank(e)) return notApplicable('ρ_S is not full rank');
  const v = e.means.mean_exp_minus_sigma_d;
  return within(Math.abs(v - 1), CHECK_TOL.identity, () => `⟨e^{−σ_d}⟩ = ${fmt(v)}, ⟨e^{−σ}⟩ = ${fmt(e.means.mean_exp_minus_sigma)}, ⟨ξ⟩ = ${fmt(e.means.mean_xi)}`);
}

// ---------------------------------------------------------------- Monte Carlo

const QUANTITIES = ['sigma', 'sigma_d', 'xi', 'exp_minus_sigma', 'exp_minus_sigma_d'] as const;
type Quantity = (typeof QUANTITIES)[number];

/** Largest |x − mean| over the paths the sampler can draw (probability > 0): Bernstein's range b. */
function largestDeviation(values: ArrayLike<number>, probabilities: ArrayLike<number>, transform: (x: number) => number, mean: number): number {
  let b = 0;
  for (let k = 0; k < values.length; k++) if (probabilities[k] > 0) b = Math.max(b, Math.abs(transform(values[k]) - mean));
  return b;
}

/** Exact mean, second moment and largest deviation of each sampled quantity. */
function exactMoments(e: TrajectoryEnsemble): Record<Quantity, { mean: number; second: number; range: number }> {
  const m = e.means;
  const s = e.secondMoments;
  const f = e.forward;
  const a = e.augmented;
  const id = (x: number) => x;
  const expMinus = (x: number) => Math.exp(-x);
  // The forward measure of e^{−σ} has total mass Σ P_F, not 1, when paths are dropped; normalise to the sampled measure.
  const eS = m.mean_exp_minus_sigma / e.totals.forward;
  const eSd = m.mean_exp_minus_sigma_d / e.totals.augmented;
  return {
    sigma: { mean: m.mean_sigma, second: s.sigma, range: largestDeviation(f.sigma, f.PF, id, m.mean_sigma) },
    sigma_d: { mean: m.mean_sigma_d, second: s.sigma_d, range: largestDeviation(a.sigmaD, a.P, id, m.mean_sigma_d) },
    xi: { mean: m.mean_xi, second: s.xi, range: largestDeviation(a.xi, a.P, id, m.mean_xi) },
    exp_minus_sigma: { mean: eS, second: s.exp_minus_sigma / e.totals.forward, range: largestDeviation(f.sigma, f.PF, expMinus, eS) },
    exp_minus_sigma_d: { mean: eSd, second: s.exp_minus_sigma_d / e.totals.augmented, range: largestDeviation(a.sigmaD, a.P, expMinus, eSd) },
  };
}

/**
 * The largest deviation of a sampled mean from its exact value, as a fraction of the
 * allowed one: |x̄ − ⟨x⟩| / (t* + identity slack), t* Bernstein's threshold for a
 * family-wise false alarm ≤ CHECK_TOL.falseAlarm over `comparisons` comparisons.
 * A residual ≤ 1 passes; the detail prints the same number.
 */
function judgeMeans(e: TrajectoryEnsemble, s: TrajectorySample, comparisons: number, prefix: string): InstanceOutcome {
  const ex = exactMoments(e);
  let r = -1;
  let worst = '';
  for (const k of QUANTITIES) {
    const { mean, second, range } = ex[k];
    const variance = Math.max(0, second - mean * mean);
    const allowed = bernsteinThreshold(s.samples, variance, range, comparisons) + CHECK_TOL.identity * (1 + Math.abs(mean));
    const rk = Math.abs(s[k].mean - mean) / allowed;
    if (rk > r) {
      r = rk;
      worst =
        `${k}: sampled ${fmt(s[k].mean)}, exact ${fmt(mean)} ± ${fmt(Math.sqrt(variance / s.samples))} (exact s.e.), ` +
        `allowed deviation ${fmt(allowed)} (Bernstein, range ${fmt(range)}, family-wise false alarm ${CHECK_TOL.falseAlarm} over ${comparisons} comparisons)`;
    }
  }
  if (r <= 1) return { kind: 'pass', residual: r };
  return { kind: 'fail', residual: r, detail: `${prefix}deviation = ${fmt(r)} × allowed: ${worst}` };
}

/**
 * The Monte Carlo means of σ, σ_d, ξ, e^{−σ}, e^{−σ_d} lie within the allowed deviation
 * of the exact means (judgeMeans): Bernstein's bound from the exact variance and range
 * (enumerated), for a false alarm ≤ CHECK_TOL.falseAlarm over 5 × (instances of the run)
 * comparisons. Exact, not sampled, moments: the sample standard error is unreliable
 * for e^{−σ} when ρ_S has a tiny eigenvalue (rare paths with p_α ≪ 1 carry an O(1)
 * part of ⟨e^{−σ}⟩ and a huge variance).
 */
export function checkSampledMeans(t: TrajectoryInstance, context: CheckContext): InstanceOutcome {
  const { ensemble: e, sample: s } = enumerateAndSample(t.input, { samples: CHECK_TOL.samples, seed: t.seed });
  return judgeMeans(e, s, QUANTITIES.length * context.instances, '');
}

/** Mutant: the sampler sees an environment at infinite temperature (β = 0). */
export function mutantSampledMeans(t: TrajectoryInstance, context: CheckContext): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  const s = sampleTrajectories({ ...t.input, beta: 0 }, { samples: CHECK_TOL.samples, seed: t.seed });
  return judgeMeans(e, s, QUANTITIES.length * context.instances, 'sampler at β = 0: ');
}

/** Exact probability mass of σ in each histogram bin (same binning rule as the sampler). */
function exactBinMasses(e: TrajectoryEnsemble, s: TrajectorySample): Float64Array {
  const h = s.histograms.sigma;
  const bins = h.counts.length;
  const lo = h.edges[0];
  const hi = h.edges[bins];
  const w = (hi - lo) / bins;
  const mass = new Float64Array(bins);
  const f = e.forward;
  for (let k = 0; k < f.count; k++) {
    const x = f.sigma[k];
    if (x < lo || x > hi) continue;
    mass[Math.min(bins - 1, Math.floor((x - lo) / w))] += f.PF[k] / e.totals.forward;
  }
  return mass;
}

/**
 * Each bin frequency against its exact mass p, as a fraction of the allowed deviation:
 * Bernstein's threshold for a Bernoulli(p) (variance p(1 − p), range max(p, 1 − p)) over
 * `comparisons` comparisons, plus 1/N for the binning of values on a bin edge.
 */
function judgeHistogram(e: TrajectoryEnsemble, s: TrajectorySample, comparisons: number, prefix: string): InstanceOutcome {
  const mass = exactBinMasses(e, s);
  const N = s.samples;
  let r = -1;
  let detail = '';
  s.histograms.sigma.counts.forEach((c, k) => {
    const p = mass[k];
    const allowed = bernsteinThreshold(N, p * (1 - p), Math.max(p, 1 - p), comparisons) + 1 / N;
    const rk = Math.abs(c / N - p) / allowed;
    if (rk > r) {
      r = rk;
      detail = `bin ${k}: frequency ${fmt(c / N)}, exact ${fmt(p)}, allowed deviation ${fmt(allowed)} (Bernstein, family-wise false alarm ${CHECK_TOL.falseAlarm} over ${comparisons} comparisons)`;
    }
  });
  if (r <= 1) return { kind: 'pass', residual: r };
  return { kind: 'fail', residual: r, detail: `${prefix}deviation = ${fmt(r)} × allowed: ${detail}` };
}

/**
 * The sampled histogram of σ matches the exact distribution of σ bin by bin, within the
 * allowed deviation of judgeHistogram over (bins) × (instances of the run) comparisons.
 */
export function checkSampledHistogram(t: TrajectoryInstance, context: CheckContext): InstanceOutcome {
  const { ensemble: e, sample: s } = enumerateAndSample(t.input, { samples: CHECK_TOL.samples, seed: t.seed });
  const total = s.histograms.sigma.counts.reduce((a, b) => a + b, 0);
  if (total !== s.samples) return { kind: 'fail', residual: Infinity, detail: `histogram holds ${total} of ${s.samples} samples` };
  return judgeHistogram(e, s, s.histograms.sigma.counts.length * context.instances, '');
}

/** Mutant: the histogram of a sampler at β = 0 against the exact distribution at β. */
export function mutantSampledHistogram(t: TrajectoryInstance, context: CheckContext): InstanceOutcome {
  const e = enumerateTrajectories(t.input);
  const s = sampleTrajectories({ ...t.input, beta: 0 }, { samples: CHECK_TOL.samples, seed: t.seed });
  return judgeHistogram(e, s, s.histograms.sigma.counts.length * context.instances, 'sampler at β = 0: ');
}
