/**
 * The partial swap of two resonant qubits as a thermal operation, derived from
 * its definitions (the paper's Eqs. 16–31): H_S = H_E = diag(0, ω),
 * U = e^{−iθ(σ₊⊗σ₋ + σ₋⊗σ₊)} (σ₊ = |1⟩⟨0|), ρ_S = [[1 − p₁, c], [c, p₁]],
 * ρ_E = ρ_E^eq = diag(p₀^eq, p₁^eq).
 *
 * U is derived as the solution of dU/dθ = −iXU, U(0) = 1 (X = σ₊⊗σ₋ + σ₋⊗σ₊,
 * X³ = X); ρ'_SE = U(ρ_S⊗ρ_E)U† is computed as an exact symbolic 4×4 matrix;
 * Q(m|n), α₀₁, the marginals and the spectra come from it; the entropic
 * quantities and the paper's identities follow.
 *
 * Convention: c = |ρ₀₁| is taken real. A complex phase e^{iφ} is a rotation
 * e^{iφ(Z_S + Z_E)/2}-conjugation that commutes with U and with ρ_E^eq and
 * leaves every quantity here unchanged (the numeric cross-checks use complex phases).
 */
import type { BigNumber, MathNode } from 'mathjs';
import { DerivationBuilder, DerivationError, type StepResult } from '../_internal/builder.js';
import { MatrixAlgebra, type SMat } from '../_internal/smatrix.js';
import type { Field, RatFun } from '../_internal/ratfun.js';
import type { Atoms } from '../atoms.js';
import { atomsForDomain, checkIdentitySync, type IdentityReport } from '../identity.js';
import type { Domain } from '../domain.js';
import { derivative, parseExpression, substitute, bigMath } from '../cas/mathjs.js';
import { pSplitContent, pToPretty, pmono } from '../_internal/poly.js';
import { qToString } from '../_internal/rat.js';
import { symbolTable, type DerivedModel } from './model.js';

/** The physical domain of the partial-swap model (parameters as named in `qep derive`). */
export const partialSwapDomain: Domain = {
  params: {
    theta: { sign: 'real', lo: 0.05, hi: 3.09, latex: '\\theta', description: 'swap angle: U = exp(−iθ(σ₊⊗σ₋ + σ₋⊗σ₊))' },
    beta: { sign: 'pos', lo: 0.1, hi: 3, latex: '\\beta', description: 'inverse temperature of E' },
    w: { sign: 'pos', lo: 0.1, hi: 3, latex: '\\omega', description: 'level spacing of S and E (resonant)' },
    p1: { sign: 'pos', lo: 0.02, hi: 0.98, latex: 'p_1', description: 'excited population of ρ_S' },
    c: { sign: 'nonneg', lo: 0, hi: 0.95, latex: '|c|', description: 'coherence |⟨0|ρ_S|1⟩|, below √(p₀p₁) (sampled as a fraction of it)' },
  },
  hypotheses: ['β, ω > 0', '0 < p₁ < 1', '0 ≤ |c| < √(p₀p₁) (ρ_S mixed)', 'H_S = H_E (resonant qubits)'],
  facts: [],
  derive: (d) => ({ ...d, c: d.c.times(d.p1.times(bigMath.bignumber(1).minus(d.p1)).sqrt()) as BigNumber }),
  deriveNumber: (d) => ({ ...d, c: d.c * Math.sqrt(d.p1 * (1 - d.p1)) }),
};

/** Names of the partial-swap closed forms, in output order. */
export const PARTIAL_SWAP_FORMS = [
  'Q00',
  'Q01',
  'Q10',
  'Q11',
  'alpha01',
  'bound_slack',
  'p1_final',
  'Sigma',
  'Sigma_d',
  'Xi',
  'C_S_final',
  'C_E_final',
  'C_cc',
  'I_SE',
  'Srel_E',
] as const;

