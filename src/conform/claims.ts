import fc from 'fast-check';
import type { Claim, InstanceOutcome } from '../claims/claim.js';
import { propertyClaim } from '../claims/propertyClaim.js';
import { type CMatrix, fromReal, identity, normMax, scale, sub, trace } from '../numeric/linalg/cmatrix.js';
import { eigh } from '../numeric/linalg/eigh.js';
import { matrixFromJSON } from '../numeric/linalg/json.js';
import { relativeEntropyOfCoherence } from '../numeric/quantum/coherence.js';
import { vonNeumannEntropy } from '../numeric/quantum/entropy.js';
import { gibbsPopulations, gibbsState, logPartition } from '../numeric/quantum/gibbs.js';
import { relativeEntropyToGibbs } from '../numeric/quantum/relativeEntropyToGibbs.js';
import type { DaviesScenarioJSON, ThermalScenarioJSON } from '../numeric/scenario/generate.js';
import { evaluateScenario } from '../numeric/scenario/index.js';
import { SCENARIO_TOL, TOL } from '../numeric/tolerance.js';
import { type ConformScenario, paramsArbitrary, scenarioEnergies, scenarioFor } from './scenarios.js';
import { type ConformModel, type MatrixValue, toNumber } from './shape.js';

/**
 * The consistency claims of `qep conform`: the paper's identities and
 * inequalities, judged on an engine's own numbers (the keys it returned for one
 * scenario), not on qep's. Each is a property claim (`propertyClaim`) whose
 * instance is a scenario with a result; its arbitrary draws qep's own results,
 * so that a test (test/conform/claims.test.ts) requires every check to hold on
 * qep's engine and every mutant (a deliberately wrong formula) to be refuted. A claim needs
 * the keys it lists; an engine that does not return them makes it not
 * applicable, with the missing keys named.
 *
 * Tolerances are those of the golden-file comparison: an identity a = b passes
 * when |a − b| ≤ atol + rtol·scale (scale: the largest magnitude among its
 * terms); an inequality x ≥ 0 when x ≥ −(atol + rtol·|x|).
 */

/** One scenario and a result for it (an engine's, or qep's own). */
export interface EngineInstance {
  readonly scenario: ConformScenario;
  readonly result: Readonly<Record<string, unknown>>;
}

/** Tolerances of the consistency checks (defaults: SCENARIO_TOL.compareAtol, compareRtol). */
export interface ConformTolerance {
  readonly atol: number;
  readonly rtol: number;
}

/** A consistency claim with the model it applies to and the result keys it needs (dotted for nested keys, `traj.mean_sigma`). */
export interface ConsistencyClaim {
  readonly model: ConformModel;
  readonly keys: readonly string[];
  readonly claim: Claim;
}

/** The default tolerances. */
export const DEFAULT_CONFORM_TOLERANCE: ConformTolerance = Object.freeze({ atol: SCENARIO_TOL.compareAtol, rtol: SCENARIO_TOL.compareRtol });

/** The value at a dotted key (`traj.mean_sigma`), or undefined. */
export function valueAt(result: Readonly<Record<string, unknown>>, key: string): unknown {
  let v: unknown = result;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** The keys of `keys` that the result lacks. */
export function missingKeys(result: Readonly<Record<string, unknown>>, keys: readonly string[]): string[] {
  return keys.filter((k) => valueAt(result, k) === undefined);
}

/** A key as a list of numbers: a per-time list as is, a scalar as a list of one. */
function series(r: Readonly<Record<string, unknown>>, key: string): number[] {
  const v = valueAt(r, key);
  if (Array.isArray(v)) return v.map((x) => toNumber(x) ?? NaN);
  return [toNumber(v) ?? NaN];
}

/** Matrices read from a result, per result object and key: several claims read the same ρ(t). */
const matrixCache = new WeakMap<object, Map<string, CMatrix[]>>();

function matrices(r: Readonly<Record<string, unknown>>, key: string): CMatrix[] {
  let perResult = matrixCache.get(r);
  if (perResult === undefined) matrixCache.set(r, (perResult = new Map()));
  let ms = perResult.get(key);
  if (ms === undefined) {
    const v = valueAt(r, key);
    const list = Array.isArray(v) && key === 'rho' ? v : [v];
    ms = list.map((m) => toMatrix(m as MatrixValue));
    perResult.set(key, ms);
  }
  return ms;
}

/** A result matrix as a CMatrix (±Infinity and NaN entries as numbers). */
function toMatrix(m: MatrixValue | number[][]): CMatrix {
  const re = Array.isArray(m) ? m : m.re;
  const im = Array.isArray(m) ? undefined : m.im;
  const num = (rows: unknown[][]) => rows.map((row) => row.map((x) => toNumber(x) ?? NaN));
  return fromReal(num(re), im === undefined ? undefined : num(im));
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(6) : String(x);
}

const at = (k: number, n: number): string => (n > 1 ? ` at times[${k}]` : '');

type Check = (i: EngineInstance) => InstanceOutcome;

/** Worst of a list of per-item outcomes: the first failure, else a pass with the largest residual. */
function worstOf(outcomes: readonly InstanceOutcome[]): InstanceOutcome {
  let worst = 0;
  let na: InstanceOutcome | null = null;
  for (const o of outcomes) {
    if (o.kind === 'fail') return o;
    if (o.kind === 'pass') worst = Math.max(worst, o.residual);
    else na = o;
  }
  return outcomes.some((o) => o.kind === 'pass') || na === null ? { kind: 'pass', residual: worst } : na;
}

/** A term of a linear identity: a result key times a coefficient (a number or a function of the scenario). */
interface Term {
  readonly key: string;
  readonly coef: number | ((s: ConformScenario) => number);
}

/** lhs = Σ coef·key (+ constant), at every time, in extended arithmetic (+∞ matches only +∞). */
function linearIdentity(tol: ConformTolerance, lhs: string, terms: readonly Term[], constant?: (s: ConformScenario) => number): Check {
  return ({ scenario, result }) => {
    const a = series(result, lhs);
    const cols = terms.map((t) => ({ values: series(result, t.key), coef: typeof t.coef === 'number' ? t.coef : t.coef(scenario), key: t.key }));
    const c = constant ? constant(scenario) : 0;
    return worstOf(
      a.map((x, k) => {
        const parts = cols.map((col) => col.coef * col.values[k]);
        const rhs = parts.reduce((s, p) => s + p, c);
        const shown = () => `${lhs} = ${fmt(x)}, ${terms.map((t, j) => `${t.key} = ${fmt(cols[j].values[k])}`).join(', ')}: right-hand side ${fmt(rhs)}${at(k, a.length)}`;
        if (Number.isNaN(x) || Number.isNaN(rhs)) return { kind: 'fail', residual: Infinity, detail: `NaN: ${shown()}` };
        if (!Number.isFinite(x) || !Number.isFinite(rhs)) return x === rhs ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: Infinity, detail: shown() };
        const residual = Math.abs(x - rhs);
        const scale = Math.max(Math.abs(x), Math.abs(c), ...parts.map(Math.abs));
        return residual <= tol.atol + tol.rtol * scale ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `${shown()}, |difference| = ${fmt(residual)}` };
      }),
    );
  };
}

