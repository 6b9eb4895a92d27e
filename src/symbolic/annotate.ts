/**
 * algebrite's opinions on a finished derivation: every proved step and form
 * check is sent to algebrite (`simplify` of the atomized difference, in a
 * worker with a timeout, one at a time, smallest first, within a time budget
 * per model); the
 * answer is recorded in the report's engines and detail and never changes a
 * status (the proof is qep's exact rational arithmetic; algebrite is the
 * independent second opinion). The Eq. 21 slack is also factored by algebrite.
 */
import type { DerivedModel, DeriveOptions } from './models/model.js';
import type { StepResult, FormResult } from './_internal/builder.js';
import { algebriteIsZero, algebriteFactor } from './cas/algebrite.js';
import { withOpinions } from './identity.js';
import { SYMBOLIC_TOL } from '../numeric/tolerance.js';

/** A copy of `model` with algebrite's opinions added to its reports. */
export async function annotateWithAlgebrite(model: DerivedModel, options: DeriveOptions = {}): Promise<DerivedModel> {
  if (options.algebrite === false) return model;
  const timeout = options.stepTimeoutMs ?? SYMBOLIC_TOL.algebriteStepTimeoutMs;
  const budget = options.budgetMs ?? SYMBOLIC_TOL.algebriteBudgetMs;
  const maxChars = options.maxChars ?? SYMBOLIC_TOL.algebriteMaxChars;
  const steps = new Map<string, StepResult>(model.steps.map((s) => [s.id, s]));
  const forms: Record<string, FormResult> = { ...model.forms };
  let spent = 0;
  // smallest inputs first: more opinions fit in the budget, and the slow ones come last
  const requests = [...model.opinionRequests].sort((a, b) => a.input.length - b.input.length);
  for (const req of requests) {
    const note = (text: string): void => {
      if (req.kind === 'form') {
        const f = forms[req.id];
        if (f?.check) forms[req.id] = { ...f, check: { ...f.check, detail: `${f.check.detail} [${text}]` } };
      } else {
        const s = steps.get(req.id);
        if (s) steps.set(req.id, { ...s, report: { ...s.report, detail: `${s.report.detail} [${text}]` } });
      }
    };
    if (spent >= budget) {
      note(`algebrite: not asked, time budget of ${budget} ms spent`);
      continue;
    }
    if (req.input.length > maxChars) {
      note(`algebrite: not asked, input of ${req.input.length} characters exceeds ${maxChars}`);
      continue;
    }
    const t0 = performance.now();
    let workerMs: number | undefined;
    if (req.kind === 'factor') {
      const out = await algebriteFactor(req.input, req.variable, timeout);
      note(out === null ? 'algebrite factor: no answer' : `algebrite factor(…, ${req.variable}): ${out}`);
    } else {
      const r = await algebriteIsZero(req.input, timeout);
      workerMs = r.ms;
      if (req.kind === 'form') {
        const f = forms[req.id];
        if (f?.check) forms[req.id] = { ...f, check: withOpinions(f.check, { algebrite: r.verdict }) };
      } else {
        const s = steps.get(req.id);
        if (s) steps.set(req.id, { ...s, report: withOpinions(s.report, { algebrite: r.verdict }) });
      }
    }
    // the budget counts algebrite's own time (not the wait behind another model's jobs on the shared worker)
    spent += workerMs ?? performance.now() - t0;
  }
  return { ...model, steps: [...steps.values()], forms, ms: model.ms + spent };
}