/** The algebra's symbols: ct = cos θ, st = sin θ (ct² = 1 − st²), P1, C, q1 = p₁^eq. Sampled consistently. */
const algebraDomain: Domain = {
  params: {
    ct: { sign: 'real', lo: 0.05, hi: 3.09, latex: '\\cos\\theta', description: '' },
    st: { sign: 'real', lo: 0, hi: 1, latex: '\\sin\\theta', description: '' },
    P1: { sign: 'pos', lo: 0.02, hi: 0.98, latex: 'p_1', description: '' },
    C: { sign: 'nonneg', lo: 0, hi: 0.45, latex: '|c|', description: '' },
    q1: { sign: 'pos', lo: 0.02, hi: 0.49, latex: 'p_1^{eq}', description: '' },
  },
  hypotheses: [],
  facts: [{ expr: '1 - q1', why: 'p₁^eq < 1' }],
  // ct and st come from one angle, so ct² + st² = 1 holds at every sample
  derive: (d) => ({ ...d, ct: bigMath.cos(d.ct) as BigNumber, st: bigMath.sin(d.ct) as BigNumber }),
};

/** Binary entropy h(x) = −x ln x − (1 − x) ln(1 − x), as mathjs text. */
function h(x: string): string {
  return `(-(${x})*log(${x}) - (1 - (${x}))*log(1 - (${x})))`;
}

/** Entropy of a qubit state with Bloch length r: h((1 + r)/2). */
function blochEntropy(r: string): string {
  return `(-(1 + (${r}))/2*log((1 + (${r}))/2) - (1 - (${r}))/2*log((1 - (${r}))/2))`;
}

/** The exact 4×4 algebra of the swap: matrices over ct, st, P1, C, q1 and i, with U and its adjoint. */
interface SwapAlgebra {
  readonly alg: Atoms;
  readonly M: MatrixAlgebra;
  readonly F: Field;
  readonly X: SMat;
  readonly U: SMat;
  readonly Ud: SMat;
  /** An entry of the algebra as an expression in θ (ct → cos θ, st → sin θ) and the model's parameters. */
  readonly toTheta: (x: RatFun) => MathNode;
}

/** The channel on S: ρ'_SE, its marginals, Q(m|n) and α₀₁ (exact entries of the algebra). */
interface SwapChannel {
  readonly rho: SMat;
  readonly rhoF: SMat;
  readonly rhoSF: SMat;
  readonly rhoEF: SMat;
  /** Populations (p₀^eq, p₁^eq) of ρ_E. */
  readonly qE: readonly RatFun[];
  readonly Q: readonly (readonly RatFun[])[];
  readonly alpha: RatFun;
}

/** The steps the closed forms Q(m|n) and α₀₁ rest on. */
const Q_BASIS = ['swap.x-cubed', 'swap.u-ode', 'swap.u-initial', 'swap.unitary', 'swap.energy-conserving'];

/**
 * Derive the partial-swap closed forms from the definitions, in four steps:
 * U from its ODE, the channel (Q and α) from U, the closed forms of the
 * final marginals, and the entropy budget identities Eqs. 22–31.
 * @throws DerivationError when a step that must hold fails (a bug in qep).
 */
export function derivePartialSwap(): DerivedModel {
  const t0 = performance.now();
  const domain: Domain = { ...partialSwapDomain, facts: [{ expr: '1 - p1', why: 'p₁ < 1' }] };
  const atoms = atomsForDomain(domain);
  const B = new DerivationBuilder(atoms, domain);
  const swap = deriveUnitary(B, atoms, domain);
  const channel = deriveChannel(B, swap);
  deriveChannelForms(B, atoms, domain, swap, channel);
  deriveEntropyBudget(B, atoms, swap, channel);
  return {
    name: 'partial-swap',
    title: 'Partial swap of resonant qubits (Eqs. 16–31)',
    domain,
    atoms,
    definitions: [...B.definitions.values()],
    forms: Object.fromEntries(PARTIAL_SWAP_FORMS.map((n) => [n, B.forms.get(n)!])),
    steps: [...B.steps.values()],
    order: B.order,
    opinionRequests: B.opinionRequests,
    symbols: symbolTable(domain, B),
    ms: performance.now() - t0,
  };
}

