/**
 * algebrite's opinions on a finished derivation: every proved step and form
 * check is sent to algebrite (`simplify` of the atomized difference, in a
 * worker with a timeout, smallest first, on a small pool of workers, within a
 * time budget per model); the answer is recorded in the report's engines and
 * detail and never changes a status (the proof is qep's exact rational
 * arithmetic; algebrite is the independent second opinion). The Eq. 21 slack
 * is also factored by algebrite. Answers are kept in the on-disk cache
 * (cache.ts) and reused for the very same question.
 */
import type { DerivedModel, DeriveOptions } from './models/model.js';
import type { StepResult, FormResult, OpinionRequest } from './_internal/builder.js';
import { algebriteIsZero, algebriteFactor } from './cas/algebrite.js';
import { casPoolSize } from './cas/worker.js';
import { withOpinions } from './identity.js';
import { type CachedOpinion, opinionKey, readOpinions, writeOpinions, symbolicCacheSettings } from './cache.js';
import { SYMBOLIC_TOL } from '../numeric/tolerance.js';

/** A copy of `model` with algebrite's opinions added to its reports. */
export async function annotateWithAlgebrite(model: DerivedModel, options: DeriveOptions = {}): Promise<DerivedModel> {
  if (options.algebrite === false) return model;
  const timeout = options.stepTimeoutMs ?? SYMBOLIC_TOL.algebriteStepTimeoutMs;
  const budget = options.budgetMs ?? SYMBOLIC_TOL.algebriteBudgetMs;
  const maxChars = options.maxChars ?? SYMBOLIC_TOL.algebriteMaxChars;
  const useCache = (options.cache ?? true) && symbolicCacheSettings().enabled;
  const cached = useCache ? readOpinions(model.name) : new Map<string, CachedOpinion>();
  const fresh = new Map<string, CachedOpinion>();
  const steps = new Map<string, StepResult>(model.steps.map((s) => [s.id, s]));
  const forms: Record<string, FormResult> = { ...model.forms };

  const note = (req: OpinionRequest, text: string): void => {
    if (req.kind === 'form') {
      const f = forms[req.id];
      if (f?.check) forms[req.id] = { ...f, check: { ...f.check, detail: `${f.check.detail} [${text}]` } };
    } else {
      const s = steps.get(req.id);
      if (s) steps.set(req.id, { ...s, report: { ...s.report, detail: `${s.report.detail} [${text}]` } });
    }
  };
  const apply = (req: OpinionRequest, o: CachedOpinion): void => {
    if ('factor' in o) {
      note(req, o.factor === null ? 'algebrite factor: no answer' : `algebrite factor(…, ${req.variable}): ${o.factor}`);
    } else if (req.kind === 'form') {
      const f = forms[req.id];
      if (f?.check) forms[req.id] = { ...f, check: withOpinions(f.check, { algebrite: o.verdict }) };
    } else {
      const s = steps.get(req.id);
      if (s) steps.set(req.id, { ...s, report: withOpinions(s.report, { algebrite: o.verdict }) });
    }
  };
  const ask = async (req: OpinionRequest): Promise<CachedOpinion> => {
    const t0 = performance.now();
    if (req.kind === 'factor') {
      const out = await algebriteFactor(req.input, req.variable, timeout);
      return { factor: out, ms: performance.now() - t0 };
    }
    const r = await algebriteIsZero(req.input, timeout);
    // the budget counts algebrite's own time (not the wait behind other jobs on the shared workers)
    return { verdict: r.verdict, ms: r.ms };
  };

  let spent = 0;
  const running = new Set<Promise<void>>();
  // smallest inputs first: more opinions fit in the budget, and the slow ones come last
  const requests = [...model.opinionRequests].sort((a, b) => a.input.length - b.input.length);
  for (const req of requests) {
    const key = opinionKey(req.kind, req.input, timeout, req.variable);
    const hit = cached.get(key);
    if (hit === undefined) while (running.size >= casPoolSize()) await Promise.race(running);
    if (spent >= budget) {
      note(req, `algebrite: not asked, time budget of ${budget} ms spent`);
      continue;
    }
    if (req.input.length > maxChars) {
      note(req, `algebrite: not asked, input of ${req.input.length} characters exceeds ${maxChars}`);
      continue;
    }
    if (hit !== undefined) {
      apply(req, hit);
      fresh.set(key, hit);
      spent += hit.ms;
      continue;
    }
    const job = ask(req).then((o) => {
      apply(req, o);
      fresh.set(key, o);
      spent += o.ms;
      running.delete(job);
    });
    running.add(job);
  }
  await Promise.all(running);
  if (useCache && [...fresh.keys()].some((k) => !cached.has(k))) writeOpinions(model.name, new Map([...cached, ...fresh]));
  return { ...model, steps: [...steps.values()], forms, ms: model.ms + spent };
}
