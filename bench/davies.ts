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
 */
import { daviesClaims } from '../properties/davies.js';
import { type DaviesGenerator, daviesGenerator, daviesQuantities, evolveDavies } from '../src/numeric/dynamics/index.js';
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

  await benchClaims('properties/davies.ts', daviesClaims);
}

/** The Davies benchmark module (register in bench/run.ts). */
export const daviesBench: BenchModule = { name: 'davies', run };
