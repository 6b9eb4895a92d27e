import { QepInputError } from '../errors.js';
import { sameLevel } from '../tolerance.js';
import type { Rng } from './rng.js';

/**
 * The two detailed-balanced rate models.
 * - 'glauber': W(n|m) = g_nm / (1 + e^{β(E_n − E_m)}); finite for every β in [0, ∞]
 *   (β = 0: g/2 both ways; β = ∞: downhill g, uphill 0).
 * - 'bosonic': the standard bath of Eq. 4, for E_n > E_m, ω = E_n − E_m,
 *   n̄ = 1/(e^{βω} − 1): W(m|n) = g_nm (n̄ + 1), W(n|m) = g_nm n̄. Needs β > 0
 *   and non-degenerate levels (n̄ diverges otherwise); β = ∞ gives n̄ = 0.
 */
export type RateModel = 'glauber' | 'bosonic';

/** Logistic 1/(1 + e^x), computed without overflow; x = ±∞ gives 0 and 1. */
function fermi(x: number): number {
  if (x >= 0) {
    const e = Math.exp(-x);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(x));
}

/**
 * Detailed-balanced rates W[n][m] = W(n|m), the rate of the jump m → n (the
 * convention of Eq. 3), W[n][n] = 0, satisfying Eq. 4:
 * W(n|m) / W(m|n) = e^{−β(E_n − E_m)}. Couplings g_nm = g_mn ≥ 0 are read from
 * the upper triangle of `couplings` (n < m). See {@link RateModel}.
 *
 * @throws QepInputError when β is NaN or negative (or, for 'bosonic', so small
 * that n̄ overflows: β·ω below ~1e-308),
 * an energy or coupling is not finite, a coupling is negative, or two levels
 * are degenerate (`sameLevel`) under the 'bosonic' model.
 */
export function detailedBalanceRates(
  energies: ArrayLike<number>,
  beta: number,
  couplings: ArrayLike<ArrayLike<number>>,
  model: RateModel = 'glauber',
): number[][] {
  const d = energies.length;
  if (Number.isNaN(beta) || beta < 0) throw new QepInputError('beta', 'a number ≥ 0 (+∞ allowed)', String(beta));
  if (model === 'bosonic' && !(beta > 0)) throw new QepInputError('beta', '> 0 for bosonic rates (n̄ diverges at β = 0)', String(beta));
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(energies[i])) throw new QepInputError(`energies[${i}]`, 'a finite number', String(energies[i]));
  }
  if (couplings.length < d) throw new QepInputError('couplings', `a ${d}×${d} matrix`, `${couplings.length} rows`);
  const W = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let n = 0; n < d; n++) {
    for (let m = n + 1; m < d; m++) {
      const g = couplings[n][m];
      if (!(Number.isFinite(g) && g >= 0)) throw new QepInputError(`couplings[${n}][${m}]`, 'a finite number ≥ 0', String(g));
      const dE = energies[n] - energies[m];
      if (model === 'glauber') {
        const x = dE === 0 ? 0 : beta * dE;
        W[n][m] = g * fermi(x);
        W[m][n] = g * fermi(-x);
      } else {
        if (sameLevel(energies[n], energies[m])) throw new QepInputError('energies', `non-degenerate for bosonic rates (levels ${m}, ${n})`, dE);
        const [hi, lo] = dE > 0 ? [n, m] : [m, n];
        const nbar = 1 / Math.expm1(beta * Math.abs(dE)); // β = ∞ → 0
        if (!Number.isFinite(nbar)) throw new QepInputError('beta', 'large enough that n̄ = 1/(e^{βω} − 1) is finite (bosonic rates)', beta * Math.abs(dE));
        W[hi][lo] = g * nbar; // absorption lo → hi
        W[lo][hi] = g * (nbar + 1); // emission hi → lo
      }
    }
  }
  return W;
}

/**
 * Random detailed-balanced rates: couplings g_nm = e^{4u − 2} (u uniform, so
 * g ∈ [e^{−2}, e^{2}], log-uniform), then {@link detailedBalanceRates}.
 *
 * @throws QepInputError as {@link detailedBalanceRates}.
 */
export function randomRates(rng: Rng, energies: ArrayLike<number>, beta: number, model: RateModel = 'glauber'): number[][] {
  const d = energies.length;
  const g = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let n = 0; n < d; n++) {
    for (let m = n + 1; m < d; m++) g[n][m] = g[m][n] = Math.exp(4 * rng.uniform() - 2);
  }
  return detailedBalanceRates(energies, beta, g, model);
}
