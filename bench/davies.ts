/**
 * Davies benchmark: a Davies evolution to 1000 output times (t_k = k/64, an exact
 * binary grid, so the generic route reuses one propagator) for d = 2, 4, 8, 16,
 * by the structured solver (Eqs. 3 and 5: populations through the symmetrised
 * rate matrix, coherences as damped phases; O(d³) once, O(d²) per time) against
 * the generic Liouvillian (d² × d² superoperator: one expm, O(d⁶), then one O(d⁴)
 * product per time) and the generic adaptive RK45 (matrix-free Lindbladian
 * action, rtol 1e-10). Also the whole `davies` scenario (every output key at
 * every time) and the claims of properties/davies.ts per second, as `qep check`
 * runs them (default seed and runs). Instances come from the seeded generators:
 * random ascending energies, Glauber rates in detailed balance at β = 1, pure
 * dephasing, a Hilbert–Schmidt initial state.
 *
 * Several baths (B1–B9): the whole several-baths pipeline (steady state, evolution,
 * every per-bath and total rate at every time) for K = 3 baths at β = 0.5, 1, 2
 * against K = 1 bath whose rates are the sum of three baths at β = 1: the per-bath
 * rates cost O(d²) each after the one O(d³) eigendecomposition per time.
 */
import { daviesClaims } from '../properties/davies.js';
import {
  type DaviesGenerator,
  type MultiBathGenerator,
  daviesGenerator,
  daviesQuantities,
  evolveDavies,
  multiBathGenerator,
  multiBathQuantities,
  steadyState,
} from '../src/numeric/dynamics/index.js';
import { type CMatrix, normMax, sub } from '../src/numeric/linalg/cmatrix.js';
import { createRng, hilbertSchmidtState, randomRates } from '../src/numeric/random/index.js';
import { type BenchModule, benchClaims, formatRatio, formatSeconds, printTable, timeMedian } from './_internal/harness.js';

const DIMS = [2, 4, 8, 16] as const;
const TIMES = Array.from({ length: 1000 }, (_, k) => (k + 1) / 64);

function instance(d: number): { gen: DaviesGenerator; rho0: CMatrix } {
  const rng = createRng(9000 + d);
  const energies = Array.from({ length: d }, () => 3 * rng.uniform()).sort((a, b) => a - b);
  const beta = 1;
  const gen = daviesGenerator({ beta, energies, rates: randomRates(rng, energies, beta), dephasing: energies.map(() => 0.2 * rng.uniform()) });
  return { gen, rho0: hilbertSchmidtState(rng, d) };
}

/** K = 3 baths at β = 0.5, 1, 2, or (K = 1) one bath with the summed rates of three baths at β = 1; same energies and dephasing. */
function bathsInstance(d: number, K: 1 | 3): { gen: MultiBathGenerator; rho0: CMatrix } {
  const rng = createRng(9100 + d);
  const energies = Array.from({ length: d }, () => 3 * rng.uniform()).sort((a, b) => a - b);
  const dephasing = energies.map(() => 0.2 * rng.uniform());
  const rho0 = hilbertSchmidtState(rng, d);
  const betas = K === 3 ? [0.5, 1, 2] : [1, 1, 1];
  const rates = betas.map((beta) => randomRates(rng, energies, beta));
  const summed = rates[0].map((row, n) => row.map((x, m) => x + rates[1][n][m] + rates[2][n][m]));
  const baths = K === 3 ? betas.map((beta, k) => ({ beta, rates: rates[k] })) : [{ beta: 1, rates: summed }];
  return { gen: multiBathGenerator({ energies, baths, dephasing }), rho0 };
}

/** The several-baths pipeline of a `davies` scenario: steady state, states, and every key at every time. */
function bathsPipeline(gen: MultiBathGenerator, rho0: CMatrix): number {
  const d = gen.dim;
  const ss = steadyState(
    gen,
    Array.from({ length: d }, (_, n) => rho0.re[n * d + n]),
  );
  let s = 0;
  for (const rho of evolveDavies(gen.total, rho0, TIMES)) s += multiBathQuantities(gen, rho, ss).Pi_a;
  return s;
}

function maxDeviation(a: CMatrix[], b: CMatrix[]): number {
  return a.reduce((s, x, k) => Math.max(s, normMax(sub(x, b[k]))), 0);
}

async function run(): Promise<void> {
  const rows: string[][] = [];
  for (const d of DIMS) {
    const { gen, rho0 } = instance(d);
    const slow = d >= 8;
    const opts = { repeats: slow ? 3 : 7, minSampleMs: slow ? 1 : 25, warmup: slow ? 1 : 3 };
    const structured = timeMedian(() => evolveDavies(gen, rho0, TIMES), opts);
    const exact = timeMedian(() => evolveDavies(gen, rho0, TIMES, { method: 'expm' }), opts);
    const rk = timeMedian(() => evolveDavies(gen, rho0, TIMES, { method: 'rk45' }), { repeats: slow ? 1 : 3, minSampleMs: 1, warmup: slow ? 0 : 1 });
    const full = timeMedian(() => evolveDavies(gen, rho0, TIMES).map((r) => daviesQuantities(gen, r)), opts);
    const a = evolveDavies(gen, rho0, TIMES);
    const devExact = maxDeviation(a, evolveDavies(gen, rho0, TIMES, { method: 'expm' }));
    const devRk = maxDeviation(a, evolveDavies(gen, rho0, TIMES, { method: 'rk45' }));
    rows.push([
      String(d),
      formatSeconds(structured.median),
      formatSeconds(exact.median),
      formatRatio(exact.median / structured.median),
      formatSeconds(rk.median),
      formatRatio(rk.median / structured.median),
      devExact.toExponential(1),
      devRk.toExponential(1),
      formatSeconds(full.median),
    ]);
  }
  printTable(
    'Davies evolution to 1000 times (median): structured (Eqs. 3, 5) vs generic Liouvillian (expm) vs generic RK45',
    ['d', 'structured', 'expm', 'expm/struct', 'rk45', 'rk45/struct', 'max|Δρ| expm', 'max|Δρ| rk45', 'scenario (all keys)'],
    rows,
  );

  const bathRows: string[][] = [];
  for (const d of [2, 4, 8, 16] as const) {
    const opts = { repeats: 7, minSampleMs: 25, warmup: 2 };
    const one = bathsInstance(d, 1);
    const three = bathsInstance(d, 3);
    const t1 = timeMedian(() => bathsPipeline(one.gen, one.rho0), opts);
    const t3 = timeMedian(() => bathsPipeline(three.gen, three.rho0), opts);
    const { gen, rho0 } = instance(d);
    const t0 = timeMedian(() => evolveDavies(gen, rho0, TIMES).map((r) => daviesQuantities(gen, r)), opts);
    bathRows.push([String(d), formatSeconds(t0.median), formatSeconds(t1.median), formatSeconds(t3.median), formatRatio(t3.median / t1.median)]);
  }
  printTable(
    'Several baths (B1–B9), 1000 times, every key (median): K = 1 (summed rates) vs K = 3 (β = 0.5, 1, 2)',
    ['d', 'one-bath engine', 'K = 1', 'K = 3', 'K3/K1'],
    bathRows,
  );

  await benchClaims('properties/davies.ts', daviesClaims);
}

/** The Davies benchmark module (register in bench/run.ts). */
export const daviesBench: BenchModule = { name: 'davies', run };