/** sign·key ≥ 0 at every time (+∞ allowed). */
function nonNegative(tol: ConformTolerance, key: string, sign: 1 | -1 = 1): Check {
  return ({ result }) => {
    const xs = series(result, key);
    return worstOf(
      xs.map((raw, k) => {
        const x = sign * raw;
        if (Number.isNaN(x)) return { kind: 'fail', residual: Infinity, detail: `${key} is NaN${at(k, xs.length)}` };
        const residual = Math.max(0, -x);
        return residual <= tol.atol + tol.rtol * Math.abs(x) ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `${key} = ${fmt(raw)} < 0${at(k, xs.length)}` };
      }),
    );
  };
}

/** key never increases from one time to the next (sign −1: never decreases). */
function nonIncreasing(tol: ConformTolerance, key: string, sign: 1 | -1 = 1): Check {
  return ({ result }) => {
    const xs = series(result, key);
    if (xs.length < 2) return { kind: 'not-applicable', reason: 'a single time' };
    const out: InstanceOutcome[] = [];
    for (let k = 1; k < xs.length; k++) {
      const rise = sign * (xs[k] - xs[k - 1]);
      if (Number.isNaN(rise)) {
        out.push(xs[k] === xs[k - 1] ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: Infinity, detail: `${key}[${k - 1}] = ${fmt(xs[k - 1])}, ${key}[${k}] = ${fmt(xs[k])}` });
        continue;
      }
      const residual = Math.max(0, rise);
      out.push(
        residual <= tol.atol + tol.rtol * Math.abs(xs[k - 1])
          ? { kind: 'pass', residual }
          : { kind: 'fail', residual, detail: `${key} ${sign > 0 ? 'increases' : 'decreases'} from ${fmt(xs[k - 1])} at times[${k - 1}] to ${fmt(xs[k])} at times[${k}]` },
      );
    }
    return worstOf(out);
  };
}

const residualCache = new WeakMap<CMatrix, { residual: number; what: string }>();

/** How far a matrix is from a density matrix: max of ‖A − A†‖, |tr A − 1|, and −λ_min (memoised per matrix). */
function stateResidual(rho: CMatrix): { residual: number; what: string } {
  let r = residualCache.get(rho);
  if (r === undefined) residualCache.set(rho, (r = computeStateResidual(rho)));
  return r;
}

function computeStateResidual(rho: CMatrix): { residual: number; what: string } {
  let herm = 0;
  const n = rho.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      herm = Math.max(herm, Math.hypot(rho.re[i * n + j] - rho.re[j * n + i], rho.im[i * n + j] + rho.im[j * n + i]));
    }
  }
  const tr = trace(rho);
  const traceDev = Math.hypot(tr.re - 1, tr.im);
  // eigh reads the lower triangle; a non-Hermitian input is already reported by `herm`.
  const lmin = herm <= 1 && Number.isFinite(normMax(rho)) ? eigh(rho).values[0] : -Infinity;
  const neg = Math.max(0, -lmin);
  const residual = Math.max(herm, traceDev, neg);
  if (Number.isNaN(residual) || !Number.isFinite(normMax(rho))) return { residual: Infinity, what: 'not finite' };
  const what = residual === herm ? `not Hermitian (‖ρ − ρ†‖_max = ${fmt(herm)})` : residual === traceDev ? `trace ${fmt(tr.re)}${tr.im !== 0 ? ` + ${fmt(tr.im)}i` : ''}` : `smallest eigenvalue ${fmt(lmin)}`;
  return { residual, what };
}

/** Every matrix at `key` is a density matrix: Hermitian, trace 1, positive semidefinite. */
function densityMatrices(tol: ConformTolerance, key: string, mutant = false): Check {
  return ({ result }) => {
    const ms = matrices(result, key);
    return worstOf(
      ms.map((rho, k) => {
        let { residual, what } = stateResidual(rho); // a copy: the mutant below changes them
        if (mutant) {
          // Mutant: "a state is pure", tr ρ² = 1.
          const purity = eigh(rho).values.reduce((s, l) => s + l * l, 0);
          residual = Math.max(residual, Math.abs(purity - 1));
          what = `purity ${fmt(purity)}`;
        }
        return residual <= tol.atol + tol.rtol ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `${key}${ms.length > 1 ? `[${k}]` : ''} is not a density matrix: ${what}` };
      }),
    );
  };
}

