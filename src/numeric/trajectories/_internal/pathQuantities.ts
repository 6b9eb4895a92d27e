/**
 * The stochastic entropy production and its parts on one path, from the logarithms of the
 * probabilities that label it (the `log…` arrays of the protocol: ln p_α, ln p'_β of the
 * eigenvalues of ρ_S, ρ'_S; ln p_n, ln p'_m of their populations in the energy basis of H_S;
 * ln q_µ of the environment's Gibbs state). Arguments are the arrays themselves, not the
 * protocol, so that the enumeration's inner loop reads them from locals.
 */

/**
 * σ[X] on a forward path X = (α, µ, β, ν) (Eqs. 39–41):
 *   σ[X] = ln(P_F[X] / P_B[X]) = ln(p_α q_µ / (p'_β q_ν)) = ln p_α + ln q_µ − ln p'_β − ln q_ν.
 * Finite on every path that carries probability (its labels are live, q > 0 at finite β).
 */
export function sigmaOf(logp: Float64Array, logq: Float64Array, logpFinal: Float64Array, alpha: number, mu: number, beta: number, nu: number): number {
  return logp[alpha] + logq[mu] - logpFinal[beta] - logq[nu];
}

/**
 * σ_d[X̃] on an augmented path X̃ = (α, µ, n, β, ν, m) (Eq. 43):
 *   σ_d[X̃] = ln(p_n q_µ / (p'_m q_ν)) = ln p_n + ln q_µ − ln p'_m − ln q_ν.
 */
export function sigmaDOf(logpn: Float64Array, logq: Float64Array, logpmFinal: Float64Array, n: number, mu: number, m: number, nu: number): number {
  return logpn[n] + logq[mu] - logpmFinal[m] - logq[nu];
}

/**
 * ξ[X̃] on an augmented path X̃ = (α, µ, n, β, ν, m) (Eq. 44):
 *   ξ[X̃] = ln(p_α p'_m / (p'_β p_n)) = ln p_α + ln p'_m − ln p'_β − ln p_n,  so σ = σ_d + ξ.
 */
export function xiOf(logp: Float64Array, logpmFinal: Float64Array, logpFinal: Float64Array, logpn: Float64Array, alpha: number, m: number, beta: number, n: number): number {
  return logp[alpha] + logpmFinal[m] - logpFinal[beta] - logpn[n];
}
