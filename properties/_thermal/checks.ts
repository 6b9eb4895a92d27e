import type { InstanceOutcome } from '../../src/claims/claim.js';
import { type CMatrix, add, adjoint, diagonalRe, fromDiagonal, identity, kron, mul, normMax, scale, sub, traceProductRe, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { daviesGenerator, entropyRateEvaluator, visitDavies } from '../../src/numeric/dynamics/index.js';
import {
  dephase,
  gibbsPopulations,
  klDivergenceToGibbs,
  mutualInformation,
  partialTrace,
  populationsIn,
  relativeEntropyOfCoherence,
  relativeEntropyToGibbs,
  toBasis,
  vonNeumannEntropy,
} from '../../src/numeric/quantum/index.js';
import {
  type KrausOperator,
  type ThermalBudget,
  type ThermalOperation,
  applyKraus,
  applyThermalOperation,
  coherenceFactors,
  coherenceFactorUnchecked,
  energyConservationResidual,
  krausCompleteness,
  krausOperators,
  nonDegenerateBohrFrequencies,
  printedInteractionMap,
  productBasis,
  thermalEntropyBudget,
  thermalOperation,
  totalHamiltonian,
  transitionMatrix,
} from '../../src/numeric/thermal/index.js';
import { CHECK_TOL, TOL, sameLevel } from '../../src/numeric/tolerance.js';
import { fmt, largestOffDiagonal, notApplicable, residualAgainst, within } from '../_shared/checks.js';
import type { DaviesQubitInstance, PrintedInstance, ThermalInstance } from '../arbitraries/index.js';

/**
 * Thresholds: CHECK_TOL of src/numeric/tolerance.ts — identity (two routes to one
 * quantity, and inequalities), panelQuadrature (the Davies limit), refutation (the
 * margin of the expected-refuted printed forms). None is typed in at a use.
 */

const TOLI = CHECK_TOL.identity;

// ---------------------------------------------------------------- evaluation

/** Everything a check may need, computed on demand (one instance, one check). */
class Eval {
  constructor(readonly i: ThermalInstance) {}
  private memo = new Map<string, unknown>();
  private get<T>(key: string, f: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, f());
    return this.memo.get(key) as T;
  }
  get op(): ThermalOperation {
    return this.get('op', () => thermalOperation(this.i.HS, this.i.HE, this.i.beta, this.i.U));
  }
  get budget(): ThermalBudget {
    return this.get('budget', () => thermalEntropyBudget(this.op, this.i.rhoS));
  }
  get kraus(): KrausOperator[] {
    return this.get('kraus', () => krausOperators(this.op));
  }
  get Q(): number[][] {
    return this.get('Q', () => transitionMatrix(this.op));
  }
  /** ρ'_SE in the original basis (Eq. 16, direct product of matrices). */
  get joint(): CMatrix {
    return this.get('joint', () => applyThermalOperation(this.op, this.i.rhoS));
  }
  get rhoS1(): CMatrix {
    return this.get('rhoS1', () => partialTrace(this.joint, [this.i.dS, this.i.dE], [0]));
  }
  get rhoE1(): CMatrix {
    return this.get('rhoE1', () => partialTrace(this.joint, [this.i.dS, this.i.dE], [1]));
  }
  get Htot(): CMatrix {
    return this.get('Htot', () => totalHamiltonian(this.i.HS, this.i.HE));
  }
  /** Populations in the eigenbasis of H_S. */
  get p(): Float64Array {
    return this.get('p', () => populationsIn(this.i.rhoS, this.op.levelsS.basis));
  }
  get pFinal(): Float64Array {
    return this.get('pFinal', () => populationsIn(this.rhoS1, this.op.levelsS.basis));
  }
  // Coherences and entropies by the primitives, in the original basis (the route independent of the engine's budget).
  get C_S(): number {
    return this.get('C_S', () => relativeEntropyOfCoherence(this.i.rhoS, this.i.HS));
  }
  get C_S1(): number {
    return this.get('C_S1', () => relativeEntropyOfCoherence(this.rhoS1, this.i.HS));
  }
  get C_E1(): number {
    return this.get('C_E1', () => relativeEntropyOfCoherence(this.rhoE1, this.i.HE));
  }
  get C_SE1(): number {
    return this.get('C_SE1', () => relativeEntropyOfCoherence(this.joint, this.Htot));
  }
  get Sigma(): number {
    return this.get('Sigma', () => relativeEntropyToGibbs(this.i.rhoS, this.i.HS, this.i.beta) - relativeEntropyToGibbs(this.rhoS1, this.i.HS, this.i.beta));
  }
}