function daviesH(s: DaviesScenarioJSON): CMatrix | number[] {
  return s.H !== undefined ? matrixFromJSON(s.H, 'H') : (s.energies ?? []);
}

/** A function of the state at every time compared with a per-time key (S, C, Srel from the engine's own ρ). */
function fromStates(tol: ConformTolerance, key: string, f: (rho: CMatrix, s: DaviesScenarioJSON) => number, name: string): Check {
  return ({ scenario, result }) => {
    const s = scenario as DaviesScenarioJSON;
    const rhos = matrices(result, 'rho');
    const xs = series(result, key);
    return worstOf(
      rhos.map((rho, k) => {
        if (stateResidual(rho).residual > tol.atol + tol.rtol) return { kind: 'not-applicable', reason: 'rho is not a density matrix (see conform.davies.state)' };
        const y = f(rho, s);
        const residual = Math.abs(xs[k] - y);
        if (!Number.isFinite(y) || !Number.isFinite(xs[k])) return xs[k] === y ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: Infinity, detail: `${key} = ${fmt(xs[k])}, ${name} = ${fmt(y)}${at(k, xs.length)}` };
        return residual <= tol.atol + tol.rtol * Math.abs(y) ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `${key} = ${fmt(xs[k])} but ${name} = ${fmt(y)} from the engine's own rho${at(k, xs.length)}` };
      }),
    );
  };
}

/** Draw scenarios and evaluate them with qep's own engine: the instances on which every check must hold. */
function ownInstances(model: ConformModel): fc.Arbitrary<EngineInstance> {
  return paramsArbitrary(model).map((p) => {
    const scenario = scenarioFor(p);
    return { scenario, result: evaluateScenario(scenario) as unknown as Record<string, unknown> };
  });
}

const describe = (i: EngineInstance): unknown => ({ scenario: i.scenario, result: i.result });

interface Spec {
  readonly id: string;
  readonly equation: string;
  readonly statement: string;
  readonly hypotheses?: readonly string[];
  readonly keys: readonly string[];
  readonly check: Check;
  readonly mutant: Check;
  /** The claim needs a single bath (its β or its Gibbs state): not applicable with several (B1). */
  readonly oneBath?: boolean;
}

/** True for a davies scenario with several baths (`baths` of length > 1). */
function severalBaths(s: ConformScenario): boolean {
  const baths = (s as { baths?: unknown }).baths;
  return Array.isArray(baths) && baths.length > 1;
}

const ENGINE_HYPOTHESIS = 'the numbers are the engine\'s own, for a scenario qep generated';

function build(model: ConformModel, arbitrary: fc.Arbitrary<EngineInstance>, spec: Spec): ConsistencyClaim {
  const guard =
    (f: Check): Check =>
    (i) => {
      const missing = missingKeys(i.result, spec.keys);
      if (missing.length > 0) return { kind: 'not-applicable', reason: `the result lacks ${missing.join(', ')}` };
      return spec.oneBath && severalBaths(i.scenario) ? { kind: 'not-applicable', reason: 'several baths (the claim is about one bath and its Gibbs state)' } : f(i);
    };
  return {
    model,
    keys: spec.keys,
    claim: propertyClaim<EngineInstance>({
      id: spec.id,
      equation: spec.equation,
      statement: spec.statement,
      hypotheses: [ENGINE_HYPOTHESIS, ...(spec.hypotheses ?? [])],
      arbitrary,
      check: guard(spec.check),
      mutant: guard(spec.mutant),
      describe,
    }),
  };
}

/** 1/β and F_eq = −T ln Z of a one-bath davies scenario (the claims using them are not applicable to several baths). */
const oneBathBeta = (s: ConformScenario): number => (s as DaviesScenarioJSON).beta;
const invBeta = (s: ConformScenario): number => 1 / oneBathBeta(s);
const fEq = (s: ConformScenario): number => -logPartition(scenarioEnergies(s as DaviesScenarioJSON), oneBathBeta(s)) / oneBathBeta(s);

/** Whether rho0 of a davies scenario is its Gibbs state (within the tolerance). */
function startsAtGibbs(s: DaviesScenarioJSON, tol: ConformTolerance): boolean {
  return normMax(sub(matrixFromJSON(s.rho0, 'rho0'), gibbsState(daviesH(s), s.beta))) <= tol.atol;
}

function gibbsFixed(tol: ConformTolerance, mutant: boolean): Check {
  return ({ scenario, result }) => {
    const s = scenario as DaviesScenarioJSON;
    if (!startsAtGibbs(s, tol)) return { kind: 'not-applicable', reason: 'rho0 is not the Gibbs state' };
    const rho0 = matrixFromJSON(s.rho0, 'rho0');
    // Mutant: "the maximally mixed state is the fixed point".
    const target = mutant ? scale(identity(rho0.rows), 1 / rho0.rows) : rho0;
    const rhos = matrices(result, 'rho');
    return worstOf(
      rhos.map((rho, k) => {
        const residual = normMax(sub(rho, target));
        return residual <= tol.atol + tol.rtol ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `rho moved away from the Gibbs state rho0 by ${fmt(residual)} (max entry)${at(k, rhos.length)}` };
      }),
    );
  };
}

function populationsNormalised(tol: ConformTolerance, mutant: boolean): Check {
  return ({ result }) => {
    const ps = (valueAt(result, 'populations') as unknown[][]).map((p) => p.map((x) => toNumber(x) ?? NaN));
    return worstOf(
      ps.map((p, k) => {
        const total = p.reduce((a, b) => a + (mutant ? b * b : b), 0);
        const residual = Math.max(Math.abs(total - 1), ...p.map((x) => Math.max(0, -x)));
        if (Number.isNaN(residual)) return { kind: 'fail', residual: Infinity, detail: `NaN in populations${at(k, ps.length)}` };
        return residual <= tol.atol + tol.rtol ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `populations ${p.map(fmt).join(', ')} (sum ${fmt(total)})${at(k, ps.length)}` };
      }),
    );
  };
}

