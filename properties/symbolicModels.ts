import fc from 'fast-check';
import { type Claim, type InstanceOutcome, type SymbolicOutcome, defineClaim, within } from '../src/claims/claim.js';
import { propertyClaim } from '../src/claims/propertyClaim.js';
import { CHECK_TOL } from '../src/numeric/tolerance.js';
import type { DerivedModel } from '../src/symbolic/models/model.js';
import type { ModelSpec } from '../src/symbolic/models/modelFile.js';
import { numericQubitFamily } from '../src/symbolic/models/qubitFamilyNumeric.js';
import { pointFromUnit } from '../src/symbolic/domain.js';
import { compileNumber } from '../src/symbolic/cas/mathjs.js';
import { gridReal } from './arbitraries/index.js';

/**
 * The claims of a model file of the qubit family (`qep check --model FILE`):
 *
 * - one property claim: every derived form of the model against the numeric
 *   engine at random points of the model's domain (relative error ≤
 *   CHECK_TOL.crossCheck); the mutant is every closed form off by
 *   CHECK_TOL.closedFormMutant relative;
 * - one symbolic claim per group of derivation steps (the generator, detailed
 *   balance, the solution, and the identities B1–B9 that apply to a qubit),
 *   proved or sampled as the derivation found them; the one-bath statements
 *   expected refuted with several baths at different temperatures are included.
 */

/** One random point of a model: its parameters and the phase of ρ₀₁(0). */
export interface ModelPoint {
  readonly point: Readonly<Record<string, number>>;
  readonly phase: number;
}

/** Random points of a derived model's domain (uniform draws on a grid, shrinking toward the low end of every range). */
export function arbModelPoint(model: DerivedModel): fc.Arbitrary<ModelPoint> {
  const n = Object.keys(model.domain.params).length;
  const unit = gridReal(0, 1);
  return fc.tuple(fc.array(unit, { minLength: n, maxLength: n }), unit).map(([u, v]) => ({ point: pointFromUnit(model.domain, u), phase: 2 * Math.PI * v }));
}

/**
 * Every closed form of the model vs the numeric engine at one point: the worst
 * |closed − engine| / max(1, |closed|, |engine|) ≤ CHECK_TOL.crossCheck.
 * The mutant multiplies every closed form by 1 + CHECK_TOL.closedFormMutant.
 */
export function checkModelForms(spec: ModelSpec, forms: Readonly<Record<string, (s: Readonly<Record<string, number>>) => number>>, p: ModelPoint, mutant = false): InstanceOutcome {
  const engine = numericQubitFamily(spec, p.point, p.phase);
  let worst = 0;
  let worstName = '';
  let detail = '';
  for (const [name, f] of Object.entries(forms)) {
    const closed = f(p.point) * (mutant ? 1 + CHECK_TOL.closedFormMutant : 1);
    const e = engine[name];
    if (e === undefined) return { kind: 'fail', residual: Infinity, detail: `the numeric engine has no value for ${name}` };
    const r = Math.abs(closed - e) / Math.max(1, Math.abs(closed), Math.abs(e));
    if (!(r <= worst)) {
      worst = Number.isNaN(r) ? Infinity : r;
      worstName = name;
      detail = `closed form ${name} = ${closed}, numeric engine = ${e}`;
    }
  }
  return within(worst, CHECK_TOL.crossCheck, () => `${detail} (worst of ${Object.keys(forms).length} forms: ${worstName})`);
}

const ORDER = ['proved', 'sampled', 'refuted', 'error'] as const;

/** The weakest status of some derivation steps (proved < sampled < refuted < error). */
function stepsOutcome(model: DerivedModel, ids: readonly string[]): SymbolicOutcome {
  const steps = ids.map((id) => model.steps.find((s) => s.id === id));
  const missing = ids.filter((_, i) => steps[i] === undefined);
  if (missing.length > 0) return { verdict: 'error', residual: Infinity, detail: `no derivation step ${missing.join(', ')}` };
  const present = steps.map((s) => s!);
  const worst = present.reduce((w, s) => (ORDER.indexOf(s.report.status) > ORDER.indexOf(w.report.status) ? s : w));
  return {
    verdict: worst.report.status,
    residual: Math.max(...present.map((s) => (s.report.status === 'proved' ? 0 : s.report.residual))),
    detail: present.map((s) => `${s.id}: ${s.report.status === 'refuted' ? s.report.detail : s.report.status}`).join(' | '),
  };
}

/** The claim id of a model: `models.NAME.…` with NAME lower-cased to the id alphabet. */
function idOf(model: DerivedModel, part: string): string {
  const name = model.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
  return `models.${name}.${part}`;
}