// ---------------------------------------------------------------- Eqs. 16–17

/** Eq. 16: U conserves H_S⊗1 + 1⊗H_E, so the energy lost by S is gained by E. */
function energyConservationCheck(i: ThermalInstance, systemOnly: boolean): InstanceOutcome {
  const e = new Eval(i);
  const c = energyConservationResidual(i.U, i.HS, i.HE);
  if (c > TOL.commute) return { kind: 'fail', residual: c, detail: `‖[U, H]‖ relative ${fmt(c)} > TOL.commute` };
  const dS = traceProductRe(i.HS, e.rhoS1) - traceProductRe(i.HS, i.rhoS);
  const dE = traceProductRe(i.HE, e.rhoE1) - traceProductRe(i.HE, e.op.rhoEeq);
  const scaleE = 1 + Math.abs(traceProductRe(i.HS, i.rhoS)) + Math.abs(traceProductRe(i.HE, e.op.rhoEeq));
  const r = (systemOnly ? Math.abs(dS) : Math.abs(dS + dE)) / scaleE;
  return within(r, TOLI, () => (systemOnly ? `system energy alone changes by ${fmt(dS)}` : `ΔE_S = ${fmt(dS)}, ΔE_E = ${fmt(dE)}`));
}
export const checkEnergyConservation = (i: ThermalInstance): InstanceOutcome => energyConservationCheck(i, false);
export const mutantEnergyConservation = (i: ThermalInstance): InstanceOutcome => energyConservationCheck(i, true);

/** Eq. 17: ⟨m,ν|U|n,µ⟩ = 0 unless E_n + E_µ = E_m + E_ν (the mutant: unless E_n − E_µ = E_m − E_ν). */
function selectionRuleCheck(i: ThermalInstance, differenceRule: boolean): InstanceOutcome {
  const op = new Eval(i).op;
  const { dE, Ueig } = op;
  const eS = op.levelsS.energies;
  const eE = op.levelsE.energies;
  const N = op.dS * dE;
  let worst = 0;
  let at = '';
  for (let a = 0; a < N; a++) {
    for (let b = 0; b < N; b++) {
      const [m, nu, n, mu] = [Math.floor(a / dE), a % dE, Math.floor(b / dE), b % dE];
      const allowed = differenceRule ? sameLevel(eS[n] - eE[mu], eS[m] - eE[nu]) : sameLevel(eS[n] + eE[mu], eS[m] + eE[nu]);
      if (allowed) continue;
      const x = Math.hypot(Ueig.re[a * N + b], Ueig.im[a * N + b]);
      if (x > worst) {
        worst = x;
        at = `|⟨${m},${nu}|U|${n},${mu}⟩| = ${fmt(x)}`;
      }
    }
  }
  return within(worst, TOLI, () => at);
}
export const checkSelectionRule = (i: ThermalInstance): InstanceOutcome => selectionRuleCheck(i, false);
export const mutantSelectionRule = (i: ThermalInstance): InstanceOutcome => selectionRuleCheck(i, true);

// ---------------------------------------------------------------- Eq. 18

/** Eq. 18: Σ M_µν ρ_S M_µν† = tr_E U(ρ_S ⊗ ρ_E^eq)U† (mutant: M_µν = q_µ⟨ν|U|µ⟩, no square root). */
function krausMapCheck(i: ThermalInstance, withoutSquareRoot: boolean): InstanceOutcome {
  const e = new Eval(i);
  const kraus = withoutSquareRoot ? e.kraus.map((k) => ({ ...k, M: scale(k.M, Math.sqrt(e.op.q[k.mu])) })) : e.kraus;
  const r = normMax(sub(applyKraus(kraus, i.rhoS), e.rhoS1));
  return within(r, TOLI, () => `max |Σ M ρ M† − tr_E ρ'_SE| = ${fmt(r)}`);
}
export const checkKrausMap = (i: ThermalInstance): InstanceOutcome => krausMapCheck(i, false);
export const mutantKrausMap = (i: ThermalInstance): InstanceOutcome => krausMapCheck(i, true);