/** The Davies claims on an engine's result (Eqs. 1–15). */
function daviesClaims(tol: ConformTolerance): ConsistencyClaim[] {
  const arb = ownInstances('davies');
  const c = (spec: Spec) => build('davies', arb, spec);
  const lin = (lhs: string, terms: Term[], constant?: (s: ConformScenario) => number) => linearIdentity(tol, lhs, terms, constant);
  const flip = (terms: Term[]): Term[] => terms.map((t, j) => (j === terms.length - 1 ? { key: t.key, coef: typeof t.coef === 'number' ? -t.coef : (s: ConformScenario) => -(t.coef as (s: ConformScenario) => number)(s) } : t));
  const identity = (id: string, equation: string, statement: string, lhs: string, terms: Term[], constant?: (s: ConformScenario) => number) =>
    c({ id, equation, statement, keys: [lhs, ...terms.map((t) => t.key)], check: lin(lhs, terms, constant), mutant: lin(lhs, flip(terms), constant), oneBath: constant !== undefined || terms.some((t) => typeof t.coef !== 'number') });
  return [
    c({ id: 'conform.davies.state', equation: '2', statement: '\\rho(t) = \\rho^\\dagger,\\ \\mathrm{tr}\\,\\rho = 1,\\ \\rho \\ge 0', keys: ['rho'], check: densityMatrices(tol, 'rho'), mutant: densityMatrices(tol, 'rho', true) }),
    c({ id: 'conform.davies.populations', equation: '3', statement: '\\sum_n p_n(t) = 1,\\ p_n \\ge 0', keys: ['populations'], check: populationsNormalised(tol, false), mutant: populationsNormalised(tol, true) }),
    c({
      id: 'conform.davies.gibbs-fixed',
      equation: '2',
      statement: '\\rho(0) = \\rho^{eq}_S \\Rightarrow \\rho(t) = \\rho^{eq}_S',
      hypotheses: ['rho0 is the Gibbs state e^{−βH}/Z', 'one bath'],
      keys: ['rho'],
      oneBath: true,
      check: gibbsFixed(tol, false),
      mutant: gibbsFixed(tol, true),
    }),
    c({
      id: 'conform.davies.entropy',
      equation: '1',
      statement: 'S = -\\mathrm{tr}\\,\\rho\\ln\\rho\\ \\text{of the engine\'s own}\\ \\rho',
      keys: ['rho', 'S'],
      check: fromStates(tol, 'S', (rho) => vonNeumannEntropy(rho), '−tr ρ ln ρ'),
      mutant: fromStates(tol, 'S', (rho) => Math.log(rho.rows) - vonNeumannEntropy(rho), 'ln d + tr ρ ln ρ'),
    }),
    c({
      id: 'conform.davies.relative-entropy',
      equation: '7',
      statement: 'S(\\rho\\|\\rho^{eq}_S)\\ \\text{of the engine\'s own}\\ \\rho',
      keys: ['rho', 'Srel'],
      oneBath: true,
      check: fromStates(tol, 'Srel', (rho, s) => relativeEntropyToGibbs(rho, daviesH(s), s.beta), 'S(ρ‖ρ_eq)'),
      mutant: fromStates(tol, 'Srel', (rho, s) => relativeEntropyToGibbs(rho, daviesH(s), 2 * s.beta), 'S(ρ‖ρ_eq at 2β)'),
    }),
    c({
      id: 'conform.davies.coherence',
      equation: '10',
      statement: 'C(\\rho) = S(\\Delta_{H}\\rho) - S(\\rho)\\ \\text{of the engine\'s own}\\ \\rho',
      keys: ['rho', 'C'],
      check: fromStates(tol, 'C', (rho, s) => relativeEntropyOfCoherence(rho, daviesH(s)), 'S(Δρ) − S(ρ)'),
      mutant: fromStates(tol, 'C', (rho) => -vonNeumannEntropy(rho), '−S(ρ)'),
    }),
    identity('conform.davies.free-energy', '7', 'F = F_{eq} + T\\,S(\\rho\\|\\rho^{eq}_S)', 'F', [{ key: 'Srel', coef: invBeta }], fEq),
    identity('conform.davies.relative-entropy-split', '9', 'S(\\rho\\|\\rho^{eq}) = S(p\\|p^{eq}) + C(\\rho)', 'Srel', [{ key: 'Srel_pop', coef: 1 }, { key: 'C', coef: 1 }]),
    identity('conform.davies.pi-split', '12', '\\Pi = \\Pi_d + \\Upsilon', 'Pi', [{ key: 'Pi_d', coef: 1 }, { key: 'Upsilon', coef: 1 }]),
    identity('conform.davies.entropy-balance', '1', '\\frac{dS}{dt} = \\Pi - \\Phi', 'dSdt', [{ key: 'Pi', coef: 1 }, { key: 'Phi', coef: -1 }]),
    c({ id: 'conform.davies.pi-nonnegative', equation: '8', statement: '\\Pi \\ge 0', keys: ['Pi'], check: nonNegative(tol, 'Pi'), mutant: nonNegative(tol, 'Pi', -1) }),
    c({ id: 'conform.davies.pi-d-nonnegative', equation: '13', statement: '\\Pi_d \\ge 0', keys: ['Pi_d'], check: nonNegative(tol, 'Pi_d'), mutant: nonNegative(tol, 'Pi_d', -1) }),
    c({ id: 'conform.davies.upsilon-nonnegative', equation: '14', statement: '\\Upsilon \\ge 0', keys: ['Upsilon'], check: nonNegative(tol, 'Upsilon'), mutant: nonNegative(tol, 'Upsilon', -1) }),
    c({
      id: 'conform.davies.relative-entropy-decreases',
      equation: '8',
      statement: 'S(\\rho(t)\\|\\rho^{eq})\\ \\text{never increases}',
      keys: ['Srel'],
      check: nonIncreasing(tol, 'Srel'),
      mutant: nonIncreasing(tol, 'Srel', -1),
    }),
    c({
      id: 'conform.davies.population-relative-entropy-decreases',
      equation: '13',
      statement: 'S(p(t)\\|p^{eq})\\ \\text{never increases}',
      keys: ['Srel_pop'],
      check: nonIncreasing(tol, 'Srel_pop'),
      mutant: nonIncreasing(tol, 'Srel_pop', -1),
    }),
    c({ id: 'conform.davies.coherence-decreases', equation: '14', statement: 'C(\\rho(t))\\ \\text{never increases}', keys: ['C'], check: nonIncreasing(tol, 'C'), mutant: nonIncreasing(tol, 'C', -1) }),
  ];
}

