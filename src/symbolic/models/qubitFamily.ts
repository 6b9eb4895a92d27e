/**
 * The qubit family of model files, derived from the definitions (Eqs. 1–15
 * and B1–B9 of docs/equations.md): H = diag(0, ω), K baths with absorption
 * W_k(1|0) = a_k and emission W_k(0|1) = e_k (a standard bath: a_k = g_k n̄_k,
 * e_k = g_k(n̄_k + 1), n̄_k = 1/(e^{β_k ω} − 1)), optional pure dephasing
 * dρ₀₁/dt ∋ −γ_φ ρ₀₁.
 *
 * The derivation follows four named steps:
 * 1. {@link generatorStep}: the Lindblad generator as an exact symbolic 2×2
 *    matrix (B1), bath by bath (B2): Pauli equation, coherence decay;
 * 2. {@link ratesAndSolutionStep}: detailed balance of each bath (proved, or
 *    the model is refused), γ₁, γ₂, the steady state (B3) and the solution
 *    p₁(t), |ρ₀₁(t)|, proved to solve the generator's equations;
 * 3. {@link entropiesStep}: S, C and the relative entropies from the Bloch
 *    eigenvalues;
 * 4. {@link derivativesStep}: the rates as CAS derivatives — in time along the
 *    solution, and bath by bath as directional derivatives along D_k(ρ) of the
 *    state functions of (p₁, |ρ₀₁|) — and the identities B4–B9 on them.
 *
 * With one standard bath and no dephasing the display forms are those of the
 * paper's qubit (the built-in `qubit-davies` model).
 */
import type { BigNumber, MathNode } from 'mathjs';
import { DerivationBuilder, type FormResult, type StepResult } from '../_internal/builder.js';
import { MatrixAlgebra, type SMat } from '../_internal/smatrix.js';
import type { RatFun } from '../_internal/ratfun.js';
import { Atoms } from '../atoms.js';
import { atomsForDomain, checkIdentitySync } from '../identity.js';
import { pointFromUnit, seededRandom, type Domain, type ParamSpec, type SignFact } from '../domain.js';
import { QepInputError } from '../../numeric/errors.js';
import { derivative, parseExpression, substitute, math, bigMath, compileBig, compileNumber, freeSymbols } from '../cas/mathjs.js';
import { symbolTable, type DerivedModel } from './model.js';
import { allFormNames, type ModelSpec, type ParameterDomain, type ModelParameter } from './modelFile.js';

/** The sampling range and sign of each parameter domain (a coherence is drawn as a fraction of its bound √(p₁(0)p₀(0))). */
const DOMAIN_SPECS: Readonly<Record<ParameterDomain, Pick<ParamSpec, 'sign' | 'lo' | 'hi'> & { readonly description: string }>> = {
  positive: { sign: 'pos', lo: 0.1, hi: 3, description: 'positive' },
  nonnegative: { sign: 'nonneg', lo: 0, hi: 5, description: 'non-negative' },
  probability: { sign: 'pos', lo: 0.02, hi: 0.98, description: 'a probability, 0 < x < 1' },
  coherence: { sign: 'nonneg', lo: 0, hi: 0.95, description: 'a coherence |c| with c² ≤ p₁(0)(1 − p₁(0)) (sampled as a fraction of the bound)' },
};

/**
 * The physical domain of a model file: signs and sampling ranges from the
 * declared domains; a `coherence` parameter is drawn as a fraction u ∈ [0, 0.95]
 * of √(p(1 − p)), p = `initial.p1` at the point (so ρ(0) is mixed).
 */
export function modelDomain(parameters: Readonly<Record<string, ModelParameter>>, initialP1: string): Domain {
  const params: Record<string, ParamSpec> = {};
  for (const [k, p] of Object.entries(parameters)) {
    const d = DOMAIN_SPECS[p.domain];
    params[k] = { sign: d.sign, lo: d.lo, hi: d.hi, latex: p.latex, description: p.description ?? d.description };
  }
  const coherent = Object.keys(parameters).filter((k) => parameters[k].domain === 'coherence');
  const hypotheses = [
    ...Object.entries(parameters).map(([k, p]) => `${k}: ${DOMAIN_SPECS[p.domain].description}`),
    'ρ(0) mixed: |ρ₀₁(0)|² < p₁(0)(1 − p₁(0))',
  ];
  if (coherent.length === 0) return { params, hypotheses, facts: [] };
  let big: ((s: Readonly<Record<string, BigNumber>>) => BigNumber | Error) | undefined;
  let num: ((s: Readonly<Record<string, number>>) => number) | undefined;
  const one = bigMath.bignumber(1);
  return {
    params,
    hypotheses,
    facts: [],
    derive: (d) => {
      big ??= compileBig(parseExpression(initialP1));
      const p = big(d);
      if (p instanceof Error) return { ...d };
      const bound = p.times(one.minus(p)).sqrt() as BigNumber;
      return { ...d, ...Object.fromEntries(coherent.map((k) => [k, d[k].times(bound) as BigNumber])) };
    },
    deriveNumber: (d) => {
      num ??= compileNumber(parseExpression(initialP1));
      const p = num(d);
      return { ...d, ...Object.fromEntries(coherent.map((k) => [k, d[k] * Math.sqrt(p * (1 - p))])) };
    },
  };
}

/** A model whose bath rates break detailed balance W_k(1|0)/W_k(0|1) = e^{−β_k ω} (derive, verify and check exit 1). */
export class DetailedBalanceError extends Error {
  override readonly name = 'DetailedBalanceError';
}

/** An expression as a factor: bare when it is a name or a number, else parenthesised. */
function w(s: string): string {
  return /^([A-Za-z][A-Za-z0-9_]*|\d+(\.\d+)?)$/.test(s.trim()) ? s.trim() : `(${s})`;
}

const neg = (n: MathNode): MathNode => new math.OperatorNode('-', 'unaryMinus', [new math.ParenthesisNode(n)]);
const mul = (a: MathNode, b: MathNode): MathNode => new math.OperatorNode('*', 'multiply', [new math.ParenthesisNode(a), new math.ParenthesisNode(b)]);
const add = (xs: readonly MathNode[]): MathNode => xs.reduce((s, x) => new math.OperatorNode('+', 'add', [new math.ParenthesisNode(s), new math.ParenthesisNode(x)]));
const sum = (xs: readonly string[]): string => xs.join(' + ');
const LOG_RATIO = 'log((1 + r)/(1 - r))';

/** The names and expressions of one bath in the derivation (k from 1). */
interface BathNames {
  readonly k: number;
  readonly beta: string;
  /** Absorption and emission as used in display forms (names of definitions, or g·n̄ for the paper's qubit). */
  readonly W10: string;
  readonly W01: string;
  readonly peq: string;
  readonly dp1: string;
  readonly dr: string;
  /** Suffix of per-bath ids: `` for one bath, `.k` otherwise. */
  readonly sfx: string;
}

/** Shared state of the four derivation steps. */
interface Ctx {
  readonly spec: ModelSpec;
  readonly K: number;
  /** One standard bath whose coupling is a parameter: the paper's qubit (display forms as the built-in model, W(1|0) = g n̄ written out). */
  readonly paper: boolean;
  readonly B: DerivationBuilder;
  readonly atoms: Atoms;
  readonly domain: Domain;
  readonly W: string;
  readonly T: string;
  readonly ss: string;
  readonly baths: readonly BathNames[];
  /** Sign facts found during the derivation (also given to the state level). */
  readonly facts: SignFact[];
  /** The generator's expressions, in the generator symbols (P0, P1, a, b, w, u_k, d_k, gph). */
  gen?: Generator;
}

interface Generator {
  readonly dP1: string;
  readonly dcRe: string;
  readonly dcIm: string;
  readonly kRe: MathNode;
  /** Per bath: dp₁/dt from D_k alone and the real coherence rate Re κ_k. */
  readonly bath: readonly { readonly dP1: string; readonly kRe: MathNode }[];
  /** Re κ_φ of the dephasing alone (0 without dephasing). */
  readonly kRePhi: MathNode;
}

/**
 * The generator's rate symbols of each bath: u_k = W_k(1|0), d_k = W_k(0|1);
 * for the paper's qubit g n̄ and g(n̄ + 1), as the paper writes them.
 */
function rateSymbols(K: number, paper: boolean): { up: string[]; down: string[] } {
  if (paper) return { up: ['g*nbar'], down: ['g*(nbar + 1)'] };
  return { up: Array.from({ length: K }, (_, i) => `u${i + 1}`), down: Array.from({ length: K }, (_, i) => `d${i + 1}`) };
}

