/**
 * `npm run bench [-- NAME ...]`: run the registered benchmark modules in
 * order (all of them, or only those named). To add one, export a
 * {@link BenchModule} from bench/<name>.ts and list it in MODULES.
 *
 * Modules are imported only when they run: under tsx, loading some packages
 * (mathjs is one) detaches an ArrayBuffer, which switches off a V8 fast path
 * for every typed-array access in the process (~25 % slower kernels, not the
 * case in compiled code); lazy imports keep one module's imports from
 * slowing another's timings.
 */
import type { BenchModule } from './_internal/harness.js';

const MODULES: readonly { readonly name: string; load(): Promise<BenchModule> }[] = [
  { name: 'eigh', load: async () => (await import('./eigh.js')).eighBench },
  { name: 'davies', load: async () => (await import('./davies.js')).daviesBench },
  { name: 'thermal', load: async () => (await import('./thermal.js')).thermalBench },
  { name: 'trajectories', load: async () => (await import('./trajectories.js')).trajectoriesBench },
  { name: 'qutip', load: async () => (await import('./qutip.js')).qutipBench },
  { name: 'throughput', load: async () => (await import('./throughput.js')).throughputBench },
  { name: 'symbolic', load: async () => (await import('./symbolic.js')).symbolicBench },
  { name: 'conform', load: async () => (await import('./conform.js')).conformBench },
  { name: 'check', load: async () => (await import('./check.js')).checkBench },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !MODULES.some((m) => m.name === w));
  if (unknown.length) {
    console.error(`unknown bench module(s): ${unknown.join(', ')} (known: ${MODULES.map((m) => m.name).join(', ')})`);
    process.exit(2);
  }
  for (const entry of MODULES) {
    if (wanted.length && !wanted.includes(entry.name)) continue;
    const m = await entry.load();
    console.log(`\n=== bench: ${m.name} ===`);
    const t0 = performance.now();
    await m.run();
    console.log(`(${m.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

await main();
