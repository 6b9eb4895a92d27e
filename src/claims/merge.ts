import { z } from 'zod';
import { QepInputError } from '../numeric/errors.js';
import type { Method, Verdict } from './claim.js';
import { type Summary, summarize, VERDICTS } from './report.js';
import type { ClaimResult, Counterexample } from './runner.js';
import type { ShardBlock } from './shard.js';

/**
 * `qep merge`: shard reports (`qep check --shard K/N --format json`) back into
 * the report of a single run.
 *
 * The merged claims are those of the whole selection, in its registry order,
 * each with the verdict, residual, counterexample, replay command and time its
 * shard measured; the summary is recomputed from them. The summary's time is
 * the largest of the shards' times (the wall-clock time of the whole when the
 * shards ran side by side); each claim keeps its own time.
 *
 * Reports merge only when they are shards of one run: the same qep version,
 * seed, number of runs, shard count and selection, every shard 1..N exactly
 * once, and each claim of the selection in exactly one of them.
 */

/** A JSON number as reports write it: a number or `"Infinity"`, `"-Infinity"`, `"NaN"`. */
const jsonNumber = z.union([z.number(), z.enum(['Infinity', '-Infinity', 'NaN'])]);

const instancesSchema = z.object({
  checked: z.number(),
  passed: z.number(),
  notApplicable: z.number(),
  notApplicableReasons: z.array(z.string()),
});

const claimSchema = z.object({
  id: z.string(),
  equation: z.string(),
  statement: z.string(),
  method: z.enum(['property', 'symbolic', 'both']),
  expected: z.enum(['holds', 'refuted']),
  verdict: z.enum(VERDICTS as [Verdict, ...Verdict[]]),
  worstResidual: z.union([z.number(), z.literal('Infinity'), z.null()]),
  runs: z.number(),
  ms: z.number(),
  counterexample: z.looseObject({ detail: z.string(), residual: jsonNumber.optional() }).optional(),
  replay: z.string().optional(),
});

const shardSchema = z.object({
  index: z.number().int().min(1),
  count: z.number().int().min(1),
  version: z.string(),
  selection: z.array(z.string()),
  details: z.record(z.string(), z.object({ note: z.string().optional(), error: z.string().optional(), instances: instancesSchema.optional() })),
});

const reportSchema = z.object({
  claims: z.array(claimSchema),
  summary: z.looseObject({ seed: z.number().int(), runs: z.number().int().min(1), ms: z.number() }),
  shard: shardSchema.optional(),
});

/** A report given to {@link mergeShardReports}: its name (the file) and its parsed JSON. */
export interface NamedReport {
  readonly name: string;
  readonly value: unknown;
}

/** The merged run: results in registry order and their summary. */
export interface MergedRun {
  readonly results: ClaimResult[];
  readonly summary: Summary;
}

function fromJsonNumber(x: number | string): number {
  if (typeof x === 'number') return x;
  return x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN;
}

type ClaimJsonIn = z.infer<typeof claimSchema>;

/** A claim of a shard report as a ClaimResult (what the report formats take). */
function toResult(c: ClaimJsonIn, detail: ShardBlock['details'][string] | undefined, seed: number): ClaimResult {
  const cxIn = c.counterexample;
  const counterexample: Counterexample | undefined = cxIn
    ? ({ ...cxIn, ...(cxIn.residual !== undefined ? { residual: fromJsonNumber(cxIn.residual) } : {}) } as Counterexample)
    : undefined;
  return {
    id: c.id,
    equation: c.equation,
    statement: c.statement,
    method: c.method as Method,
    expected: c.expected,
    ...(detail?.note !== undefined ? { note: detail.note } : {}),
    verdict: c.verdict,
    worstResidual: c.worstResidual === null ? null : fromJsonNumber(c.worstResidual),
    runs: c.runs,
    seed,
    ms: c.ms,
    ...(detail?.instances !== undefined ? { instances: detail.instances } : {}),
    ...(counterexample ? { counterexample } : {}),
    ...(c.replay !== undefined ? { replay: c.replay } : {}),
    ...(detail?.error !== undefined ? { error: detail.error } : {}),
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the report';
  return `${path}: ${issue.message}`;
}

/**
 * Merge shard reports into the report of a single run (the rules above).
 *
 * @throws QepInputError naming the report and the field that does not fit:
 *   not a shard report, a different version, seed, runs, shard count or
 *   selection, a shard given twice or missing, a claim outside the selection
 *   or in two shards.
 */
export function mergeShardReports(reports: readonly NamedReport[]): MergedRun {
  if (reports.length === 0) throw new QepInputError('reports', 'at least one shard report');
  const parsed = reports.map(({ name, value }) => {
    const r = reportSchema.safeParse(value);
    if (!r.success) throw new QepInputError(name, `a qep check --format json report (${firstIssue(r.error)})`);
    if (r.data.shard === undefined) throw new QepInputError(name, 'a shard report, written by qep check --shard K/N --format json', 'no "shard" block');
    return { name, report: r.data, shard: r.data.shard };
  });

  const first = parsed[0];
  const { count, version, selection } = first.shard;
  const same = (name: string, field: string, got: string | number, want: string | number): void => {
    if (got !== want) throw new QepInputError(`${name} ${field}`, `${want} as in ${first.name}`, String(got));
  };
  const byIndex = new Map<number, string>();
  for (const { name, report, shard } of parsed) {
    same(name, 'version', shard.version, version);
    same(name, 'seed', report.summary.seed, first.report.summary.seed);
    same(name, 'runs', report.summary.runs, first.report.summary.runs);
    same(name, 'shard count', shard.count, count);
    same(name, 'selection', shard.selection.join(','), selection.join(','));
    if (shard.index > count) throw new QepInputError(`${name} shard`, `K/N with K ≤ N`, `${shard.index}/${shard.count}`);
    const twin = byIndex.get(shard.index);
    if (twin !== undefined) throw new QepInputError(`${name} shard`, `given once (shard ${shard.index}/${count} is also ${twin})`, `${shard.index}/${count}`);
    byIndex.set(shard.index, name);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0) throw new QepInputError('shards', `all of 1..${count}`, `missing ${missing.map((k) => `${k}/${count}`).join(', ')}`);

  const seed = first.report.summary.seed;
  const wanted = new Set(selection);
  const found = new Map<string, ClaimResult>();
  for (const { name, report, shard } of parsed) {
    for (const c of report.claims) {
      if (!wanted.has(c.id)) throw new QepInputError(`${name} claim ${c.id}`, 'in the selection of the run');
      if (found.has(c.id)) throw new QepInputError(`${name} claim ${c.id}`, 'in one shard only', 'found twice');
      found.set(c.id, toResult(c, shard.details[c.id], seed));
    }
  }
  const absent = selection.filter((id) => !found.has(id));
  if (absent.length > 0) throw new QepInputError('shards', 'covering every claim of the selection', `missing ${absent.join(', ')}`);

  const results = selection.map((id) => found.get(id) as ClaimResult);
  const ms = Math.max(...parsed.map((p) => p.report.summary.ms));
  return { results, summary: summarize(results, { seed, runs: first.report.summary.runs, ms }) };
}