/** Eq. 18: Σ M_µν† M_µν = 1 (mutant: Σ M M† = 1, unitality instead of trace preservation). */
function krausCompletenessCheck(i: ThermalInstance, unital: boolean): InstanceOutcome {
  const e = new Eval(i);
  const S = unital ? e.kraus.reduce((acc, { M }) => add(acc, mul(M, adjoint(M))), zeros(i.dS, i.dS)) : krausCompleteness(e.kraus);
  const r = normMax(sub(S, identity(i.dS)));
  return within(r, TOLI, () => `max |Σ ${unital ? 'M M†' : 'M† M'} − 1| = ${fmt(r)}`);
}
export const checkKrausCompleteness = (i: ThermalInstance): InstanceOutcome => krausCompletenessCheck(i, false);
export const mutantKrausCompleteness = (i: ThermalInstance): InstanceOutcome => krausCompletenessCheck(i, true);

/** Eq. 18: ρ_S^eq is a fixed point (mutant: the "Gibbs state" e^{+βH_S}/Z). */
function gibbsFixedPointCheck(i: ThermalInstance, betaFlipped: boolean): InstanceOutcome {
  const e = new Eval(i);
  const { energies, basis } = e.op.levelsS;
  const w = betaFlipped ? gibbsPopulations(Array.from(energies, (x) => -x), i.beta) : gibbsPopulations(energies, i.beta);
  const eq = basis === null ? fromDiagonal(w) : mul(mul(basis, fromDiagonal(w)), adjoint(basis));
  const r = normMax(sub(applyKraus(e.kraus, eq), eq));
  return within(r, TOLI, () => `max |Φ(ρ_eq) − ρ_eq| = ${fmt(r)}`);
}
export const checkGibbsFixedPoint = (i: ThermalInstance): InstanceOutcome => gibbsFixedPointCheck(i, false);
export const mutantGibbsFixedPoint = (i: ThermalInstance): InstanceOutcome => gibbsFixedPointCheck(i, true);

/** Incoherence: Φ maps states diagonal in the energy basis to diagonal states (mutant: any state). */
function incoherentCheck(i: ThermalInstance, anyInput: boolean): InstanceOutcome {
  const e = new Eval(i);
  if (e.op.levelsS.blocks.some((b) => b.length > 1)) return notApplicable('H_S is degenerate');
  const input = anyInput ? i.rhoS : dephase(i.rhoS, i.HS);
  const out = toBasis(applyKraus(e.kraus, input), e.op.levelsS.basis);
  const r = largestOffDiagonal(out);
  return within(r, TOLI, () => `largest coherence of Φ(${anyInput ? 'ρ' : 'Δρ'}) = ${fmt(r)}`);
}
export const checkIncoherent = (i: ThermalInstance): InstanceOutcome => incoherentCheck(i, false);
export const mutantIncoherent = (i: ThermalInstance): InstanceOutcome => incoherentCheck(i, true);

// ---------------------------------------------------------------- Eq. 19

/** (Q p)_m = Σ_n Q(m|n) p_n (Eq. 19), or (Qᵀ p)_m = Σ_n Q(n|m) p_n when `transposed`. */
function applyTransitions(Q: readonly (readonly number[])[], p: ArrayLike<number>, transposed: boolean): number[] {
  return Q.map((_, m) => {
    let s = 0;
    for (let n = 0; n < Q.length; n++) s += (transposed ? Q[n][m] : Q[m][n]) * p[n];
    return s;
  });
}

/** max_k |a_k − b_k|. */
function maxDeviation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let r = 0;
  for (let k = 0; k < a.length; k++) r = Math.max(r, Math.abs(a[k] - b[k]));
  return r;
}


/** Eq. 19: p'_m = Σ_n Q(m|n) p_n (mutant: Qᵀ). */
function transitionMatrixCheck(i: ThermalInstance, transposed: boolean): InstanceOutcome {
  const e = new Eval(i);
  const r = maxDeviation(applyTransitions(e.Q, e.p, transposed), e.pFinal);
  return within(r, TOLI, () => `max |p' − ${transposed ? 'Qᵀ' : 'Q'} p| = ${fmt(r)}`);
}
export const checkTransitionMatrix = (i: ThermalInstance): InstanceOutcome => transitionMatrixCheck(i, false);
export const mutantTransitionMatrix = (i: ThermalInstance): InstanceOutcome => transitionMatrixCheck(i, true);

