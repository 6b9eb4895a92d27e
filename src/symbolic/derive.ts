/**
 * The model registry: derive a model once per process (cached), and render
 * derivations as JSON, LaTeX or text for `qep derive`.
 *
 * JSON shape: `{"models": {NAME: {"parameters": {p: {latex, description,
 * sign, range}}, "forms": {FORM: {expr, latex, status}}}}}`, where `expr`
 * is mathjs syntax evaluable with the parameters as scope and `status` is
 * `proved` or `sampled`.
 */
import type { DerivedModel, DeriveOptions } from './models/model.js';
import { deriveQubitDavies, QUBIT_DAVIES_FORMS, qubitDaviesDomain } from './models/qubitDavies.js';
import { derivePartialSwap, PARTIAL_SWAP_FORMS, partialSwapDomain } from './models/partialSwap.js';
import type { Domain } from './domain.js';
import { toLatex, alignBlock, type AlignLine } from './latex.js';
import { annotateWithAlgebrite } from './annotate.js';
import { withProofCache } from './proofCache.js';
import { QepInputError } from '../numeric/errors.js';

/** The models qep derives. */
export const MODEL_NAMES = ['qubit-davies', 'partial-swap'] as const;
/** A model name: `qubit-davies` or `partial-swap`. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** The form names of each model, in output order. */
export const MODEL_FORMS: Readonly<Record<ModelName, readonly string[]>> = {
  'qubit-davies': QUBIT_DAVIES_FORMS,
  'partial-swap': PARTIAL_SWAP_FORMS,
};

/** The physical domain of each model (its parameters), known before any derivation. */
export const MODEL_DOMAINS: Readonly<Record<ModelName, Domain>> = {
  'qubit-davies': qubitDaviesDomain,
  'partial-swap': partialSwapDomain,
};

const cache = new Map<ModelName, DerivedModel>();
const annotated = new Map<ModelName, Promise<DerivedModel>>();

/** True when `name` is a model qep derives. */
export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

function checkName(name: string): ModelName {
  if (!isModelName(name)) throw new QepInputError('--model', `one of ${MODEL_NAMES.join(', ')} (got ${JSON.stringify(name)})`);
  return name;
}

/**
 * The derivation of a model without CAS-worker opinions, computed once per
 * process (synchronous: exact reductions and BigNumber sampling only; the exact
 * reductions are reused from the proof cache when their samples agree, see proofCache.ts).
 * @throws QepInputError for an unknown model name; DerivationError when a step fails (a bug).
 */
export function deriveModelSync(name: string): DerivedModel {
  const n = checkName(name);
  let m = cache.get(n);
  if (!m) {
    // built-in models: the model's content is qep's own code, so qep's version (in the file's path) and the name identify it
    m = withProofCache(n, n, () => (n === 'qubit-davies' ? deriveQubitDavies() : derivePartialSwap()));
    cache.set(n, m);
  }
  return m;
}

/**
 * The derivation of a model with algebrite's opinions added (once per process;
 * the first call's options win). `{ algebrite: false }` returns the plain derivation.
 * @throws QepInputError for an unknown model name.
 */
export async function deriveModel(name: string, options: DeriveOptions = {}): Promise<DerivedModel> {
  const n = checkName(name);
  if (options.algebrite === false) return deriveModelSync(n);
  let p = annotated.get(n);
  if (!p) {
    p = Promise.resolve().then(() => annotateWithAlgebrite(deriveModelSync(n), options));
    // a failed derivation is not cached, so a later call can retry
    p.catch(() => annotated.delete(n));
    annotated.set(n, p);
  }
  return p;
}

/** One form in the JSON output. */
export interface FormJson {
  /** mathjs syntax, evaluable with the model's parameters as scope. */
  readonly expr: string;
  readonly latex: string;
  readonly status: 'proved' | 'sampled';
}

/** One parameter in the JSON output. */
export interface ParameterJson {
  readonly latex: string;
  readonly description: string;
  readonly sign: string;
  /** The sampling range of the physical domain (c0 and c are fractions of their bound √(p₀p₁)). */
  readonly range: readonly [number, number];
}

