import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanJsonText } from '../../src/cli/_internal/jsonText.js';
import { makeDirectory, writeFileSet } from '../../src/cli/_internal/fileSet.js';
import { fileFailure, DiskFailure, BadInput } from '../../src/cli/_internal/failure.js';
import { type GuardedProcess, guardProcessStreams } from '../../src/cli/_internal/streams.js';
import { formatDuration, MAX_RUNS, runsLimit } from '../../src/cli/_internal/runs.js';
import { QepInputError } from '../../src/numeric/errors.js';
import { checkScenarioLimits, LIMITS, limitsFromEnv } from '../../src/numeric/scenario/limits.js';
import { escapeControl, showJsonValue, showUntrusted } from '../../src/numeric/untrusted.js';

const TMP = mkdtempSync(join(tmpdir(), 'qep-hostile-modules-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('untrusted text', () => {
  it('escapes C0, DEL, C1, line separators and bidirectional overrides, and is idempotent', () => {
    const raw = 'a\u001b[2J\u0007\n\t\u007f\u009b\u2028\u202e\u2066b';
    const once = escapeControl(raw);
    expect(once).toBe('a\\x1b[2J\\x07\\n\\t\\x7f\\x9b\\u2028\\u202e\\u2066b');
    expect(escapeControl(once)).toBe(once);
    expect(escapeControl('π ≤ 1 — ok')).toBe('π ≤ 1 — ok');
  });

  it('cuts long values to 80 characters with the length shown, without splitting a surrogate pair', () => {
    expect(showUntrusted('x'.repeat(1000))).toBe(`${'x'.repeat(80)}… (1000 characters)`);
    expect(showUntrusted('short')).toBe('short');
    const emoji = `${'x'.repeat(79)}😀😀`;
    expect(showUntrusted(emoji)).toBe(`${'x'.repeat(79)}… (${emoji.length} characters)`);
  });

  it('shows JSON values by kind: strings quoted and cut, lists and objects by size', () => {
    expect(showJsonValue('a\u001bb')).toBe('"a\\u001bb"');
    expect(showJsonValue('\u009b')).toBe('"\\x9b"');
    expect(showJsonValue('y'.repeat(500))).toBe(`"${'y'.repeat(80)}…" (500 characters)`);
    expect(showJsonValue([1, 2, 3])).toBe('a list of 3');
    expect(showJsonValue({ a: 1 })).toBe('an object');
    expect(showJsonValue(undefined)).toBe('missing');
    expect(showJsonValue(null)).toBe('null');
  });

  it('QepInputError escapes and cuts the field and a residual given as text', () => {
    const e = new QepInputError(`\u001b[2J${'k'.repeat(200)}`, 'absent', '\u001b]0;title\u0007');
    expect(e.message).toBe(`\\x1b[2J${'k'.repeat(76)}… (204 characters) must be absent (got \\x1b]0;title\\x07)`);
  });
});