/** Eq. 19: Σ_m Q(m|n) = 1 (mutant: rows sum to 1). */
function columnStochasticCheck(i: ThermalInstance, rowSums: boolean): InstanceOutcome {
  const Q = new Eval(i).Q;
  let r = 0;
  for (let n = 0; n < i.dS; n++) {
    let s = 0;
    for (let m = 0; m < i.dS; m++) s += rowSums ? Q[n][m] : Q[m][n];
    r = Math.max(r, Math.abs(s - 1));
    if (Q.some((row) => row[n] < -TOLI)) return { kind: 'fail', residual: Infinity, detail: 'a negative transition probability' };
  }
  return within(r, TOLI, () => `max |${rowSums ? 'row' : 'column'} sum − 1| = ${fmt(r)}`);
}
export const checkColumnStochastic = (i: ThermalInstance): InstanceOutcome => columnStochasticCheck(i, false);
export const mutantColumnStochastic = (i: ThermalInstance): InstanceOutcome => columnStochasticCheck(i, true);

/** Eq. 19: Σ_n Q(m|n) p_eq,n = p_eq,m (mutant: Qᵀ p_eq = p_eq). */
function gibbsPreservingCheck(i: ThermalInstance, transposed: boolean): InstanceOutcome {
  const e = new Eval(i);
  const peq = gibbsPopulations(e.op.levelsS.energies, i.beta);
  const r = maxDeviation(applyTransitions(e.Q, peq, transposed), peq);
  return within(r, TOLI, () => `max |${transposed ? 'Qᵀ' : 'Q'} p_eq − p_eq| = ${fmt(r)}`);
}
export const checkGibbsPreserving = (i: ThermalInstance): InstanceOutcome => gibbsPreservingCheck(i, false);
export const mutantGibbsPreserving = (i: ThermalInstance): InstanceOutcome => gibbsPreservingCheck(i, true);

// ---------------------------------------------------------------- Eqs. 20–21

/** Eq. 20: ρ'_nm = α_nm ρ_nm for non-degenerate Bohr frequencies (mutant: α without the adjoint). */
function coherenceFactorsCheck(i: ThermalInstance, adjointDropped: boolean): InstanceOutcome {
  const e = new Eval(i);
  const ok = nonDegenerateBohrFrequencies(e.op.levelsS.energies);
  if (ok.some((row, n) => row.some((x, m) => n !== m && !x))) return notApplicable('H_S has degenerate Bohr frequencies');
  const alpha = coherenceFactors(e.op);
  const basis = e.op.levelsS.basis;
  const r0 = toBasis(i.rhoS, basis);
  const r1 = toBasis(e.rhoS1, basis);
  const keig = adjointDropped ? krausOperators(e.op, true) : [];
  const d = i.dS;
  let r = 0;
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < d; m++) {
      if (n === m) continue;
      let a = alpha[n][m] ?? { re: NaN, im: NaN };
      if (adjointDropped) {
        // Σ ⟨n|M|n⟩⟨m|M|m⟩: the adjoint dropped.
        a = keig.reduce(
          (s, { M }) => {
            const xr = M.re[n * d + n];
            const xi = M.im[n * d + n];
            const yr = M.re[m * d + m];
            const yi = M.im[m * d + m];
            return { re: s.re + xr * yr - xi * yi, im: s.im + xr * yi + xi * yr };
          },
          { re: 0, im: 0 },
        );
      }
      const k = n * d + m;
      const pr = a.re * r0.re[k] - a.im * r0.im[k];
      const pi = a.re * r0.im[k] + a.im * r0.re[k];
      r = Math.max(r, Math.hypot(r1.re[k] - pr, r1.im[k] - pi));
    }
  }
  return within(r, TOLI, () => `max |ρ'_nm − α_nm ρ_nm| = ${fmt(r)}`);
}
export const checkCoherenceFactors = (i: ThermalInstance): InstanceOutcome => coherenceFactorsCheck(i, false);
export const mutantCoherenceFactors = (i: ThermalInstance): InstanceOutcome => coherenceFactorsCheck(i, true);

/**
 * Eq. 21: |α_nm|² ≤ Q(n|n) Q(m|m) for every n ≠ m (α_nm of Eq. 20's formula).
 * The residual is the signed violation max_{n≠m} (|α_nm|² − Q(n|n)Q(m|m)): negative
 * values are slack, so the worst residual reported is minus the smallest slack seen.
 * Mutant: the bound with the off-diagonal Q(n|m) Q(m|n).
 */
