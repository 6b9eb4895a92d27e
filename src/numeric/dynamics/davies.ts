import { QepInputError } from '../errors.js';
import { type CMatrix, fromDiagonal, zeros } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';
import { assertHermitian } from '../quantum/validate.js';
import { TOL, sameLevel } from '../tolerance.js';
import { assertDetailedBalance, escapeRates, standardBathRates } from './daviesRates.js';
import { type JumpOperator, type Lindbladian, lindbladian } from './lindblad.js';
import { float64 } from '../linalg/float64.js';

/**
 * The Davies generator of Eq. 2 in the energy eigenbasis {|n⟩} (ascending energies):
 *
 *     L(ρ) = −i[H, ρ] + Σ_{n≠m} W(n|m) ( L ρ L† − ½{L†L, ρ} ),  L = |n⟩⟨m|
 *            + Σ_n γ_n ( |n⟩⟨n| ρ |n⟩⟨n| − ½{|n⟩⟨n|, ρ} )          (optional pure dephasing)
 *
 * W(n|m) is the rate of the jump m → n (Eq. 3's reading; the sentence after Eq. 3 says the opposite, Eq. 3 itself is followed).
 * Written out entry by entry this generator decouples (Eqs. 3 and 5):
 *
 *     dp_n/dt  = Σ_m [W(n|m) p_m − W(m|n) p_n]
 *     dρ_nm/dt = −( iω_nm + ½(Γ_n + Γ_m) + ½(γ_n + γ_m) ) ρ_nm,   n ≠ m,
 *
 * with ω_nm = E_n − E_m and Γ_n = Σ_k W(k|n): L ρ L† only feeds the diagonal and
 * the anticommutator only damps. This holds for the generator as written,
 * whatever the Bohr frequencies; non-degenerate Bohr frequencies are what the
 * secular (Davies) derivation needs to arrive at this form, not what the form needs.
 */
export interface DaviesGenerator extends RateGenerator {
  /** Inverse temperature β ≥ 0 (finite). */
  readonly beta: number;
  /** ln p_eq,n = −β(E_n − E_0) − ln Σ_k e^{−β(E_k − E_0)}: finite for every finite β (no underflow). */
  readonly logPeq: Float64Array;
  /** p_eq,n = e^{−βE_n}/Z (may underflow to 0 at very low temperature; use logPeq for logarithms). */
  readonly peq: Float64Array;
}

/**
 * The part of a Davies generator that L(ρ) needs: energies, rates and dephasing, with no
 * temperature. Several baths at different temperatures (B1) sum to one of these.
 */
export interface RateGenerator {
  readonly dim: number;
  /** Energies E_n, strictly ascending and non-degenerate (TOL.degeneracy). */
  readonly energies: Float64Array;
  /** Eigenvectors of H as columns (ρ_energy = V† ρ V), or null when built from `energies`. */
  readonly basis: CMatrix | null;
  /** W[n·d + m] = W(n|m), rate of m → n; diagonal 0. */
  readonly rates: Float64Array;
  /** Pure dephasing rates γ_n ≥ 0. */
  readonly dephasing: Float64Array;
  /** Escape rates Γ_n = Σ_{k≠n} W(k|n). */
  readonly escape: Float64Array;
}

/** Input of {@link daviesGenerator}: one of energies/H, one of rates/gamma, optional dephasing. */
export interface DaviesSpec {
  readonly beta: number;
  /** Energies E_n, strictly ascending. */
  readonly energies?: ArrayLike<number>;
  /** A Hermitian Hamiltonian with non-degenerate spectrum (its eigenbasis is the energy basis). */
  readonly H?: CMatrix;
  /** rates[n][m] = W(n|m), the rate of m → n in the energy basis; the diagonal is ignored. */
  readonly rates?: ArrayLike<ArrayLike<number>>;
  /** Symmetric couplings g_nm of the standard bath (Eq. 4); the diagonal is ignored. */
  readonly gamma?: ArrayLike<ArrayLike<number>>;
  /** Pure dephasing rates γ_n ≥ 0 in the energy basis. */
  readonly dephasing?: ArrayLike<number>;
}