describe('input limits', () => {
  const ok = { model: 'davies', beta: 1, energies: [0, 1], gamma: [[0, 1], [1, 0]], rho0: [[1, 0], [0, 0]], times: [0] };

  it('lets an ordinary scenario through', () => {
    expect(() => checkScenarioLimits(ok)).not.toThrow();
    expect(() => checkScenarioLimits({ ...ok, beta: 1e100, energies: [-1e100, 0], gamma: [[0, 1e100], [1e100, 0]] })).not.toThrow();
  });

  it('refuses a value nested 100 000 deep without recursion, naming the path', () => {
    let deep: unknown = 0.5;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => checkScenarioLimits({ ...ok, rho0: deep })).toThrow(/^rho0(\[0\])+\[?… \(193 characters\) must be nested at most 64 \(got deeper; raise the limit with QEP_MAX_JSON_DEPTH=N\)$/);
  });

  it('refuses magnitudes, β below its range, and davies frequencies far above the rates (the H form by a Gershgorin bound)', () => {
    expect(() => checkScenarioLimits({ ...ok, times: [0, 1e101] })).toThrow(/^times\[1\] must be at most 1e\+100 in magnitude/);
    expect(() => checkScenarioLimits({ ...ok, beta: 1e-101 })).toThrow(/^beta must be 0 or at least 1e-100/);
    expect(() => checkScenarioLimits({ ...ok, energies: [0, 1e9], gamma: [[0, 1], [1, 0]] })).toThrow(/^energies must be such that \(E_max − E_min\) \/ \(largest rate\) ≤ 100000000/);
    expect(() => checkScenarioLimits({ ...ok, energies: [0, 1e9], gamma: [[0, 20], [20, 0]] })).not.toThrow();
    const { energies: _e, ...withH } = ok;
    expect(() => checkScenarioLimits({ ...withH, H: { re: [[0, 0], [0, 1e9]], im: [[0, 1e3], [-1e3, 0]] } })).toThrow(/^H must be such that/);
    expect(() => checkScenarioLimits({ ...withH, H: [[5e8, 0], [0, 5e8 + 1]] })).not.toThrow();
    const { gamma: _g, beta: _b, ...noBath } = ok;
    const bath = { beta: 1, gamma: [[0, 1], [1, 0]] };
    expect(() => checkScenarioLimits({ ...noBath, baths: [bath, { ...bath, beta: 1e-200 }] })).toThrow(/^baths\[1\]\.beta must be 0 or at least 1e-100/);
    expect(() => checkScenarioLimits({ ...noBath, energies: [0, 1e9], baths: [bath, { ...bath, gamma: [[0, 30], [30, 0]] }] })).not.toThrow();
    expect(() => checkScenarioLimits({ ...noBath, energies: [0, 1e9], baths: [bath, bath] })).toThrow(/^energies must be such that/);
  });

  it('refuses dimensions per model', () => {
    expect(() => checkScenarioLimits({ model: 'thermal-operation', HS: Array.from({ length: 9 }, () => []), HE: Array.from({ length: 8 }, () => []) })).toThrow(/^HE must be such that d_S·d_E is at most 64 \(got 9·8 = 72\)$/);
    expect(() => checkScenarioLimits({ ...ok, energies: Array.from({ length: 257 }, (_, k) => k) })).toThrow(/QEP_MAX_DAVIES_DIMENSION/);
  });

  it('reads its raisable limits from the environment and refuses malformed values', () => {
    expect(limitsFromEnv({})).toEqual(LIMITS);
    expect(limitsFromEnv({ QEP_MAX_TIMES: '20000', QEP_MAX_INPUT_BYTES: '1e9' })).toMatchObject({ times: 20_000, inputBytes: 1e9 });
    for (const bad of ['0', '-3', '1.5', 'lots', '1e400']) expect(() => limitsFromEnv({ QEP_MAX_TIMES: bad }), bad).toThrow(QepInputError);
  });
});

describe('JSON text scan', () => {
  it('finds a key given twice (also written with escapes) and its object, and nesting past the limit', () => {
    expect(scanJsonText('{"a": 1, "b": {"c": [1, {"d": 1, "d": 2}]}}', 64)?.message).toBe('has the key "d" twice in the object at b.c[1] (JSON would keep only the last)');
    expect(scanJsonText('{"a": 1, "\\u0061": 2}', 64)?.kind).toBe('duplicate-key');
    expect(scanJsonText('[{"a": 1}, {"a": 2}]', 64)).toBeUndefined();
    expect(scanJsonText('{"s": "{\\"a\\": 1, \\"a\\": 2}"}', 64)).toBeUndefined();
    expect(scanJsonText('[[[[1]]]]', 4)).toBeUndefined();
    expect(scanJsonText('[[[[[1]]]]]', 4)?.kind).toBe('too-deep');
  });
});

