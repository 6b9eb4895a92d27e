import type { CMatrix } from '../linalg/cmatrix.js';
import { sigmaOf } from './_internal/pathQuantities.js';
import { type Protocol, prepareProtocol } from './_internal/protocol.js';
import { type EntropyProductionParts, entropyProductionPartsOf } from './entropyProductionParts.js';
import type { TrajectoryInput, TrajectoryMeans, TrajectoryOptions } from './types.js';
import { float64 } from '../linalg/float64.js';

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
  const sink = pathSink(pr);
  const s = pathSums(pr, sink);
  const forward = {
    count: s.forwardCount,
    alpha: cut(sink.alpha, s.forwardCount),
    mu: cut(sink.mu, s.forwardCount),
    beta: cut(sink.beta, s.forwardCount),
    nu: cut(sink.nu, s.forwardCount),
    PF: cut(sink.PF, s.forwardCount),
    PB: cut(sink.PB, s.forwardCount),
    sigma: cut(sink.sigma, s.forwardCount),
  };
  const augmented = {
    count: s.augmentedCount,
    alpha: cut(sink.xAlpha, s.augmentedCount),
    mu: cut(sink.xMu, s.augmentedCount),
    n: cut(sink.xN, s.augmentedCount),
    beta: cut(sink.xBeta, s.augmentedCount),
    nu: cut(sink.xNu, s.augmentedCount),
    m: cut(sink.xM, s.augmentedCount),
    P: cut(sink.xP, s.augmentedCount),
    sigma: cut(sink.xSigma, s.augmentedCount),
    sigmaD: cut(sink.xSigmaD, s.augmentedCount),
    xi: cut(sink.xXi, s.augmentedCount),
  };
  return {
    dS: pr.dS,
    dE: pr.dE,
    rhoSFinal: pr.rhoSFinal,
    p: pr.p,
    psi: pr.psi,
    pFinal: pr.pFinal,
    psiFinal: pr.psiFinal,
    q: pr.q,
    pn: pr.pn,
    pmFinal: pr.pmFinal,
    forward,
    augmented,
    means: meansOf(s),
    secondMoments: { sigma: s.sigma2, sigma_d: s.sigmaD2, xi: s.xi2, exp_minus_sigma: s.expMinusSigma2, exp_minus_sigma_d: s.expMinusSigmaD2 },
    totals: { forward: s.total, augmented: s.augmentedTotal, backward: s.backwardTotal },
    parts: entropyProductionPartsOf(pr),
  };
}

/**
 * The five exact means of a prepared protocol, by the same sums as {@link enumerateProtocol}
 * (identical values, same order of summation) without storing a path: no allocation per path.
 */
export function trajectoryMeansOf(pr: Protocol): TrajectoryMeans {
  return meansOf(pathSums(pr, null));
}

function meansOf(s: PathSums): TrajectoryMeans {
  return {
    mean_exp_minus_sigma: s.expMinusSigma,
    mean_sigma: s.sigma,
    mean_sigma_d: s.sigmaD,
    mean_xi: s.xi,
    mean_exp_minus_sigma_d: s.expMinusSigmaD,
  };
}

/**
 * ⟨e^{−σ}⟩ over the forward paths (Eq. 40):
 *
 *   ⟨e^{−σ}⟩ = Σ_{X: P_F[X] > 0} P_F[X] e^{−σ[X]} = Σ_{X: P_F[X] > 0} P_B[X],
 *
 * since P_F e^{−σ} = P_B path by path (Eq. 39). Summing P_B needs no exponential and
 * no division, so it is finite and exact where q_µ underflows. It equals 1 when every
 * path with P_B > 0 has P_F > 0, i.e. for ρ_S of full rank (β finite); otherwise the
 * backward weight of paths that start from a zero eigenvalue p_α is missing and the
 * sum is below 1.
 */
export function meanExpMinusSigma(forward: ForwardPaths): number {
  let s = 0;
  for (let k = 0; k < forward.count; k++) s += forward.PB[k];
  return s;
}

/** The first `count` entries of a path buffer (a view, no copy). */
function cut<A extends Int32Array | Float64Array>(x: A, count: number): A {
  return x.subarray(0, count) as A;
}

/**
 * Buffers the path kernel writes every kept path into: forward paths (up to (d_S d_E)²) and
 * augmented paths (up to d_S² per forward path), as parallel arrays.
 */