/** An identity A = Bm between matrices of the algebra, checked entrywise (real and imaginary parts) as one step. */
function algebraStep(B: DerivationBuilder, S: SwapAlgebra, id: string, eq: string, statement: string, A: SMat, Bm: SMat): StepResult {
  const reports: IdentityReport[] = [];
  for (let i = 0; i < A.length; i++)
    for (let j = 0; j < A[0].length; j++) {
      const { re, im } = S.M.reIm(S.F.sub(A[i][j], Bm[i][j]));
      for (const part of [re, im]) reports.push(checkIdentitySync(S.alg.toExpression(part), '0', { atoms: S.alg, domain: algebraDomain }).report);
    }
  return recordAggregate(B, id, eq, statement, reports);
}

/**
 * Step 1 (Eq. 16): U = e^{−iθX}, X = σ₊⊗σ₋ + σ₋⊗σ₊. X³ = X gives
 * U = 1 − X² + cos θ X² − i sin θ X; it is unitary, commutes with
 * H_S⊗1 + 1⊗H_E, and solves dU/dθ = −iXU with U(0) = 1 (checked entrywise in θ).
 */
function deriveUnitary(B: DerivationBuilder, atoms: Atoms, domain: Domain): SwapAlgebra {
  const alg = atomsForDomain(algebraDomain);
  alg.addRule('ct', 2, '1 - st^2');
  const M = new MatrixAlgebra(alg);
  const F = alg.field;
  const sp = M.of([
    ['0', '0'],
    ['1', '0'],
  ]); // σ₊ = |1⟩⟨0|
  const sm = M.adjoint(sp);
  const X = M.add(M.kron(sp, sm), M.kron(sm, sp));
  const X2 = M.mul(X, X);
  const ct = alg.convertString('ct').rf;
  const minusIst = alg.convertString('-i*st').rf;
  const U = M.add(M.add(M.sub(M.identity(4), X2), M.scale(X2, ct)), M.scale(X, minusIst));
  const Ud = M.adjoint(U);
  const toTheta = (x: RatFun): MathNode =>
    substitute(parseExpression(alg.toExpression(x)), {
      ct: parseExpression('cos(theta)'),
      st: parseExpression('sin(theta)'),
      P1: parseExpression('p1'),
      C: parseExpression('c'),
      q1: parseExpression('q1'),
    });
  const S: SwapAlgebra = { alg, M, F, X, U, Ud, toTheta };

  algebraStep(B, S, 'swap.x-cubed', '16', 'X³ = X for X = σ₊⊗σ₋ + σ₋⊗σ₊, so e^{−iθX} = 1 − X² + cos θ X² − i sin θ X', M.mul(X2, X), X);
  algebraStep(B, S, 'swap.unitary', '16', 'U†U = 1', M.mul(Ud, U), M.identity(4));
  const N = M.of([
    ['0', '0'],
    ['0', '1'],
  ]);
  const Htot = M.add(M.kron(N, M.identity(2)), M.kron(M.identity(2), N));
  algebraStep(B, S, 'swap.energy-conserving', '16-17', '[U, H_S⊗1 + 1⊗H_E] = 0 (resonant qubits; H in units of ω)', M.commutator(U, Htot), M.zeros(4));

  // U(θ) solves dU/dθ = −iXU with U(0) = 1: checked entrywise in θ (cos, sin as functions)
  const minusIX = M.scale(X, alg.convertString('-i').rf);
  const rhsODE = M.mul(minusIX, U);
  const reports: IdentityReport[] = [];
  const initial: IdentityReport[] = [];
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      const u = M.reIm(U[i][j]);
      const r = M.reIm(rhsODE[i][j]);
      reports.push(checkIdentitySync(derivative(toTheta(u.re), 'theta'), toTheta(r.re), { atoms, domain }).report);
      reports.push(checkIdentitySync(derivative(toTheta(u.im), 'theta'), toTheta(r.im), { atoms, domain }).report);
      initial.push(checkIdentitySync(substitute(toTheta(u.re), { theta: parseExpression('0') }), i === j ? '1' : '0', { atoms, domain }).report);
      initial.push(checkIdentitySync(substitute(toTheta(u.im), { theta: parseExpression('0') }), '0', { atoms, domain }).report);
    }
  recordAggregate(B, 'swap.u-ode', '16', 'U(θ) = 1 − X² + cos θ X² − i sin θ X solves dU/dθ = −iXU', reports);
  recordAggregate(B, 'swap.u-initial', '16', 'U(0) = 1', initial);
  return S;
}

