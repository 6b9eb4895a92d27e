import { prettyJson } from './prettyJson.js';
import type { Verdict } from './claim.js';
import { type ClaimResult, type Counterexample, matchesExpectation } from './runner.js';

/**
 * Reports of a `qep check` run in three formats: a text table for terminals,
 * JSON for programs, and a markdown table for papers and pull requests.
 *
 * JSON conventions (also used by `qep eval`): +∞ is the string `"Infinity"`
 * (−∞ is `"-Infinity"`), as in the QuTiP reference data; NaN is never written
 * as a number; typed arrays become arrays; a complex matrix
 * (`{rows, cols, re, im}` on Float64Arrays) becomes `{"re": [[...]], "im": [[...]]}`.
 */

/** Every verdict, in the order reports list them. */
export const VERDICTS: readonly Verdict[] = ['holds', 'proved', 'sampled', 'refuted', 'not-applicable', 'error'];

/** What a whole run found. */
export interface Summary {
  readonly total: number;
  /** Claims whose verdict matches their expectation. */
  readonly asExpected: number;
  /** Claims whose verdict does not. */
  readonly unexpected: number;
  /** Ids of the unexpected claims. */
  readonly unexpectedIds: readonly string[];
  /** True when every verdict matches its expectation (`qep check` exits 0). */
  readonly ok: boolean;
  /** Number of claims per verdict (every verdict present, possibly 0). */
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly seed: number;
  readonly runs: number;
  /** Total wall-clock time, in milliseconds. */
  readonly ms: number;
}

/** Count verdicts and expectations over `results`. `ms` defaults to the sum of the claims' times. */
export function summarize(results: readonly ClaimResult[], run: { seed: number; runs: number; ms?: number }): Summary {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const unexpectedIds: string[] = [];
  for (const r of results) {
    verdicts[r.verdict]++;
    if (!matchesExpectation(r)) unexpectedIds.push(r.id);
  }
  return {
    total: results.length,
    asExpected: results.length - unexpectedIds.length,
    unexpected: unexpectedIds.length,
    unexpectedIds,
    ok: unexpectedIds.length === 0,
    verdicts,
    seed: run.seed,
    runs: run.runs,
    ms: run.ms ?? results.reduce((s, r) => s + r.ms, 0),
  };
}

// ---------------------------------------------------------------- JSON

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What {@link toJsonValue} does with NaN: write `null`, write the string `"NaN"`, or throw. */
export type NaNPolicy = 'null' | 'string' | 'throw';

function isMatrixLike(v: object): v is { rows: number; cols: number; re: Float64Array; im: Float64Array } {
  const o = v as Record<string, unknown>;
  return typeof o.rows === 'number' && typeof o.cols === 'number' && o.re instanceof Float64Array && o.im instanceof Float64Array;
}

function grid(data: Float64Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return out;
}

/**
 * Convert a value to plain JSON under the conventions above.
 * `undefined` and functions inside objects are dropped (as JSON.stringify does), cycles become `"[Circular]"`.
 *
 * @example toJsonValue({ Pi: [Infinity, 0.5] }) // { Pi: ['Infinity', 0.5] }
 * @throws Error naming the path (e.g. `$.Pi[3]`) when `nan` is `'throw'` and a NaN is found.
 */
export function toJsonValue(value: unknown, nan: NaNPolicy = 'string'): JsonValue {
  const stack = new Set<object>();
  const walk = (v: unknown, path: string): JsonValue => {
    if (v === null || v === undefined) return null;
    switch (typeof v) {
      case 'number':
        if (Number.isNaN(v)) {
          if (nan === 'throw') throw new Error(`NaN at ${path}`);
          return nan === 'null' ? null : 'NaN';
        }
        if (v === Infinity) return 'Infinity';
        if (v === -Infinity) return '-Infinity';
        return v === 0 ? 0 : v;
      case 'string':
      case 'boolean':
        return v;
      case 'bigint':
        return v.toString();
      case 'function':
      case 'symbol':
        return null;
      default:
        break;
    }
    const obj = v as object;
    if (stack.has(obj)) return '[Circular]';
    stack.add(obj);
    try {
      if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
        return Array.from(obj as unknown as ArrayLike<number | bigint>, (x, i) => walk(x, `${path}[${i}]`));
      }
      if (Array.isArray(obj)) return obj.map((x, i) => walk(x, `${path}[${i}]`));
      if (obj instanceof Date) return obj.toISOString();
      if (isMatrixLike(obj)) {
        return walk({ re: grid(obj.re, obj.rows, obj.cols), im: grid(obj.im, obj.rows, obj.cols) }, path);
      }
      if (obj instanceof Map) return walk(Object.fromEntries(obj), path);
      if (obj instanceof Set) return walk([...obj], path);
      const out: { [key: string]: JsonValue } = {};
      for (const [k, x] of Object.entries(obj)) {
        if (x === undefined || typeof x === 'function') continue;
        out[k] = walk(x, `${path}.${k}`);
      }
      return out;
    } finally {
      stack.delete(obj);
    }
  };
  return walk(value, '$');
}