/** Signs and sampling ranges of the generator's symbols. */
function generatorDomain(K: number, paper: boolean): Domain {
  const params: Record<string, ParamSpec> = {
    P0: { sign: 'real', lo: -1, hi: 2, latex: '\\rho_{00}', description: '' },
    P1: { sign: 'real', lo: -1, hi: 2, latex: '\\rho_{11}', description: '' },
    a: { sign: 'real', lo: -1, hi: 1, latex: '\\mathrm{Re}\\,\\rho_{01}', description: '' },
    b: { sign: 'real', lo: -1, hi: 1, latex: '\\mathrm{Im}\\,\\rho_{01}', description: '' },
    w: { sign: 'pos', lo: 0.1, hi: 3, latex: '\\omega', description: '' },
    gph: { sign: 'nonneg', lo: 0, hi: 3, latex: '\\gamma_\\phi', description: '' },
  };
  if (paper) {
    params.g = { sign: 'pos', lo: 0.1, hi: 3, latex: 'g', description: '' };
    params.nbar = { sign: 'pos', lo: 0.01, hi: 5, latex: '\\bar n', description: '' };
  } else {
    for (let k = 1; k <= K; k++) {
      params[`u${k}`] = { sign: 'pos', lo: 0.01, hi: 5, latex: `a_{${k}}`, description: '' };
      params[`d${k}`] = { sign: 'pos', lo: 0.01, hi: 5, latex: `e_{${k}}`, description: '' };
    }
  }
  return { params, hypotheses: [], facts: [] };
}

/** Substitute the generator's symbols: rates by the model's, ω by the gap, γ_φ by the dephasing, and `state` for P0, P1, a, b. */
function fromGenerator(ctx: Ctx, expr: string | MathNode, state: Readonly<Record<string, string | MathNode>> = {}): MathNode {
  const map: Record<string, MathNode> = { w: parseExpression(ctx.W), gph: parseExpression(ctx.spec.dephasing ?? '0') };
  const first = ctx.spec.baths[0];
  if (ctx.paper && first.kind === 'coupling') map.g = parseExpression(first.coupling);
  else {
    for (const b of ctx.baths) {
      map[`u${b.k}`] = parseExpression(b.W10);
      map[`d${b.k}`] = parseExpression(b.W01);
    }
  }
  for (const [k, v] of Object.entries(state)) map[k] = typeof v === 'string' ? parseExpression(v) : v;
  return ctx.B.inline(substitute(typeof expr === 'string' ? parseExpression(expr) : expr, map));
}

/**
 * Step 1 (B1, B2, Eqs. 2, 3, 5): the generator −i[H, ρ] + Σ_k D_k(ρ) + D_φ(ρ)
 * as an exact symbolic matrix in the rate symbols u_k = W_k(1|0), d_k = W_k(0|1):
 * trace preservation, the Pauli equation (in total and per bath), decoupled
 * coherences and their decay rate, per bath and for the dephasing.
 */
export function generatorStep(ctx: Ctx): void {
  const { B, K } = ctx;
  const gDomain = generatorDomain(K, ctx.paper);
  const signs: Record<string, 'pos' | 'nonneg' | 'real'> = {};
  for (const [k, p] of Object.entries(gDomain.params)) signs[k] = p.sign;
  const gAtoms = new Atoms(signs);
  const M = new MatrixAlgebra(gAtoms);
  const F = gAtoms.field;
  const H = M.of([
    ['0', '0'],
    ['0', 'w'],
  ]);
  const rho = M.of([
    ['P0', 'a + i*b'],
    ['a - i*b', 'P1'],
  ]);
  const half = F.const({ n: -1n, d: 2n });
  const lindblad = (L: SMat, rate: RatFun): SMat => {
    const Ld = M.adjoint(L);
    const anti = M.scale(M.anticommutator(M.mul(Ld, L), rho), half);
    return M.scale(M.add(M.mul(M.mul(L, rho), Ld), anti), rate);
  };
  const rf = (s: string): RatFun => gAtoms.convertString(s).rf;
  const { up: us, down: ds } = rateSymbols(K, ctx.paper);
  const baths = Array.from({ length: K }, (_, i) => M.add(lindblad(M.unit(2, 1, 0), rf(us[i])), lindblad(M.unit(2, 0, 1), rf(ds[i]))));
  const dephasing = M.add(lindblad(M.unit(2, 0, 0), rf('gph')), lindblad(M.unit(2, 1, 1), rf('gph')));
  let generator = M.add(M.scale(M.commutator(H, rho), rf('-i')), dephasing);
  for (const D of baths) generator = M.add(generator, D);
  const expr = (x: RatFun): string => gAtoms.toExpression(x);
  const dP1 = expr(generator[1][1]);
  const dc = M.reIm(generator[0][1]);
  const dcRe = expr(dc.re);
  const dcIm = expr(dc.im);
  const gstep = (id: string, eq: string, st: string, l: string | MathNode, r: string | MathNode, expected: 'holds' | 'refuted' = 'holds') =>
    B.step(id, eq, st, l, r, { domain: gDomain, atoms: gAtoms, expected });
  const totalUp = sum(us);
  const totalDecay = sum(us.map((u, i) => `${u} + ${ds[i]}`));

  gstep('generator.trace', '2', 'the generator preserves the trace: d(ρ₀₀ + ρ₁₁)/dt = 0', `${expr(generator[0][0])} + ${dP1}`, '0');
  gstep('generator.pauli', '3', 'populations obey the Pauli equation dp₁/dt = Σ_k [W_k(1|0)p₀ − W_k(0|1)p₁], independent of the coherences', dP1, `(${totalUp})*P0 - (${sum(ds)})*P1`);
  const kRe = derivative(parseExpression(dcRe), 'a');
  const kIm = derivative(parseExpression(dcIm), 'a');
  const kReS = kRe.toString();
  const kImS = kIm.toString();
  gstep('generator.coherence-decoupled.re', '5', 'Re dρ₀₁/dt = Re(κ ρ₀₁) with κ = ∂(dρ₀₁/dt)/∂Re ρ₀₁: coherences evolve independently', dcRe, `(${kReS})*a - (${kImS})*b`);
  gstep('generator.coherence-decoupled.im', '5', 'Im dρ₀₁/dt = Im(κ ρ₀₁)', dcIm, `(${kReS})*b + (${kImS})*a`);
  gstep('eq5.corrected.re', '5', 'Eq. (5) corrected: Re κ = −½Σ_k[W_k(1|0) + W_k(0|1)] − γ_φ (coherences decay)', kReS, `-(${totalDecay})/2 - gph`);
  gstep('eq5.corrected.im', '5', 'Eq. (5): Im κ = −ω₀₁ = ω', kImS, 'w');
  gstep('eq5.printed', '5', 'printed Eq. (5) "iω_nm − ½Σ": Re κ = +½Σ_k[W_k(1|0) + W_k(0|1)] (coherences would grow)', kReS, `(${totalDecay})/2 - gph`, 'refuted');
  const perBath = baths.map((D, i) => {
    const k = i + 1;
    const sfx = K === 1 ? '' : `.${k}`;
    const dP1k = expr(D[1][1]);
    const kRek = derivative(parseExpression(expr(M.reIm(D[0][1]).re)), 'a');
    gstep(`b2.pauli${sfx}`, 'B2', `bath ${k} alone: (dp₁/dt)_${k} = W_${k}(1|0)p₀ − W_${k}(0|1)p₁`, dP1k, `(${us[i]})*P0 - (${ds[i]})*P1`);
    gstep(`b2.coherence${sfx}`, 'B2', `bath ${k} alone damps ρ₀₁ at ½[W_${k}(1|0) + W_${k}(0|1)]: Re κ_${k} = −½(a_${k} + e_${k})`, kRek, `-(${us[i]} + ${ds[i]})/2`);
    return { dP1: dP1k, kRe: kRek };
  });
  const kRePhi = derivative(parseExpression(expr(M.reIm(dephasing[0][1]).re)), 'a');
  if (ctx.spec.dephasing !== undefined) {
    gstep('b2.dephasing', 'B2', 'pure dephasing leaves the populations and damps ρ₀₁ at γ_φ: (dp₁/dt)_φ = 0, Re κ_φ = −γ_φ', `(${expr(dephasing[1][1])})^2 + (${kRePhi.toString()} + gph)^2`, '0');
  }
  ctx.gen = { dP1, dcRe, dcIm, kRe, bath: perBath, kRePhi };
}

