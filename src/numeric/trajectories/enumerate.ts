import type { CMatrix } from '../linalg/cmatrix.js';
import { type Protocol, prepareProtocol } from './_internal/protocol.js';
import { type EntropyProductionParts, entropyProductionPartsOf } from './entropyProductionParts.js';
import type { TrajectoryInput, TrajectoryMeans, TrajectoryOptions } from './types.js';

/**
 * The forward trajectories X = (α, µ, β, ν) that carry forward probability,
 * as parallel arrays (entry k is one path). Here `beta` is the eigen-index β of
 * ρ'_S (the paper's letter), not the inverse temperature.
 */
export interface ForwardPaths {
  readonly count: number;
  readonly alpha: Int32Array;
  readonly mu: Int32Array;
  readonly beta: Int32Array;
  readonly nu: Int32Array;
  /** P_F[X] = |⟨ψ'_β, ν|U|ψ_α, µ⟩|² p_α q_µ (Eq. 36). */
  readonly PF: Float64Array;
  /** P_B[X] = |⟨ψ'_β, ν|U|ψ_α, µ⟩|² p'_β q_ν (Eq. 38). */
  readonly PB: Float64Array;
  /** σ[X] = ln(p_α q_µ / (p'_β q_ν)) (Eq. 41); +∞ never occurs for finite β. */
  readonly sigma: Float64Array;
}

/** The augmented trajectories X̃ = (α, µ, n, β, ν, m) that carry forward probability. */
export interface AugmentedPaths {
  readonly count: number;
  readonly alpha: Int32Array;
  readonly mu: Int32Array;
  readonly n: Int32Array;
  readonly beta: Int32Array;
  readonly nu: Int32Array;
  readonly m: Int32Array;
  /** P[X̃] = P_F[X] |⟨n|ψ_α⟩|² |⟨m|ψ'_β⟩|². */
  readonly P: Float64Array;
  /** σ[X] of the underlying path X (Eq. 41). */
  readonly sigma: Float64Array;
  /** σ_d[X̃] = ln(p_n q_µ / (p'_m q_ν)) (Eq. 43). */
  readonly sigmaD: Float64Array;
  /** ξ[X̃] = ln(p_α p'_m / (p'_β p_n)) (Eq. 44). */
  readonly xi: Float64Array;
}

/** Second moments ⟨x²⟩ of the stochastic quantities (forward averages; +∞ when a weight overflows). */
export interface TrajectorySecondMoments {
  readonly sigma: number;
  readonly sigma_d: number;
  readonly xi: number;
  readonly exp_minus_sigma: number;
  readonly exp_minus_sigma_d: number;
}

/** The exact enumeration of both protocols of a thermal operation. */
export interface TrajectoryEnsemble {
  readonly dS: number;
  readonly dE: number;
  /** ρ'_S = tr_E U(ρ_S ⊗ ρ_E^eq)U† (Eq. 18). */
  readonly rhoSFinal: CMatrix;
  /** Eigenvalues p_α of ρ_S and the eigenvectors |ψ_α⟩ used (columns). */
  readonly p: Float64Array;
  readonly psi: CMatrix;
  /** Eigenvalues p'_β of ρ'_S and the eigenvectors |ψ'_β⟩ used (columns). */
  readonly pFinal: Float64Array;
  readonly psiFinal: CMatrix;
  /** Thermal populations q_µ of E. */
  readonly q: Float64Array;
  /** Populations p_n = ⟨n|ρ_S|n⟩, p'_m = ⟨m|ρ'_S|m⟩ in the eigenbasis of H_S. */
  readonly pn: Float64Array;
  readonly pmFinal: Float64Array;
  readonly forward: ForwardPaths;
  readonly augmented: AugmentedPaths;
  readonly means: TrajectoryMeans;
  readonly secondMoments: TrajectorySecondMoments;
  /** Σ_X P_F over kept paths, Σ_X̃ P over kept augmented paths, and Σ_X P_B over all paths (Eq. 38, = 1). */
  readonly totals: { readonly forward: number; readonly augmented: number; readonly backward: number };
  /** Σ, Σ_d, Ξ computed directly from the states (Eqs. 22–25). */
  readonly parts: EntropyProductionParts;
}