/** Gibbs populations of H_S (ascending energies). */
function systemGibbs(s: ThermalScenarioJSON): Float64Array {
  return gibbsPopulations(eigh(matrixFromJSON(s.HS, 'HS')).values, s.beta);
}

function transitionMatrix(tol: ConformTolerance, mutant: boolean): Check {
  return ({ scenario, result }) => {
    const Q = (valueAt(result, 'Q') as unknown[][]).map((row) => row.map((x) => toNumber(x) ?? NaN));
    const d = Q.length;
    const peq = systemGibbs(scenario as ThermalScenarioJSON);
    let residual = 0;
    let what = '';
    const note = (r: number, text: string) => {
      if (!(r <= residual)) {
        residual = Number.isNaN(r) ? Infinity : r;
        what = text;
      }
    };
    for (let n = 0; n < d; n++) {
      let col = 0;
      let image = 0;
      for (let m = 0; m < d; m++) {
        note(-Q[m][n], `Q[${m}][${n}] = ${fmt(Q[m][n])} < 0`);
        col += Q[m][n];
        image += (mutant ? Q[m][n] : Q[n][m]) * peq[m];
      }
      note(Math.abs(col - 1), `column ${n} of Q sums to ${fmt(col)}`);
      note(Math.abs(image - peq[n]), `(Q p_eq)[${n}] = ${fmt(image)} but p_eq[${n}] = ${fmt(peq[n])}`);
    }
    return residual <= tol.atol + tol.rtol ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: what };
  };
}

function coherenceFactors(tol: ConformTolerance, mutant: boolean): Check {
  return ({ result }) => {
    const Q = (valueAt(result, 'Q') as unknown[][]).map((row) => row.map((x) => toNumber(x) ?? NaN));
    const a = valueAt(result, 'alpha') as MatrixValue;
    let residual = 0;
    let detail = '';
    for (let n = 0; n < Q.length; n++) {
      for (let m = 0; m < Q.length; m++) {
        const re = a.re[n][m] as number | null;
        const im = a.im[n][m] as number | null;
        if (n === m || re === null || im === null) continue;
        const abs2 = (toNumber(re) ?? NaN) ** 2 + (toNumber(im) ?? NaN) ** 2;
        const bound = mutant ? Q[n][n] * Q[m][m] * 0.25 : Q[n][n] * Q[m][m];
        const excess = Number.isNaN(abs2 - bound) ? Infinity : abs2 - bound;
        if (excess > residual) {
          residual = excess;
          detail = `|alpha[${n}][${m}]|² = ${fmt(abs2)} > Q[${n}][${n}]·Q[${m}][${m}] = ${fmt(bound)}`;
        }
      }
    }
    return residual <= tol.atol + tol.rtol ? { kind: 'pass', residual } : { kind: 'fail', residual, detail };
  };
}

function fullRank(s: ThermalScenarioJSON): boolean {
  return eigh(matrixFromJSON(s.rhoS, 'rhoS')).values[0] > TOL.zeroEigenvalue;
}

function meanExpMinusSigma(tol: ConformTolerance, mutant: boolean): Check {
  return ({ scenario, result }) => {
    if (!fullRank(scenario as ThermalScenarioJSON)) return { kind: 'not-applicable', reason: 'rhoS is rank-deficient (Eq. 40 needs full rank)' };
    const x = series(result, 'traj.mean_exp_minus_sigma')[0];
    const target = mutant ? Math.exp(-series(result, 'Sigma')[0]) : 1;
    const residual = Math.abs(x - target);
    if (Number.isNaN(residual)) return { kind: 'fail', residual: Infinity, detail: `traj.mean_exp_minus_sigma = ${fmt(x)}` };
    return residual <= tol.atol + tol.rtol ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `traj.mean_exp_minus_sigma = ${fmt(x)}, not ${fmt(target)}` };
  };
}

function thermalSystemStateCheck(tol: ConformTolerance, key: 'Sigma' | 'C_S_final', mutant: boolean): Check {
  return ({ scenario, result }) => {
    const s = scenario as ThermalScenarioJSON;
    const rho = matrices(result, 'rhoS_final')[0];
    if (stateResidual(rho).residual > tol.atol + tol.rtol) return { kind: 'not-applicable', reason: 'rhoS_final is not a density matrix (see conform.thermal.state)' };
    const HS = matrixFromJSON(s.HS, 'HS');
    const x = series(result, key)[0];
    let y: number;
    if (key === 'Sigma') {
      const before = relativeEntropyToGibbs(matrixFromJSON(s.rhoS, 'rhoS'), HS, s.beta);
      y = before - (mutant ? -1 : 1) * relativeEntropyToGibbs(rho, HS, s.beta);
    } else {
      y = mutant ? vonNeumannEntropy(rho) : relativeEntropyOfCoherence(rho, HS);
    }
    const residual = Math.abs(x - y);
    if (!Number.isFinite(residual)) return x === y ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: Infinity, detail: `${key} = ${fmt(x)}, from rhoS_final ${fmt(y)}` };
    return residual <= tol.atol + tol.rtol * Math.abs(y) ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `${key} = ${fmt(x)} but ${fmt(y)} from the engine's own rhoS_final` };
  };
}

