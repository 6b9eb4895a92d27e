/**
 * The qubit Davies model, derived from its definitions (EQUATIONS.md Eqs. 1–15):
 * H = diag(0, ω), jump |0⟩→|1⟩ at rate W(1|0) = g n̄ and |1⟩→|0⟩ at rate
 * W(0|1) = g(n̄ + 1), n̄ = 1/(e^{βω} − 1).
 *
 * The Lindblad generator is built as an exact symbolic 2×2 matrix from
 * Eq. (2); the population rate γ₁ and the coherence rate γ₂ are read off it
 * with the CAS derivative; the solution ansatz is proved to solve the
 * generator's equations and the initial condition; entropies come from the
 * Bloch eigenvalues; Π_d, Υ, Π, Φ and dS/dt are CAS derivatives of the
 * entropies along the solution; the paper's identities are then checked.
 */
import type { BigNumber, MathNode } from 'mathjs';
import { DerivationBuilder } from '../_internal/builder.js';
import { symbolTable, type DerivedModel } from './model.js';
import { MatrixAlgebra } from '../_internal/smatrix.js';
import { Atoms } from '../atoms.js';
import { atomsForDomain } from '../identity.js';
import type { Domain } from '../domain.js';
import { derivative, parseExpression, substitute, math } from '../cas/mathjs.js';
import { bigMath } from '../cas/mathjs.js';

/** The physical domain of the qubit Davies model (parameters as named in `qep derive`). */
export const qubitDaviesDomain: Domain = {
  params: {
    g: { sign: 'pos', lo: 0.1, hi: 3, latex: 'g', description: 'coupling: W(1|0) = g n̄, W(0|1) = g (n̄ + 1)' },
    w: { sign: 'pos', lo: 0.1, hi: 3, latex: '\\omega', description: 'level spacing, H = diag(0, ω)' },
    beta: { sign: 'pos', lo: 0.1, hi: 3, latex: '\\beta', description: 'inverse temperature of the bath' },
    p10: { sign: 'pos', lo: 0.02, hi: 0.98, latex: 'p_1(0)', description: 'initial excited population ⟨1|ρ(0)|1⟩' },
    c0: { sign: 'nonneg', lo: 0, hi: 0.95, latex: '|c(0)|', description: 'initial coherence |⟨0|ρ(0)|1⟩|, below √(p₀(0) p₁(0)) (sampled as a fraction of it)' },
    t: { sign: 'nonneg', lo: 0, hi: 5, latex: 't', description: 'time' },
  },
  hypotheses: ['g, ω, β > 0', '0 < p₁(0) < 1', '0 ≤ |c(0)| < √(p₀(0) p₁(0)) (ρ(0) mixed)', 't ≥ 0'],
  facts: [],
  derive: (d) => ({ ...d, c0: d.c0.times(d.p10.times(bigMath.bignumber(1).minus(d.p10)).sqrt()) as BigNumber }),
  deriveNumber: (d) => ({ ...d, c0: d.c0 * Math.sqrt(d.p10 * (1 - d.p10)) }),
};

/** Signs and sampling ranges of the generator's symbolic ingredients (ρ entries, g, n̄, ω). */
const generatorDomain: Domain = {
  params: {
    P0: { sign: 'real', lo: -1, hi: 2, latex: '\\rho_{00}', description: '' },
    P1: { sign: 'real', lo: -1, hi: 2, latex: '\\rho_{11}', description: '' },
    a: { sign: 'real', lo: -1, hi: 1, latex: '\\mathrm{Re}\\,\\rho_{01}', description: '' },
    b: { sign: 'real', lo: -1, hi: 1, latex: '\\mathrm{Im}\\,\\rho_{01}', description: '' },
    g: { sign: 'pos', lo: 0.1, hi: 3, latex: 'g', description: '' },
    nbar: { sign: 'pos', lo: 0.01, hi: 5, latex: '\\bar n', description: '' },
    w: { sign: 'pos', lo: 0.1, hi: 3, latex: '\\omega', description: '' },
  },
  hypotheses: [],
  facts: [],
};

/** The coherence ansatz needs the initial phase φ₀ of ρ₀₁(0) = |c(0)| e^{iφ₀}. */
const phaseDomain: Domain = {
  ...qubitDaviesDomain,
  params: { ...qubitDaviesDomain.params, phi0: { sign: 'real', lo: -3.1, hi: 3.1, latex: '\\varphi_0', description: 'initial phase of ρ₀₁' } },
};

