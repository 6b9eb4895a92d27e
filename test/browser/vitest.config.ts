import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser test of `qep report` (npm run test:browser): not part of `npm test`,
// since it needs Chromium. Its JSON report is read by .ci/run.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.browser.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest-report-browser.json' }]],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