/** The thermal-operation claims on an engine's result (Eqs. 16–44). */
function thermalClaims(tol: ConformTolerance): ConsistencyClaim[] {
  const arb = ownInstances('thermal-operation');
  const c = (spec: Spec) => build('thermal-operation', arb, spec);
  const identity = (id: string, equation: string, statement: string, lhs: string, terms: Term[]) => {
    const flipped = terms.map((t, j) => (j === terms.length - 1 ? { key: t.key, coef: -(t.coef as number) } : t));
    return c({ id, equation, statement, keys: [lhs, ...terms.map((t) => t.key)], check: linearIdentity(tol, lhs, terms), mutant: linearIdentity(tol, lhs, flipped) });
  };
  const nonneg = (id: string, equation: string, statement: string, key: string) => c({ id, equation, statement, keys: [key], check: nonNegative(tol, key), mutant: nonNegative(tol, key, -1) });
  return [
    c({ id: 'conform.thermal.state', equation: '18', statement: "\\rho'_S\\ \\text{and}\\ \\rho'_E\\ \\text{are density matrices}", keys: ['rhoS_final', 'rhoE_final'], check: (i) => worstOf([densityMatrices(tol, 'rhoS_final')(i), densityMatrices(tol, 'rhoE_final')(i)]), mutant: densityMatrices(tol, 'rhoS_final', true) }),
    c({ id: 'conform.thermal.transition-matrix', equation: '19', statement: 'Q(m|n) \\ge 0,\\ \\sum_m Q(m|n) = 1,\\ \\sum_n Q(m|n)p^{eq}_n = p^{eq}_m', keys: ['Q'], check: transitionMatrix(tol, false), mutant: transitionMatrix(tol, true) }),
    c({ id: 'conform.thermal.coherence-factors', equation: '21', statement: '|\\alpha_{nm}|^2 \\le Q(n|n)\\,Q(m|m)', keys: ['alpha', 'Q'], check: coherenceFactors(tol, false), mutant: coherenceFactors(tol, true) }),
    c({ id: 'conform.thermal.sigma-from-states', equation: '22', statement: "\\Sigma = S(\\rho_S\\|\\rho^{eq}_S) - S(\\rho'_S\\|\\rho^{eq}_S)\\ \\text{with the engine's own}\\ \\rho'_S", keys: ['rhoS_final', 'Sigma'], check: thermalSystemStateCheck(tol, 'Sigma', false), mutant: thermalSystemStateCheck(tol, 'Sigma', true) }),
    c({ id: 'conform.thermal.final-coherence', equation: '10', statement: "C(\\rho'_S)\\ \\text{of the engine's own}\\ \\rho'_S", keys: ['rhoS_final', 'C_S_final'], check: thermalSystemStateCheck(tol, 'C_S_final', false), mutant: thermalSystemStateCheck(tol, 'C_S_final', true) }),
    nonneg('conform.thermal.sigma-nonnegative', '22', '\\Sigma \\ge 0', 'Sigma'),
    nonneg('conform.thermal.sigma-d-nonnegative', '24', '\\Sigma_d \\ge 0', 'Sigma_d'),
    nonneg('conform.thermal.xi-nonnegative', '25', '\\Xi \\ge 0', 'Xi'),
    identity('conform.thermal.sigma-split', '23', '\\Sigma = \\Sigma_d + \\Xi', 'Sigma', [{ key: 'Sigma_d', coef: 1 }, { key: 'Xi', coef: 1 }]),
    identity('conform.thermal.mutual-information', '26', "\\Sigma = S(\\rho'_E\\|\\rho^{eq}_E) + I(\\rho'_{SE})", 'Sigma', [{ key: 'Srel_E', coef: 1 }, { key: 'I_SE', coef: 1 }]),
    identity('conform.thermal.dephased-entropy', '27', "S(\\Delta(\\rho'_{SE})) = S(\\Delta(\\rho_S)) + S(\\rho^{eq}_E)", 'S_deph_SE_final', [{ key: 'S_deph_S', coef: 1 }, { key: 'S_E_eq', coef: 1 }]),
    identity('conform.thermal.coherence-conserved', '28', "C(\\rho'_{SE}) = C(\\rho_S)", 'C_SE_final', [{ key: 'C_S', coef: 1 }]),
    identity('conform.thermal.xi-coherence', '29', "\\Xi = C(\\rho'_{SE}) - C(\\rho'_S)", 'Xi', [{ key: 'C_SE_final', coef: 1 }, { key: 'C_S_final', coef: -1 }]),
    identity('conform.thermal.correlated-coherence', '30', "C_{cc} = C(\\rho'_{SE}) - C(\\rho'_S) - C(\\rho'_E)", 'C_cc', [{ key: 'C_SE_final', coef: 1 }, { key: 'C_S_final', coef: -1 }, { key: 'C_E_final', coef: -1 }]),
    identity('conform.thermal.xi-local-nonlocal', '31', "\\Xi = C(\\rho'_E) + C_{cc}", 'Xi', [{ key: 'C_E_final', coef: 1 }, { key: 'C_cc', coef: 1 }]),
    c({
      id: 'conform.thermal.fluctuation-theorem',
      equation: '40',
      statement: '\\langle e^{-\\sigma} \\rangle = 1',
      hypotheses: ['rhoS full rank'],
      keys: ['traj.mean_exp_minus_sigma', 'Sigma'],
      check: meanExpMinusSigma(tol, false),
      mutant: meanExpMinusSigma(tol, true),
    }),
    identity('conform.thermal.mean-sigma', '40', '\\langle \\sigma \\rangle = \\Sigma', 'traj.mean_sigma', [{ key: 'Sigma', coef: 1 }]),
    identity('conform.thermal.mean-sigma-d', '43', '\\langle \\sigma_d \\rangle = \\Sigma_d', 'traj.mean_sigma_d', [{ key: 'Sigma_d', coef: 1 }]),
    identity('conform.thermal.mean-xi', '44', '\\langle \\xi \\rangle = \\Xi', 'traj.mean_xi', [{ key: 'Xi', coef: 1 }]),
  ];
}

