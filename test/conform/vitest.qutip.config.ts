import { defineConfig } from 'vitest/config';

// `npm run test:qutip`: the QuTiP adapter under `qep conform`. Not part of `npm test`
// (it needs Python with QuTiP: Debian's python3-qutip, or QEP_PYTHON pointing at one).
export default defineConfig({
  test: {
    include: ['test/conform/qutip.check.ts'],
    testTimeout: 900_000,
    pool: 'forks',
    // .ci/run sums the closing line over every report: this one is .vitest-report-qutip.json.
    reporters: ['default', ['json', { outputFile: '.vitest-report-qutip.json' }]],
  },
});