/**
 * Check detailed balance W_k(1|0)/W_k(0|1) = e^{−β_k ω} of a bath given by its
 * rates; it must be proved.
 * @throws DetailedBalanceError naming the bath, with a parameter point and both sides when refuted.
 */
function requireDetailedBalance(ctx: Ctx, b: BathNames): void {
  const lhs = ctx.B.inline(`${w(b.W10)}/${w(b.W01)}`);
  const rhs = ctx.B.inline(`exp(-${w(b.beta)}*${ctx.W})`);
  const r = checkIdentitySync(lhs, rhs, { atoms: ctx.atoms, domain: ctx.domain }).report;
  if (r.status === 'proved') return;
  const bath = `baths[${b.k - 1}]`;
  const cx = r.counterexample;
  if (cx) {
    const bathSpec = ctx.spec.baths[b.k - 1];
    const used = new Set([ctx.spec.gap, b.beta, ...(bathSpec.kind === 'rates' ? [bathSpec.absorption, bathSpec.emission] : [])].flatMap((e) => [...freeSymbols(parseExpression(e))]));
    const point = Object.entries(cx.point)
      .filter(([k]) => used.has(k))
      .map(([k, v]) => `${k} = ${Number(v).toPrecision(6)}`)
      .join(', ');
    throw new DetailedBalanceError(
      `${ctx.spec.name}: ${bath} breaks detailed balance W(1|0)/W(0|1) = exp(-beta*w): at ${point}, absorption/emission = ${Number(cx.lhs).toPrecision(10)} but exp(-beta*w) = ${Number(cx.rhs).toPrecision(10)}`,
    );
  }
  throw new DetailedBalanceError(`${ctx.spec.name}: ${bath} detailed balance W(1|0)/W(0|1) = exp(-beta*w) is not proved (${r.status}: ${r.detail})`);
}

/**
 * Step 2 (Eqs. 3–5, B3): per bath n̄_k, p_eq,k and detailed balance (proved);
 * γ₁ and γ₂ read off the generator; the steady state; the solution ansatz,
 * proved to solve the generator's equations and the initial condition.
 */
export function ratesAndSolutionStep(ctx: Ctx): void {
  const { B, K, W, T, ss, spec } = ctx;
  const gen = ctx.gen!;
  for (const [i, b] of ctx.baths.entries()) {
    const bath = spec.baths[i];
    const nbar = K === 1 ? 'nbar' : `nbar_${b.k}`;
    if (bath.kind === 'coupling') B.define(nbar, K === 1 ? '\\bar n' : `\\bar n_{${b.k}}`, `1/(exp(${w(b.beta)}*${W}) - 1)`);
    if (!ctx.paper) {
      const g = w(bath.kind === 'coupling' ? bath.coupling : '');
      B.define(b.W10, K === 1 ? 'W(1|0)' : `W_{${b.k}}(1|0)`, bath.kind === 'coupling' ? `${g}*${nbar}` : bath.absorption);
      B.define(b.W01, K === 1 ? 'W(0|1)' : `W_{${b.k}}(0|1)`, bath.kind === 'coupling' ? `${g}*(${nbar} + 1)` : bath.emission);
    }
    if (bath.kind === 'rates') requireDetailedBalance(ctx, b);
    B.define(b.peq, K === 1 ? 'p_1^{\\mathrm{eq}}' : `p_{${b.k},1}^{\\mathrm{eq}}`, `1/(exp(${w(b.beta)}*${W}) + 1)`);
    B.step(`detailed-balance.gibbs${b.sfx}`, '4', `Gibbs populations of bath ${b.k}: p_eq,1/p_eq,0 = e^{−β_${b.k}ω}`, `${b.peq}/(1 - ${b.peq})`, `exp(-${w(b.beta)}*${W})`);
    B.step(`detailed-balance${b.sfx}`, '4', `detailed balance of bath ${b.k}: W(1|0)/W(0|1) = p_eq,1/p_eq,0`, `(${b.W10})/(${b.W01})`, `${b.peq}/(1 - ${b.peq})`);
    B.step(
      `generator.stationary${b.sfx}`,
      K === 1 ? '2' : 'B1',
      `D_${b.k}(ρ_eq,${b.k}) = 0: (dp₁/dt)_${b.k} = 0 at p = p_eq,${b.k} (the coherence equation is homogeneous)`,
      fromGenerator(ctx, gen.bath[i].dP1, { P0: `1 - ${b.peq}`, P1: b.peq }),
      '0',
    );
    const db = `detailed_balance${K === 1 ? '' : `_${b.k}`}`;
    const dbBasis = [`detailed-balance${b.sfx}`, `detailed-balance.gibbs${b.sfx}`];
    if (K === 1) B.form('detailed_balance', '\\frac{W(1|0)}{W(0|1)}', `exp(-${w(b.beta)}*${W})`, dbBasis, B.inline(`(${b.W10})/(${b.W01})`));
    B.form(`detailed_balance_${b.k}`, `\\frac{W_{${b.k}}(1|0)}{W_{${b.k}}(0|1)}`, K === 1 ? db : `exp(-${w(b.beta)}*${W})`, dbBasis, B.inline(`(${b.W10})/(${b.W01})`));
  }

  const gamma1Derived = fromGenerator(ctx, neg(derivative(substitute(parseExpression(gen.dP1), { P0: parseExpression('1 - P1') }), 'P1')));
  const gamma1Terms = ctx.baths.map((b, i) => {
    const bath = spec.baths[i];
    return bath.kind === 'coupling' ? `${w(bath.coupling)}*coth(${w(b.beta)}*${W}/2)` : `${b.W10} + ${b.W01}`;
  });
  B.form('gamma1', '\\gamma_1', sum(gamma1Terms), ['generator.pauli'], gamma1Derived);
  // sign facts: the rates and their sums are positive (used to split logarithms)
  const fact = (expr: string, why: string): void => {
    ctx.atoms.addFact(expr, why);
    ctx.facts.push({ expr, why });
  };
  fact(B.inline('gamma1').toString(), 'γ₁ = Σ_k [W_k(1|0) + W_k(0|1)] > 0');
  if (K > 1) {
    fact(B.inline(sum(ctx.baths.map((b) => b.W10))).toString(), 'Σ_k W_k(1|0) > 0');
    fact(B.inline(sum(ctx.baths.map((b) => b.W01))).toString(), 'Σ_k W_k(0|1) > 0');
  }
  const dephasing = spec.dephasing === undefined ? '' : ` + ${w(spec.dephasing)}`;
  B.form('gamma2', '\\gamma_2', `gamma1/2${dephasing}`, ['generator.coherence-decoupled.re', 'generator.coherence-decoupled.im', 'eq5.corrected.re'], neg(fromGenerator(ctx, gen.kRe)));
  if (K === 1) {
    B.form('p1_ss', 'p_1^{\\mathrm{ss}}', 'q1', ['generator.stationary']);
  } else {
    const pss = `(${sum(ctx.baths.map((b) => b.W10))})/gamma1`;
    B.step('steady-state', 'B3', 'the summed Pauli equation vanishes at p₁^ss = Σ_k W_k(1|0)/γ₁', fromGenerator(ctx, gen.dP1, { P0: `1 - ${pss}`, P1: pss }), '0');
    B.form('p1_ss', 'p_1^{\\mathrm{ss}}', pss, ['steady-state', 'generator.pauli']);
  }

  // the solution: ansatz, proved to solve the generator's equations
  const P10 = w(spec.initial.p1);
  const C0 = w(spec.initial.abs_c);
  const p1Ansatz = `${ss} + (${P10} - ${ss})*exp(-gamma1*${T})`;
  const dP1t = fromGenerator(ctx, gen.dP1, { P0: `1 - (${p1Ansatz})`, P1: p1Ansatz });
  B.step('solution.p1.ode', '3', `p₁(t) = ${p1Ansatz} solves dp₁/dt = Σ_k [W_k(1|0)p₀ − W_k(0|1)p₁]`, derivative(B.inline(p1Ansatz), T), dP1t);
  B.step('solution.p1.initial', '-', 'p₁(0) = p₁(0)', substitute(B.inline(p1Ansatz), { [T]: parseExpression('0') }), spec.initial.p1);
  B.form('p1', 'p_1(t)', p1Ansatz, ['solution.p1.ode', 'solution.p1.initial', 'generator.pauli']);
  const aAnsatz = `${C0}*exp(-gamma2*${T})*cos(${W}*${T} + phi0)`;
  const bAnsatz = `${C0}*exp(-gamma2*${T})*sin(${W}*${T} + phi0)`;
  const phaseDomain: Domain = {
    ...ctx.domain,
    params: { ...ctx.domain.params, phi0: { sign: 'real', lo: -3.1, hi: 3.1, latex: '\\varphi_0', description: 'initial phase of ρ₀₁' } },
  };
  const phaseAtoms = atomsForDomain(phaseDomain);
  const cstep = (id: string, st: string, l: string | MathNode, r: string | MathNode) => B.step(id, '5', st, l, r, { domain: phaseDomain, atoms: phaseAtoms });
  const subsC = { a: aAnsatz, b: bAnsatz };
  cstep('solution.c.ode.re', `Re ρ₀₁(t) = ${aAnsatz} solves Re dρ₀₁/dt = Re(κρ₀₁)`, derivative(B.inline(aAnsatz), T), fromGenerator(ctx, gen.dcRe, subsC));
  cstep('solution.c.ode.im', `Im ρ₀₁(t) = ${bAnsatz} solves Im dρ₀₁/dt = Im(κρ₀₁)`, derivative(B.inline(bAnsatz), T), fromGenerator(ctx, gen.dcIm, subsC));
  cstep('solution.c.initial', 'ρ₀₁(0) = |c(0)| e^{iφ₀}', substitute(B.inline(`(${aAnsatz})^2 + (${bAnsatz})^2`), { [T]: parseExpression('0') }), `${C0}^2`);
  cstep('solution.abs-c', '|ρ₀₁(t)|² = |c(0)|² e^{−2γ₂t}', B.inline(`(${aAnsatz})^2 + (${bAnsatz})^2`), B.inline(`(${C0}*exp(-gamma2*${T}))^2`));
  B.form('abs_c', '|c(t)|', `${C0}*exp(-gamma2*${T})`, ['solution.c.ode.re', 'solution.c.ode.im', 'solution.c.initial', 'solution.abs-c']);
}