function readSquare(value: ArrayLike<ArrayLike<number>>, d: number, field: string): Float64Array {
  if (value.length !== d) throw new QepInputError(field, `a ${d}x${d} matrix (one row per level)`, `${value.length} rows`);
  const out = float64(d * d);
  for (let n = 0; n < d; n++) {
    const row = value[n];
    if (!row || row.length !== d) throw new QepInputError(`${field}[${n}]`, `a row of length ${d}`, `length ${row ? row.length : 0}`);
    for (let m = 0; m < d; m++) {
      const x = row[m];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new QepInputError(`${field}[${n}][${m}]`, 'a finite number', String(x));
      if (n === m) continue;
      if (x < 0) throw new QepInputError(`${field}[${n}][${m}]`, 'non-negative', x);
      out[n * d + m] = x;
    }
  }
  return out;
}

function logGibbs(energies: Float64Array, beta: number): { logPeq: Float64Array; peq: Float64Array } {
  const d = energies.length;
  const e0 = energies[0];
  let z = 0;
  for (let n = 0; n < d; n++) z += Math.exp(-beta * (energies[n] - e0));
  const lz = Math.log(z);
  const logPeq = float64(d);
  const peq = float64(d);
  for (let n = 0; n < d; n++) {
    logPeq[n] = -beta * (energies[n] - e0) - lz;
    peq[n] = Math.exp(logPeq[n]);
  }
  return { logPeq, peq };
}

/** The energy basis read from `energies` or `H`: ascending non-degenerate energies, and H's eigenvectors. */
export interface Spectrum {
  readonly energies: Float64Array;
  /** Eigenvectors of H as columns, or null when built from `energies`. */
  readonly basis: CMatrix | null;
}

/**
 * The energies of a spec with `energies` or `H` (exactly one): H's eigenvalues, ascending,
 * with its eigenvectors as the basis.
 * @throws QepInputError `energies` / `H`: neither or both, non-finite, not ascending,
 *   degenerate within TOL.degeneracy, non-Hermitian.
 */
export function readSpectrum(spec: { readonly energies?: ArrayLike<number>; readonly H?: CMatrix }): Spectrum {
  if ((spec.energies === undefined) === (spec.H === undefined)) {
    throw new QepInputError('energies', spec.H === undefined ? 'given (or "H"): one of "energies", "H"' : 'absent when "H" is given (one of "energies", "H")');
  }
  let energies: Float64Array;
  let basis: CMatrix | null = null;
  let field = 'energies';
  if (spec.H !== undefined) {
    field = 'H';
    const H = spec.H;
    for (let k = 0; k < H.re.length; k++) {
      if (!Number.isFinite(H.re[k]) || !Number.isFinite(H.im[k])) throw new QepInputError('H', 'finite', String(Number.isFinite(H.re[k]) ? H.im[k] : H.re[k]));
    }
    assertHermitian(H, 'H');
    const e = eigh(H);
    energies = e.values;
    basis = e.vectors;
  } else {
    const src = spec.energies as ArrayLike<number>;
    energies = float64(src.length);
    for (let n = 0; n < src.length; n++) {
      const x = src[n];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new QepInputError(`energies[${n}]`, 'a finite number', String(x));
      energies[n] = x;
    }
  }
  const d = energies.length;
  if (d === 0) throw new QepInputError(field, 'non-empty (at least one level)', 'dimension 0');
  for (let n = 1; n < d; n++) {
    if (energies[n] < energies[n - 1] || sameLevel(energies[n], energies[n - 1])) {
      const gap = energies[n] - energies[n - 1];
      throw new QepInputError(
        field,
        basis ? 'of non-degenerate spectrum (relative gap between neighbouring eigenvalues)' : `strictly ascending and non-degenerate (relative gap E[${n}] - E[${n - 1}])`,
        gap / Math.max(1, Math.abs(energies[n]), Math.abs(energies[n - 1])),
        TOL.degeneracy,
      );
    }
  }
  return { energies, basis };
}