/** The groups of derivation steps reported as claims, with the equation label and statement. */
function identityGroups(model: DerivedModel): { part: string; equation: string; statement: string; ids: string[]; expected: 'holds' | 'refuted'; note?: string }[] {
  const ids = model.steps.map((s) => s.id);
  const has = (pred: (id: string) => boolean) => ids.filter(pred);
  const groups = [
    { part: 'generator', equation: 'B1-B2', statement: String.raw`\mathcal{L}(\rho) = -i[H,\rho] + \sum_k \mathcal{D}_k(\rho) + \mathcal{D}_\phi(\rho):\ \dot p_1 = \sum_k (\dot p_1)_k,\ \dot\rho_{01} = -\{i\omega_{01} + \gamma_2\}\rho_{01}`, ids: has((id) => /^(generator\.|eq5\.corrected|b2\.|b1\.)/.test(id)) },
    { part: 'detailed-balance', equation: '4', statement: String.raw`\frac{W_k(1|0)}{W_k(0|1)} = e^{-\beta_k\omega},\ \mathcal{D}_k(\rho_{\mathrm{eq},k}) = 0`, ids: has((id) => id.startsWith('detailed-balance')) },
    { part: 'steady-state-and-solution', equation: 'B3', statement: String.raw`\mathcal{L}(\rho_{\mathrm{ss}}) = 0;\ p_1(t),\ |\rho_{01}(t)| \text{ solve the generator's equations}`, ids: has((id) => id.startsWith('solution.') || id === 'steady-state' || id.startsWith('bloch.')) },
    { part: 'b4-first-law', equation: 'B4', statement: String.raw`\tfrac{dS}{dt} = \Pi - \Phi,\ \Phi = -\sum_k \beta_k J_k`, ids: has((id) => id === 'eq1') },
    { part: 'b5-spohn', equation: 'B5', statement: String.raw`\Pi_k = -\operatorname{tr}[\mathcal{D}_k(\rho)(\ln\rho - \ln\rho_{\mathrm{eq},k})],\ \Pi = \sum_k \Pi_k + \Upsilon_\phi`, ids: has((id) => /^(form\.Pi_\d+|form\.Pi|form\.Upsilon_deph|b5\.)/.test(id) && id !== 'form.Pi_na' && id !== 'form.Pi_a' && !id.startsWith('form.Pi_d')) },
    { part: 'b6-split', equation: 'B6', statement: String.raw`\Pi_k = \Pi_{d,k} + \Upsilon_k,\ \Upsilon = \sum_k \Upsilon_k + \Upsilon_\phi = -\tfrac{dC}{dt}`, ids: has((id) => id.startsWith('b6.') || id === 'eq12' || /^form\.(Pi_d|Upsilon)/.test(id)) },
    { part: 'b7-non-adiabatic-adiabatic', equation: 'B7', statement: String.raw`\Pi = \Pi_{\mathrm{na}} + \Pi_{\mathrm{a}},\ \Pi_{\mathrm{na}} = -\tfrac{d}{dt}S(\rho\|\rho_{\mathrm{ss}}) = -\tfrac{d}{dt}S(p\|p_{\mathrm{ss}}) + \Upsilon`, ids: has((id) => (id.startsWith('b7.') && !id.endsWith('-printed')) || id === 'form.Pi_na' || id === 'form.Pi_a') },
    ...(ids.includes('detailed-balance.gibbs') && !ids.includes('steady-state')
      ? [{ part: 'b9-one-bath', equation: 'B9', statement: String.raw`K = 1:\ \rho_{\mathrm{ss}} = \rho_{\mathrm{eq}},\ \Pi_{\mathrm{a}} = 0,\ \Pi_{\mathrm{na}} = \Pi`, ids: has((id) => ['generator.stationary', 'form.Pi_na', 'form.Pi_a', 'b5.total'].includes(id)) }]
      : []),
    { part: 'b8-steady-state', equation: 'B8', statement: String.raw`\Upsilon(\rho_{\mathrm{ss}}) = \Pi_{\mathrm{na}}(\rho_{\mathrm{ss}}) = 0,\ \Pi(\rho_{\mathrm{ss}}) = \Pi_d(\rho_{\mathrm{ss}}) = \Pi_{\mathrm{a}}(\rho_{\mathrm{ss}})`, ids: has((id) => id.startsWith('b8.') && !id.endsWith('-printed')) },
  ].map((g) => ({ ...g, expected: 'holds' as const }));
  const refuted = model.steps
    .filter((s) => s.expected === 'refuted')
    .map((s) => ({
      part: s.id.replace(/\./g, '-'),
      equation: s.equation,
      statement: s.statement,
      ids: [s.id],
      expected: 'refuted' as const,
      note:
        s.id === 'eq5.printed'
          ? 'The printed sign of Eq. (5) makes coherences grow: the generator gives Re κ = −½Σ_k[W_k(1|0) + W_k(0|1)] − γ_φ.'
          : 'The statement holds with one bath; with several baths at different temperatures qep expects it refuted, with a counterexample.',
    }));
  return [...groups.filter((g) => g.ids.length > 0), ...refuted];
}

/**
 * The claims of a derived qubit-family model: the cross-check of every form
 * against the numeric engine (a property claim with its mutant), then the
 * derivation's identities grouped by equation.
 */
export function modelClaims(spec: ModelSpec, model: DerivedModel): Claim[] {
  let compiled: Record<string, (s: Readonly<Record<string, number>>) => number> | undefined;
  const forms = () => (compiled ??= Object.fromEntries(Object.entries(model.forms).map(([k, f]) => [k, compileNumber(f.inlined)])));
  const hypotheses = [...model.domain.hypotheses];
  const crossCheck = propertyClaim<ModelPoint>({
    id: idOf(model, 'forms-vs-engine'),
    equation: 'B1-B9',
    statement: String.raw`\text{every closed form of qep derive} = \text{the numeric engine}\ (${Object.keys(model.forms).length}\text{ forms})`,
    hypotheses,
    note: `Model ${model.name}: each form (mathjs expr of qep derive) against evaluateScenario at the same point; mutant: every closed form off by ${CHECK_TOL.closedFormMutant} relative.`,
    arbitrary: arbModelPoint(model),
    check: (p) => checkModelForms(spec, forms(), p),
    mutant: (p) => checkModelForms(spec, forms(), p, true),
    describe: (p) => ({ ...p.point, phase: p.phase }),
  });
  const identities = identityGroups(model).map((g) =>
    defineClaim({
      id: idOf(model, g.part),
      equation: g.equation,
      statement: g.statement,
      hypotheses,
      method: 'symbolic',
      expected: g.expected,
      note: g.note,
      symbolic: async () => stepsOutcome(model, g.ids),
    }),
  );
  return [crossCheck, ...identities];
}