/**
 * Step 2 (Eqs. 18–20, 27–28): ρ'_SE = U(ρ_S⊗ρ_E)U† as an exact matrix, its
 * marginals, Q(m|n) = Σ_{µ,ν} |⟨m ν|U|n µ⟩|² q_µ and α₀₁ = Σ_{µ,ν} ⟨0|M_µν|0⟩⟨1|M_µν†|1⟩;
 * the population map, stochasticity, Gibbs preservation, the coherence map,
 * the dephased blocks and the spectrum of ρ'_SE are checked.
 */
function deriveChannel(B: DerivationBuilder, S: SwapAlgebra): SwapChannel {
  const { alg, M, F, U, Ud } = S;
  const rhoS = M.of([
    ['1 - P1', 'C'],
    ['C', 'P1'],
  ]);
  const rhoE = M.of([
    ['1 - q1', '0'],
    ['0', 'q1'],
  ]);
  const rho = M.kron(rhoS, rhoE);
  const rhoF = M.mul(M.mul(U, rho), Ud);
  const rhoSF = M.partialTrace(rhoF, 2, 2, 0);
  const rhoEF = M.partialTrace(rhoF, 2, 2, 1);
  const qE = [alg.convertString('1 - q1').rf, alg.convertString('q1').rf];
  // Q(m|n) = Σ_{µ,ν} |⟨m ν|U|n µ⟩|² q_µ  (Eqs. 18-19)
  const Q: RatFun[][] = [0, 1].map((m) =>
    [0, 1].map((n) => {
      let s = F.const({ n: 0n, d: 1n });
      for (let mu = 0; mu < 2; mu++)
        for (let nu = 0; nu < 2; nu++) {
          const z = U[m * 2 + nu][n * 2 + mu];
          s = F.add(s, F.mul(F.mul(z, M.conj(z)), qE[mu]));
        }
      return s;
    }),
  );
  // α₀₁ = Σ_{µ,ν} ⟨0|M_µν|0⟩⟨1|M_µν†|1⟩, M_µν = √q_µ ⟨ν|U|µ⟩  (Eq. 20)
  let alpha = F.const({ n: 0n, d: 1n });
  for (let mu = 0; mu < 2; mu++)
    for (let nu = 0; nu < 2; nu++) alpha = F.add(alpha, F.mul(F.mul(U[0 * 2 + nu][0 * 2 + mu], M.conj(U[1 * 2 + nu][1 * 2 + mu])), qE[mu]));
  const one = (x: RatFun): SMat => [[x]];
  algebraStep(B, S, 'eq19.populations', '19', "p'₁ = Q(1|0)p₀ + Q(1|1)p₁", one(rhoSF[1][1]), one(F.add(F.mul(Q[1][0], alg.convertString('1 - P1').rf), F.mul(Q[1][1], alg.convertString('P1').rf))));
  algebraStep(B, S, 'eq19.stochastic', '19', 'Σ_m Q(m|n) = 1', [[F.add(Q[0][0], Q[1][0]), F.add(Q[0][1], Q[1][1])]], [[F.const({ n: 1n, d: 1n }), F.const({ n: 1n, d: 1n })]]);
  algebraStep(B, S, 'eq19.gibbs-preserving', '19', 'Σ_n Q(m|n) p_eq,n = p_eq,m', [[F.add(F.mul(Q[0][0], qE[0]), F.mul(Q[0][1], qE[1])), F.add(F.mul(Q[1][0], qE[0]), F.mul(Q[1][1], qE[1]))]], [qE]);
  algebraStep(B, S, 'eq20.coherence', '20', "ρ'₀₁ = α₀₁ ρ₀₁", one(rhoSF[0][1]), one(F.mul(alpha, alg.convertString('C').rf)));
  algebraStep(B, S, 'eq27.blocks', '27', "Δ(ρ'_SE): the |00⟩, |11⟩ entries are p₀q₀, p₁q₁ and the {|01⟩,|10⟩} block has trace p₀q₁ + p₁q₀ and determinant p₀q₁·p₁q₀ (eigenvalues p₀q₁, p₁q₀)", [
    [rhoF[0][0], rhoF[3][3], F.add(rhoF[1][1], rhoF[2][2]), F.sub(F.mul(rhoF[1][1], rhoF[2][2]), F.mul(rhoF[1][2], rhoF[2][1]))],
  ], [[F.mul(qE[0], alg.convertString('1 - P1').rf), F.mul(qE[1], alg.convertString('P1').rf), alg.convertString('(1-P1)*q1 + P1*(1-q1)').rf, alg.convertString('(1-P1)*q1*P1*(1-q1)').rf]]);
  // unitary invariance made explicit: tr(ρ'^k) = tr(ρ^k), k = 2..4, so ρ' and ρ have one spectrum (Newton's identities)
  const powers = (A: SMat): RatFun[] => {
    const A2 = M.mul(A, A);
    const A3 = M.mul(A2, A);
    return [M.trace(A2), M.trace(A3), M.trace(M.mul(A3, A))];
  };
  algebraStep(B, S, 'swap.spectrum', '28', "tr(ρ'_SE^k) = tr((ρ_S⊗ρ_E)^k) for k = 2, 3, 4: ρ'_SE has the spectrum of ρ_S⊗ρ_E, so S(ρ'_SE) = S(ρ_S) + S(ρ_E)", [powers(rhoF)], [powers(rho)]);
  return { rho, rhoF, rhoSF, rhoEF, qE, Q, alpha };
}