/** Symbols of the Bloch-eigenvalue lemma. */
const blochDomain: Domain = {
  params: {
    P1: { sign: 'pos', lo: 0.01, hi: 0.99, latex: 'p_1', description: '' },
    C: { sign: 'nonneg', lo: 0, hi: 0.45, latex: '|c|', description: '' },
  },
  hypotheses: [],
  facts: [],
};

function formBasis(B: DerivationBuilder, names: readonly string[]): string[] {
  return names.flatMap((n) => (B.forms.has(n) ? [...B.forms.get(n)!.basis] : [n]));
}

/**
 * Step 3 (Eqs. 9, 10): the Bloch eigenvalues λ± = (1 ± r)/2, the entropies
 * S(ρ), C(ρ), S(ρ‖ρ_ss) (and with one bath S(ρ‖ρ_eq), S(p‖p_eq)).
 */
export function entropiesStep(ctx: Ctx): void {
  const { B, atoms, K, ss } = ctx;
  const blochAtoms = atomsForDomain(blochDomain);
  const root = (sign: string) =>
    `((1 ${sign} sqrt((1-2*P1)^2 + 4*C^2))/2)^2 - (1 ${sign} sqrt((1-2*P1)^2 + 4*C^2))/2 + (1-P1)*P1 - C^2`;
  B.step('bloch.eigenvalues', '-', 'λ± = (1 ± r)/2 with r = √((1 − 2p₁)² + 4|c|²) are the roots of det(λ − ρ) = λ² − λ + p₀p₁ − |c|²', root('+'), '0', { domain: blochDomain, atoms: blochAtoms });
  B.step('bloch.eigenvalues.minus', '-', 'λ₋ = (1 − r)/2 is the other root', root('-'), '0', { domain: blochDomain, atoms: blochAtoms });
  B.define('r', 'r(t)', 'sqrt((1 - 2*p1)^2 + 4*abs_c^2)');
  const steady = K === 1 ? 'p₁^eq' : 'p₁^ss';
  atoms.addFact(B.inline('p1').toString(), `p₁(t) is a convex combination of p₁(0) and ${steady}, both in (0, 1)`);
  atoms.addFact(B.inline('1 - p1').toString(), `p₀(t) = 1 − p₁(t) is a convex combination of p₀(0) and 1 − ${steady}, both in (0, 1)`);
  atoms.addFact(
    B.inline('1 - r').toString(),
    `ρ(t) stays mixed: with E = e^{−γ₁t}, p₀p₁ − |c|² ≥ E(p₀(0)p₁(0) − |c(0)|²) + (1 − E)p₀^ss p₁^ss > 0 (p₀p₁ is concave in p₁, which is affine in E; |c| decays at least as fast as √E)`,
  );
  const bloch = formBasis(B, ['bloch.eigenvalues', 'bloch.eigenvalues.minus', 'p1', 'abs_c']);
  B.form('S', 'S(\\rho(t))', '-(1 + r)/2*log((1 + r)/2) - (1 - r)/2*log((1 - r)/2)', bloch);
  if (K === 1) {
    B.form('Srel', 'S(\\rho(t)\\|\\rho_{\\mathrm{eq}})', '-S - (1 - p1)*log(1 - q1) - p1*log(q1)', bloch);
    B.form('Srel_pop', 'S(p(t)\\|p_{\\mathrm{eq}})', '(1 - p1)*log((1 - p1)/(1 - q1)) + p1*log(p1/q1)', formBasis(B, ['p1']));
  }
  B.form('C', 'C(\\rho(t))', '-(1 - p1)*log(1 - p1) - p1*log(p1) - S', bloch);
  if (K === 1) B.step('eq9', '9', 'S(ρ‖ρ_eq) = S(p‖p_eq) + C(ρ)', 'Srel', 'Srel_pop + C');
  B.form('Srel_ss', 'S(\\rho(t)\\|\\rho_{\\mathrm{ss}})', K === 1 ? 'Srel' : `-S - (1 - p1)*log(1 - ${ss}) - p1*log(${ss})`, bloch);
}

/** State functions of (P1, Cm) = (p₁, |ρ₀₁|): the entropies as functions of the state, for directional derivatives. */
function stateFunctions(): { S: string; C: string; KL: (peq: string) => string; Srel: (peq: string) => string } {
  const R = 'sqrt((1 - 2*P1)^2 + 4*Cm^2)';
  const S = `(-(1 + ${R})/2*log((1 + ${R})/2) - (1 - ${R})/2*log((1 - ${R})/2))`;
  return {
    S,
    C: `(-(1 - P1)*log(1 - P1) - P1*log(P1) - ${S})`,
    KL: (peq) => `((1 - P1)*log((1 - P1)/(1 - ${peq})) + P1*log(P1/${peq}))`,
    Srel: (peq) => `(-${S} - (1 - P1)*log(1 - ${peq}) - P1*log(${peq}))`,
  };
}

/**
 * The state level, where the rates are checked as identities of the state
 * (P1, Cm) = (p₁, |ρ₀₁|). With rates given by definitions (every model but the
 * paper's qubit) the rates are generic too: W_k(1|0) → Wa_k, W_k(0|1) → We_k,
 * any positive numbers, p_eq,k = Wa_k/(Wa_k + We_k) and β_k ω = ln(We_k/Wa_k);
 * the model is an instance of that by its detailed balance, proved in step 2.
 */
interface StateLevel {
  readonly domain: Domain;
  readonly atoms: Atoms;
  /** Inline every definition and form of the derivation with p₁ → P1, |c| → Cm (and generic rates). */
  readonly inline: (expr: string | MathNode) => MathNode;
  /** A generator expression at the state level (rates generic or the model's). */
  readonly generator: (expr: string | MathNode, state?: Readonly<Record<string, string>>) => MathNode;
  /** β_k as written at the state level. */
  readonly beta: (b: BathNames) => string;
  /** Give a form its state-level expression (when its display is written differently there). */
  readonly set: (name: string, node: MathNode) => void;
}

