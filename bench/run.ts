/**
 * `npm run bench [-- NAME ...]`: run the registered benchmark modules in
 * order (all of them, or only those named). To add one, export a
 * {@link BenchModule} from bench/<name>.ts and list it in MODULES.
 */
import { eighBench } from './eigh.js';
import { thermalBench } from './thermal.js';
import { trajectoriesBench } from './trajectories.js';
import type { BenchModule } from './_internal/harness.js';

const MODULES: readonly BenchModule[] = [eighBench, thermalBench, trajectoriesBench];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !MODULES.some((m) => m.name === w));
  if (unknown.length) {
    console.error(`unknown bench module(s): ${unknown.join(', ')} (known: ${MODULES.map((m) => m.name).join(', ')})`);
    process.exit(2);
  }
  for (const m of MODULES) {
    if (wanted.length && !wanted.includes(m.name)) continue;
    console.log(`\n=== bench: ${m.name} ===`);
    const t0 = performance.now();
    await m.run();
    console.log(`(${m.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

await main();
