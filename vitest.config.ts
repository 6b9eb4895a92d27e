import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The JSON report is read by .ci/run to print the closing "N passed, M failed" line.
// The symbolic cache of the tests lives in a temporary folder, never in the user's ~/.cache.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    testTimeout: 60_000,
    pool: 'threads',
    env: { XDG_CACHE_HOME: join(tmpdir(), `qep-vitest-cache-${process.pid}`) },
  },
});