function stateLevel(ctx: Ctx): StateLevel {
  const { B, domain, W } = ctx;
  const generic = !ctx.paper;
  const params: Record<string, ParamSpec> = {
    ...domain.params,
    P1: { sign: 'pos', lo: 0.02, hi: 0.98, latex: 'p_1', description: 'the excited population of the state' },
    Cm: { sign: 'nonneg', lo: 0, hi: 0.95, latex: '|c|', description: 'the coherence |ρ₀₁| of the state (sampled as a fraction of √(p₀p₁))' },
  };
  const map: Record<string, MathNode> = { p1: parseExpression('P1'), abs_c: parseExpression('Cm') };
  const genMap: Record<string, MathNode> = { w: parseExpression(W), gph: parseExpression(ctx.spec.dephasing ?? '0') };
  if (generic) {
    for (const b of ctx.baths) {
      params[`Wa_${b.k}`] = { sign: 'pos', lo: 0.01, hi: 5, latex: `W_{${b.k}}(1|0)`, description: 'any absorption rate' };
      params[`We_${b.k}`] = { sign: 'pos', lo: 0.01, hi: 5, latex: `W_{${b.k}}(0|1)`, description: 'any emission rate' };
      map[b.W10] = genMap[`u${b.k}`] = parseExpression(`Wa_${b.k}`);
      map[b.W01] = genMap[`d${b.k}`] = parseExpression(`We_${b.k}`);
      map[b.peq] = parseExpression(`Wa_${b.k}/(Wa_${b.k} + We_${b.k})`);
    }
    map.gamma1 = parseExpression(sum(ctx.baths.map((b) => `Wa_${b.k} + We_${b.k}`)));
    if (ctx.K > 1) map.p1_ss = parseExpression(`(${sum(ctx.baths.map((b) => `Wa_${b.k}`))})/(${sum(ctx.baths.map((b) => `Wa_${b.k} + We_${b.k}`))})`);
  }
  const stateDomain: Domain = {
    ...domain,
    params,
    derive: (d) => {
      const x = domain.derive ? domain.derive(d) : { ...d };
      return { ...x, Cm: x.Cm.times(x.P1.times(bigMath.bignumber(1).minus(x.P1)).sqrt()) as BigNumber };
    },
    deriveNumber: (d) => {
      const x = domain.deriveNumber ? domain.deriveNumber(d) : { ...d };
      return { ...x, Cm: x.Cm * Math.sqrt(x.P1 * (1 - x.P1)) };
    },
  };
  const atoms = atomsForDomain(stateDomain);
  if (!generic) for (const f of ctx.facts) atoms.addFact(f.expr, f.why);
  atoms.addFact('1 - P1', 'p₀ = 1 − p₁ > 0');
  atoms.addFact('1 - sqrt((1 - 2*P1)^2 + 4*Cm^2)', 'the state is mixed: r < 1');
  let seen = 0;
  const inline = (expr: string | MathNode): MathNode => {
    for (; seen < B.order.length; seen++) {
      const name = B.order[seen];
      const display = B.definitions.get(name)?.display ?? B.forms.get(name)?.display;
      if (!(name in map) && display) map[name] = substitute(display, map);
    }
    return substitute(typeof expr === 'string' ? parseExpression(expr) : expr, map);
  };
  return {
    domain: stateDomain,
    atoms,
    inline,
    generator: (expr, state = {}) => {
      const node = typeof expr === 'string' ? parseExpression(expr) : expr;
      const st = Object.fromEntries(Object.entries(state).map(([k, v]) => [k, parseExpression(v)]));
      return generic ? substitute(node, { ...genMap, ...st }) : fromGenerator(ctx, node, state);
    },
    beta: (b) => (generic ? `(log(${b.W01}/${b.W10})/${W})` : w(b.beta)),
    set: (name, node) => {
      map[name] = node;
    },
  };
}

/** How a state moves under one part of the generator: (dp₁/dt, d|ρ₀₁|/dt) as functions of the state (P1, Cm). */
interface Flow {
  readonly vP: MathNode;
  readonly vC: MathNode;
}

/** Shared state of the parts of step 4: the state level, its checks and the flows of the generator's parts. */
interface RateCtx {
  readonly ctx: Ctx;
  readonly st: StateLevel;
  readonly fn: ReturnType<typeof stateFunctions>;
  readonly deph: boolean;
  /** Basis of every state-level form: the Bloch eigenvalues and the solution. */
  readonly all: readonly string[];
  /** Basis of the totals: `all` and the flows' sum along the solution. */
  readonly totals: readonly string[];
  readonly sstep: (id: string, eq: string, statement: string, lhs: string | MathNode, rhs: string | MathNode, expected?: 'holds' | 'refuted') => void;
  /** A form whose display (written with `beta` for β_k) is checked against `derived` at the state level. */
  readonly sform: (name: string, latex: string, display: (beta: (b: BathNames) => string) => string, basis: readonly string[], derived: MathNode, eq: string) => void;
  /** The directional derivative d_f F = ∂F/∂p₁ · v_P + ∂F/∂|ρ₀₁| · v_C of a state function along a flow. */
  readonly along: (F: string, f: Flow) => MathNode;
  readonly flows: readonly Flow[];
  readonly phiFlow: Flow;
  readonly totalFlow: Flow;
}

/** The rates of bath k as directional derivatives along D_k (B4–B6). */
interface BathRates {
  readonly J: MathNode;
  readonly Pid: MathNode;
  readonly Ups: MathNode;
  readonly Pi: MathNode;
}

/** The total rates at the state level (B4–B6). */
interface TotalRates {
  readonly PiSpohn: MathNode;
  readonly PidSum: MathNode;
  readonly UpsTotal: MathNode;
  readonly dSTotal: MathNode;
  readonly PhiState: MathNode;
  /** Υ_φ = −d_φ C (used only with dephasing). */
  readonly upsPhi: MathNode;
}

/** Step 4a: ṗ₁ = −γ₁(p₁ − p₁^ss), ṙ = −(2(1 − 2p₁)ṗ₁ + 4γ₂|c|²)/r, and per bath (ṗ₁)_k = W_k(1|0)p₀ − W_k(0|1)p₁, ṙ_k. */
function populationAndCoherenceRates(ctx: Ctx): void {
  const { B, K, ss } = ctx;
  B.define('dp1', '\\dot p_1(t)', `-gamma1*(p1 - ${ss})`);
  B.define('dr', '\\dot r(t)', '-(2*(1 - 2*p1)*dp1 + 4*gamma2*abs_c^2)/r');
  for (const b of ctx.baths) {
    if (K > 1) B.define(b.dp1, `\\dot p_1^{(${b.k})}`, `${w(b.W10)}*(1 - p1) - ${w(b.W01)}*p1`);
    if (b.dr !== 'dr') B.define(b.dr, K === 1 ? '\\dot r^{(1)}' : `\\dot r^{(${b.k})}`, `-(2*(1 - 2*p1)*${b.dp1} + 2*(${K === 1 ? 'gamma1' : `${b.W10} + ${b.W01}`})*abs_c^2)/r`);
  }
}

/** Step 4b (B1): the flows v_k = ((ṗ₁)_k, Re κ_k |ρ₀₁|) of the baths and v_φ = (0, Re κ_φ |ρ₀₁|), and v_total = Σ_k v_k + v_φ. */
function stateFlows(ctx: Ctx): RateCtx {
  const { B, spec } = ctx;
  const gen = ctx.gen!;
  const all = formBasis(B, ['bloch.eigenvalues', 'bloch.eigenvalues.minus', 'p1', 'abs_c']);
  const st = stateLevel(ctx);
  const sstep = (id: string, eq: string, statement: string, lhs: string | MathNode, rhs: string | MathNode, expected: 'holds' | 'refuted' = 'holds') =>
    B.step(id, eq, statement, st.inline(lhs), st.inline(rhs), { domain: st.domain, atoms: st.atoms, expected });
  const where = ctx.paper ? 'at every state (p₁, |ρ₀₁|)' : 'at every state (p₁, |ρ₀₁|) and all positive rates (the model is an instance by detailed balance)';
  const sform = (name: string, latex: string, display: (beta: (b: BathNames) => string) => string, basis: readonly string[], derived: MathNode, eq: string): void => {
    const state = st.inline(display(st.beta));
    sstep(`form.${name}`, eq, `${name}: the display form equals its derivation ${where}`, state, derived);
    B.form(name, latex, display((b) => w(b.beta)), [...basis, `form.${name}`]);
    st.set(name, state);
  };
  const along = (F: string, f: Flow): MathNode => {
    const x = st.inline(F);
    return add([mul(derivative(x, 'P1'), f.vP), mul(derivative(x, 'Cm'), f.vC)]);
  };
  const flows: Flow[] = ctx.baths.map((_, i) => ({
    vP: st.generator(gen.bath[i].dP1, { P0: '1 - P1' }),
    vC: mul(st.generator(gen.bath[i].kRe), parseExpression('Cm')),
  }));
  const phiFlow: Flow = { vP: parseExpression('0'), vC: mul(st.generator(gen.kRePhi), parseExpression('Cm')) };
  const totalFlow: Flow = { vP: st.generator(gen.dP1, { P0: '1 - P1' }), vC: mul(st.generator(gen.kRe), parseExpression('Cm')) };
  sstep('b1.flows', 'B1', 'the summed generator moves (p₁, |ρ₀₁|) at the sum of the flows of the baths and the dephasing', add([totalFlow.vP, totalFlow.vC]), add([...flows.map((f) => add([f.vP, f.vC])), phiFlow.vC]));
  const totals = [...all, 'b1.flows', 'solution.p1.ode', 'solution.abs-c'];
  return { ctx, st, fn: stateFunctions(), deph: spec.dephasing !== undefined, all, totals, sstep, sform, along, flows, phiFlow, totalFlow };
}