interface PathSink {
  readonly alpha: Int32Array;
  readonly mu: Int32Array;
  readonly beta: Int32Array;
  readonly nu: Int32Array;
  readonly PF: Float64Array;
  readonly PB: Float64Array;
  readonly sigma: Float64Array;
  readonly xAlpha: Int32Array;
  readonly xMu: Int32Array;
  readonly xN: Int32Array;
  readonly xBeta: Int32Array;
  readonly xNu: Int32Array;
  readonly xM: Int32Array;
  readonly xP: Float64Array;
  readonly xSigma: Float64Array;
  readonly xSigmaD: Float64Array;
  readonly xXi: Float64Array;
}

/** A sink large enough for every path of the protocol. */
function pathSink(pr: Protocol): PathSink {
  const N = pr.dS * pr.dE;
  const f = N * N;
  const g = f * pr.dS * pr.dS;
  const i32 = (n: number): Int32Array => new Int32Array(n);
  const f64 = (n: number): Float64Array => float64(n);
  return {
    alpha: i32(f),
    mu: i32(f),
    beta: i32(f),
    nu: i32(f),
    PF: f64(f),
    PB: f64(f),
    sigma: f64(f),
    xAlpha: i32(g),
    xMu: i32(g),
    xN: i32(g),
    xBeta: i32(g),
    xNu: i32(g),
    xM: i32(g),
    xP: f64(g),
    xSigma: f64(g),
    xSigmaD: f64(g),
    xXi: f64(g),
  };
}

/**
 * The sums over the kept paths of both protocols (one pass), and the numbers of kept paths.
 * `backwardTotal`, `total`, `augmentedTotal` and the second moments are formed only when the
 * paths are stored (0 otherwise: {@link trajectoryMeansOf} returns the means alone).
 */
interface PathSums {
  readonly forwardCount: number;
  readonly augmentedCount: number;
  /** Σ_X P_B[X] over every path, kept or not (= 1, Eq. 38). */
  readonly backwardTotal: number;
  /** Σ P_F, ⟨e^{−σ}⟩ = Σ P_B, ⟨σ⟩ = Σ P_F σ (= Σ, Eq. 22), ⟨σ²⟩ and ⟨e^{−2σ}⟩ over the kept forward paths. */
  readonly total: number;
  readonly expMinusSigma: number;
  readonly sigma: number;
  readonly sigma2: number;
  readonly expMinusSigma2: number;
  /** Σ P, ⟨σ_d⟩ (= Σ_d), ⟨σ_d²⟩, ⟨ξ⟩ (= Ξ), ⟨ξ²⟩, ⟨e^{−σ_d}⟩, ⟨e^{−2σ_d}⟩ over the kept augmented paths. */
  readonly augmentedTotal: number;
  readonly sigmaD: number;
  readonly sigmaD2: number;
  readonly xi: number;
  readonly xi2: number;
  readonly expMinusSigmaD: number;
  readonly expMinusSigmaD2: number;
}

/**
 * The enumeration's hot loop: every path of both protocols, in one pass. With a `sink`, each
 * kept path is written into it and the totals and second moments are summed as well; without
 * one, only the sums behind the five means (and the path counts) are formed, by the same
 * operations in the same order, so the means are the same bit for bit either way.
 *
 * Forward paths X = (α, µ, β, ν) that carry probability, with
 * P_F[X] = |⟨ψ'_β, ν|U|ψ_α, µ⟩|² p_α q_µ (Eqs. 35–36), P_B[X] = |⟨ψ'_β, ν|U|ψ_α, µ⟩|² p'_β q_ν
 * (Eqs. 37–38) and σ[X] (Eq. 41), in the order b = (β, ν) outer, a = (α, µ) inner.
 * ⟨e^{−2σ}⟩ = Σ P_F e^{−2σ} = Σ P_B² / P_F is written as |W|² p'_β² q_ν² / (p_α q_µ),
 * without dividing by q_µ twice (an underflowed q_µ makes the term +∞, the true value
 * overflowing, never 0/0).
 *
 * Each kept forward path X is followed at once by its augmented paths X̃ = (α, µ, n, β, ν, m)
 * (Eq. 42): the energy labels n of ρ_S and m of ρ'_S, P[X̃] = P_F[X] |⟨n|ψ_α⟩|² |⟨m|ψ'_β⟩|²,
 * with σ[X], σ_d[X̃] (Eq. 43) and ξ[X̃] (Eq. 44), in forward-path order, then n, then m.
 * P e^{−σ_d} is written as |W|² (p_α |⟨n|ψ_α⟩|² / p_n) |⟨m|ψ'_β⟩|² p'_m q_ν: no division by
 * q_µ, and p_α |⟨n|ψ_α⟩|² ≤ p_n.
 */
