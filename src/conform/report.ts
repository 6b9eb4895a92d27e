import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { prettyJson } from '../claims/prettyJson.js';
import { type Paint, NO_PAINT, formatMs, formatResidual, toJsonValue } from '../claims/report.js';
import { DEFAULT_CONFORM_TOLERANCE } from './claims.js';
import { type ConformReport, DECLINED_REASON, type RowResult } from './run.js';

/**
 * The report of `qep conform`: a summary table (claim, verdict, instances,
 * worst residual, engine failures) as in `qep check`, the worst deviation per
 * key, the not-applicable rows with their missing keys, the engine failures,
 * and for each failing row its shrunk scenario, the engine's stderr, the
 * replay command and a `qep eval FILE --expect ENGINE_RESULT` line. Formats:
 * text, json, markdown.
 */

/** Where the files of one failing row were written. */
export interface FailureFiles {
  /** The scenario, a `qep eval` input. */
  readonly scenario: string;
  /** The engine's answer (its result keys, or the failure record). */
  readonly engine: string;
  /** qep's own result. */
  readonly qep: string;
  /** `qep eval SCENARIO --expect ENGINE` (only when the engine returned a result). */
  readonly evalExpect?: string;
}

/** Characters of engine stderr shown per failure in text and markdown. */
export const STDERR_SHOWN_CHARS = 1500;

