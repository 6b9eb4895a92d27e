import { QepInputError } from '../errors.js';
import { createRng, type Rng } from '../random/index.js';
import { sigmaDOf, sigmaOf, xiOf } from './_internal/pathQuantities.js';
import { type Protocol, prepareProtocol } from './_internal/protocol.js';
import type { TrajectoryInput, TrajectoryOptions } from './types.js';
import { type TrajectoryEnsemble, enumerateProtocol } from './enumerate.js';
import { float64 } from '../linalg/float64.js';

/** Options of {@link sampleTrajectories}. */
export interface SampleOptions extends TrajectoryOptions {
  /** Number of trajectories to draw (a positive safe integer). */
  readonly samples: number;
  /** Seed of the PRNG (a safe integer): same seed, same samples. */
  readonly seed: number;
  /** Histogram bins for σ, σ_d, ξ (a positive integer; default 40). */
  readonly bins?: number;
}

/** A sample mean with its standard error s/√N (s the sample standard deviation, N − 1 in the denominator). */
export interface Estimate {
  readonly mean: number;
  readonly stderr: number;
}

/** Equal-width histogram data over [edges[0], edges[bins]] (the sample range). */
export interface Histogram {
  /** bins + 1 ascending edges; a single value gives edges [x − ½, x + ½]. */
  readonly edges: number[];
  /** counts[k] = number of samples in [edges[k], edges[k+1]) (the last bin is closed). */
  readonly counts: number[];
}

/** The result of {@link sampleTrajectories}. */
export interface TrajectorySample {
  readonly samples: number;
  readonly seed: number;
  readonly sigma: Estimate;
  readonly sigma_d: Estimate;
  readonly xi: Estimate;
  readonly exp_minus_sigma: Estimate;
  readonly exp_minus_sigma_d: Estimate;
  readonly histograms: { readonly sigma: Histogram; readonly sigma_d: Histogram; readonly xi: Histogram };
}

/** The sampled means in the flat form of a scenario's `traj` output. */
export interface SampledTrajectoryMeans {
  readonly samples: number;
  readonly seed: number;
  readonly sampled_mean_exp_minus_sigma: number;
  readonly stderr_exp_minus_sigma: number;
  readonly sampled_mean_sigma: number;
  readonly stderr_sigma: number;
  readonly sampled_mean_sigma_d: number;
  readonly stderr_sigma_d: number;
  readonly sampled_mean_xi: number;
  readonly stderr_xi: number;
  readonly sampled_mean_exp_minus_sigma_d: number;
  readonly stderr_exp_minus_sigma_d: number;
}

/** A cumulative table for drawing an index with probability ∝ weights (zero-weight indices never drawn). */
interface Table {
  readonly cdf: Float64Array;
  readonly total: number;
}

function table(weights: ArrayLike<number>): Table {
  const cdf = float64(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i];
    cdf[i] = s;
  }
  return { cdf, total: s };
}

/** Smallest i with cdf[i] > u·total (binary search); weights are ≥ 0 so a zero-weight i is never returned. */
function draw(t: Table, rng: Rng): number {
  const x = rng.uniform() * t.total;
  const cdf = t.cdf;
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The mean and standard error s/√N of Welford's running sums (N samples, mean, M2 = Σ (x − x̄)²). */
function estimate(n: number, mean: number, m2: number): Estimate {
  const stderr = n > 1 ? Math.sqrt(m2 / (n - 1) / n) : Infinity;
  return { mean, stderr };
}

/**
 * The histogram of a sample given as counts per path key (counts[key] samples took the value
 * valueOf(key)): the same as binning every sample, since equal values fall in one bin, at the
 * cost of one division per key that occurred instead of one per sample.
 */
function histogram(counts: Float64Array, valueOf: (key: number) => number, bins: number): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (let key = 0; key < counts.length; key++) {
    if (counts[key] === 0) continue;
    const v = valueOf(key);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const w = (hi - lo) / bins;
  // A plain loop: Array.from({ length }, f) walks a generic array-like, slower than the counting itself.
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) edges.push(k === bins ? hi : lo + k * w);
  const out = new Array<number>(bins).fill(0);
  for (let key = 0; key < counts.length; key++) if (counts[key] !== 0) out[Math.min(bins - 1, Math.floor((valueOf(key) - lo) / w))] += counts[key];
  return { edges, counts: out };
}

/**
 * The tables of the sequential protocol: α ~ p_α, µ ~ q_µ, (β, ν) ~ |⟨ψ'_β,ν|U|ψ_α,µ⟩|²,
 * n ~ |⟨n|ψ_α⟩|², m ~ |⟨m|ψ'_β⟩|², each restricted to live labels
 * (probability > TOL.zeroEigenvalue), as in the exact enumeration.
 */
