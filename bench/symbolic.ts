/**
 * `npm run bench -- symbolic`: wall times of the symbolic engine on this
 * machine (targets: `qep derive` for both models < 30 s; the symbolic
 * claims of `qep check` add < 30 s), and the speed-up of qep's CSE BigNumber
 * sampler over mathjs's own BigNumber evaluation on a CAS-derivative tree.
 * Derivations are cached per process: each is timed cold, then once more
 * with the on-disk proof cache warm (in a temporary cache folder).
 */
import type { BenchModule } from './_internal/harness.js';

async function run(): Promise<void> {
  const { deriveModelSync, deriveModel, MODEL_NAMES } = await import('../src/symbolic/derive.js');
  const { closeCasWorkers } = await import('../src/symbolic/cas/worker.js');
  const { compileBig, derivative } = await import('../src/symbolic/cas/mathjs.js');
  const { compileBigCse } = await import('../src/symbolic/_internal/bigeval.js');
  const { samplePoints } = await import('../src/symbolic/domain.js');
  const { symbolicClaims } = await import('../properties/symbolic.js');
  const { runClaim, DEFAULT_RUNS, DEFAULT_SEED } = await import('../src/claims/runner.js');

  const rows: [string, string][] = [];
  const t = async (label: string, f: () => unknown): Promise<void> => {
    const t0 = performance.now();
    await f();
    rows.push([label, `${((performance.now() - t0) / 1000).toFixed(2)} s`]);
  };
  // the caches in a fresh folder: the first pass computes and stores, the second reads and re-checks
  const { configureSymbolicCache } = await import('../src/symbolic/cache.js');
  const { annotateWithAlgebrite } = await import('../src/symbolic/annotate.js');
  const { withProofCache } = await import('../src/symbolic/proofCache.js');
  const { deriveQubitDavies } = await import('../src/symbolic/models/qubitDavies.js');
  const { derivePartialSwap } = await import('../src/symbolic/models/partialSwap.js');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'qep-bench-cache-'));
  configureSymbolicCache({ dir });
  for (const m of MODEL_NAMES) await t(`derive ${m} (exact + sampling, proof cache cold)`, () => deriveModelSync(m));
  const derivers = { 'qubit-davies': deriveQubitDavies, 'partial-swap': derivePartialSwap };
  for (const m of MODEL_NAMES) await t(`derive ${m} (proof cache warm: samples re-checked)`, () => withProofCache(m, m, derivers[m]));
  await t('algebrite opinions, both models (budgeted, cache cold)', () => Promise.all(MODEL_NAMES.map((m) => deriveModel(m))));
  await t('algebrite opinions, both models (cache warm)', () => Promise.all(MODEL_NAMES.map((m) => annotateWithAlgebrite(deriveModelSync(m)))));
  configureSymbolicCache({ dir: undefined });
  rmSync(dir, { recursive: true, force: true });
  await t(`symbolic claims, ${symbolicClaims.length} claims, ${DEFAULT_RUNS} runs (derivations cached)`, async () => {
    for (const c of symbolicClaims) await runClaim(c, { seed: DEFAULT_SEED, runs: DEFAULT_RUNS });
  });

  // sampling: d/dt S(ρ(t)) of the qubit Davies model at 50 points, 64 digits
  const qd = deriveModelSync('qubit-davies');
  const tree = derivative(qd.forms.S.inlined, 't');
  const points = samplePoints(qd.domain, 50, 1);
  const cse = compileBigCse(tree);
  const plain = compileBig(tree);
  await t('sample dS/dt tree at 50 points: qep CSE evaluator', () => points.forEach((p) => cse(p)));
  await t('sample dS/dt tree at 50 points: mathjs BigNumber compile', () => points.forEach((p) => plain(p)));
  await closeCasWorkers();
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
}

export const symbolicBench: BenchModule = { name: 'symbolic', run };