function coherenceBoundCheck(i: ThermalInstance, offDiagonalBound: boolean): InstanceOutcome {
  const e = new Eval(i);
  const Q = e.Q;
  let r = -Infinity;
  let at = '';
  for (let n = 0; n < i.dS; n++) {
    for (let m = 0; m < i.dS; m++) {
      if (n === m) continue;
      const a = coherenceFactorUnchecked(e.op, n, m);
      const a2 = a.re * a.re + a.im * a.im;
      const bound = offDiagonalBound ? Q[n][m] * Q[m][n] : Q[n][n] * Q[m][m];
      if (a2 - bound > r) {
        r = a2 - bound;
        at = `|α_${n}${m}|² = ${fmt(a2)}, bound ${fmt(bound)}`;
      }
    }
  }
  return within(r, TOLI, () => at);
}
export const checkCoherenceBound = (i: ThermalInstance): InstanceOutcome => coherenceBoundCheck(i, false);
export const mutantCoherenceBound = (i: ThermalInstance): InstanceOutcome => coherenceBoundCheck(i, true);

// ---------------------------------------------------------------- Eqs. 22–25

/** Eq. 22: Σ ≥ 0, with the engine's Σ equal to S(ρ_S‖ρ_eq) − S(ρ'_S‖ρ_eq) from the definition (mutant: −Σ ≥ 0). */
function sigmaNonNegativeCheck(i: ThermalInstance, negated: boolean): InstanceOutcome {
  const e = new Eval(i);
  const sigma = e.budget.Sigma;
  const agree = residualAgainst(sigma, e.Sigma);
  if (agree > TOLI) return { kind: 'fail', residual: agree, detail: `engine Σ = ${fmt(sigma)} but the definition gives ${fmt(e.Sigma)}` };
  const value = negated ? -sigma : sigma;
  const r = Math.max(0, -value) / (1 + e.budget.Srel_S);
  return within(r, TOLI, () => `Σ = ${fmt(sigma)}`);
}
export const checkSigmaNonNegative = (i: ThermalInstance): InstanceOutcome => sigmaNonNegativeCheck(i, false);
export const mutantSigmaNonNegative = (i: ThermalInstance): InstanceOutcome => sigmaNonNegativeCheck(i, true);

/** Eqs. 23–25: Σ = Σ_d + Ξ, Σ_d ≥ 0, Ξ ≥ 0 (Σ_d through p' = Qp, Ξ through the coherences). Mutant: Σ = Σ_d − Ξ. */
function sigmaSplitCheck(i: ThermalInstance, xiSubtracted: boolean): InstanceOutcome {
  const e = new Eval(i);
  const E = e.op.levelsS.energies;
  const pQ = applyTransitions(e.Q, e.p, false);
  const sigmaD = klDivergenceToGibbs(e.p, E, i.beta) - klDivergenceToGibbs(pQ, E, i.beta);
  const xi = e.C_S - e.C_S1;
  const sum = xiSubtracted ? sigmaD - xi : sigmaD + xi;
  const r = Math.max(residualAgainst(e.Sigma, sum), Math.max(0, -sigmaD, -xi) / (1 + Math.abs(e.Sigma)));
  return within(r, TOLI, () => `Σ = ${fmt(e.Sigma)}, Σ_d = ${fmt(sigmaD)}, Ξ = ${fmt(xi)}`);
}
export const checkSigmaSplit = (i: ThermalInstance): InstanceOutcome => sigmaSplitCheck(i, false);
export const mutantSigmaSplit = (i: ThermalInstance): InstanceOutcome => sigmaSplitCheck(i, true);

// ---------------------------------------------------------------- Eqs. 26–31

/** Eq. 26: Σ = S(ρ'_E‖ρ_E^eq) + I(ρ'_SE) (mutant: S(ρ'_E‖ρ_E^eq) − I). */
function sigmaEnvironmentCheck(i: ThermalInstance, informationSubtracted: boolean): InstanceOutcome {
  const e = new Eval(i);
  const srelE = relativeEntropyToGibbs(e.rhoE1, i.HE, i.beta);
  const I = mutualInformation(e.joint, [i.dS, i.dE]);
  const r = residualAgainst(e.budget.Sigma, informationSubtracted ? srelE - I : srelE + I);
  return within(r, TOLI, () => `Σ = ${fmt(e.budget.Sigma)}, S(ρ'_E‖ρ_E^eq) = ${fmt(srelE)}, I = ${fmt(I)}`);
}
export const checkSigmaEnvironment = (i: ThermalInstance): InstanceOutcome => sigmaEnvironmentCheck(i, false);
export const mutantSigmaEnvironment = (i: ThermalInstance): InstanceOutcome => sigmaEnvironmentCheck(i, true);