function fileStem(row: RowResult): string {
  return row.id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * Write each failing row's shrunk scenario to `dir`: `ROW.scenario.json` (the
 * `qep eval` input), `ROW.engine.json` (the engine's answer) and `ROW.qep.json`
 * (qep's). Existing files of the same names are replaced.
 * @returns the files per row id
 */
export function writeFailures(report: ConformReport, dir: string, cwd: string = process.cwd()): Map<string, FailureFiles> {
  const out = new Map<string, FailureFiles>();
  const failing = report.rows.filter((r) => r.failure !== undefined);
  if (failing.length === 0) return out;
  mkdirSync(dir, { recursive: true });
  for (const row of failing) {
    const f = row.failure;
    if (f === undefined) continue;
    const stem = join(dir, fileStem(row));
    const scenario = `${stem}.scenario.json`;
    const engine = `${stem}.engine.json`;
    const qep = `${stem}.qep.json`;
    writeFileSync(scenario, `${prettyJson(f.scenario)}\n`);
    writeFileSync(engine, `${prettyJson(toJsonValue(f.engineResult ?? { engine_failure: f.engineFailure?.kind, message: f.engineFailure?.message, stderr: f.stderr }))}\n`);
    writeFileSync(qep, `${prettyJson(toJsonValue(f.qepResult))}\n`);
    const rel = (p: string) => {
      const r = relative(cwd, p);
      return r.startsWith('..') ? p : r;
    };
    const atolPart = report.atol !== DEFAULT_CONFORM_TOLERANCE.atol || report.rtol !== DEFAULT_CONFORM_TOLERANCE.rtol ? ` --atol ${report.atol} --rtol ${report.rtol}` : '';
    out.set(row.id, {
      scenario: rel(scenario),
      engine: rel(engine),
      qep: rel(qep),
      ...(f.engineResult !== null ? { evalExpect: `qep eval ${rel(scenario)} --expect ${rel(engine)}${atolPart}` } : {}),
    });
  }
  return out;
}

function verdictCell(r: RowResult): string {
  return r.verdict;
}

function instancesCell(r: RowResult): string {
  return r.kind === 'engine' ? `${r.passed}/${r.checked}` : `${r.checked}${r.notApplicable > 0 ? ` (+${r.notApplicable} n/a)` : ''}`;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function table(header: readonly string[], rows: readonly string[][]): string[] {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((row) => [...row[i]].length)));
  return [header.map((h, i) => pad(h, widths[i])).join('  ').trimEnd(), ...rows.map((row) => row.map((c, i) => pad(c, widths[i])).join('  ').trimEnd())];
}

/** One line: what was run and the outcome. */
export function conformSummaryLine(report: ConformReport): string {
  const failing = report.rows.filter((r) => r.verdict === 'fails' || r.verdict === 'error').length;
  const parts = [
    `${report.scenarios} scenarios (${report.models.join(', ')}), ${report.answered} answered`,
    report.declined > 0 ? `${report.declined} declined` : '',
    `${report.engineFailureCount} engine failure${report.engineFailureCount === 1 ? '' : 's'}`,
    `${report.stats.starts} engine start${report.stats.starts === 1 ? '' : 's'}`,
    `seed ${report.seed}`,
    `atol ${report.atol}, rtol ${report.rtol}`,
    formatMs(report.ms),
  ].filter((p) => p !== '');
  const verdict = report.ok ? 'CONFORMS' : report.answered === 0 ? 'FAILED: the engine answered no scenario with a result' : `FAILED: ${failing} row${failing === 1 ? " fails" : "s fail"}`;
  return `${verdict} — ${parts.join('; ')}`;
}

function worstCell(r: RowResult): string {
  if (r.worstResidual === null) return '-';
  if (r.kind !== 'agreement' || r.worstPath === undefined || r.worstResidual === 0) return formatResidual(r.worstResidual);
  const ratio = r.worstRatio === undefined ? '' : r.worstRatio === Infinity ? ', ∞ tol' : `, ${r.worstRatio.toPrecision(2)} tol`;
  return `${formatResidual(r.worstResidual)} at ${r.worstPath}${ratio}`;
}

function stderrTail(text: string): string {
  const t = text.trimEnd();
  return t.length > STDERR_SHOWN_CHARS ? `…${t.slice(-STDERR_SHOWN_CHARS)}` : t;
}

/** The text report (colours when `paint` has them). */
export function formatConformText(report: ConformReport, files: ReadonlyMap<string, FailureFiles> = new Map(), paint: Paint = NO_PAINT): string {
  const lines: string[] = [];
  const rows = report.rows.map((r) => [r.verdict === 'fails' || r.verdict === 'error' ? 'FAIL' : 'ok', r.id, r.equation, verdictCell(r), instancesCell(r), worstCell(r), String(r.engineFailures)]);
  const t = table(['', 'claim', 'eq.', 'verdict', 'instances', 'worst residual', 'engine failures'], rows);
  lines.push(paint.bold(t[0]));
  t.slice(1).forEach((line, k) => lines.push(rows[k][0] === 'FAIL' ? paint.red(line) : report.rows[k].verdict === 'not-applicable' ? paint.dim(line) : line));

  for (const [model, keys] of Object.entries(report.keysNotReturned)) {
    if (keys.length > 0) lines.push('', `Keys the engine never returned (${model}): ${keys.join(', ')}`);
  }
  const na = report.rows.filter((r) => r.verdict === 'not-applicable' && r.kind !== 'engine');
  const declinedOnly = (r: RowResult) => r.missingKeys.length === 0 && r.notApplicableReasons.length === 1 && r.notApplicableReasons[0] === DECLINED_REASON;
  if (na.length > 0) {
    lines.push('', paint.bold('Not applicable:'));
    for (const r of na) if (!declinedOnly(r)) lines.push(`  ${r.id}: ${r.missingKeys.length > 0 ? `missing keys ${r.missingKeys.join(', ')}` : r.notApplicableReasons.join('; ') || 'no applicable scenario'}`);
    for (const model of report.models) {
      const rows = na.filter((r) => r.model === model && declinedOnly(r));
      if (rows.length > 0) lines.push(`  ${rows.length} ${model} row${rows.length === 1 ? '' : 's'}: the engine declined every scenario`);
    }
  }
  if (report.declined > 0) lines.push('', `Declined by the engine: ${report.declined} scenario(s), e.g. ${report.declineMessages.map((m) => JSON.stringify(m)).join(', ')}`);
  if (report.engineFailureCount > 0) {
    lines.push('', paint.bold(`Engine failures (${report.engineFailureCount}; timeouts ${report.stats.timeouts}, crashes ${report.stats.crashes}, starts ${report.stats.starts}):`));
    for (const f of report.engineFailures) lines.push(`  ${f.kind} on scenario ${f.index} (${f.label}): ${f.message}`);
    if (report.engineFailureCount > report.engineFailures.length) lines.push(`  … and ${report.engineFailureCount - report.engineFailures.length} more`);
  }
  for (const r of report.rows) {
    const f = r.failure;
    if (f === undefined) continue;
    lines.push('', paint.red(paint.bold(`${r.id}${r.equation !== '-' ? ` (Eq. ${r.equation})` : ''} fails`)));
    lines.push(`  ${f.detail}`);
    lines.push(`  shrunk scenario (${f.label}, after ${f.numShrinks} shrinks${f.shrinkCapped ? `; shrinking stopped asking the engine after ${report.shrinkTimeoutCap} timeouts` : ''})`);
    const file = files.get(r.id);
    if (file) {
      lines.push(`  written to ${file.scenario}; the engine's answer: ${file.engine}; qep's: ${file.qep}`);
      if (file.evalExpect) lines.push(`  compare: ${file.evalExpect}`);
    }
    if (f.stderr.trim() !== '') lines.push('  engine stderr:', ...stderrTail(f.stderr).split('\n').map((l) => `    ${l}`));
    lines.push(`  replay: ${f.replay}`);
  }
  if (report.shrinkTimeouts > 0) lines.push('', `Shrinking spent ${report.shrinkTimeouts} of at most ${report.shrinkTimeoutCap} engine timeouts.`);
  lines.push('', report.ok ? paint.green(conformSummaryLine(report)) : paint.red(conformSummaryLine(report)));
  return lines.join('\n');
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The markdown report. */
export function formatConformMarkdown(report: ConformReport, files: ReadonlyMap<string, FailureFiles> = new Map()): string {
  const lines = ['| claim | eq. | verdict | instances | worst residual | engine failures |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of report.rows) lines.push(`| ${[`\`${r.id}\``, r.equation, r.verdict === 'fails' ? '**fails**' : r.verdict, instancesCell(r), worstCell(r), String(r.engineFailures)].map(mdCell).join(' | ')} |`);
  lines.push('', conformSummaryLine(report));
  const na = report.rows.filter((r) => r.verdict === 'not-applicable' && r.kind !== 'engine');
  if (na.length > 0) {
    lines.push('', '### Not applicable', '');
    for (const r of na) lines.push(`- \`${r.id}\`: ${r.missingKeys.length > 0 ? `missing keys ${r.missingKeys.map((k) => `\`${k}\``).join(', ')}` : r.notApplicableReasons.join('; ') || 'no applicable scenario'}`);
  }
  if (report.engineFailureCount > 0) {
    lines.push('', '### Engine failures', '');
    for (const f of report.engineFailures) lines.push(`- ${f.kind} on scenario ${f.index} (\`${f.label}\`): ${mdCell(f.message)}`);
  }
  for (const r of report.rows) {
    const f = r.failure;
    if (f === undefined) continue;
    lines.push('', `### Fails: \`${r.id}\`${r.equation !== '-' ? ` (Eq. ${r.equation})` : ''}`, '', mdCell(f.detail), '', `Shrunk scenario \`${f.label}\` after ${f.numShrinks} shrinks.`);
    const file = files.get(r.id);
    if (file) lines.push('', `Written to \`${file.scenario}\` (engine: \`${file.engine}\`, qep: \`${file.qep}\`).`);
    if (f.stderr.trim() !== '') lines.push('', '```', stderrTail(f.stderr), '```');
    lines.push('', '```sh', f.replay, ...(file?.evalExpect ? [file.evalExpect] : []), '```');
  }
  return lines.join('\n');
}

/** The JSON report: the whole ConformReport, +∞ as "Infinity", with the written files. */
export function formatConformJson(report: ConformReport, files: ReadonlyMap<string, FailureFiles> = new Map()): string {
  const value = { ...report, rows: report.rows.map((r) => ({ ...r, ...(files.has(r.id) ? { files: files.get(r.id) } : {}) })) };
  return JSON.stringify(toJsonValue(value));
}