/** One bath's rates as given: explicit `rates` or standard-bath couplings `gamma` (exactly one). */
export interface BathRatesSpec {
  readonly rates?: ArrayLike<ArrayLike<number>>;
  readonly gamma?: ArrayLike<ArrayLike<number>>;
}

/**
 * The rate matrix W (flat, W[n·d + m] = W(n|m)) of one bath at inverse temperature β:
 * `rates` checked for detailed balance (Eq. 4) at β, or `gamma` through
 * {@link standardBathRates}. Error fields carry `prefix` (e.g. `baths[1].`).
 * @throws QepInputError `rates` / `gamma`: neither or both, wrong shape, non-finite,
 *   negative, detailed balance beyond TOL.detailedBalance, gamma not symmetric.
 */
export function bathRates(energies: Float64Array, beta: number, spec: BathRatesSpec, prefix = ''): Float64Array {
  const d = energies.length;
  if ((spec.rates === undefined) === (spec.gamma === undefined)) {
    throw new QepInputError(`${prefix}rates`, spec.gamma === undefined ? 'given (or "gamma"): one of "rates", "gamma"' : 'absent when "gamma" is given (one of "rates", "gamma")');
  }
  if (spec.rates !== undefined) {
    const rates = readSquare(spec.rates, d, `${prefix}rates`);
    assertDetailedBalance(energies, rates, beta, `${prefix}rates`);
    return rates;
  }
  const g = readSquare(spec.gamma as ArrayLike<ArrayLike<number>>, d, `${prefix}gamma`);
  assertSymmetricCouplings(g, d, `${prefix}gamma`);
  return standardBathRates(energies, g, beta, prefix);
}

/** @throws QepInputError `field[n][m]` unless g_nm = g_mn within TOL.hermitian (relative). */
export function assertSymmetricCouplings(g: Float64Array, d: number, field: string): void {
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < n; m++) {
      const a = g[n * d + m];
      const b = g[m * d + n];
      const r = Math.abs(a - b) / Math.max(1, a, b);
      if (r > TOL.hermitian) throw new QepInputError(`${field}[${n}][${m}]`, `equal to ${field}[${m}][${n}] (symmetric couplings; relative difference)`, r, TOL.hermitian);
    }
  }
}

/** @throws QepInputError `beta` (or `field`) unless β is a finite number ≥ 0. */
export function assertBeta(beta: number, field = 'beta'): void {
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0) {
    throw new QepInputError(field, 'a finite number ≥ 0 (β = 1/T)', String(beta));
  }
}

/** Pure dephasing rates γ_n ≥ 0, one per level (zeros when absent). */
export function readDephasing(value: ArrayLike<number> | undefined, d: number): Float64Array {
  const dephasing = float64(d);
  if (value === undefined) return dephasing;
  if (value.length !== d) throw new QepInputError('dephasing', `a list of ${d} rates (one per level)`, `length ${value.length}`);
  for (let n = 0; n < d; n++) {
    const x = value[n];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new QepInputError(`dephasing[${n}]`, 'a finite number ≥ 0', String(x));
    dephasing[n] = x;
  }
  return dephasing;
}

/** A Davies generator from validated parts (the Gibbs weights at β are computed here). */
export function assembleDavies(spectrum: Spectrum, beta: number, rates: Float64Array, dephasing: Float64Array): DaviesGenerator {
  const { energies, basis } = spectrum;
  const { logPeq, peq } = logGibbs(energies, beta);
  return { dim: energies.length, beta, energies, basis, rates, dephasing, escape: escapeRates(rates, energies.length), logPeq, peq };
}

/**
 * Build a Davies generator (Eqs. 2–5) from energies or a Hermitian H, explicit
 * rates or standard-bath couplings, and optional pure dephasing.
 *
 * With `H`, the energy basis is H's eigenbasis with ascending energies (`basis`
 * holds the eigenvectors). With `gamma`, the rates are those of
 * {@link standardBathRates}; with `rates`, detailed balance (Eq. 4) is checked.
 * @throws QepInputError naming the field: `beta` (negative, NaN, ∞; or 0 with
 *   `gamma`), `energies` / `H` (see {@link readSpectrum}), `rates` / `gamma`
 *   (see {@link bathRates}), `dephasing` (length, negative, non-finite).
 */