/** Step 4c (B4–B6), per bath: J_k = ω(ṗ₁)_k, Π_d,k = −d_k S(p‖p_eq,k), Υ_k = −d_k C, Π_k = −d_k S(ρ‖ρ_eq,k) = Π_d,k + Υ_k. */
function bathRates(rc: RateCtx): BathRates[] {
  const { ctx, fn, all, sform, sstep, along, flows } = rc;
  const { B, W } = ctx;
  return ctx.baths.map((b, i) => {
    const f = flows[i];
    const basis = [...all, `b2.pauli${b.sfx}`, `b2.coherence${b.sfx}`];
    const J = mul(parseExpression(W), f.vP);
    sform(`J_${b.k}`, `J_{${b.k}}`, () => `${W}*${b.dp1}`, [`b2.pauli${b.sfx}`, ...formBasis(B, ['p1'])], J, 'B4');
    const Pid = neg(along(fn.KL(b.peq), f));
    sform(`Pi_d_${b.k}`, `\\Pi_{d,${b.k}}`, () => `${b.dp1}*log(${w(b.W10)}*(1 - p1)/(${w(b.W01)}*p1))`, [...basis, `detailed-balance${b.sfx}`], Pid, 'B6');
    const Ups = neg(along(fn.C, f));
    sform(`Upsilon_${b.k}`, `\\Upsilon_{${b.k}}`, () => `${b.dp1}*log(p1/(1 - p1)) - ${b.dr}/2*${LOG_RATIO}`, basis, Ups, 'B6');
    const Pik = neg(along(fn.Srel(b.peq), f));
    sform(`Pi_${b.k}`, `\\Pi_{${b.k}}`, (beta) => `-${b.dr}/2*${LOG_RATIO} - ${beta(b)}*J_${b.k}`, [...basis, `detailed-balance${b.sfx}`, `detailed-balance.gibbs${b.sfx}`], Pik, 'B5');
    sstep(`b6.split${b.sfx}`, 'B6', `Π_${b.k} = Π_d,${b.k} + Υ_${b.k} (as directional derivatives along D_${b.k})`, Pik, add([Pid, Ups]));
    const W10 = w(b.W10);
    const W01 = w(b.W01);
    sstep(
      `b6.schnakenberg${b.sfx}`,
      'B6',
      `Π_d,${b.k} = −d_${b.k}S(p‖p_eq,${b.k}) equals ½Σ_{n,m}[W_${b.k}(n|m)p_m − W_${b.k}(m|n)p_n] ln(W_${b.k}(n|m)p_m / W_${b.k}(m|n)p_n)`,
      Pid,
      `1/2*(${W10}*(1 - p1) - ${W01}*p1)*log(${W10}*(1 - p1)/(${W01}*p1)) + 1/2*(${W01}*p1 - ${W10}*(1 - p1))*log(${W01}*p1/(${W10}*(1 - p1)))`,
    );
    return { J, Pid, Ups, Pi: Pik };
  });
}

/** Step 4d (B5), the dephasing part: Υ_φ = −d_φ C = d_φ S, and the totals Π = Σ_k Π_k + Υ_φ, Π_d = Σ_k Π_d,k, Υ = −d_total C, dS/dt = d_total S, Φ = −Σ_k β_k J_k. */
function dephasingAndTotals(rc: RateCtx, perBath: readonly BathRates[]): TotalRates {
  const { ctx, st, fn, deph, all, sform, sstep, along, phiFlow, totalFlow } = rc;
  const upsPhi = neg(along(fn.C, phiFlow));
  if (deph) {
    sform('Upsilon_deph', '\\Upsilon_\\phi', () => `2*${w(ctx.spec.dephasing!)}*abs_c^2/r*${LOG_RATIO}`, [...all, 'b2.dephasing'], upsPhi, 'B5');
    sstep('b5.dephasing', 'B5', 'Υ_φ = −d_φ C(ρ) = d_φ S(ρ): dephasing keeps the populations', upsPhi, along(fn.S, phiFlow));
  }
  return {
    PiSpohn: add([...perBath.map((r) => r.Pi), ...(deph ? [upsPhi] : [])]),
    PidSum: add(perBath.map((r) => r.Pid)),
    UpsTotal: neg(along(fn.C, totalFlow)),
    dSTotal: along(fn.S, totalFlow),
    PhiState: neg(add(ctx.baths.map((b, i) => mul(st.inline(st.beta(b)), perBath[i].J)))),
    upsPhi,
  };
}

/** Step 4e, one bath (Eqs. 1, 8, 12–15): Π = −dS(ρ‖ρ_eq)/dt, Π_d, Υ = −dC/dt, Φ = βω dp₁/dt and dS/dt = Π − Φ as CAS time derivatives along the solution. */
function oneBathTimeDerivatives(rc: RateCtx, t: TotalRates): void {
  const { ctx, st, fn, all, sstep, along, totalFlow } = rc;
  const { B, W, T, ss } = ctx;
  const b1 = ctx.baths[0];
  const d = (name: string) => derivative(B.forms.get(name)!.inlined, T);
  const PiDerived = neg(d('Srel'));
  const PidDerived = neg(d('Srel_pop'));
  const UpsDerived = neg(d('C'));
  const PhiDerived = neg(mul(parseExpression(`${w(b1.beta)}*${W}`), d('p1')));
  B.form('Pi_d', '\\Pi_d(t)', `gamma1*(p1 - q1)*log(p1*(1 - q1)/((1 - p1)*q1))`, all, PidDerived);
  B.form('Upsilon', '\\Upsilon(t)', `dp1*log(p1/(1 - p1)) - dr/2*${LOG_RATIO}`, all, UpsDerived);
  const PiDisplay = (beta: string) => `${beta}*${W}*gamma1*(p1 - q1) - dr/2*${LOG_RATIO}`;
  const PhiDisplay = (beta: string) => `${beta}*${W}*gamma1*(p1 - q1)`;
  B.form('Pi', '\\Pi(t)', PiDisplay(w(b1.beta)), all, PiDerived);
  B.form('Phi', '\\Phi(t)', PhiDisplay(w(b1.beta)), formBasis(B, ['p1']), PhiDerived);
  st.set('Pi', st.inline(PiDisplay(st.beta(b1))));
  st.set('Phi', st.inline(PhiDisplay(st.beta(b1))));
  B.form('dSdt', '\\frac{dS}{dt}', `-dr/2*${LOG_RATIO}`, all, d('S'));
  const W10 = b1.W10;
  const W01 = b1.W01;
  const schnakenberg = `1/2*((${W10})*(1 - p1) - (${W01})*p1)*log((${W10})*(1 - p1)/((${W01})*p1)) + 1/2*((${W01})*p1 - (${W10})*(1 - p1))*log((${W01})*p1/((${W10})*(1 - p1)))`;
  B.step('eq13.schnakenberg', '13', 'Π_d = −dS(p‖p_eq)/dt equals the Schnakenberg sum ½Σ_{n,m} J_nm ln(W(n|m)p_m / W(m|n)p_n)', PidDerived, B.inline(schnakenberg));
  B.step('eq12', '12', 'Π = Π_d + Υ (as CAS derivatives)', PiDerived, add([PidDerived, UpsDerived]));
  B.step('eq1', '1', 'dS/dt = Π − Φ (as CAS derivatives)', d('S'), DerivationBuilder.minus(PiDerived, PhiDerived));
  const freeEnergy = B.inline(`${W}*p1 - S/${w(b1.beta)}`);
  B.step('eq8', '8', 'Π = −β dF/dt with F = tr(Hρ) − S(ρ)/β (Eq. 6)', PiDerived, neg(mul(parseExpression(w(b1.beta)), derivative(freeEnergy, T))));
  B.step('eq15', '15', 'Φ = −β Σ_n E_n dp_n/dt has no coherence contribution: it depends on p₁(t) only', PhiDerived, B.inline(`${w(b1.beta)}*${W}*gamma1*(p1 - q1)`));
  B.step('pi_d.factored', '13', 'Π_d = γ₁ · (p₁ − p₁^eq) · [ln(p₁p₀^eq) − ln(p₀p₁^eq)]', PidDerived, B.inline('gamma1*(p1 - q1)*(log(p1*(1 - q1)) - log((1 - p1)*q1))'));
  B.step('pi_d.sign', '13', 'p₁p₀^eq − p₀p₁^eq = p₁ − p₁^eq: the log difference has the sign of p₁ − p₁^eq (ln is increasing)', 'p1*(1 - q1) - (1 - p1)*q1', 'p1 - q1');
  sstep('b5.total', 'B5', 'Π = Σ_k Π_k + Υ_φ equals −dS(ρ‖ρ_eq)/dt (Eq. 8) at every state', t.PiSpohn, neg(along(fn.Srel(ss), totalFlow)));
}

