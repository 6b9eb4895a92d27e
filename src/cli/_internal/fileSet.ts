import { randomBytes } from 'node:crypto';
import { lstat, mkdir, realpath, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { BadInput, fileFailure, isPseudoPath } from './failure.js';

/**
 * Writing a set of files all or nothing, for `qep fixtures`: no file is written
 * through a symbolic link, nothing is written under /proc or /sys, each file goes
 * to a temporary file in its own folder and is renamed into place only when every
 * file of the set has been written, and a failure removes what was written.
 */

/** One file of a set. */
export interface FileToWrite {
  readonly path: string;
  readonly text: string;
}

function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The real path of the deepest existing ancestor of `path` (or `path` itself), followed by the rest. */
async function resolvedThroughExisting(path: string): Promise<string> {
  let head = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(head), ...rest.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return resolve(path);
      rest.push(basename(head));
      head = up;
    }
  }
}

/**
 * Create `dir` and its missing parents one level at a time (never `mkdir -p`, which
 * spins forever under /proc on Node 20), after refusing a path that resolves under
 * /proc or /sys. An existing component must be a directory; the last one (and any
 * created) must not be a symbolic link.
 * @returns the directories created, deepest last (for {@link removeCreated})
 * @throws BadInput naming the path and the reason (exit 2); a disk failure (exit 1)
 */
export async function makeDirectory(dir: string): Promise<string[]> {
  const real = await resolvedThroughExisting(dir);
  if (isPseudoPath(real)) throw new BadInput(`cannot write under ${real.split(sep).slice(0, 2).join(sep)} (${dir} is a pseudo file system, not a folder for files)`);
  const absolute = resolve(dir);
  const { root } = parse(absolute);
  const parts = absolute.slice(root.length).split(sep).filter((p) => p !== '');
  const created: string[] = [];
  let current = root;
  for (const [i, part] of parts.entries()) {
    current = join(current, part);
    const last = i === parts.length - 1;
    let info;
    try {
      info = await (last ? lstat(current) : stat(current));
    } catch (e) {
      if (errnoOf(e) !== 'ENOENT') throw fileFailure('create', current, e);
      try {
        await mkdir(current);
        created.push(current);
        continue;
      } catch (e2) {
        await removeCreated(created);
        throw fileFailure('create', current, e2);
      }
    }
    if (info.isSymbolicLink()) throw new BadInput(`${current} is a symbolic link: qep writes only into real folders (give its target as --out)`);
    if (!info.isDirectory()) throw fileFailure('create', current, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
  }
  return created;
}

/** Remove directories made by {@link makeDirectory} when they are still empty (deepest first); errors are ignored. */
export async function removeCreated(created: readonly string[]): Promise<void> {
  for (const dir of [...created].reverse()) await rmdir(dir).catch(() => undefined);
}

/**
 * Which of `files` exist already (any kind of entry, dangling symbolic links included),
 * and which of those may not be replaced even with --force (anything but a regular file:
 * a symbolic link, a folder, a device).
 */
export async function existingFiles(files: readonly FileToWrite[]): Promise<{ readonly taken: string[]; readonly refused: string[] }> {
  const taken: string[] = [];
  const refused: string[] = [];
  for (const f of files) {
    try {
      const info = await lstat(f.path);
      taken.push(f.path);
      if (!info.isFile()) refused.push(f.path);
    } catch (e) {
      if (errnoOf(e) !== 'ENOENT' && errnoOf(e) !== 'ENOTDIR') throw fileFailure('check', f.path, e);
    }
  }
  return { taken, refused };
}

/**
 * Write every file or none: each to a temporary file beside it (exclusive create,
 * so never through a link), then, once all are written, rename each into place. A
 * failure while writing removes every temporary file; a failure while renaming also
 * removes the files renamed so far that did not exist before. The folders must exist.
 * @throws BadInput or a disk failure naming the file (see fileFailure)
 */
export async function writeFileSet(files: readonly FileToWrite[]): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps = files.map((f) => join(dirname(f.path), `.${basename(f.path)}.${tag}.tmp`));
  const written: string[] = [];
  try {
    for (const [k, f] of files.entries()) {
      try {
        await writeFile(temps[k], f.text, { flag: 'wx' });
        written.push(temps[k]);
      } catch (e) {
        // A temporary file cut short (ENOSPC) is removed; one that was there before (EEXIST) is not ours.
        if (errnoOf(e) !== 'EEXIST') written.push(temps[k]);
        throw fileFailure('write', f.path, e);
      }
    }
  } catch (e) {
    for (const t of written) await unlink(t).catch(() => undefined);
    throw e;
  }
  const placed: string[] = [];
  for (const [k, f] of files.entries()) {
    const existed = await lstat(f.path).then(
      () => true,
      () => false,
    );
    try {
      await rename(temps[k], f.path);
      if (!existed) placed.push(f.path);
    } catch (e) {
      for (const t of temps.slice(k)) await unlink(t).catch(() => undefined);
      for (const p of placed) await unlink(p).catch(() => undefined);
      throw fileFailure('write', f.path, e);
    }
  }
}