/**
 * Step 3 (Eqs. 19–21): the closed forms Q(m|n), α₀₁ (real), the bound slack
 * Q(0|0)Q(1|1) − |α₀₁|² (factored and certified non-negative factor by
 * factor), p'₁ and the marginal steps of ρ'_S and ρ'_E.
 */
function deriveChannelForms(B: DerivationBuilder, atoms: Atoms, domain: Domain, S: SwapAlgebra, ch: SwapChannel): void {
  const { alg, M, F, toTheta } = S;
  const { Q, alpha } = ch;
  B.define('q1', 'p_1^{\\mathrm{eq}}', '1/(exp(beta*w) + 1)');
  B.define('q0', 'p_0^{\\mathrm{eq}}', '1 - q1');
  const qNames = [
    ['Q00', 'Q(0|0)', '1 - q1*sin(theta)^2'],
    ['Q01', 'Q(0|1)', 'q0*sin(theta)^2'],
    ['Q10', 'Q(1|0)', 'q1*sin(theta)^2'],
    ['Q11', 'Q(1|1)', '1 - q0*sin(theta)^2'],
  ] as const;
  for (const [name, tex, display] of qNames) {
    const m = Number(name[1]);
    const n = Number(name[2]);
    B.form(name, tex, display, Q_BASIS, B.inline(toTheta(Q[m][n])));
  }
  B.form('alpha01', '\\alpha_{01}', 'cos(theta)', Q_BASIS, B.inline(toTheta(M.reIm(alpha).re)));
  const alphaIm = checkIdentitySync(B.inline(toTheta(M.reIm(alpha).im)), '0', { atoms, domain }).report;
  recordAggregate(B, 'eq20.alpha-real', '20', 'α₀₁ is real', [alphaIm]);

  // Eq. (21) slack Q(0|0)Q(1|1) − |α₀₁|², factored by algebrite, certified non-negative factor by factor
  const slack = F.sub(F.mul(Q[0][0], Q[1][1]), F.mul(alpha, M.conj(alpha)));
  const slackExpr = alg.toExpression(slack);
  // qep's factorization: the content split c · (monomial) · (primitive part) of the slack polynomial
  const slackNum = F.numerator(F.cancel(slack));
  if (F.cancel(slack).den.size > 0) throw new DerivationError('Eq. 21 slack is not a polynomial');
  const split = pSplitContent(slackNum);
  const factored = [qToString(split.c), pToPretty(pmono(split.m)), `(${pToPretty(split.prim)})`].filter((x) => x !== '1' && x !== '(1)').join('*');
  const factoredBy = 'content split c·xᵐ·P of the slack polynomial';
  B.opinionRequests.push({ kind: 'factor', id: 'eq21.slack', input: slackExpr, variable: 'st' });
  if (!manifestlyNonNegative(alg, factored)) throw new DerivationError(`Eq. 21 slack ${factored} is not manifestly non-negative`);
  recordAggregate(B, 'eq21.slack', '21', `|α₀₁|² ≤ Q(0|0)Q(1|1): the slack equals ${factored} (${factoredBy}), a product of non-negative factors`, [
    checkIdentitySync(slackExpr, factored, { atoms: alg, domain: algebraDomain }).report,
  ]);
  const slackDisplay = parseExpression(factored.replace(/\bst\b/g, 'sin(theta)')).toString();
  B.form('bound_slack', 'Q(0|0)Q(1|1) - |\\alpha_{01}|^2', slackDisplay, [...Q_BASIS, 'eq21.slack'], B.inline(toTheta(slack)));
}

