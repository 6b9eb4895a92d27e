import { QepInputError } from '../errors.js';
import { TOL } from '../tolerance.js';
import { float64 } from '../linalg/float64.js';

/**
 * Transition rates of a Davies map (Eqs. 3–4).
 *
 * Convention (Eq. 3 as written; the sentence after it reads the other way): W(n|m) is the rate of the jump m → n, as
 * Eq. 3 uses it. Rate matrices are flat row-major Float64Arrays of d·d entries,
 * `W[n * d + m] = W(n|m)`, with W(n|n) = 0. Levels are indexed by ascending
 * energy, so for n > m, W(n|m) is an absorption (up) rate and W(m|n) an
 * emission (down) rate.
 */

/**
 * Bose–Einstein occupation n̄(ω) = 1/(e^{βω} − 1) of a bath mode ω > 0 (Eq. 4).
 * Computed with expm1 (no cancellation for small βω); βω large gives 0 (no NaN);
 * β = 0 gives +∞.
 * @example boseOccupation(1, Math.log(2)) // 1
 */
export function boseOccupation(omega: number, beta: number): number {
  const x = beta * omega;
  if (x === 0) return Infinity;
  return 1 / Math.expm1(x); // expm1(x) = ∞ for x > 709.78: 1/∞ = 0
}

/**
 * Rates of the standard bosonic bath from symmetric couplings g_nm (Eq. 4):
 * for E_n > E_m, ω = E_n − E_m, n̄ = 1/(e^{βω} − 1),
 *
 *     W(m|n) = g_nm (n̄ + 1)   (emission n → m),   W(n|m) = g_nm n̄   (absorption m → n).
 *
 * They satisfy detailed balance W(n|m)/W(m|n) = e^{−βω} exactly (up to rounding).
 * `energies` must be strictly ascending; `gamma` is flat d·d, its diagonal ignored.
 * @throws QepInputError `beta` when β = 0 and some g_nm > 0 (n̄ = ∞: infinite rates);
 *   `gamma` when a rate overflows to ∞ (βω below ~1e-308 / g).
 */
export function standardBathRates(energies: ArrayLike<number>, gamma: ArrayLike<number>, beta: number, prefix = ''): Float64Array {
  const d = energies.length;
  const W = float64(d * d);
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < n; m++) {
      const g = gamma[n * d + m];
      if (g === 0) continue;
      const nbar = boseOccupation(energies[n] - energies[m], beta);
      if (nbar === Infinity) {
        throw new QepInputError(`${prefix}beta`, 'positive when "gamma" is given (the standard bath has n̄ = 1/(e^{βω} − 1) = ∞ at β = 0; give explicit "rates" instead)', beta);
      }
      const up = g * nbar;
      const down = g * (nbar + 1);
      if (!Number.isFinite(up) || !Number.isFinite(down)) {
        throw new QepInputError(`${prefix}gamma[${n}][${m}]`, 'small enough that g·(n̄ + 1) is finite', `n̄ = ${nbar}`);
      }
      W[n * d + m] = up;
      W[m * d + n] = down;
    }
  }
  return W;
}

/** The worst violation of detailed balance, with the pair where it occurs. */
export interface DetailedBalanceResidual {
  /** max over pairs of |W(n|m) − W(m|n) e^{−β(E_n − E_m)}| / max(W(n|m), W(m|n)) (0 when both rates vanish). */
  readonly residual: number;
  /** The pair (n > m) where the maximum is reached, −1 when d < 2. */
  readonly n: number;
  readonly m: number;
}

/**
 * Residual of detailed balance (Eq. 4), W(n|m)/W(m|n) = e^{−β(E_n − E_m)}, in the
 * overflow-free form |W(n|m) − W(m|n) e^{−βω}| / max(W(n|m), W(m|n)) for n > m
 * (ω = E_n − E_m > 0, so e^{−βω} ≤ 1 never overflows; at very low temperature it
 * underflows to 0 and a vanishing up-rate is consistent). Relative to the larger
 * rate of the pair, so it is scale-free; compared with TOL.detailedBalance.
 */
export function detailedBalanceResidual(energies: ArrayLike<number>, W: ArrayLike<number>, beta: number): DetailedBalanceResidual {
  const d = energies.length;
  let worst = { residual: 0, n: -1, m: -1 };
  for (let n = 1; n < d; n++) {
    for (let m = 0; m < n; m++) {
      const up = W[n * d + m];
      const down = W[m * d + n];
      const scale = Math.max(up, down);
      if (scale === 0) {
        if (worst.n < 0) worst = { residual: 0, n, m };
        continue;
      }
      const r = Math.abs(up - down * Math.exp(-beta * (energies[n] - energies[m]))) / scale;
      if (r > worst.residual || worst.n < 0) worst = { residual: r, n, m };
    }
  }
  return worst;
}

/**
 * @throws QepInputError `rates` naming the worst pair unless detailed balance
 * (Eq. 4) holds within TOL.detailedBalance.
 */
export function assertDetailedBalance(energies: ArrayLike<number>, W: ArrayLike<number>, beta: number, field = 'rates'): void {
  const { residual, n, m } = detailedBalanceResidual(energies, W, beta);
  if (residual > TOL.detailedBalance) {
    throw new QepInputError(
      field,
      `in detailed balance, W(n|m)/W(m|n) = e^{-β(E_n - E_m)} (worst at n=${n}, m=${m}: |W(n|m) - W(m|n) e^{-βω}| / max rate)`,
      residual,
      TOL.detailedBalance,
    );
  }
}

/**
 * The Pauli rate matrix of Eq. 3, dp/dt = M p:
 * M[n][m] = W(n|m) for n ≠ m, M[n][n] = −Σ_{k≠n} W(k|n). Columns sum to 0.
 */
export function pauliRateMatrix(W: ArrayLike<number>, d: number): Float64Array {
  const M = float64(d * d);
  for (let m = 0; m < d; m++) {
    let out = 0;
    for (let n = 0; n < d; n++) {
      if (n === m) continue;
      M[n * d + m] = W[n * d + m];
      out += W[n * d + m];
    }
    M[m * d + m] = -out;
  }
  return M;
}

/** Total escape rates Γ_n = Σ_{k≠n} W(k|n) (the outflow of level n; Eqs. 3 and 5). */
export function escapeRates(W: ArrayLike<number>, d: number): Float64Array {
  const g = float64(d);
  for (let n = 0; n < d; n++) {
    for (let k = 0; k < d; k++) if (k !== n) g[n] += W[k * d + n];
  }
  return g;
}

/**
 * The Pauli equation, Eq. 3: dp_n/dt = Σ_m [W(n|m) p_m − W(m|n) p_n].
 * Written as inflow minus outflow (each sum of non-negative terms), into `out` when given.
 */
export function pauliDerivative(W: ArrayLike<number>, p: ArrayLike<number>, out?: Float64Array): Float64Array {
  const d = p.length;
  const dp = out ?? float64(d);
  for (let n = 0; n < d; n++) {
    let s = 0;
    for (let m = 0; m < d; m++) {
      if (m === n) continue;
      s += W[n * d + m] * p[m] - W[m * d + n] * p[n];
    }
    dp[n] = s;
  }
  return dp;
}