/** Eq. 27: S(Δ_{H_S+H_E} ρ'_SE) = S(Δ_{H_S} ρ_S) + S(ρ_E^eq) (mutant: Δ_{H_S} ρ'_S on the right). */
function dephasedEntropiesCheck(i: ThermalInstance, finalStateOnRight: boolean): InstanceOutcome {
  const e = new Eval(i);
  const lhs = vonNeumannEntropy(dephase(e.joint, e.Htot));
  const rhs = vonNeumannEntropy(dephase(finalStateOnRight ? e.rhoS1 : i.rhoS, i.HS)) + vonNeumannEntropy(e.op.rhoEeq);
  const r = residualAgainst(lhs, rhs);
  return within(r, TOLI, () => `S(Δρ'_SE) = ${fmt(lhs)}, right side ${fmt(rhs)}`);
}
export const checkDephasedEntropies = (i: ThermalInstance): InstanceOutcome => dephasedEntropiesCheck(i, false);
export const mutantDephasedEntropies = (i: ThermalInstance): InstanceOutcome => dephasedEntropiesCheck(i, true);

/**
 * Eq. 28: C_{H_S+H_E}(ρ'_SE) = C_{H_S}(ρ_S) with block dephasing by the total energy.
 * Mutant: the local-basis coherence S(Δ_S⊗Δ_E ρ'_SE) − S(ρ'_SE) (every product state its own block).
 */
function coherenceConservationCheck(i: ThermalInstance, localBasis: boolean): InstanceOutcome {
  const e = new Eval(i);
  let lhs = e.C_SE1;
  if (localBasis) {
    const W = productBasis(e.op.levelsS.basis, e.op.levelsE.basis, i.dS, i.dE);
    const inEig = toBasis(e.joint, W);
    const distinct = Array.from({ length: i.dS * i.dE }, (_, k) => k);
    lhs = vonNeumannEntropy(dephase(inEig, distinct)) - vonNeumannEntropy(e.joint);
  }
  const r = residualAgainst(lhs, e.C_S);
  return within(r, TOLI, () => `C(ρ'_SE) = ${fmt(lhs)}, C(ρ_S) = ${fmt(e.C_S)}`);
}
export const checkCoherenceConservation = (i: ThermalInstance): InstanceOutcome => coherenceConservationCheck(i, false);
export const mutantCoherenceConservation = (i: ThermalInstance): InstanceOutcome => coherenceConservationCheck(i, true);

/** Eq. 29: Ξ = C(ρ'_SE) − C(ρ'_S) (mutant: also − C(ρ'_E)). */
function xiGlobalLocalCheck(i: ThermalInstance, environmentSubtracted: boolean): InstanceOutcome {
  const e = new Eval(i);
  const rhs = e.C_SE1 - e.C_S1 - (environmentSubtracted ? e.C_E1 : 0);
  const r = residualAgainst(e.budget.Xi, rhs);
  return within(r, TOLI, () => `Ξ = ${fmt(e.budget.Xi)}, C(ρ'_SE) − C(ρ'_S)${environmentSubtracted ? ' − C(ρ\'_E)' : ''} = ${fmt(rhs)}`);
}
export const checkXiGlobalLocal = (i: ThermalInstance): InstanceOutcome => xiGlobalLocalCheck(i, false);
export const mutantXiGlobalLocal = (i: ThermalInstance): InstanceOutcome => xiGlobalLocalCheck(i, true);

/** C_cc(ρ'_SE) = C(ρ'_SE) − C(ρ'_S) − C(ρ'_E) of Eq. 30, from the primitives in the original basis. */
function correlatedCoherence(e: Eval): number {
  return e.C_SE1 - e.C_S1 - e.C_E1;
}

/** Eq. 30 as printed: C_cc ≥ 0 (expected refuted: fails with resonant environments). */
export function checkCorrelatedCoherence(i: ThermalInstance): InstanceOutcome {
  const e = new Eval(i);
  const c = correlatedCoherence(e);
  const r = Math.max(0, -c) / (1 + e.C_SE1);
  return within(r, CHECK_TOL.refutation, () => `C_cc = ${fmt(c)} < 0: C(ρ'_SE) = ${fmt(e.C_SE1)}, C(ρ'_S) = ${fmt(e.C_S1)}, C(ρ'_E) = ${fmt(e.C_E1)}`);
}

/**
 * Eq. 30 under the hypothesis that S and E share no Bohr frequency: then every
 * block of H_S + H_E is a product of local blocks, Δ_{H_S+H_E} = Δ_{H_S} ⊗ Δ_{H_E}, and
 * C_cc = I(ρ'_SE) − I(Δρ'_SE) ≥ 0 by data processing (Tan et al.'s setting).
 * Mutant: C_cc = 0 (all of Ξ local: Ξ = C(ρ'_E)).
 */