/** Step 4e, several baths (B4–B6): Π = Σ_k Π_k + Υ_φ, Π_d = Σ_k Π_d,k, Υ, Φ = −Σ_k β_k J_k, and dS/dt = Π − Φ at every state. */
function severalBathsTotals(rc: RateCtx, t: TotalRates): void {
  const { ctx, deph, totals, sform, sstep } = rc;
  sform('Pi_d', '\\Pi_d(t)', () => sum(ctx.baths.map((b) => `Pi_d_${b.k}`)), totals, t.PidSum, 'B6');
  sform('Upsilon', '\\Upsilon(t)', () => `dp1*log(p1/(1 - p1)) - dr/2*${LOG_RATIO}`, totals, t.UpsTotal, '14');
  sform('Pi', '\\Pi(t)', () => sum([...ctx.baths.map((b) => `Pi_${b.k}`), ...(deph ? ['Upsilon_deph'] : [])]), totals, t.PiSpohn, 'B5');
  sform('Phi', '\\Phi(t)', (beta) => `-(${sum(ctx.baths.map((b) => `${beta(b)}*J_${b.k}`))})`, totals, t.PhiState, 'B4');
  sform('dSdt', '\\frac{dS}{dt}', () => `-dr/2*${LOG_RATIO}`, totals, t.dSTotal, '1');
  sstep('eq12', 'B6', 'Π = Π_d + Υ for the totals: Σ_k Π_k + Υ_φ = Σ_k Π_d,k − d_total C', t.PiSpohn, add([t.PidSum, t.UpsTotal]));
  sstep('eq1', 'B4', 'dS/dt = Π − Φ with Φ = −Σ_k β_k J_k (B4, B5)', t.dSTotal, DerivationBuilder.minus(t.PiSpohn, t.PhiState));
}

/** Step 4f (B6, B7): Π_na = −d_total S(ρ‖ρ_ss), Π_a = Π − Π_na = Σ_k (ṗ₁)_k ln(W_k(1|0)p₀^ss / W_k(0|1)p₁^ss), and Υ = Σ_k Υ_k + Υ_φ. */
function adiabaticSplit(rc: RateCtx, perBath: readonly BathRates[], t: TotalRates): MathNode {
  const { ctx, st, fn, deph, totals, sform, sstep, along, totalFlow } = rc;
  const { K, ss } = ctx;
  const PiNa = neg(along(fn.Srel(ss), totalFlow));
  sform('Pi_na', '\\Pi_{\\mathrm{na}}(t)', () => (K === 1 ? 'Pi' : `gamma1*(p1 - ${ss})*log(p1*(1 - ${ss})/((1 - p1)*${ss})) + Upsilon`), totals, PiNa, 'B7');
  const adiabatic = sum(ctx.baths.map((b) => `${b.dp1}*log(${w(b.W10)}*(1 - ${ss})/(${w(b.W01)}*${ss}))`));
  sform('Pi_a', '\\Pi_{\\mathrm{a}}(t)', () => (K === 1 ? '0' : adiabatic), totals, DerivationBuilder.minus(t.PiSpohn, PiNa), K === 1 ? 'B9' : 'B7');

  sstep('b6.upsilon-total', 'B6', 'Υ = Σ_k Υ_k + Υ_φ = −dC/dt (Eq. 14 for the total)', add([...perBath.map((r) => r.Ups), ...(deph ? [t.upsPhi] : [])]), t.UpsTotal);
  sstep('b7.split', 'B7', 'Π = Π_na + Π_a with Π_na = −dS(ρ‖ρ_ss)/dt and Π_a = ½Σ_k Σ_{n,m} J_k,nm ln(W_k(n|m)p_ss,m / W_k(m|n)p_ss,n)', t.PiSpohn, add([PiNa, st.inline(adiabatic)]));
  const PidPop = neg(along(fn.KL(ss), totalFlow));
  sstep('b7.non-adiabatic', 'B7', 'Π_na = −dS(p‖p_ss)/dt + Υ: the coherence part is entirely non-adiabatic', PiNa, add([PidPop, t.UpsTotal]));
  if (K > 1) probe(ctx, st, 'b7.pi-d-printed', 'B7', 'the one-bath statement "Π_d = −dS(p‖p_ss)/dt", read with several baths', t.PidSum, PidPop, !sameBeta(ctx));
  return PiNa;
}

/** All baths at one temperature (the one-bath statements then hold with several baths). */
function sameBeta(ctx: Ctx): boolean {
  return ctx.baths.every((b) => b.beta.trim() === ctx.baths[0].beta.trim());
}

/** Step 4g (B8), at the steady state ρ_ss = diag(1 − p₁^ss, p₁^ss): Υ = 0, Π_na = 0, Π = Π_a = Π_d. */
function steadyStateRates(rc: RateCtx, t: TotalRates, PiNa: MathNode): void {
  const { ctx, st, sstep, flows } = rc;
  const { K, ss } = ctx;
  const at = (n: MathNode): MathNode => substitute(st.inline(n), { P1: st.inline(ss), Cm: parseExpression('0') });
  const adiabaticState = add(ctx.baths.map((b, i) => mul(flows[i].vP, st.inline(`log(${w(b.W10)}*(1 - ${ss})/(${w(b.W01)}*${ss}))`))));
  sstep('b8.upsilon', 'B8', 'Υ(ρ_ss) = 0', at(t.UpsTotal), '0');
  sstep('b8.pi-na', 'B8', 'Π_na(ρ_ss) = 0', at(PiNa), '0');
  sstep('b8.pi-d', 'B8', 'Π(ρ_ss) = Π_d(ρ_ss)', at(t.PiSpohn), at(t.PidSum));
  sstep('b8.pi-a', 'B8', 'Π_a(ρ_ss) = Π_d(ρ_ss)', at(adiabaticState), at(t.PidSum));
  if (K > 1) probe(ctx, st, 'b8.pi-d-zero-printed', 'B8', 'the one-bath statement "Π_d vanishes at the steady state", read with several baths', at(t.PidSum), parseExpression('0'), !sameBeta(ctx));
}

/**
 * Step 4 (Eqs. 1, 8, 12–15, B4–B9): the rates. D_k(ρ) moves the state
 * (p₁, |ρ₀₁|) at ((dp₁/dt)_k, Re κ_k |ρ₀₁|) (step 1), so every bath-resolved
 * rate is a directional derivative d_k of a state function of (p₁, |ρ₀₁|):
 * Π_k = −d_k S(ρ‖ρ_eq,k) (B5), Π_d,k = −d_k S(p‖p_eq,k), Υ_k = −d_k C (B6),
 * Υ_φ = −d_φ C, J_k = ω (dp₁/dt)_k (B4); these identities are checked at every
 * state, hence along the solution. The solution follows the summed flow (step 2),
 * so by the chain rule a total rate is d_total = Σ_k d_k + d_φ of a state
 * function. With one bath the totals are also the CAS time derivatives of the
 * entropies along the solution (Eqs. 8, 12–15).
 */
