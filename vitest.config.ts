import { defineConfig } from 'vitest/config';

// The JSON report is read by .ci/run to print the closing "N passed, M failed" line.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