/** The inverse temperatures of a davies scenario's baths (`baths`, or the one-bath `beta`). */
function bathBetas(s: ConformScenario): number[] {
  const d = s as DaviesScenarioJSON & { baths?: { beta: number }[] };
  return d.baths !== undefined ? d.baths.map((b) => b.beta) : [d.beta];
}

/** A per-time, per-bath key (J, Pi_baths, …) as numbers: rows over times, columns over baths. */
function perBath(r: Readonly<Record<string, unknown>>, key: string): number[][] {
  return (valueAt(r, key) as unknown[][]).map((row) => row.map((x) => toNumber(x) ?? NaN));
}

/** One side of a several-baths identity at time t: Σ_k coef(s, k)·bathKey[t][k] + Σ coef·key[t]. */
interface BathTerms {
  readonly bathKey?: string;
  readonly bathCoef?: (s: ConformScenario, k: number) => number;
  readonly terms?: readonly Term[];
}

function bathIdentity(tol: ConformTolerance, lhs: string, rhs: BathTerms): Check {
  return ({ scenario, result }) => {
    const a = series(result, lhs);
    const per = rhs.bathKey !== undefined ? perBath(result, rhs.bathKey) : [];
    const cols = (rhs.terms ?? []).map((t) => ({ values: series(result, t.key), coef: t.coef as number, key: t.key }));
    return worstOf(
      a.map((x, t) => {
        const parts = [...(per[t] ?? []).map((v, k) => (rhs.bathCoef ? rhs.bathCoef(scenario, k) : 1) * v), ...cols.map((c) => c.coef * c.values[t])];
        const value = parts.reduce((u, v) => u + v, 0);
        const shown = () => `${lhs} = ${fmt(x)}, ${[rhs.bathKey ? `Σ_k ${rhs.bathKey}` : '', ...cols.map((c) => c.key)].filter(Boolean).join(' and ')} give ${fmt(value)}${at(t, a.length)}`;
        if (Number.isNaN(x) || Number.isNaN(value)) return { kind: 'fail', residual: Infinity, detail: `NaN: ${shown()}` };
        if (!Number.isFinite(x) || !Number.isFinite(value)) return x === value ? { kind: 'pass', residual: 0 } : { kind: 'fail', residual: Infinity, detail: shown() };
        const residual = Math.abs(x - value);
        const scale = Math.max(Math.abs(x), ...parts.map(Math.abs));
        return residual <= tol.atol + tol.rtol * scale ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `${shown()}, |difference| = ${fmt(residual)}` };
      }),
    );
  };
}

/** Every bath's entry of a per-bath key is ≥ 0 at every time (sign −1: ≤ 0, the mutant). */
function bathsNonNegative(tol: ConformTolerance, key: string, sign: 1 | -1): Check {
  return ({ result }) =>
    worstOf(
      perBath(result, key).flatMap((row, t) =>
        row.map((raw, k): InstanceOutcome => {
          const x = sign * raw;
          if (Number.isNaN(x)) return { kind: 'fail', residual: Infinity, detail: `${key}[${t}][${k}] is NaN` };
          const residual = Math.max(0, -x);
          return residual <= tol.atol + tol.rtol * Math.abs(x) ? { kind: 'pass', residual } : { kind: 'fail', residual, detail: `${key}[${t}][${k}] = ${fmt(raw)} < 0 (bath ${k}, times[${t}])` };
        }),
      ),
    );
}

/** With one bath (B9): Π_a = 0 and ρ_ss = ρ_eq (mutant: ρ_ss maximally mixed). */
function oneBath(tol: ConformTolerance, mutant: boolean): Check {
  return ({ scenario, result }) => {
    if (bathBetas(scenario).length !== 1) return { kind: 'not-applicable', reason: 'several baths' };
    const s = scenario as DaviesScenarioJSON;
    const ss = matrices(result, 'rho_ss')[0];
    const target = mutant ? scale(identity(ss.rows), 1 / ss.rows) : gibbsState(daviesH(s), s.beta);
    const dev = normMax(sub(ss, target));
    const pia = Math.max(...series(result, 'Pi_a').map((x) => (Number.isNaN(x) ? Infinity : Math.abs(x))));
    const residual = Math.max(dev, pia);
    return residual <= tol.atol + tol.rtol
      ? { kind: 'pass', residual }
      : { kind: 'fail', residual, detail: dev >= pia ? `rho_ss differs from the Gibbs state by ${fmt(dev)} (max entry)` : `Pi_a = ${fmt(pia)} ≠ 0 with one bath` };
  };
}

