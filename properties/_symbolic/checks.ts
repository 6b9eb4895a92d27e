import { type InstanceOutcome, type SymbolicOutcome, within } from '../../src/claims/claim.js';
import { type ModelName, deriveModel } from '../../src/symbolic/derive.js';
import { numericForms } from '../../src/symbolic/numeric.js';
import { CHECK_TOL } from '../../src/numeric/tolerance.js';
import type { IdentityReport } from '../../src/symbolic/identity.js';
import { closedForms, type SymbolicPoint } from './arbitraries.js';

/** Relative error of the mutants, {@link CHECK_TOL}.closedFormMutant: a closed form off by one part in a million must be refuted. */
export const MUTANT_RELATIVE_ERROR = CHECK_TOL.closedFormMutant;

/** The closed form of `form` at a point, times `factor` (1, or the mutant's 1 + {@link MUTANT_RELATIVE_ERROR}), vs the engine. */
function closedFormAgainstEngine(form: string, p: SymbolicPoint, factor: number): InstanceOutcome {
  const closed = closedForms(p.model)[form](p.point) * factor;
  const engine = numericForms(p.model, p.point, p.phase)[form];
  const residual = Math.abs(closed - engine) / Math.max(1, Math.abs(closed), Math.abs(engine));
  return within(residual, CHECK_TOL.crossCheck, () => `closed form ${form} = ${closed}, numeric engine = ${engine}`);
}

/**
 * A closed form of `qep derive` vs the numeric engine at one point:
 * |closed − engine| ≤ CHECK_TOL.crossCheck · max(1, |closed|, |engine|).
 */
export function checkClosedForm(form: string, p: SymbolicPoint): InstanceOutcome {
  return closedFormAgainstEngine(form, p, 1);
}

/** The mutant of {@link checkClosedForm}: the closed form multiplied by 1 + {@link MUTANT_RELATIVE_ERROR}. */
export function mutantClosedForm(form: string, p: SymbolicPoint): InstanceOutcome {
  return closedFormAgainstEngine(form, p, 1 + MUTANT_RELATIVE_ERROR);
}

function outcomeOf(report: IdentityReport, label: string): SymbolicOutcome {
  const verdict = report.status;
  return { verdict, residual: report.status === 'proved' ? 0 : report.residual, detail: `${label}: ${report.detail}` };
}

const ORDER = ['proved', 'sampled', 'refuted', 'error'] as const;

/** The status of a closed form of a model, as a symbolic outcome (derivation cached per process). */
export async function formOutcome(model: ModelName, form: string): Promise<SymbolicOutcome> {
  const m = await deriveModel(model);
  const f = m.forms[form];
  const basis = [...new Set(f.basis)];
  const check = f.check ? `; display form vs derivation: ${f.check.detail}` : '';
  return {
    verdict: f.status,
    residual: f.check && f.status !== 'proved' ? f.check.residual : 0,
    detail: `${f.status}: rests on ${basis.length} derivation steps (${basis.join(', ')})${check}`,
  };
}

/** The weakest outcome of some derivation steps of a model (verdict order proved < sampled < refuted < error). */
export async function stepsOutcome(model: ModelName, ids: readonly string[]): Promise<SymbolicOutcome> {
  const m = await deriveModel(model);
  const outcomes = ids.map((id) => {
    const s = m.steps.find((x) => x.id === id);
    if (!s) return { verdict: 'error' as const, residual: Infinity, detail: `no derivation step ${id}` };
    return outcomeOf(s.report, `${id} (${s.statement})`);
  });
  const worst = outcomes.reduce((w, o) => (ORDER.indexOf(o.verdict) > ORDER.indexOf(w.verdict) ? o : w));
  return {
    verdict: worst.verdict,
    residual: Math.max(...outcomes.map((o) => o.residual)),
    detail: worst.verdict === 'proved' ? outcomes.map((o) => o.detail).join(' | ') : worst.detail,
  };
}
