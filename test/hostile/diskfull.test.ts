import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { expectOneLine, runInProcess } from './_harness.js';

/**
 * A disk that fills up while `qep fixtures` writes its set: the third file written
 * fails with ENOSPC. The command exits 1 (a failing disk, not bad input) with one
 * line, and leaves no file and no temporary file behind.
 */

let writes = 0;
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    writeFile: async (...args: Parameters<typeof fs.writeFile>) => {
      if (++writes === 3) {
        await fs.writeFile(args[0], 'partial', { flag: 'wx' });
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return fs.writeFile(...args);
    },
  };
});

const TMP = mkdtempSync(join(tmpdir(), 'qep-diskfull-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('qep fixtures on a disk that fills up', () => {
  it('exits 1 with one line and leaves nothing behind', async () => {
    const out = join(TMP, 'out');
    const o = await runInProcess(['fixtures', '--model', 'davies', '--count', '2', '--out', out]);
    expectOneLine(o, 1, /^qep fixtures: cannot write .*out\/scenarios\/davies_01_\S+\.json \(ENOSPC\)$/, 'ENOSPC on the third file');
    expect(o.stdout).toBe('');
    expect(writes).toBe(3);
    expect(readdirSync(TMP)).toEqual([]);
  });
});