function tables(pr: Protocol): { alpha: Table; mu: Table; out: Table[]; n: Table[]; m: Table[] } {
  const { dS, dE, T, C, D } = pr;
  const N = dS * dE;
  const alpha = table(pr.p.map((x, i) => (pr.pLive[i] ? x : 0)));
  const mu = table(pr.q);
  const out: Table[] = [];
  for (let a = 0; a < N; a++) {
    const w = float64(N);
    for (let b = 0; b < N; b++) w[b] = pr.pFinalLive[Math.floor(b / dE)] ? T[b * N + a] : 0;
    out.push(table(w));
  }
  const n: Table[] = [];
  const m: Table[] = [];
  for (let k = 0; k < dS; k++) {
    n.push(table(Float64Array.from({ length: dS }, (_, i) => (pr.pnLive[i] ? C[i * dS + k] : 0))));
    m.push(table(Float64Array.from({ length: dS }, (_, i) => (pr.pmFinalLive[i] ? D[i * dS + k] : 0))));
  }
  return { alpha, mu, out, n, m };
}

/**
 * Monte Carlo sampling of the augmented trajectories X̃ = (α, µ, n, β, ν, m)
 * of a thermal operation, drawn as the protocol runs: α ~ p_α, µ ~ q_µ, then
 * (β, ν) ~ |⟨ψ'_β, ν|U|ψ_α, µ⟩|², n ~ |⟨n|ψ_α⟩|², m ~ |⟨m|ψ'_β⟩|², i.e. with
 * probability P[X̃] (Eqs. 36, 42). On each draw it evaluates
 * σ = ln(p_α q_µ/(p'_β q_ν)) (Eq. 41), σ_d = ln(p_n q_µ/(p'_m q_ν)) (Eq. 43),
 * ξ = ln(p_α p'_m/(p'_β p_n)) (Eq. 44), and returns the sample means of σ, σ_d,
 * ξ, e^{−σ}, e^{−σ_d} with standard errors, and histograms of σ, σ_d, ξ.
 *
 * Labels with probability ≤ TOL.zeroEigenvalue are never drawn (the rule of
 * {@link enumerateTrajectories}), so every value is finite. Randomness comes
 * only from the seeded generator of `src/numeric/random` (xoshiro128**).
 * A conditional table left empty by that rule (an outcome of total weight
 * ≤ the tolerance) is redrawn from the start.
 * @throws QepInputError on invalid input, or when `samples`, `seed` or `bins` is not a positive/safe integer.
 * @example sampleTrajectories(input, { samples: 10000, seed: 1 }).sigma.mean
 */
export function sampleTrajectories(input: TrajectoryInput, opts: SampleOptions): TrajectorySample {
  const { samples, seed, bins } = sampleOptions(opts);
  return sampleProtocol(prepareProtocol(input, opts), samples, seed, bins);
}

/** The options of a sampler run, validated, with the default of `bins`. */
function sampleOptions(opts: SampleOptions): { samples: number; seed: number; bins: number } {
  const { samples, seed, bins = 40 } = opts;
  if (!Number.isSafeInteger(samples) || samples < 1) throw new QepInputError('samples', 'a positive integer', String(samples));
  if (!Number.isSafeInteger(seed)) throw new QepInputError('seed', 'a safe integer', String(seed));
  if (!Number.isSafeInteger(bins) || bins < 1) throw new QepInputError('bins', 'a positive integer', String(bins));
  return { samples, seed, bins };
}

/**
 * The exact ensemble of {@link enumerateTrajectories} and the Monte Carlo sample of
 * {@link sampleTrajectories} (σ, σ_d, ξ of Eqs. 41, 43, 44 on paths drawn with P[X̃], Eqs. 36, 42) of one input, with the input validated and its protocol (the
 * eigen-decompositions and transition probabilities) prepared once for both. Each result
 * equals its separate call's bit for bit.
 * @throws QepInputError as {@link sampleTrajectories}.
 */
export function enumerateAndSample(input: TrajectoryInput, opts: SampleOptions): { readonly ensemble: TrajectoryEnsemble; readonly sample: TrajectorySample } {
  const { samples, seed, bins } = sampleOptions(opts);
  const pr = prepareProtocol(input, opts);
  return { ensemble: enumerateProtocol(pr), sample: sampleProtocol(pr, samples, seed, bins) };
}