function correlatedCoherenceNonResonantCheck(i: ThermalInstance, claimZero: boolean): InstanceOutcome {
  if (i.resonance) return notApplicable('S and E share a Bohr frequency (resonant environment)');
  const e = new Eval(i);
  const c = correlatedCoherence(e);
  const r = (claimZero ? Math.abs(c) : Math.max(0, -c)) / (1 + e.C_SE1);
  return within(r, TOLI, () => `C_cc = ${fmt(c)}`);
}
export const checkCorrelatedCoherenceNonResonant = (i: ThermalInstance): InstanceOutcome => correlatedCoherenceNonResonantCheck(i, false);
export const mutantCorrelatedCoherenceNonResonant = (i: ThermalInstance): InstanceOutcome => correlatedCoherenceNonResonantCheck(i, true);

/** Eq. 31: Ξ = C(ρ'_E) + C_cc(ρ'_SE) (mutant: C(ρ'_E) − C_cc). */
function xiLocalNonLocalCheck(i: ThermalInstance, correlationsSubtracted: boolean): InstanceOutcome {
  const e = new Eval(i);
  const c = correlatedCoherence(e);
  const rhs = correlationsSubtracted ? e.C_E1 - c : e.C_E1 + c;
  const r = residualAgainst(e.budget.Xi, rhs);
  return within(r, TOLI, () => `Ξ = ${fmt(e.budget.Xi)}, C(ρ'_E) = ${fmt(e.C_E1)}, C_cc = ${fmt(c)}`);
}
export const checkXiLocalNonLocal = (i: ThermalInstance): InstanceOutcome => xiLocalNonLocalCheck(i, false);
export const mutantXiLocalNonLocal = (i: ThermalInstance): InstanceOutcome => xiLocalNonLocalCheck(i, true);

// ---------------------------------------------------------------- the printed U = e^{−(H_S+H_E+V)t}

function printedOperation(p: PrintedInstance): ThermalOperation {
  const { base, t } = p;
  const A = printedInteractionMap(base.V, t, base.HS, base.HE);
  return thermalOperation(base.HS, base.HE, base.beta, A, { unchecked: true });
}

/** Eq. 18 with the printed map: Σ M†M = 1 (expected refuted: e^{−(H+V)t} is not unitary). */
export function checkPrintedKraus(p: PrintedInstance): InstanceOutcome {
  const r = normMax(sub(krausCompleteness(krausOperators(printedOperation(p))), identity(p.base.dS)));
  return within(r, CHECK_TOL.refutation, () => `max |Σ M† M − 1| = ${fmt(r)} for U = e^{−(H_S+H_E+V)t}`);
}

/** Eq. 22 with the printed map (its output renormalised to a state): Σ ≥ 0 (expected refuted). */
export function checkPrintedSigma(p: PrintedInstance): InstanceOutcome {
  const { base } = p;
  const op = printedOperation(p);
  const joint = mul(mul(op.U, kron(base.rhoS, op.rhoEeq)), adjoint(op.U));
  const tr = diagonalRe(joint).reduce((a, b) => a + b, 0);
  const rhoS1 = scale(partialTrace(joint, [base.dS, base.dE], [0]), 1 / tr);
  const before = relativeEntropyToGibbs(base.rhoS, base.HS, base.beta);
  const sigma = before - relativeEntropyToGibbs(rhoS1, base.HS, base.beta);
  const r = Math.max(0, -sigma) / (1 + before);
  return within(r, CHECK_TOL.refutation, () => `Σ = ${fmt(sigma)} < 0 for the renormalised e^{−(H_S+H_E+V)t} map (tr = ${fmt(tr)})`);
}

// ---------------------------------------------------------------- the Davies limit

