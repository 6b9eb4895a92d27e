/**
 * A classical rate matrix W(n|m) (the Pauli master equation ṗ_n = Σ_m W(n|m)p_m − W(m|n)p_n,
 * Eq. 3), row-major: rates[n·dim + m] = W(n|m), the rate of the jump m → n.
 * A Davies generator is one.
 */
export interface RateMatrix {
  readonly dim: number;
  readonly rates: ArrayLike<number>;
}

/**
 * The largest one-way flux max_{n≠m} W(n|m) p_m: the natural scale of ṗ, against which
 * a net flow is judged zero (TOL.zeroEigenvalue × this). Negative rounding in p counts as 0.
 */
export function maxFlux(W: RateMatrix, p: ArrayLike<number>): number {
  const d = W.dim;
  let s = 0;
  for (let n = 0; n < d; n++) {
    for (let m = 0; m < d; m++) if (m !== n) s = Math.max(s, W.rates[n * d + m] * Math.max(0, p[m]));
  }
  return s;
}