/**
 * Step 4 (Eqs. 22–31): the final marginals' populations, coherences and
 * Bloch lengths, their entropies, and Σ, Σ_d, Ξ, C(ρ'_S), C(ρ'_E), C_cc,
 * I(ρ'_SE), S(ρ'_E‖ρ_E^eq) derived from the algebra's marginals; then the
 * paper's budget identities on the derived forms.
 */
function deriveEntropyBudget(B: DerivationBuilder, atoms: Atoms, S: SwapAlgebra, ch: SwapChannel): void {
  const { M, F, toTheta } = S;
  const { rhoSF, rhoEF } = ch;
  const pSF = toTheta(rhoSF[1][1]);
  const cSF2 = toTheta(F.mul(rhoSF[0][1], M.conj(rhoSF[0][1])));
  const pEF = toTheta(rhoEF[1][1]);
  const cEF2 = toTheta(F.mul(rhoEF[0][1], M.conj(rhoEF[0][1])));
  B.form('p1_final', "p_1'", 'p1 + sin(theta)^2*(q1 - p1)', [...Q_BASIS], B.inline(pSF));
  B.define('q1_final', "q_1'", 'q1 + sin(theta)^2*(p1 - q1)');
  B.step('marginal.E.population', '18', "q'₁ = ⟨1|ρ'_E|1⟩ = p₁^eq + sin²θ (p₁ − p₁^eq)", 'q1_final', pEF);
  B.step('marginal.S.coherence', '20', "|ρ'_S,01|² = c² cos²θ", cSF2, 'c^2*cos(theta)^2');
  B.step('marginal.E.coherence', '18', "|ρ'_E,01|² = c² sin²θ (p₀^eq − p₁^eq)²", cEF2, 'c^2*sin(theta)^2*(q0 - q1)^2');
  B.define('r', 'r', 'sqrt((1 - 2*p1)^2 + 4*c^2)');
  B.define('r_S', "r_S'", 'sqrt((1 - 2*p1_final)^2 + 4*c^2*cos(theta)^2)');
  B.define('r_E', "r_E'", 'sqrt((1 - 2*q1_final)^2 + 4*c^2*sin(theta)^2*(q0 - q1)^2)');
  for (const [f, why] of [
    ['p1_final', 'p₁′ = cos²θ p₁ + sin²θ p₁^eq ∈ (0, 1)'],
    ['1 - p1_final', 'p₀′ = cos²θ p₀ + sin²θ p₀^eq ∈ (0, 1)'],
    ['q1_final', 'q₁′ = cos²θ p₁^eq + sin²θ p₁ ∈ (0, 1)'],
    ['1 - q1_final', 'q₀′ = cos²θ p₀^eq + sin²θ p₀ ∈ (0, 1)'],
    ['1 - r', 'ρ_S is mixed'],
    ['1 - r_S', "ρ'_S is mixed: p₀′p₁′ ≥ cos²θ p₀p₁ + sin²θ p₀^eq p₁^eq > c² cos²θ (concavity)"],
    ['1 - r_E', "ρ'_E is mixed: q₀′q₁′ ≥ cos²θ p₀^eq p₁^eq + sin²θ p₀p₁ > c² sin²θ (p₀^eq − p₁^eq)²"],
  ] as const)
    atoms.addFact(B.inline(f).toString(), why);

  B.define('S_S', 'S(\\rho_S)', blochEntropy('r'));
  B.define('S_E', 'S(\\rho_E^{\\mathrm{eq}})', h('q1'));
  B.define('S_Sf', "S(\\rho_S')", blochEntropy('r_S'));
  B.define('S_Ef', "S(\\rho_E')", blochEntropy('r_E'));
  B.define('C_S', 'C(\\rho_S)', `${h('p1')} - S_S`);
  // derived counterparts straight from the algebra's marginals
  const dS_Sf = B.inline(blochEntropy(`sqrt((1 - 2*(${pSF.toString()}))^2 + 4*(${cSF2.toString()}))`));
  const dS_Ef = B.inline(blochEntropy(`sqrt((1 - 2*(${pEF.toString()}))^2 + 4*(${cEF2.toString()}))`));
  const dpS = `(${pSF.toString()})`;
  const dpE = `(${pEF.toString()})`;
  const relS = (p: string, S: string): string => `(-(${S}) - (1 - ${p})*log(q0) - ${p}*log(q1))`;
  const klS = (p: string): string => `((1 - ${p})*log((1 - ${p})/q0) + ${p}*log(${p}/q1))`;
  const inl = (s: string): MathNode => B.inline(s);
  const dSigma = inl(`${relS('p1', 'S_S')} - ${relS(dpS, dS_Sf.toString())}`);
  const dSigma_d = inl(`${klS('p1')} - ${klS(dpS)}`);
  const dC_Sf = inl(`${h(dpS)} - (${dS_Sf.toString()})`);
  const dC_Ef = inl(`${h(dpE)} - (${dS_Ef.toString()})`);
  const dXi = inl(`C_S - (${dC_Sf.toString()})`);
  const dS_SEf = 'S_S + S_E'; // swap.spectrum
  const dI = inl(`(${dS_Sf.toString()}) + (${dS_Ef.toString()}) - (${dS_SEf})`);
  const dSrelE = inl(relS(dpE, dS_Ef.toString()));
  // S(Δρ'_SE) from the block eigenvalues (eq27.blocks): −Σ p_n q_µ ln(p_n q_µ)
  const dephSE = '(-(1-p1)*q0*log((1-p1)*q0) - (1-p1)*q1*log((1-p1)*q1) - p1*q0*log(p1*q0) - p1*q1*log(p1*q1))';
  const dC_SE = inl(`${dephSE} - (${dS_SEf})`);
  const dCcc = inl(`(${dC_SE.toString()}) - (${dC_Sf.toString()}) - (${dC_Ef.toString()})`);
  const marg = [...Q_BASIS, 'marginal.E.population', 'marginal.S.coherence', 'marginal.E.coherence'];
  B.form('Sigma', '\\Sigma', `-S_S - (1 - p1)*log(q0) - p1*log(q1) + S_Sf + (1 - p1_final)*log(q0) + p1_final*log(q1)`, marg, dSigma);
  B.form('Sigma_d', '\\Sigma_d', `${klS('p1')} - ${klS('p1_final')}`, marg, dSigma_d);
  B.form('C_S_final', "C(\\rho_S')", `${h('p1_final')} - S_Sf`, marg, dC_Sf);
  B.form('C_E_final', "C(\\rho_E')", `${h('q1_final')} - S_Ef`, marg, dC_Ef);
  B.form('Xi', '\\Xi', 'C_S - C_S_final', marg, dXi);
  B.form('I_SE', "I(\\rho_{SE}')", 'S_Sf + S_Ef - S_S - S_E', [...marg, 'swap.spectrum'], dI);
  B.form('Srel_E', "S(\\rho_E'\\|\\rho_E^{\\mathrm{eq}})", relS('q1_final', 'S_Ef'), marg, dSrelE);
  B.define('C_SE_final', "C(\\rho_{SE}')", `${dephSE} - S_S - S_E`);
  B.form('C_cc', "C_{cc}(\\rho_{SE}')", 'C_SE_final - C_S_final - C_E_final', [...marg, 'swap.spectrum', 'eq27.blocks'], dCcc);

  // ---- the paper's identities for this model (on the derived forms) -------------------------------
  B.step('eq23', '23', 'Σ = Σ_d + Ξ', dSigma, inl(`(${dSigma_d.toString()}) + (${dXi.toString()})`));
  B.step('eq26', '26', "Σ = S(ρ'_E‖ρ_E^eq) + I(ρ'_SE)", dSigma, inl(`(${dSrelE.toString()}) + (${dI.toString()})`));
  B.step('eq27', '27', "S(Δ(ρ'_SE)) = S(Δ(ρ_S)) + S(ρ_E^eq)", dephSE, `${h('p1')} + S_E`);
  B.step('eq28', '28', "C(ρ'_SE) = C(ρ_S)", dC_SE, 'C_S');
  B.step('eq29', '29', "Ξ = C(ρ'_SE) − C(ρ'_S)", dXi, inl(`(${dC_SE.toString()}) - (${dC_Sf.toString()})`));
  B.step('eq31', '31', "Ξ = C(ρ'_E) + C_cc(ρ'_SE)", dXi, inl(`(${dC_Ef.toString()}) + (${dCcc.toString()})`));
}