export function daviesGenerator(spec: DaviesSpec): DaviesGenerator {
  assertBeta(spec.beta);
  const spectrum = readSpectrum(spec);
  const rates = bathRates(spectrum.energies, spec.beta, spec);
  return assembleDavies(spectrum, spec.beta, rates, readDephasing(spec.dephasing, spectrum.energies.length));
}

/**
 * L(ρ) of the Davies generator, entry by entry in the energy basis, O(d²):
 * dp_n/dt by the Pauli equation (Eq. 3), dρ_nm/dt = −(iω_nm + ½(Γ_n+Γ_m) + ½(γ_n+γ_m)) ρ_nm (Eq. 5 as corrected).
 * `rho` is in the energy basis; it need not be Hermitian.
 */
export function applyDavies(gen: RateGenerator, rho: CMatrix, out?: CMatrix): CMatrix {
  const d = gen.dim;
  const R = out ?? zeros(d, d);
  const { rates: W, escape: G, dephasing: g, energies: E } = gen;
  for (let n = 0; n < d; n++) {
    let inflow = 0;
    let inflowIm = 0;
    for (let m = 0; m < d; m++) {
      if (m === n) continue;
      inflow += W[n * d + m] * rho.re[m * d + m];
      inflowIm += W[n * d + m] * rho.im[m * d + m];
    }
    R.re[n * d + n] = inflow - G[n] * rho.re[n * d + n];
    R.im[n * d + n] = inflowIm - G[n] * rho.im[n * d + n];
    for (let m = 0; m < d; m++) {
      if (m === n) continue;
      const k = n * d + m;
      const damp = 0.5 * (G[n] + G[m] + g[n] + g[m]);
      const w = E[n] - E[m];
      const a = rho.re[k];
      const b = rho.im[k];
      // −(iω + damp)(a + ib) = (−damp·a + ω b) + i(−damp·b − ω a)
      R.re[k] = -damp * a + w * b;
      R.im[k] = -damp * b - w * a;
    }
  }
  return R;
}

/** Which term of the generator a jump operator comes from. */
export interface DaviesJump extends JumpOperator {
  /** 'transition' for L = |n⟩⟨m| (rate W(n|m)), 'dephasing' for L = |n⟩⟨n| (rate γ_n). */
  readonly kind: 'transition' | 'dephasing';
  readonly n: number;
  readonly m: number;
}

/**
 * The jump operators of Eq. 2 in the energy basis: L = |n⟩⟨m| with rate W(n|m)
 * (m → n) for every n ≠ m with W(n|m) > 0, and L = |n⟩⟨n| with rate γ_n > 0.
 */
export function daviesJumps(gen: RateGenerator): DaviesJump[] {
  const d = gen.dim;
  const jumps: DaviesJump[] = [];
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < d; m++) {
      if (n === m || gen.rates[n * d + m] === 0) continue;
      const L = zeros(d, d);
      L.re[n * d + m] = 1;
      jumps.push({ L, rate: gen.rates[n * d + m], kind: 'transition', n, m });
    }
  }
  for (let n = 0; n < d; n++) {
    if (gen.dephasing[n] === 0) continue;
    const L = zeros(d, d);
    L.re[n * d + n] = 1;
    jumps.push({ L, rate: gen.dephasing[n], kind: 'dephasing', n, m: n });
  }
  return jumps;
}

/**
 * The Davies generator as a generic Lindbladian (Eq. 2) in the energy basis:
 * H = diag(E_n), jumps from {@link daviesJumps}. This is the route that does
 * not use the decoupling; the structured solver is checked against it.
 */
export function daviesLindbladian(gen: RateGenerator): Lindbladian {
  return lindbladian(fromDiagonal(gen.energies), daviesJumps(gen));
}