function pathSums(pr: Protocol, sink: PathSink | null): PathSums {
  const { dS, dE, p, pFinal, q, pn, pmFinal, T, C, D, pLive, pFinalLive, pnLive, pmFinalLive, logp, logq, logpFinal, logpn, logpmFinal } = pr;
  const N = dS * dE;
  // Per forward path: the m-dependent head of ξ, (ln p_α + ln p'_m) − ln p'_β (xiOf's grouping).
  const xiHead = new Float64Array(dS);
  let count = 0;
  let backwardTotal = 0;
  let total = 0;
  let expMinusSigma = 0;
  let mean = 0;
  let second = 0;
  let expMinusSigma2 = 0;
  let xCount = 0;
  let xTotal = 0;
  let meanD = 0;
  let secondD = 0;
  let meanXi = 0;
  let secondXi = 0;
  let expD = 0;
  let expD2 = 0;
  for (let beta = 0; beta < dS; beta++) {
    for (let nu = 0; nu < dE; nu++) {
      const b = beta * dE + nu;
      for (let alpha = 0; alpha < dS; alpha++) {
        for (let mu = 0; mu < dE; mu++) {
          const a = alpha * dE + mu;
          const t = T[b * N + a];
          if (sink !== null) backwardTotal += t * pFinal[beta] * q[nu];
          if (t === 0 || !pLive[alpha] || logq[mu] === -Infinity || !pFinalLive[beta]) continue;
          const PF = t * p[alpha] * q[mu];
          const PB = t * pFinal[beta] * q[nu];
          const sigma = sigmaOf(logp, logq, logpFinal, alpha, mu, beta, nu);
          count++;
          expMinusSigma += PB;
          mean += PF * sigma;
          if (sink !== null) {
            sink.alpha[count - 1] = alpha;
            sink.mu[count - 1] = mu;
            sink.beta[count - 1] = beta;
            sink.nu[count - 1] = nu;
            sink.PF[count - 1] = PF;
            sink.PB[count - 1] = PB;
            sink.sigma[count - 1] = sigma;
            total += PF;
            second += PF * sigma * sigma;
            const pb2 = t * pFinal[beta] * pFinal[beta] * q[nu] * q[nu];
            if (pb2 > 0) expMinusSigma2 += pb2 / (p[alpha] * q[mu]);
          }

          // The augmented paths, with every factor that does not depend on m taken out of the
          // m loop; each quantity keeps the grouping of its formula (sigmaDOf, xiOf, the
          // products left to right), so the values are the same bit for bit.
          for (let m = 0; m < dS; m++) xiHead[m] = logp[alpha] + logpmFinal[m] - logpFinal[beta];
          for (let n = 0; n < dS; n++) {
            const c = C[n * dS + alpha];
            if (c === 0 || !pnLive[n]) continue;
            const PFc = PF * c;
            const sdHead = logpn[n] + logq[mu];
            const lpn = logpn[n];
            const tw = t * ((p[alpha] * c) / pn[n]);
            const den = pn[n] * q[mu];
            for (let m = 0; m < dS; m++) {
              const d = D[m * dS + beta];
              if (d === 0 || !pmFinalLive[m]) continue;
              const P = PFc * d;
              const sigmaD = sdHead - logpmFinal[m] - logq[nu];
              const xi = xiHead[m] - lpn;
              xCount++;
              meanD += P * sigmaD;
              meanXi += P * xi;
              const w = tw * d * pmFinal[m] * q[nu];
              expD += w;
              if (sink !== null) {
                sink.xAlpha[xCount - 1] = alpha;
                sink.xMu[xCount - 1] = mu;
                sink.xN[xCount - 1] = n;
                sink.xBeta[xCount - 1] = beta;
                sink.xNu[xCount - 1] = nu;
                sink.xM[xCount - 1] = m;
                sink.xP[xCount - 1] = P;
                sink.xSigma[xCount - 1] = sigma;
                sink.xSigmaD[xCount - 1] = sigmaD;
                sink.xXi[xCount - 1] = xi;
                xTotal += P;
                secondD += P * sigmaD * sigmaD;
                secondXi += P * xi * xi;
                const wd = w * pmFinal[m] * q[nu];
                if (wd > 0) expD2 += wd / den;
              }
            }
          }
        }
      }
    }
  }
  return {
    forwardCount: count,
    augmentedCount: xCount,
    backwardTotal,
    total,
    expMinusSigma,
    sigma: mean,
    sigma2: second,
    expMinusSigma2,
    augmentedTotal: xTotal,
    sigmaD: meanD,
    sigmaD2: secondD,
    xi: meanXi,
    xi2: secondXi,
    expMinusSigmaD: expD,
    expMinusSigmaD2: expD2,
  };
}