/** Aggregate entrywise checks into one step: proved when all are proved, else the weakest. */
function recordAggregate(B: DerivationBuilder, id: string, equation: string, statement: string, reports: readonly IdentityReport[]): StepResult {
  const order = ['proved', 'sampled', 'refuted', 'error'] as const;
  const worst = reports.reduce((w, r) => (order.indexOf(r.status) > order.indexOf(w) ? r.status : w), 'proved' as IdentityReport['status']);
  const bad = reports.find((r) => r.status === worst && worst !== 'proved');
  const report: IdentityReport = {
    status: worst,
    residual: Math.max(0, ...reports.map((r) => r.residual).filter(Number.isFinite)),
    points: Math.max(0, ...reports.map((r) => r.points)),
    engines: { exact: reports.every((r) => r.engines.exact === 'zero') ? 'zero' : 'nonzero' },
    counterexample: bad?.counterexample,
    detail: worst === 'proved' ? `${reports.length} entrywise differences reduce to 0 in exact rational arithmetic` : `${bad?.detail ?? ''}`,
    ms: reports.reduce((s, r) => s + r.ms, 0),
  };
  const r: StepResult = { id, equation, statement, expected: 'holds', report };
  B.record(r);
  if (worst !== 'proved' && worst !== 'sampled') throw new DerivationError(`derivation step ${id} (${statement}): ${worst}: ${report.detail}`);
  return r;
}

/** True when a product expression is a product of factors each certified ≥ 0 (positive, or even powers). */
function manifestlyNonNegative(atoms: Atoms, expr: string): boolean {
  const node = parseExpression(expr);
  const factors: MathNode[] = [];
  let sign = 1;
  const collect = (n: MathNode): void => {
    if (n.type === 'ParenthesisNode') return collect((n as unknown as { content: MathNode }).content);
    if (n.type === 'OperatorNode') {
      const op = n as unknown as { fn: string; args: MathNode[] };
      if (op.fn === 'multiply') return op.args.forEach(collect);
      if (op.fn === 'unaryMinus') {
        sign = -sign;
        return collect(op.args[0]);
      }
    }
    factors.push(n);
  };
  collect(node);
  for (const f of factors) {
    const s = atoms.ratSign(atoms.convert(f).rf);
    if (s === 'neg') sign = -sign;
    else if (s !== 'pos' && s !== 'nonneg') return false;
  }
  return sign > 0;
}