/** One claim in the JSON report. `worstResidual` is a number, `"Infinity"`, or null (nothing passed). */
export interface ClaimJson {
  readonly id: string;
  readonly equation: string;
  readonly statement: string;
  readonly method: string;
  readonly expected: string;
  readonly verdict: Verdict;
  readonly worstResidual: number | 'Infinity' | null;
  readonly runs: number;
  readonly ms: number;
  /** For `refuted`: the shrunk instance and why. For `error`: the message in `detail`, and the instance when one raised it. */
  readonly counterexample?: JsonValue;
  readonly replay?: string;
}

/** The JSON report: `{"claims": [...], "summary": {...}}`. */
export interface JsonReport {
  readonly claims: readonly ClaimJson[];
  readonly summary: JsonValue;
}

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function residualJson(r: number | null | undefined): number | 'Infinity' | null {
  if (r === null || r === undefined || Number.isNaN(r)) return null;
  if (r === Infinity) return 'Infinity';
  return r === -Infinity ? null : r;
}

/** The counterexample of a result as reported; errors without an instance report their message. */
function reportedCounterexample(r: ClaimResult): Counterexample | undefined {
  if (r.counterexample) return r.counterexample;
  if (r.verdict === 'error') return { detail: r.error ?? 'unknown error' };
  return undefined;
}

/** The JSON report as an object (see {@link formatJson}). */
export function jsonReport(results: readonly ClaimResult[], summary: Summary): JsonReport {
  const claims = results.map((r): ClaimJson => {
    const cx = reportedCounterexample(r);
    return {
      id: r.id,
      equation: r.equation,
      statement: r.statement,
      method: r.method,
      expected: r.expected,
      verdict: r.verdict,
      worstResidual: residualJson(r.worstResidual),
      runs: r.runs,
      ms: roundMs(r.ms),
      ...(cx ? { counterexample: toJsonValue(cx) } : {}),
      ...(r.replay ? { replay: r.replay } : {}),
    };
  });
  return { claims, summary: toJsonValue({ ...summary, ms: roundMs(summary.ms) }) };
}

/**
 * `{"claims": [{"id", "equation", "statement", "method", "expected", "verdict",
 * "worstResidual", "runs", "ms", "counterexample"?, "replay"?}], "summary": {...}}`,
 * indented by two spaces, with flat arrays (matrix rows) on one line.
 */
export function formatJson(results: readonly ClaimResult[], summary: Summary): string {
  return prettyJson(jsonReport(results, summary));
}

// ---------------------------------------------------------------- text

/** The colour functions a text report uses (picocolors' `createColors(...)` fits). */
export interface Paint {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
}

const identity = (s: string): string => s;

/** No colours. */
export const NO_PAINT: Paint = { bold: identity, dim: identity, red: identity, green: identity, yellow: identity };

/** A residual for people: `0`, `3.1e-15`, `0.25`, `12`, `Infinity`, or `-` when nothing passed (two significant digits). */
export function formatResidual(r: number | null | undefined): string {
  if (r === null || r === undefined) return '-';
  if (Number.isNaN(r)) return 'NaN';
  if (!Number.isFinite(r)) return r > 0 ? 'Infinity' : '-Infinity';
  if (r === 0) return '0';
  const a = Math.abs(r);
  return a >= 1e-3 && a < 1e4 ? String(Number(r.toPrecision(2))) : r.toExponential(1);
}