/** Symbols of the Bloch-eigenvalue lemma. */
const blochDomain: Domain = {
  params: {
    P1: { sign: 'pos', lo: 0.01, hi: 0.99, latex: 'p_1', description: '' },
    C: { sign: 'nonneg', lo: 0, hi: 0.45, latex: '|c|', description: '' },
  },
  hypotheses: [],
  facts: [],
};

const neg = (n: MathNode): MathNode => new math.OperatorNode('-', 'unaryMinus', [new math.ParenthesisNode(n)]);

/** Names of the qubit-davies closed forms, in output order. */
export const QUBIT_DAVIES_FORMS = [
  'detailed_balance',
  'gamma1',
  'gamma2',
  'p1',
  'abs_c',
  'S',
  'Srel',
  'Srel_pop',
  'C',
  'Pi_d',
  'Upsilon',
  'Pi',
  'Phi',
  'dSdt',
] as const;

/**
 * Derive the qubit Davies closed forms from the definitions.
 * @throws DerivationError when a step that must hold fails (a bug in qep).
 */
export function deriveQubitDavies(): DerivedModel {
  const t0 = performance.now();
  const domain: Domain = {
    ...qubitDaviesDomain,
    facts: [
      { expr: 'exp(beta*w) - 1', why: 'βω > 0' },
      { expr: '1 - p10', why: 'p₁(0) < 1' },
    ],
  };
  const atoms = atomsForDomain(domain);
  const B = new DerivationBuilder(atoms, domain);

  // ---- Eq. (2): the generator as an exact symbolic matrix ------------------------------------
  const genAtoms = new Atoms({ P0: 'real', P1: 'real', a: 'real', b: 'real', g: 'pos', nbar: 'pos', w: 'pos' });
  const M = new MatrixAlgebra(genAtoms);
  const F = genAtoms.field;
  const H = M.of([
    ['0', '0'],
    ['0', 'w'],
  ]);
  const rho = M.of([
    ['P0', 'a + i*b'],
    ['a - i*b', 'P1'],
  ]);
  const W10 = genAtoms.convertString('g*nbar').rf; // rate of 0 → 1
  const W01 = genAtoms.convertString('g*(nbar + 1)').rf; // rate of 1 → 0
  const minusI = genAtoms.convertString('-i').rf;
  const dissipator = (L: ReturnType<MatrixAlgebra['unit']>, rate: typeof W10) => {
    const Ld = M.adjoint(L);
    const LdL = M.mul(Ld, L);
    const jump = M.mul(M.mul(L, rho), Ld);
    const anti = M.scale(M.anticommutator(LdL, rho), F.const({ n: -1n, d: 2n }));
    return M.scale(M.add(jump, anti), rate);
  };
  const generator = M.add(M.add(M.scale(M.commutator(H, rho), minusI), dissipator(M.unit(2, 1, 0), W10)), dissipator(M.unit(2, 0, 1), W01));
  const dP0 = genAtoms.toExpression(generator[0][0]);
  const dP1 = genAtoms.toExpression(generator[1][1]);
  const dc = M.reIm(generator[0][1]);
  const dcRe = genAtoms.toExpression(dc.re);
  const dcIm = genAtoms.toExpression(dc.im);
  const genDomain = generatorDomain;
  const genAt = genAtoms;
  const gstep = (id: string, eq: string, st: string, l: string, r: string, expected: 'holds' | 'refuted' = 'holds') =>
    B.step(id, eq, st, l, r, { domain: genDomain, atoms: genAt, expected });

  gstep('generator.trace', '2', 'the generator preserves the trace: d(ρ₀₀ + ρ₁₁)/dt = 0', `${dP0} + ${dP1}`, '0');
  gstep('generator.pauli', '3', 'populations obey the Pauli equation dp₁/dt = W(1|0)p₀ − W(0|1)p₁, independent of the coherences', dP1, 'g*nbar*P0 - g*(nbar+1)*P1');
  // coefficients by the CAS derivative: dρ₀₁/dt = κ ρ₀₁ with κ = ∂(dρ₀₁/dt)/∂a
  const kRe = derivative(parseExpression(dcRe), 'a');
  const kIm = derivative(parseExpression(dcIm), 'a');
  const kReS = kRe.toString();
  const kImS = kIm.toString();
  gstep('generator.coherence-decoupled.re', '5', 'Re dρ₀₁/dt = Re(κ ρ₀₁) with κ = ∂(dρ₀₁/dt)/∂Re ρ₀₁: coherences evolve independently', dcRe, `(${kReS})*a - (${kImS})*b`);
  gstep('generator.coherence-decoupled.im', '5', 'Im dρ₀₁/dt = Im(κ ρ₀₁)', dcIm, `(${kReS})*b + (${kImS})*a`);
  // Eq. (5) corrected: κ = −{iω₀₁ + ½Σ_k[W(k|0) + W(k|1)]}, ω₀₁ = E₀ − E₁ = −ω
  gstep('eq5.corrected.re', '5', 'Eq. (5) corrected: Re κ = −½[W(1|0) + W(0|1)] (coherences decay)', kReS, '-(g*nbar + g*(nbar+1))/2');
  gstep('eq5.corrected.im', '5', 'Eq. (5): Im κ = −ω₀₁ = ω', kImS, 'w');
  gstep('eq5.printed', '5', 'printed Eq. (5) "iω_nm − ½Σ": Re κ = +½[W(1|0) + W(0|1)] (coherences would grow)', kReS, '(g*nbar + g*(nbar+1))/2', 'refuted');

  // ---- rates, detailed balance, equilibrium ---------------------------------------------------
  B.define('nbar', '\\bar n', '1/(exp(beta*w) - 1)');
  B.define('q1', 'p_1^{\\mathrm{eq}}', '1/(exp(beta*w) + 1)');
  const gamma1Derived = B.inline(neg(derivative(substitute(parseExpression(dP1), { P0: parseExpression('1 - P1') }), 'P1')));
  const gamma2Derived = B.inline(new math.OperatorNode('-', 'unaryMinus', [new math.ParenthesisNode(kRe)]));
  const W10s = 'g*nbar';
  const W01s = 'g*(nbar + 1)';
  B.step('detailed-balance.gibbs', '4', 'Gibbs populations: p_eq,1/p_eq,0 = e^{−βω}', 'q1/(1 - q1)', 'exp(-beta*w)');
  B.step('detailed-balance', '4', 'detailed balance W(1|0)/W(0|1) = p_eq,1/p_eq,0', `(${W10s})/(${W01s})`, 'q1/(1 - q1)');
  B.step(
    'generator.stationary',
    '2',
    'ρ_eq is stationary: dp₁/dt = 0 at p = p_eq (the coherence equation is homogeneous)',
    substitute(parseExpression(dP1), { P0: parseExpression('1 - q1'), P1: parseExpression('q1') }),
    '0',
  );
  B.form('detailed_balance', '\\frac{W(1|0)}{W(0|1)}', 'exp(-beta*w)', ['detailed-balance', 'detailed-balance.gibbs'], B.inline(`(${W10s})/(${W01s})`));
  B.form('gamma1', '\\gamma_1', 'g*coth(beta*w/2)', ['generator.pauli'], gamma1Derived);
  B.form('gamma2', '\\gamma_2', 'gamma1/2', ['generator.coherence-decoupled.re', 'generator.coherence-decoupled.im', 'eq5.corrected.re'], gamma2Derived);

  // ---- the solution: ansatz, proved to solve the generator's equations ---------------------
  const p1Ansatz = 'q1 + (p10 - q1)*exp(-gamma1*t)';
  const dP1t = substitute(parseExpression(dP1), { P0: parseExpression(`1 - (${p1Ansatz})`), P1: parseExpression(p1Ansatz) });
  B.step('solution.p1.ode', '3', `p₁(t) = ${p1Ansatz} solves dp₁/dt = W(1|0)p₀ − W(0|1)p₁`, derivative(B.inline(p1Ansatz), 't'), dP1t);
  B.step('solution.p1.initial', '-', 'p₁(0) = p₁(0)', substitute(B.inline(p1Ansatz), { t: parseExpression('0') }), 'p10');
  B.form('p1', 'p_1(t)', p1Ansatz, ['solution.p1.ode', 'solution.p1.initial', 'generator.pauli']);
  const aAnsatz = 'c0*exp(-gamma2*t)*cos(w*t + phi0)';
  const bAnsatz = 'c0*exp(-gamma2*t)*sin(w*t + phi0)';
  const subsC = { a: parseExpression(aAnsatz), b: parseExpression(bAnsatz) };
  const phaseAtoms = atomsForDomain({ ...phaseDomain, facts: domain.facts });
  const cstep = (id: string, st: string, l: string | MathNode, r: string | MathNode) =>
    B.step(id, '5', st, l, r, { domain: phaseDomain, atoms: phaseAtoms });
  cstep('solution.c.ode.re', `Re ρ₀₁(t) = ${aAnsatz} solves Re dρ₀₁/dt = Re(κρ₀₁)`, derivative(B.inline(aAnsatz), 't'), substitute(parseExpression(dcRe), subsC));
  cstep('solution.c.ode.im', `Im ρ₀₁(t) = ${bAnsatz} solves Im dρ₀₁/dt = Im(κρ₀₁)`, derivative(B.inline(bAnsatz), 't'), substitute(parseExpression(dcIm), subsC));
  cstep('solution.c.initial', 'ρ₀₁(0) = |c(0)| e^{iφ₀}', substitute(B.inline(`(${aAnsatz})^2 + (${bAnsatz})^2`), { t: parseExpression('0') }), 'c0^2');
  cstep('solution.abs-c', '|ρ₀₁(t)|² = |c(0)|² e^{−2γ₂t}', B.inline(`(${aAnsatz})^2 + (${bAnsatz})^2`), B.inline('(c0*exp(-gamma2*t))^2'));
  B.form('abs_c', '|c(t)|', 'c0*exp(-gamma2*t)', ['solution.c.ode.re', 'solution.c.ode.im', 'solution.c.initial', 'solution.abs-c']);

  // ---- entropies via the Bloch length ----------------------------------------------------------
  const blochAtoms = atomsForDomain(blochDomain);
  B.step(
    'bloch.eigenvalues',
    '-',
    'λ± = (1 ± r)/2 with r = √((1 − 2p₁)² + 4|c|²) are the roots of det(λ − ρ) = λ² − λ + p₀p₁ − |c|²',
    '((1 + sqrt((1-2*P1)^2 + 4*C^2))/2)^2 - (1 + sqrt((1-2*P1)^2 + 4*C^2))/2 + (1-P1)*P1 - C^2',
    '0',
    { domain: blochDomain, atoms: blochAtoms },
  );
  B.step(
    'bloch.eigenvalues.minus',
    '-',
    'λ₋ = (1 − r)/2 is the other root',
    '((1 - sqrt((1-2*P1)^2 + 4*C^2))/2)^2 - (1 - sqrt((1-2*P1)^2 + 4*C^2))/2 + (1-P1)*P1 - C^2',
    '0',
    { domain: blochDomain, atoms: blochAtoms },
  );
  B.define('r', 'r(t)', 'sqrt((1 - 2*p1)^2 + 4*abs_c^2)');
  // sign facts of the solution, used to split logarithms of products into atoms
  atoms.addFact(B.inline('p1').toString(), 'p₁(t) is a convex combination of p₁(0) and p₁^eq, both in (0, 1)');
  atoms.addFact(B.inline('1 - p1').toString(), 'p₀(t) = 1 − p₁(t) is a convex combination of p₀(0) and p₀^eq, both in (0, 1)');
  atoms.addFact(
    B.inline('1 - r').toString(),
    'ρ(t) stays mixed: with E = e^{−γ₁t}, p₀p₁ − |c|² ≥ E(p₀(0)p₁(0) − |c(0)|²) + (1 − E)p₀^eq p₁^eq > 0 (p₀p₁ is concave in p₁, which is affine in E)',
  );
  const bloch = ['bloch.eigenvalues', 'bloch.eigenvalues.minus', 'p1', 'abs_c'];
  const formBasis = (names: string[]): string[] => names.flatMap((n) => (B.forms.has(n) ? [...B.forms.get(n)!.basis] : [n]));
  B.form('S', 'S(\\rho(t))', '-(1 + r)/2*log((1 + r)/2) - (1 - r)/2*log((1 - r)/2)', formBasis(bloch));
  B.form('Srel', 'S(\\rho(t)\\|\\rho_{\\mathrm{eq}})', '-S - (1 - p1)*log(1 - q1) - p1*log(q1)', formBasis(bloch));
  B.form('Srel_pop', 'S(p(t)\\|p_{\\mathrm{eq}})', '(1 - p1)*log((1 - p1)/(1 - q1)) + p1*log(p1/q1)', formBasis(['p1']));
  B.form('C', 'C(\\rho(t))', '-(1 - p1)*log(1 - p1) - p1*log(p1) - S', formBasis(bloch));
  B.step('eq9', '9', 'S(ρ‖ρ_eq) = S(p‖p_eq) + C(ρ)', 'Srel', 'Srel_pop + C');

  // ---- rates by the CAS derivative ----------------------------------------------------------
  const d = (name: string) => derivative(B.forms.get(name)!.inlined, 't');
  const PiDerived = neg(d('Srel'));
  const PidDerived = neg(d('Srel_pop'));
  const UpsDerived = neg(d('C'));
  const dSdtDerived = d('S');
  const PhiDerived = neg(new math.OperatorNode('*', 'multiply', [parseExpression('beta*w'), new math.ParenthesisNode(d('p1'))]));
  B.define('dp1', '\\dot p_1(t)', '-gamma1*(p1 - q1)');
  B.define('dr', '\\dot r(t)', '-(2*(1 - 2*p1)*dp1 + 4*gamma2*abs_c^2)/r');
  const all = formBasis(bloch);
  B.form('Pi_d', '\\Pi_d(t)', 'gamma1*(p1 - q1)*log(p1*(1 - q1)/((1 - p1)*q1))', all, PidDerived);
  B.form('Upsilon', '\\Upsilon(t)', 'dp1*log(p1/(1 - p1)) - dr/2*log((1 + r)/(1 - r))', all, UpsDerived);
  B.form('Pi', '\\Pi(t)', 'beta*w*gamma1*(p1 - q1) - dr/2*log((1 + r)/(1 - r))', all, PiDerived);
  B.form('Phi', '\\Phi(t)', 'beta*w*gamma1*(p1 - q1)', formBasis(['p1']), PhiDerived);
  B.form('dSdt', '\\frac{dS}{dt}', '-dr/2*log((1 + r)/(1 - r))', all, dSdtDerived);

  // ---- the paper's identities on the derived (CAS-derivative) forms ---------------------------
  const schnakenberg = `1/2*((${W10s})*(1 - p1) - (${W01s})*p1)*log((${W10s})*(1 - p1)/((${W01s})*p1)) + 1/2*((${W01s})*p1 - (${W10s})*(1 - p1))*log((${W01s})*p1/((${W10s})*(1 - p1)))`;
  B.step('eq13.schnakenberg', '13', 'Π_d = −dS(p‖p_eq)/dt equals the Schnakenberg sum ½Σ_{n,m} J_nm ln(W(n|m)p_m / W(m|n)p_n)', PidDerived, B.inline(schnakenberg));
  B.step('eq12', '12', 'Π = Π_d + Υ (as CAS derivatives)', PiDerived, new math.OperatorNode('+', 'add', [PidDerived, UpsDerived]));
  B.step('eq1', '1', 'dS/dt = Π − Φ (as CAS derivatives)', dSdtDerived, DerivationBuilder.minus(PiDerived, PhiDerived));
  const freeEnergy = B.inline('w*p1 - S/beta');
  B.step('eq8', '8', 'Π = −β dF/dt with F = tr(Hρ) − S(ρ)/β (Eq. 6)', PiDerived, neg(new math.OperatorNode('*', 'multiply', [parseExpression('beta'), new math.ParenthesisNode(derivative(freeEnergy, 't'))])));
  B.step('eq15', '15', 'Φ = −β Σ_n E_n dp_n/dt has no coherence contribution: it depends on p₁(t) only', PhiDerived, B.inline('beta*w*gamma1*(p1 - q1)'));
  // Π_d ≥ 0 as a product of factors of equal sign
  B.step('pi_d.factored', '13', 'Π_d = γ₁ · (p₁ − p₁^eq) · [ln(p₁p₀^eq) − ln(p₀p₁^eq)]', PidDerived, B.inline('gamma1*(p1 - q1)*(log(p1*(1 - q1)) - log((1 - p1)*q1))'));
  B.step('pi_d.sign', '13', 'p₁p₀^eq − p₀p₁^eq = p₁ − p₁^eq: the log difference has the sign of p₁ − p₁^eq (ln is increasing)', 'p1*(1 - q1) - (1 - p1)*q1', 'p1 - q1');
  const gammaSign = atoms.ratSign(atoms.convert(B.inline('gamma1')).rf);
  if (gammaSign !== 'pos') throw new Error(`γ₁ > 0 not certified (${gammaSign})`);
  return {
    name: 'qubit-davies',
    title: 'Qubit Davies map (Eqs. 1–15)',
    domain,
    atoms,
    definitions: [...B.definitions.values()],
    forms: Object.fromEntries(QUBIT_DAVIES_FORMS.map((n) => [n, B.forms.get(n)!])),
    steps: [...B.steps.values()],
    order: B.order,
    opinionRequests: B.opinionRequests,
    symbols: symbolTable(domain, B, {
      p1: 'p_1',
      abs_c: '|c|',
      r: 'r',
      dr: '\\dot r',
      dp1: '\\dot p_1',
      S: 'S',
      C: 'C',
      Srel: 'S(\\rho\\|\\rho_{\\mathrm{eq}})',
      Srel_pop: 'S(p\\|p_{\\mathrm{eq}})',
    }),
    ms: performance.now() - t0,
  };
}
