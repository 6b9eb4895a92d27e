import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { configureSymbolicCache } from '../../src/symbolic/cache.js';

/** Each test of the file gets a fresh, enabled symbolic cache folder, removed afterwards; the returned function gives the current folder. */
export function useTempCacheDir(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    configureSymbolicCache({ enabled: true, dir });
  });
  afterEach(() => {
    configureSymbolicCache({ enabled: true, dir: undefined });
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