/** {@link sampleTrajectories} on a prepared protocol (shared with the benchmarks). */
export function sampleProtocol(pr: Protocol, samples: number, seed: number, bins = 40): TrajectorySample {
  const rng = createRng(seed);
  const tb = tables(pr);
  const { logp, logq, logpFinal, logpn, logpmFinal } = pr;
  // Small integers, as int32 for the index arithmetic of the loop (a dimension held as a double makes % a floating-point remainder).
  const dS = pr.dS | 0;
  const dE = pr.dE | 0;
  const N = dS * dE;
  // Path keys: σ and e^{−σ} depend on (α, µ, β, ν) only, key (α dE + µ) N + (β dE + ν); σ_d and e^{−σ_d}
  // on (n, µ, m, ν), key (n dE + µ) N + (m dE + ν); ξ on (α, m, β, n), key ((α dS + m) dS + β) dS + n.
  // The histograms count samples per key; the exponentials are computed once per key (NaN: not yet).
  const hS = float64(N * N);
  const hD = float64(N * N);
  const hX = float64(dS ** 4);
  const expS = float64(N * N).fill(NaN);
  const expD = float64(N * N).fill(NaN);
  // Welford's running mean and M2 of σ, σ_d, ξ, e^{−σ}, e^{−σ_d}, in locals (the hot loop of the sampler).
  let count = 0;
  let mS = 0;
  let qS = 0;
  let mD = 0;
  let qD = 0;
  let mX = 0;
  let qX = 0;
  let mE = 0;
  let qE = 0;
  let mED = 0;
  let qED = 0;
  // Redraws happen only after an outcome of probability ≤ TOL.zeroEigenvalue; the cap guards against a bug, not chance.
  let redraws = 0;
  const redraw = (): void => {
    if (++redraws > samples + 1000) throw new Error('sampleTrajectories: no live trajectory could be drawn (internal error)');
  };
  for (let k = 0; k < samples; ) {
    const alpha = draw(tb.alpha, rng);
    const mu = draw(tb.mu, rng);
    const col = tb.out[alpha * dE + mu];
    const nt = tb.n[alpha];
    if (col.total <= 0 || nt.total <= 0) {
      redraw();
      continue;
    }
    const b = draw(col, rng);
    const beta = (b / dE) | 0;
    const nu = b - beta * dE;
    const mt = tb.m[beta];
    if (mt.total <= 0) {
      redraw();
      continue;
    }
    const n = draw(nt, rng);
    const m = draw(mt, rng);
    const sigma = sigmaOf(logp, logq, logpFinal, alpha, mu, beta, nu);
    const sigmaD = sigmaDOf(logpn, logq, logpmFinal, n, mu, m, nu);
    const xi = xiOf(logp, logpmFinal, logpFinal, logpn, alpha, m, beta, n);
    const kS = (alpha * dE + mu) * N + b;
    const kD = (n * dE + mu) * N + (m * dE + nu);
    hS[kS]++;
    hD[kD]++;
    hX[((alpha * dS + m) * dS + beta) * dS + n]++;
    count++;
    let d = sigma - mS;
    mS += d / count;
    qS += d * (sigma - mS);
    d = sigmaD - mD;
    mD += d / count;
    qD += d * (sigmaD - mD);
    d = xi - mX;
    mX += d / count;
    qX += d * (xi - mX);
    let e = expS[kS];
    if (e !== e) e = expS[kS] = Math.exp(-sigma);
    d = e - mE;
    mE += d / count;
    qE += d * (e - mE);
    let ed = expD[kD];
    if (ed !== ed) ed = expD[kD] = Math.exp(-sigmaD);
    d = ed - mED;
    mED += d / count;
    qED += d * (ed - mED);
    k++;
  }
  return {
    samples,
    seed,
    sigma: estimate(count, mS, qS),
    sigma_d: estimate(count, mD, qD),
    xi: estimate(count, mX, qX),
    exp_minus_sigma: estimate(count, mE, qE),
    exp_minus_sigma_d: estimate(count, mED, qED),
    histograms: {
      // A key of hS or hD splits as (row, column) = (x dE + µ, y dE + ν) with (x, y) = (α, β) or (n, m).
      sigma: histogram(hS, (key) => sigmaOf(logp, logq, logpFinal, Math.floor(key / N / dE), Math.floor(key / N) % dE, Math.floor((key % N) / dE), key % dE), bins),
      sigma_d: histogram(hD, (key) => sigmaDOf(logpn, logq, logpmFinal, Math.floor(key / N / dE), Math.floor(key / N) % dE, Math.floor((key % N) / dE), key % dE), bins),
      xi: histogram(hX, (key) => xiOf(logp, logpmFinal, logpFinal, logpn, Math.floor(key / dS ** 3), Math.floor(key / dS ** 2) % dS, Math.floor(key / dS) % dS, key % dS), bins),
    },
  };
}

/** The sampled means and standard errors in the flat form of a scenario's `traj` output. */
export function sampledTrajectoryMeans(s: TrajectorySample): SampledTrajectoryMeans {
  return {
    samples: s.samples,
    seed: s.seed,
    sampled_mean_exp_minus_sigma: s.exp_minus_sigma.mean,
    stderr_exp_minus_sigma: s.exp_minus_sigma.stderr,
    sampled_mean_sigma: s.sigma.mean,
    stderr_sigma: s.sigma.stderr,
    sampled_mean_sigma_d: s.sigma_d.mean,
    stderr_sigma_d: s.sigma_d.stderr,
    sampled_mean_xi: s.xi.mean,
    stderr_xi: s.xi.stderr,
    sampled_mean_exp_minus_sigma_d: s.exp_minus_sigma_d.mean,
    stderr_exp_minus_sigma_d: s.exp_minus_sigma_d.stderr,
  };
}