/**
 * Exact enumeration of the forward and backward protocols (Eqs. 35–44).
 *
 * Forward: measure ρ_S in its eigenbasis (α, prob. p_α) and E in energy (µ, q_µ),
 * apply U, measure E (ν) and, augmenting, S in the eigenbasis of ρ'_S (β), and
 * in the energy basis before (n) and after (m). Backward: start from
 * |ψ'_β, ν⟩ with p'_β q_ν and apply U†.
 *
 * Zero-probability paths are skipped, deliberately and by one rule: a label
 * whose marginal probability is at or below TOL.zeroEigenvalue — p_α, p'_β,
 * p_n or p'_m — carries no path, nor does a transition with
 * |⟨ψ'_β, ν|U|ψ_α, µ⟩|² = 0 exactly. The skipped forward weight is bounded by
 * the marginal (e.g. Σ_{α,µ,ν} P_F[X] = p'_β, Eq. 34), so at most a few
 * tolerances in total, and ln is only ever taken of probabilities above the
 * threshold: σ, σ_d, ξ are always finite (q_ν > 0 for finite β), never NaN.
 * Thermal populations q_µ are positive at every finite β even where e^{−βE_µ}
 * underflows to 0 (β·ΔE > 745): those paths are kept, with ln q_µ exact in log
 * space, so that ⟨e^{−σ}⟩ = Σ P_B still counts their backward weight.
 * Forward averages are sums over the kept paths; ⟨e^{−σ}⟩ = Σ_{kept} P_B, which
 * is below 1 exactly when backward paths start from α with p_α = 0 (Eq. 40 needs
 * ρ_S full rank).
 *
 * The eigenbases of ρ_S and ρ'_S are `eigh`'s unless `options` fixes them; the
 * means ⟨σ⟩, ⟨σ_d⟩, ⟨ξ⟩, ⟨e^{−σ}⟩ do not depend on that choice, the path list
 * and ⟨e^{−σ_d}⟩ may when an eigenvalue is degenerate.
 *
 * Cost: O((d_S d_E)³) for the change of basis, then d_S⁴ d_E² path terms.
 * @throws QepInputError on invalid input (see {@link TrajectoryInput}).
 */
export function enumerateTrajectories(input: TrajectoryInput, options: TrajectoryOptions = {}): TrajectoryEnsemble {
  return enumerateProtocol(prepareProtocol(input, options));
}