describe('file sets', () => {
  it('writes nothing when one file of the set fails, and leaves no temporary file', async () => {
    const dir = join(TMP, 'set');
    mkdirSync(dir);
    const files = [
      { path: join(dir, 'a.json'), text: 'a' },
      { path: join(dir, 'b.json'), text: 'b' },
      { path: join(dir, 'missing', 'c.json'), text: 'c' },
    ];
    await expect(writeFileSet(files)).rejects.toThrow(/^cannot write .*missing\/c\.json \(ENOENT\)$/);
    expect(readdirSync(dir)).toEqual([]);
    await writeFileSet(files.slice(0, 2));
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('b');
  });

  it('makes folders one level at a time and refuses pseudo file systems before touching them', async () => {
    const deep = join(TMP, 'x', 'y', 'z');
    expect(await makeDirectory(deep)).toEqual([join(TMP, 'x'), join(TMP, 'x', 'y'), deep]);
    expect(await makeDirectory(deep)).toEqual([]);
    await expect(makeDirectory('/proc/self/x')).rejects.toThrow(/^cannot write under \/proc /);
    await expect(makeDirectory('/sys')).rejects.toThrow(/^cannot write under \/sys /);
    writeFileSync(join(TMP, 'plain'), '');
    await expect(makeDirectory(join(TMP, 'plain', 'sub'))).rejects.toThrow(/\(ENOTDIR\)$/);
    expect(existsSync(join(TMP, 'plain', 'sub'))).toBe(false);
  });

  it('tells a failing disk (exit 1) from a bad path (exit 2)', () => {
    expect(fileFailure('write', 'x', Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBeInstanceOf(DiskFailure);
    expect(fileFailure('write', 'x', Object.assign(new Error('io'), { code: 'EIO' }))).toBeInstanceOf(DiskFailure);
    expect(fileFailure('write', 'x', Object.assign(new Error('denied'), { code: 'EACCES' }))).toBeInstanceOf(BadInput);
    expect(fileFailure('read', '\u001b[2J', Object.assign(new Error(''), { code: 'ENOENT' })).message).toBe('cannot read \\x1b[2J (ENOENT)');
  });
});

/** A fake process for guardProcessStreams: records stderr and the exit code instead of exiting. */
function fakeProcess(exitCode?: number) {
  const err: string[] = [];
  const stderr = Object.assign(new EventEmitter(), { write: (s: string) => err.push(s) });
  const events = new EventEmitter();
  let exited: number | undefined;
  const proc = {
    stdout: new EventEmitter(),
    stderr,
    on: (event: string, listener: (e: unknown) => void) => events.on(event, listener),
    exit: (code: number) => {
      exited = code;
      throw new Error('exited');
    },
    exitCode,
  } as unknown as GuardedProcess;
  guardProcessStreams(proc);
  const emit = (emitter: EventEmitter, event: string, e: unknown) => {
    try {
      emitter.emit(event, e);
    } catch {
      // the fake exit throws to stop the handler, as process.exit would
    }
  };
  return { proc, events, err, emit, exited: () => exited };
}

describe('guardProcessStreams', () => {
  it('EPIPE on stdout: quiet, with the exit code so far', () => {
    const f = fakeProcess(1);
    f.emit(f.proc.stdout, 'error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(f.err).toEqual([]);
    expect(f.exited()).toBe(1);
  });

  it('ENOSPC on stdout: one line, exit 1', () => {
    const f = fakeProcess();
    f.emit(f.proc.stdout, 'error', Object.assign(new Error('write ENOSPC'), { code: 'ENOSPC' }));
    expect(f.err).toEqual(['qep: cannot write to stdout (ENOSPC)\n']);
    expect(f.exited()).toBe(1);
  });

  it('an uncaught exception: one line asking for a bug report, exit 1', () => {
    const f = fakeProcess();
    f.emit(f.events, 'uncaughtException', new TypeError('x is undefined\n    at f (a.ts:1:1)'));
    expect(f.err).toEqual(['qep: internal error: TypeError: x is undefined (this is a bug in qep: please report it with the command line that produced it)\n']);
    expect(f.exited()).toBe(1);
  });
});

describe('--runs', () => {
  it('has a documented maximum, set by QEP_MAX_RUNS', () => {
    expect(runsLimit({})).toBe(MAX_RUNS);
    expect(runsLimit({ QEP_MAX_RUNS: '2000000' })).toBe(2_000_000);
    expect(() => runsLimit({ QEP_MAX_RUNS: 'many' })).toThrow(/^QEP_MAX_RUNS must be a positive integer/);
  });

  it('formats an estimated duration for people', () => {
    expect(formatDuration(400)).toBe('1 s');
    expect(formatDuration(40_000)).toBe('40 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(14 * 3_600_000)).toBe('14 h');
  });
});