/** A duration for people: `0.4 ms`, `12 ms`, `3.2 s`. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

function verdictText(r: ClaimResult): string {
  return r.expected === 'refuted' && r.verdict === 'refuted' ? 'refuted (expected)' : r.verdict;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - s.length));
}

/** Pretty JSON of a counterexample instance, cut after `maxChars` characters. */
function instanceText(instance: unknown, maxChars: number): string {
  let text = prettyJson(toJsonValue(instance));
  if (text.length > maxChars) text = `${text.slice(0, maxChars)}\n… (${text.length - maxChars} more characters; --format json prints it whole)`;
  return text;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

/** One line of summary: `12 claims: 9 holds, 3 refuted; all as expected (seed 1, 100 runs, 1.2 s)`. */
export function summaryLine(summary: Summary, paint: Paint = NO_PAINT): string {
  const counts = VERDICTS.filter((v) => summary.verdicts[v] > 0).map((v) => `${summary.verdicts[v]} ${v}`);
  const head = `${summary.total} claim${summary.total === 1 ? '' : 's'}${counts.length ? `: ${counts.join(', ')}` : ''}`;
  const status = summary.ok
    ? paint.green('all as expected')
    : paint.red(`${summary.unexpected} not as expected (${summary.unexpectedIds.join(', ')})`);
  return `${head}; ${status} (seed ${summary.seed}, ${summary.runs} runs per property, ${formatMs(summary.ms)})`;
}

/**
 * The text report: a table (status, claim, equation, method, verdict, worst
 * residual, time), the summary line, then for each refuted claim its
 * counterexample and replay command, for each error its message, and for each
 * other unexpected verdict why it is unexpected.
 */
export function formatText(results: readonly ClaimResult[], summary: Summary, paint: Paint = NO_PAINT, maxInstanceChars = 2000): string {
  const header = ['', 'claim', 'eq.', 'method', 'verdict', 'worst residual', 'time'];
  const rows = results.map((r) => [
    matchesExpectation(r) ? 'ok' : 'FAIL',
    r.id,
    r.equation,
    r.method,
    verdictText(r),
    formatResidual(r.worstResidual),
    formatMs(r.ms),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const lines: string[] = [];
  lines.push(paint.bold(header.map((h, i) => pad(h, widths[i])).join('  ').trimEnd()));
  rows.forEach((row, k) => {
    const good = matchesExpectation(results[k]);
    const cells = row.map((c, i) => pad(c, widths[i]));
    cells[0] = good ? paint.green(cells[0]) : paint.red(cells[0]);
    cells[4] = good ? cells[4] : paint.red(cells[4]);
    lines.push(cells.join('  ').trimEnd());
  });
  lines.push('', summaryLine(summary, paint));

  for (const r of results) {
    const good = matchesExpectation(r);
    const title = `${r.id} (Eq. ${r.equation})`;
    if (r.verdict === 'refuted') {
      lines.push('', paint.bold(`${good ? paint.yellow('refuted as expected') : paint.red('REFUTED')}: ${title}`));
      if (r.note) lines.push(`  note: ${r.note}`);
      const cx = r.counterexample;
      if (cx) {
        lines.push(`  why: ${cx.detail}`);
        if (cx.residual !== undefined) lines.push(`  residual: ${formatResidual(cx.residual)}`);
        if (cx.instance !== undefined) {
          lines.push(`  counterexample${cx.numShrinks !== undefined ? ` (after ${cx.numShrinks} shrinks)` : ''}:`);
          lines.push(indent(instanceText(cx.instance, maxInstanceChars), '    '));
        }
      }
      if (r.replay) lines.push(`  replay: ${r.replay}`);
    } else if (r.verdict === 'error') {
      lines.push('', paint.bold(`${paint.red('ERROR')}: ${title}`));
      lines.push(`  ${r.error ?? r.counterexample?.detail ?? 'unknown error'}`);
      if (r.counterexample?.instance !== undefined) {
        lines.push('  on instance:', indent(instanceText(r.counterexample.instance, maxInstanceChars), '    '));
      }
      if (r.replay) lines.push(`  replay: ${r.replay}`);
    } else if (!good) {
      lines.push('', paint.bold(`${paint.red('NOT AS EXPECTED')}: ${title}`));
      if (r.verdict === 'not-applicable') {
        const reasons = r.instances?.notApplicableReasons ?? [];
        lines.push(`  hypotheses failed on every one of ${r.instances?.checked ?? r.runs} instances${reasons.length ? `: ${reasons.join('; ')}` : ''}`);
      } else {
        lines.push(`  expected ${r.expected}, got ${r.verdict}${r.instances ? ` on ${r.instances.passed} applicable instances` : ''}`);
        if (r.note) lines.push(`  note: ${r.note}`);
      }
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- markdown

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The markdown report: a table (claim, equation, statement in `$…$`, method,
 * expected, verdict, worst residual, time), the summary, and the
 * counterexamples of refuted claims with their replay commands.
 */
export function formatMarkdown(results: readonly ClaimResult[], summary: Summary, maxInstanceChars = 2000): string {
  const lines: string[] = [];
  lines.push('| Claim | Eq. | Statement | Method | Expected | Verdict | Worst residual | Time |');
  lines.push('|---|---|---|---|---|---|---:|---:|');
  for (const r of results) {
    const verdict = matchesExpectation(r) ? r.verdict : `**${r.verdict}** (not as expected)`;
    const cells = [`\`${r.id}\``, r.equation, r.statement ? `$${r.statement}$` : '', r.method, r.expected, verdict, formatResidual(r.worstResidual), formatMs(r.ms)];
    lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  lines.push('', summaryLine(summary));
  const shown = results.filter((r) => r.verdict === 'refuted' || r.verdict === 'error');
  for (const r of shown) {
    lines.push('', `### ${r.verdict === 'refuted' ? 'Refuted' : 'Error'}: \`${r.id}\` (Eq. ${r.equation})`, '');
    if (r.note) lines.push(r.note, '');
    const cx = reportedCounterexample(r);
    if (cx) {
      lines.push(`Why: ${cx.detail}`, '');
      if (cx.instance !== undefined) lines.push('```json', instanceText(cx.instance, maxInstanceChars), '```', '');
    }
    if (r.replay) lines.push(`Replay: \`${r.replay}\``, '');
  }
  return lines.join('\n').trimEnd();
}
