import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer order of eslint.config.js has teeth: a file placed in a layer that
 * imports from a layer above it fails the lint, and downward imports pass.
 * Each case lints source text as if it were the file at that path (the file
 * need not exist), with the repository's own configuration.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The layer-rule messages for `code` placed at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const upward: [string, string][] = [
  ['src/numeric/probe.ts', "import { x } from '../symbolic/index.js';"],
  ['src/numeric/quantum/probe.ts', "import type { Claim } from '../../claims/claim.js';"],
  ['src/numeric/probe.ts', "import { main } from '../cli/main.js';"],
  ['src/symbolic/probe.ts', "import { defineClaim } from '../claims/claim.js';"],
  ['src/symbolic/models/probe.ts', "import { allClaims } from '../../../properties/index.js';"],
  ['src/claims/probe.ts', "import { allClaims } from '../../properties/index.js';"],
  ['src/claims/probe.ts', "export { allClaims } from '../../properties/index.js';"],
  ['src/claims/probe.ts', "export async function f() { return import('../../properties/index.js'); }"],
  ['src/claims/probe.ts', "import { report } from '../report/index.js';"],
  ['properties/probe.ts', "import { main } from '../src/cli/main.js';"],
  ['properties/_thermal/probe.ts', "import { conform } from '../../src/conform/index.js';"],
  ['properties/probe.ts', "import { report } from '../src/report/index.js';"],
  ['src/conform/probe.ts', "import { main } from '../cli/main.js';"],
  ['src/report/probe.ts', "export * from '../cli/main.js';"],
];

const downward: [string, string][] = [
  ['src/symbolic/probe.ts', "import { eigh } from '../numeric/linalg/eigh.js';"],
  ['src/claims/probe.ts', "import { TOL } from '../numeric/tolerance.js';"],
  ['properties/probe.ts', "import { propertyClaim } from '../src/claims/propertyClaim.js';"],
  ['src/conform/probe.ts', "import { allClaims } from '../../properties/index.js';"],
  ['src/report/probe.ts', "import { runClaim } from '../claims/runner.js';"],
  ['src/cli/probe.ts', "export async function f() { return import('../../properties/index.js'); }"],
  ['bench/probe.ts', "import { main } from '../src/cli/main.js';"],
  ['test/numeric/probe.ts', "import { allClaims } from '../../properties/index.js';\nimport { main } from '../../src/cli/main.js';"],
];

describe('the layer rule of eslint.config.js', () => {
  for (const [file, code] of upward) {
    it(`rejects in ${file}: ${code}`, async () => {
      const errors = await layerErrors(file, code);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/layers import one way \(numeric <- symbolic <- claims <- properties <- \(conform, report\) <- cli\)/);
    });
  }

  for (const [file, code] of downward) {
    it(`accepts in ${file}: ${code.split('\n')[0]}`, async () => {
      expect(await layerErrors(file, code)).toEqual([]);
    });
  }
});