/** Gauss–Legendre nodes and weights on [−1, 1] (8 points). */
const GL8 = (() => {
  const x = [0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
  const w = [0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];
  return { x: [...x.map((v) => -v).reverse(), ...x], w: [...[...w].reverse(), ...w] };
})();
/** Geometric panels [t·2^{−k−1}, t·2^{−k}], k = 0 … PANELS − 1; below t·2^{−PANELS} the integral is neglected. */
const PANELS = 60;

/**
 * The Davies limit of Eqs. 23–25: for the Davies channel e^{Lt} of a qubit applied
 * as a map, Σ_d(t) = S(p(0)‖p_eq) − S(p(t)‖p_eq) and Ξ(t) = C(ρ(0)) − C(ρ(t)) equal
 * ∫₀ᵗ Π_d ds and ∫₀ᵗ Υ ds (Eqs. 13–14).
 *
 * Quadrature: 8-point Gauss–Legendre on geometric panels [t 2^{−k−1}, t 2^{−k}]
 * (exact to rounding for the exponentials, and for the logarithmic singularity of the
 * rates at s = 0 when ρ(0) is rank-deficient). The engine reports a rate as +∞ where
 * an eigenvalue or population below TOL.zeroEigenvalue is growing (its support
 * convention); a leading run of such panels is skipped when their whole span
 * contributes at most CHECK_TOL.panelQuadrature/CHECK_TOL.panelSkipHeadroom (estimated as twice span × |rate| at the first
 * finite node), otherwise the instance is not applicable.
 * Mutant: Σ_d compared with ∫Π (Π_d + Υ) instead of ∫Π_d.
 */
function daviesLimitCheck(d: DaviesQubitInstance, totalRate: boolean): InstanceOutcome {
  const energies = [0, d.omega];
  const gen = daviesGenerator({ beta: d.beta, energies, gamma: [[0, d.g], [d.g, 0]], dephasing: [d.dephasing, d.dephasing] });
  // The nodes, then t itself (the last time handed to the visitor below).
  const times: number[] = [];
  const weights: number[] = [];
  for (let k = PANELS - 1; k >= 0; k--) {
    const a = d.t * 2 ** (-k - 1);
    const h = a; // panel [a, 2a]
    for (let j = 0; j < GL8.x.length; j++) {
      times.push(a + (h * (GL8.x[j] + 1)) / 2);
      weights.push((h / 2) * GL8.w[j]);
    }
  }
  const nodes = times.length;
  times.push(d.t);
  const ratesAt = entropyRateEvaluator(gen); // the engine's rates, scratch kept across the nodes
  let intPiD = 0;
  let intUps = 0;
  let intPi = 0;
  let skippedUpTo = 0;
  let started = false;
  let stop: InstanceOutcome | null = null;
  const final = zeros(2, 2);
  // ρ at each node in turn (one reused matrix), then ρ(t).
  visitDavies(gen, d.rho0, times, (k, rho) => {
    if (k === nodes) {
      final.re.set(rho.re);
      final.im.set(rho.im);
      return;
    }
    if (stop) return;
    const r = ratesAt(rho);
    const finite = Number.isFinite(r.Pi_d) && Number.isFinite(r.Upsilon) && Number.isFinite(r.Pi);
    if (!finite) {
      if (started) stop = { kind: 'not-applicable', reason: `a rate is +∞ at s = ${fmt(times[k])} (population or eigenvalue below TOL.zeroEigenvalue, growing)` };
      else skippedUpTo = times[k - (k % 8)] * 2; // end of this panel
      return;
    }
    if (!started) {
      started = true;
      const bound = 2 * skippedUpTo * Math.max(Math.abs(r.Pi_d), Math.abs(r.Upsilon), Math.abs(r.Pi));
      if (bound > CHECK_TOL.panelQuadrature / CHECK_TOL.panelSkipHeadroom) {
        stop = { kind: 'not-applicable', reason: `rates are +∞ up to s = ${fmt(skippedUpTo)} (support convention of TOL.zeroEigenvalue)` };
        return;
      }
    }
    intPiD += r.Pi_d * weights[k];
    intUps += r.Upsilon * weights[k];
    intPi += r.Pi * weights[k];
  });
  if (stop) return stop;
  if (!started) return notApplicable('the rates are +∞ on all of (0, t] (a population below TOL.zeroEigenvalue keeps growing)');
  const sigmaD = klDivergenceToGibbs(diagonalRe(d.rho0), energies, d.beta) - klDivergenceToGibbs(diagonalRe(final), energies, d.beta);
  const xi = relativeEntropyOfCoherence(d.rho0, energies) - relativeEntropyOfCoherence(final, energies);
  const r = Math.max(residualAgainst(sigmaD, totalRate ? intPi : intPiD), residualAgainst(xi, intUps));
  return within(r, CHECK_TOL.panelQuadrature, () => `Σ_d = ${fmt(sigmaD)} vs ∫${totalRate ? 'Π' : 'Π_d'} = ${fmt(totalRate ? intPi : intPiD)}; Ξ = ${fmt(xi)} vs ∫Υ = ${fmt(intUps)}`);
}
export const checkDaviesLimit = (d: DaviesQubitInstance): InstanceOutcome => daviesLimitCheck(d, false);
export const mutantDaviesLimit = (d: DaviesQubitInstance): InstanceOutcome => daviesLimitCheck(d, true);