/** The JSON output of `qep derive`. */
export interface DeriveJson {
  readonly models: Record<string, { readonly title: string; readonly parameters: Record<string, ParameterJson>; readonly forms: Record<string, FormJson> }>;
}

/** The LaTeX of one closed form's right-hand side (paper notation). */
export function formLatex(model: DerivedModel, form: string): string {
  return toLatex(model.forms[form].display, model.symbols);
}

/** JSON for `qep derive --format json`. */
export function toDeriveJson(models: readonly DerivedModel[]): DeriveJson {
  const out: DeriveJson['models'] = {};
  for (const m of models) {
    const parameters: Record<string, ParameterJson> = {};
    for (const [k, p] of Object.entries(m.domain.params)) parameters[k] = { latex: p.latex, description: p.description, sign: p.sign, range: [p.lo, p.hi] };
    const forms: Record<string, FormJson> = {};
    for (const [name, f] of Object.entries(m.forms)) forms[name] = { expr: f.inlined.toString(), latex: formLatex(m, name), status: f.status };
    out[m.name] = { title: m.title, parameters, forms };
  }
  return { models: out };
}

/** The `align` block of a model: definitions and forms in derivation order. */
export function modelAlign(m: DerivedModel): string {
  const lines: AlignLine[] = [];
  const defs = new Map(m.definitions.map((d) => [d.name, d]));
  for (const name of m.order) {
    const d = defs.get(name);
    if (d) lines.push({ lhs: d.latexName, rhs: toLatex(d.display, m.symbols) });
    else if (m.forms[name]) lines.push({ lhs: m.forms[name].latexName, rhs: formLatex(m, name) });
  }
  return alignBlock(lines);
}

/** LaTeX for `qep derive --format latex`: one commented `align` block per model. */
export function toDeriveLatex(models: readonly DerivedModel[]): string {
  return models
    .map((m) => {
      const status = Object.entries(m.forms)
        .map(([n, f]) => `${n}: ${f.status}`)
        .join(', ');
      return `% ${m.title} (qep derive; ${status})\n${modelAlign(m)}`;
    })
    .join('\n\n');
}

/** Text for `qep derive --format text`: definitions, then each form with its status and mathjs expression. */
export function toDeriveText(models: readonly DerivedModel[]): string {
  const out: string[] = [];
  for (const m of models) {
    out.push(`${m.title}  [${m.name}]`);
    out.push(`  parameters: ${Object.entries(m.domain.params)
      .map(([k, p]) => `${k} ∈ [${p.lo}, ${p.hi}]`)
      .join(', ')}`);
    for (const h of m.domain.hypotheses) out.push(`  hypothesis: ${h}`);
    const count = (st: string) => m.steps.filter((s) => s.report.status === st).length;
    const expectedRefuted = m.steps.filter((s) => s.expected === 'refuted' && s.report.status === 'refuted').length;
    out.push(
      `  ${m.steps.length} derivation steps: ${count('proved')} proved, ${count('sampled')} verified by sampling, ${expectedRefuted} printed form(s) refuted as expected; ${(m.ms / 1000).toFixed(1)} s`,
    );
    const reports = [...m.steps.map((s) => s.report), ...Object.values(m.forms).flatMap((f) => (f.check ? [f.check] : []))].filter((r) => r.status === 'proved');
    const agreed = reports.filter((r) => r.engines.algebrite === 'zero').length;
    const asked = reports.filter((r) => r.engines.algebrite !== undefined).length;
    if (asked > 0) out.push(`  algebrite (second opinion) reduced ${agreed} of the ${asked} proofs it was asked about to 0 (${reports.length - asked} not asked: time budget, size, or exact matrix algebra)`);
    out.push('  definitions:');
    for (const d of m.definitions) out.push(`    ${d.name} = ${d.display.toString()}`);
    out.push('  closed forms:');
    const width = Math.max(...Object.keys(m.forms).map((k) => k.length));
    for (const [name, f] of Object.entries(m.forms)) out.push(`    ${name.padEnd(width)}  ${f.status.padEnd(7)}  ${f.display.toString()}`);
    out.push('');
  }
  return out.join('\n');
}