export function derivativesStep(ctx: Ctx): void {
  populationAndCoherenceRates(ctx);
  const rc = stateFlows(ctx);
  const perBath = bathRates(rc);
  const totals = dephasingAndTotals(rc, perBath);
  if (ctx.K === 1) oneBathTimeDerivatives(rc, totals);
  else severalBathsTotals(rc, totals);
  const PiNa = adiabaticSplit(rc, perBath, totals);
  steadyStateRates(rc, totals, PiNa);
  const gammaSign = ctx.atoms.ratSign(ctx.atoms.convert(ctx.B.inline('gamma1')).rf);
  if (gammaSign !== 'pos') throw new Error(`γ₁ > 0 not certified (${gammaSign})`);
}

/** Record a state-level identity expected refuted when `refutable` (baths at different temperatures), expected to hold otherwise. */
function probe(ctx: Ctx, st: StateLevel, id: string, eq: string, statement: string, lhs: MathNode, rhs: MathNode, refutable: boolean): void {
  const r = checkIdentitySync(st.inline(lhs), st.inline(rhs), { atoms: st.atoms, domain: st.domain }).report;
  const expected = refutable && r.status === 'refuted' ? 'refuted' : 'holds';
  ctx.B.record({ id, equation: eq, statement: `${statement}${expected === 'refuted' ? ' (expected refuted: the β_k differ)' : ''}`, expected, report: r } satisfies StepResult);
}

/** Sign facts of a model file's domain that can be certified: β_kω > 0, 0 < p₁(0) < 1, positive rates. */
function domainFacts(spec: ModelSpec, W: string, domain: Domain): SignFact[] {
  const candidates: SignFact[] = [];
  const seen = new Set<string>();
  for (const b of spec.baths) {
    const f = `exp(${w(b.beta)}*${W}) - 1`;
    if (!seen.has(f)) candidates.push({ expr: f, why: 'β_kω > 0' });
    seen.add(f);
    if (b.kind === 'rates') candidates.push({ expr: b.absorption, why: 'absorption rate > 0' }, { expr: b.emission, why: 'emission rate > 0' });
  }
  candidates.push({ expr: `1 - ${w(spec.initial.p1)}`, why: 'p₁(0) < 1' }, { expr: spec.initial.p1, why: 'p₁(0) > 0' });
  const probe = atomsForDomain(domain);
  return candidates.filter((f) => {
    try {
      probe.addFact(f.expr, f.why);
      return true;
    } catch {
      return false;
    }
  });
}

/** Points at which the physical conditions of a model file are checked before its derivation. */
const PHYSICAL_POINTS = 64;

/**
 * The physical conditions of a model file at seeded points of its domain:
 * ω > 0, β_k > 0, couplings and rates > 0, γ_φ ≥ 0, 0 < p₁(0) < 1 and
 * 0 ≤ |ρ₀₁(0)| < √(p₁(0)(1 − p₁(0))) (ρ(0) mixed).
 * @throws QepInputError naming the field, the condition and the value at the first failing point.
 */
export function checkPhysical(spec: ModelSpec, domain: Domain): void {
  const rand = seededRandom(PHYSICAL_POINTS);
  const n = Object.keys(domain.params).length;
  const checks: { field: string; expr: string; ok: (x: number, s: Readonly<Record<string, number>>) => boolean; condition: string }[] = [
    { field: 'gap', expr: spec.gap, ok: (x) => x > 0, condition: '> 0' },
    ...spec.baths.flatMap((b, i) => [
      { field: `baths[${i}].beta`, expr: b.beta, ok: (x: number) => x > 0, condition: '> 0' },
      ...(b.kind === 'coupling'
        ? [{ field: `baths[${i}].coupling`, expr: b.coupling, ok: (x: number) => x > 0, condition: '> 0' }]
        : [
            { field: `baths[${i}].absorption`, expr: b.absorption, ok: (x: number) => x > 0, condition: '> 0' },
            { field: `baths[${i}].emission`, expr: b.emission, ok: (x: number) => x > 0, condition: '> 0' },
          ]),
    ]),
    ...(spec.dephasing !== undefined ? [{ field: 'dephasing', expr: spec.dephasing, ok: (x: number) => x >= 0, condition: '≥ 0' }] : []),
    { field: 'initial.p1', expr: spec.initial.p1, ok: (x) => x > 0 && x < 1, condition: 'in (0, 1)' },
  ];
  const p1 = compileNumber(parseExpression(spec.initial.p1));
  checks.push({ field: 'initial.abs_c', expr: spec.initial.abs_c, ok: (x, s) => x >= 0 && x * x < p1(s) * (1 - p1(s)), condition: 'in [0, √(p₁(0)(1 − p₁(0)))) (ρ(0) mixed)' });
  const compiled = checks.map((c) => ({ ...c, f: compileNumber(parseExpression(c.expr)) }));
  for (let i = 0; i < PHYSICAL_POINTS; i++) {
    const point = pointFromUnit(domain, Array.from({ length: n }, () => rand()));
    for (const c of compiled) {
      let x: number;
      try {
        x = c.f(point);
      } catch {
        x = NaN;
      }
      if (!(Number.isFinite(x) && c.ok(x, point))) {
        const at = Object.entries(point)
          .map(([k, v]) => `${k} = ${v.toPrecision(4)}`)
          .join(', ');
        throw new QepInputError(`${spec.name}: ${c.field}`, `${c.condition} on the declared domains`, `${Number.isFinite(x) ? x.toPrecision(6) : String(x)} at ${at}`);
      }
    }
  }
}

/**
 * Derive a qubit-family model from its validated file.
 * @throws QepInputError when the file's expressions leave the physical domain at a sample point (see {@link checkPhysical});
 *   DetailedBalanceError when a bath's absorption/emission rates break (or do not provably satisfy) detailed balance;
 *   DerivationError when a step that must hold fails (a bug in qep).
 */
export function deriveQubitFamily(spec: ModelSpec): DerivedModel {
  const t0 = performance.now();
  const K = spec.baths.length;
  const base = modelDomain(spec.parameters, spec.initial.p1);
  const W = w(spec.gap);
  checkPhysical(spec, base);
  const domain: Domain = { ...base, facts: domainFacts(spec, W, base) };
  const atoms = atomsForDomain(domain);
  const B = new DerivationBuilder(atoms, domain);
  const first = spec.baths[0];
  const paper = K === 1 && first.kind === 'coupling' && /^[A-Za-z][A-Za-z0-9_]*$/.test(first.coupling.trim());
  const deph = spec.dephasing !== undefined;
  const baths: BathNames[] = spec.baths.map((bath, i) => {
    const k = i + 1;
    const g = bath.kind === 'coupling' ? w(bath.coupling) : '';
    const one = K === 1;
    return {
      k,
      beta: bath.beta,
      W10: paper ? `${g}*nbar` : one ? 'W10' : `W10_${k}`,
      W01: paper ? `${g}*(nbar + 1)` : one ? 'W01' : `W01_${k}`,
      peq: one ? 'q1' : `peq_${k}`,
      dp1: one ? 'dp1' : `dp1_${k}`,
      dr: one && !deph ? 'dr' : `dr_${k}`,
      sfx: one ? '' : `.${k}`,
    };
  });
  const ctx: Ctx = { spec, K, paper, B, atoms, domain, W, T: spec.time, ss: K === 1 ? 'q1' : 'p1_ss', baths, facts: [...domain.facts] };
  generatorStep(ctx);
  ratesAndSolutionStep(ctx);
  entropiesStep(ctx);
  derivativesStep(ctx);
  const names = spec.forms ?? allFormNames(K, deph);
  const forms: Record<string, FormResult> = Object.fromEntries(names.map((n) => [n, B.forms.get(n)!]));
  const overrides: Record<string, string> = {
    p1: 'p_1',
    abs_c: '|c|',
    r: 'r',
    dr: '\\dot r',
    dp1: '\\dot p_1',
    S: 'S',
    C: 'C',
    Srel: 'S(\\rho\\|\\rho_{\\mathrm{eq}})',
    Srel_pop: 'S(p\\|p_{\\mathrm{eq}})',
    Srel_ss: 'S(\\rho\\|\\rho_{\\mathrm{ss}})',
    Pi: '\\Pi',
    Pi_d: '\\Pi_d',
    Upsilon: '\\Upsilon',
    Phi: '\\Phi',
  };
  return {
    name: spec.name,
    title: spec.title,
    domain,
    atoms,
    definitions: [...B.definitions.values()],
    forms,
    steps: [...B.steps.values()],
    order: B.order.filter((n) => B.definitions.has(n) || n in forms),
    opinionRequests: B.opinionRequests,
    symbols: symbolTable(domain, B, overrides),
    ms: performance.now() - t0,
  };
}