/** The several-baths claims on an engine's result (B3–B9). */
function bathsClaims(tol: ConformTolerance): ConsistencyClaim[] {
  const arb = ownInstances('davies');
  const c = (spec: Spec) => build('davies', arb, spec);
  const flux = (s: ConformScenario, k: number) => -bathBetas(s)[k];
  return [
    c({ id: 'conform.baths.steady-state', equation: 'B3', statement: '\\rho_{ss}\\ \\text{is a density matrix}', keys: ['rho_ss'], check: densityMatrices(tol, 'rho_ss'), mutant: densityMatrices(tol, 'rho_ss', true) }),
    c({ id: 'conform.baths.entropy-flux', equation: 'B4', statement: '\\Phi = -\\sum_k \\beta_k J_k', keys: ['Phi', 'J'], check: bathIdentity(tol, 'Phi', { bathKey: 'J', bathCoef: flux }), mutant: bathIdentity(tol, 'Phi', { bathKey: 'J', bathCoef: (s, k) => -flux(s, k) }) }),
    c({ id: 'conform.baths.spohn', equation: 'B5', statement: '\\Pi = \\sum_k \\Pi_k + \\Upsilon_\\phi', keys: ['Pi', 'Pi_baths', 'Upsilon_deph'], check: bathIdentity(tol, 'Pi', { bathKey: 'Pi_baths', terms: [{ key: 'Upsilon_deph', coef: 1 }] }), mutant: bathIdentity(tol, 'Pi', { bathKey: 'Pi_baths', terms: [{ key: 'Upsilon_deph', coef: -1 }] }) }),
    c({ id: 'conform.baths.spohn-nonnegative', equation: 'B5', statement: '\\Pi_k \\ge 0\\ \\text{for every bath}', keys: ['Pi_baths'], check: bathsNonNegative(tol, 'Pi_baths', 1), mutant: bathsNonNegative(tol, 'Pi_baths', -1) }),
    c({ id: 'conform.baths.dephasing-nonnegative', equation: 'B5', statement: '\\Upsilon_\\phi \\ge 0', keys: ['Upsilon_deph'], check: nonNegative(tol, 'Upsilon_deph'), mutant: nonNegative(tol, 'Upsilon_deph', -1) }),
    c({ id: 'conform.baths.population-split', equation: 'B6', statement: '\\Pi_d = \\sum_k \\Pi_{d,k}', keys: ['Pi_d', 'Pi_d_baths'], check: bathIdentity(tol, 'Pi_d', { bathKey: 'Pi_d_baths' }), mutant: bathIdentity(tol, 'Pi_d', { bathKey: 'Pi_d_baths', bathCoef: (_s, k) => (k === 0 ? 2 : 1) }) }),
    c({ id: 'conform.baths.coherence-split', equation: 'B6', statement: '\\Upsilon = \\sum_k \\Upsilon_k + \\Upsilon_\\phi', keys: ['Upsilon', 'Upsilon_baths', 'Upsilon_deph'], check: bathIdentity(tol, 'Upsilon', { bathKey: 'Upsilon_baths', terms: [{ key: 'Upsilon_deph', coef: 1 }] }), mutant: bathIdentity(tol, 'Upsilon', { bathKey: 'Upsilon_baths', terms: [{ key: 'Upsilon_deph', coef: -1 }] }) }),
    c({ id: 'conform.baths.per-bath-nonnegative', equation: 'B6', statement: '\\Pi_{d,k} \\ge 0,\\ \\Upsilon_k \\ge 0', keys: ['Pi_d_baths', 'Upsilon_baths'], check: (i) => worstOf([bathsNonNegative(tol, 'Pi_d_baths', 1)(i), bathsNonNegative(tol, 'Upsilon_baths', 1)(i)]), mutant: bathsNonNegative(tol, 'Pi_d_baths', -1) }),
    c({ id: 'conform.baths.adiabatic-split', equation: 'B7', statement: '\\Pi = \\Pi_{na} + \\Pi_a', keys: ['Pi', 'Pi_na', 'Pi_a'], check: linearIdentity(tol, 'Pi', [{ key: 'Pi_na', coef: 1 }, { key: 'Pi_a', coef: 1 }]), mutant: linearIdentity(tol, 'Pi', [{ key: 'Pi_na', coef: 1 }, { key: 'Pi_a', coef: -1 }]) }),
    c({ id: 'conform.baths.nonadiabatic-nonnegative', equation: 'B7', statement: '\\Pi_{na} \\ge 0', keys: ['Pi_na'], check: nonNegative(tol, 'Pi_na'), mutant: nonNegative(tol, 'Pi_na', -1) }),
    c({ id: 'conform.baths.adiabatic-nonnegative', equation: 'B7', statement: '\\Pi_a \\ge 0', keys: ['Pi_a'], check: nonNegative(tol, 'Pi_a'), mutant: nonNegative(tol, 'Pi_a', -1) }),
    c({ id: 'conform.baths.steady-state-relative-entropy-decreases', equation: 'B7', statement: 'S(\\rho(t)\\|\\rho_{ss})\\ \\text{never increases}', keys: ['Srel_ss'], check: nonIncreasing(tol, 'Srel_ss'), mutant: nonIncreasing(tol, 'Srel_ss', -1) }),
    c({ id: 'conform.baths.one-bath', equation: 'B9', statement: 'K = 1:\\ \\rho_{ss} = \\rho_{eq},\\ \\Pi_a = 0', hypotheses: ['one bath'], keys: ['rho_ss', 'Pi_a'], check: oneBath(tol, false), mutant: oneBath(tol, true) }),
  ];
}

/**
 * Every consistency claim of `qep conform`, for both models, at the given
 * tolerances (default: those of the golden-file comparison, SCENARIO_TOL).
 */
export function consistencyClaims(tol: ConformTolerance = DEFAULT_CONFORM_TOLERANCE): ConsistencyClaim[] {
  return [...daviesClaims(tol), ...bathsClaims(tol), ...thermalClaims(tol)];
}