/** {@link enumerateTrajectories} on a prepared protocol (shared with the sampler and the benchmarks). */
export function enumerateProtocol(pr: Protocol): TrajectoryEnsemble {
  const { dS, dE, p, pFinal, q, logq, pn, pmFinal, T, C, D } = pr;
  const N = dS * dE;
  const lnP = p.map((x) => (x > 0 ? Math.log(x) : 0));
  const lnPF = pFinal.map((x) => (x > 0 ? Math.log(x) : 0));
  const lnPn = pn.map((x) => (x > 0 ? Math.log(x) : 0));
  const lnPm = pmFinal.map((x) => (x > 0 ? Math.log(x) : 0));

  const maxF = dS * dS * dE * dE;
  const f = {
    alpha: new Int32Array(maxF),
    mu: new Int32Array(maxF),
    beta: new Int32Array(maxF),
    nu: new Int32Array(maxF),
    PF: new Float64Array(maxF),
    PB: new Float64Array(maxF),
    sigma: new Float64Array(maxF),
  };
  const maxA = maxF * dS * dS;
  const g = {
    alpha: new Int32Array(maxA),
    mu: new Int32Array(maxA),
    n: new Int32Array(maxA),
    beta: new Int32Array(maxA),
    nu: new Int32Array(maxA),
    m: new Int32Array(maxA),
    P: new Float64Array(maxA),
    sigma: new Float64Array(maxA),
    sigmaD: new Float64Array(maxA),
    xi: new Float64Array(maxA),
  };
  let nf = 0;
  let na = 0;
  let sumPF = 0;
  let sumPB = 0;
  let sumP = 0;
  let eS = 0;
  let eS2 = 0;
  let eExp = 0;
  let eExp2 = 0;
  let eSd = 0;
  let eSd2 = 0;
  let eXi = 0;
  let eXi2 = 0;
  let eExpD = 0;
  let eExpD2 = 0;
  let backwardAll = 0;

  for (let b = 0; b < N; b++) {
    const beta = Math.floor(b / dE);
    const nu = b % dE;
    for (let a = 0; a < N; a++) {
      const t = T[b * N + a];
      backwardAll += t * pFinal[beta] * q[nu];
      const alpha = Math.floor(a / dE);
      const mu = a % dE;
      if (t === 0 || !pr.pLive[alpha] || logq[mu] === -Infinity || !pr.pFinalLive[beta]) continue;
      const PF = t * p[alpha] * q[mu];
      const PB = t * pFinal[beta] * q[nu];
      const sigma = lnP[alpha] + logq[mu] - lnPF[beta] - logq[nu];
      f.alpha[nf] = alpha;
      f.mu[nf] = mu;
      f.beta[nf] = beta;
      f.nu[nf] = nu;
      f.PF[nf] = PF;
      f.PB[nf] = PB;
      f.sigma[nf] = sigma;
      nf++;
      sumPF += PF;
      sumPB += PB;
      eS += PF * sigma;
      eS2 += PF * sigma * sigma;
      // P_F e^{−2σ} = P_B² / P_F, written without dividing by q_µ twice.
      // (an underflowed q_µ makes the term +∞, the true value overflowing, never 0/0)
      const pb2 = t * pFinal[beta] * pFinal[beta] * q[nu] * q[nu];
      if (pb2 > 0) eExp2 += pb2 / (p[alpha] * q[mu]);
      for (let n = 0; n < dS; n++) {
        const c = C[n * dS + alpha];
        if (c === 0 || !pr.pnLive[n]) continue;
        for (let m = 0; m < dS; m++) {
          const d = D[m * dS + beta];
          if (d === 0 || !pr.pmFinalLive[m]) continue;
          const P = PF * c * d;
          const sigmaD = lnPn[n] + logq[mu] - lnPm[m] - logq[nu];
          const xi = lnP[alpha] + lnPm[m] - lnPF[beta] - lnPn[n];
          g.alpha[na] = alpha;
          g.mu[na] = mu;
          g.n[na] = n;
          g.beta[na] = beta;
          g.nu[na] = nu;
          g.m[na] = m;
          g.P[na] = P;
          g.sigma[na] = sigma;
          g.sigmaD[na] = sigmaD;
          g.xi[na] = xi;
          na++;
          sumP += P;
          eSd += P * sigmaD;
          eSd2 += P * sigmaD * sigmaD;
          eXi += P * xi;
          eXi2 += P * xi * xi;
          // P e^{−σ_d} = t (p_α c / p_n) d p'_m q_ν: no division by q_µ, and p_α c ≤ p_n.
          const w = (t * ((p[alpha] * c) / pn[n]) * d * pmFinal[m] * q[nu]);
          eExpD += w;
          const wd = w * pmFinal[m] * q[nu];
          if (wd > 0) eExpD2 += wd / (pn[n] * q[mu]);
        }
      }
    }
  }
  eExp = sumPB;
  const cut = <A extends Int32Array | Float64Array>(x: A, k: number): A => x.subarray(0, k) as A;
  return {
    dS,
    dE,
    rhoSFinal: pr.rhoSFinal,
    p,
    psi: pr.psi,
    pFinal,
    psiFinal: pr.psiFinal,
    q,
    pn,
    pmFinal,
    forward: {
      count: nf,
      alpha: cut(f.alpha, nf),
      mu: cut(f.mu, nf),
      beta: cut(f.beta, nf),
      nu: cut(f.nu, nf),
      PF: cut(f.PF, nf),
      PB: cut(f.PB, nf),
      sigma: cut(f.sigma, nf),
    },
    augmented: {
      count: na,
      alpha: cut(g.alpha, na),
      mu: cut(g.mu, na),
      n: cut(g.n, na),
      beta: cut(g.beta, na),
      nu: cut(g.nu, na),
      m: cut(g.m, na),
      P: cut(g.P, na),
      sigma: cut(g.sigma, na),
      sigmaD: cut(g.sigmaD, na),
      xi: cut(g.xi, na),
    },
    means: {
      mean_exp_minus_sigma: eExp,
      mean_sigma: eS,
      mean_sigma_d: eSd,
      mean_xi: eXi,
      mean_exp_minus_sigma_d: eExpD,
    },
    secondMoments: { sigma: eS2, sigma_d: eSd2, xi: eXi2, exp_minus_sigma: eExp2, exp_minus_sigma_d: eExpD2 },
    totals: { forward: sumPF, augmented: sumP, backward: backwardAll },
    parts: entropyProductionPartsOf(pr),
  };
}
