import { type Claim, defineClaim } from '../src/claims/claim.js';
import { propertyClaim } from '../src/claims/propertyClaim.js';
import type { ModelName } from '../src/symbolic/derive.js';
import { arbSymbolicPoint, describePoint, symbolicBoundaryExamples, type SymbolicPoint } from './_symbolic/arbitraries.js';
import { checkClosedForm, formOutcome, mutantClosedForm, stepsOutcome, MUTANT_RELATIVE_ERROR } from './_symbolic/checks.js';

/**
 * The symbolic claims: the qubit closed forms that `qep derive`
 * derives from the definitions, and the paper's identities on them.
 *
 * - One claim per closed form (method `both`): its status (proved / sampled)
 *   from the derivation, and a fast-check property comparing it with the
 *   numeric engine at random points of the physical domain (relative error
 *   ≤ CHECK_TOL.crossCheck; the mutant is the closed form off by one part
 *   in a million).
 * - One claim per identity (method `symbolic`): proved (exact rational
 *   arithmetic over atoms) or verified by sampling; the printed sign of Eq. (5)
 *   is expected refuted.
 */

const daviesHypotheses = ['H = diag(0, ω), W(1|0) = g n̄, W(0|1) = g(n̄ + 1), n̄ = 1/(e^{βω} − 1)', 'g, ω, β > 0; 0 < p₁(0) < 1; ρ(0) mixed; t ≥ 0'];
const swapHypotheses = ['H_S = H_E = diag(0, ω), U = e^{−iθ(σ₊⊗σ₋ + σ₋⊗σ₊)}, E in ρ_E^eq', 'β, ω > 0; 0 < p₁ < 1; ρ_S mixed'];

/** LaTeX of each quantity and the paper's equation it belongs to. */
const FORMS: Readonly<Record<ModelName, readonly (readonly [string, string, string])[]>> = {
  'qubit-davies': [
    ['detailed_balance', String.raw`W(1|0)/W(0|1)`, '4'],
    ['gamma1', String.raw`\gamma_1`, '3'],
    ['gamma2', String.raw`\gamma_2`, '5'],
    ['p1', String.raw`p_1(t)`, '3'],
    ['abs_c', String.raw`|\rho_{01}(t)|`, '5'],
    ['S', String.raw`S(\rho(t))`, '1'],
    ['Srel', String.raw`S(\rho(t)\|\rho_{\mathrm{eq}})`, '7'],
    ['Srel_pop', String.raw`S(p(t)\|p_{\mathrm{eq}})`, '9'],
    ['C', String.raw`C(\rho(t))`, '10'],
    ['Pi_d', String.raw`\Pi_d(t)`, '13'],
    ['Upsilon', String.raw`\Upsilon(t)`, '14'],
    ['Pi', String.raw`\Pi(t)`, '8'],
    ['Phi', String.raw`\Phi(t)`, '15'],
    ['dSdt', String.raw`\tfrac{dS}{dt}`, '1'],
  ],
  'partial-swap': [
    ['Q00', String.raw`Q(0|0)`, '19'],
    ['Q01', String.raw`Q(0|1)`, '19'],
    ['Q10', String.raw`Q(1|0)`, '19'],
    ['Q11', String.raw`Q(1|1)`, '19'],
    ['alpha01', String.raw`\alpha_{01}`, '20'],
    ['bound_slack', String.raw`Q(0|0)Q(1|1) - |\alpha_{01}|^2`, '21'],
    ['p1_final', String.raw`p_1'`, '19'],
    ['Sigma', String.raw`\Sigma`, '22'],
    ['Sigma_d', String.raw`\Sigma_d`, '24'],
    ['Xi', String.raw`\Xi`, '25'],
    ['C_S_final', String.raw`C(\rho_S')`, '25'],
    ['C_E_final', String.raw`C(\rho_E')`, '30'],
    ['C_cc', String.raw`C_{cc}(\rho_{SE}')`, '30'],
    ['I_SE', String.raw`I(\rho_{SE}')`, '26'],
    ['Srel_E', String.raw`S(\rho_E'\|\rho_E^{\mathrm{eq}})`, '26'],
  ],
};

function formClaim(model: ModelName, form: string, tex: string, equation: string): Claim {
  return propertyClaim<SymbolicPoint>({
    // ids are lower-case: `Pi_d` becomes `form.pi-d` (the form name itself is in the note)
    id: `symbolic.${model}.form.${form.toLowerCase().replace(/_/g, '-')}`,
    equation,
    statement: String.raw`${tex}\big|_{\text{closed form (qep derive)}} = ${tex}\big|_{\text{numeric engine}}`,
    hypotheses: model === 'qubit-davies' ? daviesHypotheses : swapHypotheses,
    note: `Closed form ${form} of qep derive (status proved or sampled); mutant: the closed form off by ${MUTANT_RELATIVE_ERROR} relative.`,
    arbitrary: arbSymbolicPoint(model),
    examples: symbolicBoundaryExamples(model),
    check: (p) => checkClosedForm(form, p),
    mutant: (p) => mutantClosedForm(form, p),
    describe: describePoint,
    symbolic: () => formOutcome(model, form),
    group: `symbolic.${model}`,
  });
}

function identityClaim(spec: {
  model: ModelName;
  name: string;
  equation: string;
  statement: string;
  steps: readonly string[];
  expected?: 'holds' | 'refuted';
  note?: string;
}): Claim {
  return defineClaim({
    id: `symbolic.${spec.model}.${spec.name}`,
    equation: spec.equation,
    statement: spec.statement,
    hypotheses: spec.model === 'qubit-davies' ? daviesHypotheses : swapHypotheses,
    method: 'symbolic',
    expected: spec.expected ?? 'holds',
    note: spec.note,
    symbolic: () => stepsOutcome(spec.model, spec.steps),
    group: `symbolic.${spec.model}`,
  });
}

const identities: Claim[] = [
  identityClaim({
    model: 'qubit-davies',
    name: 'generator-trace-and-stationary',
    equation: '2',
    statement: String.raw`\tfrac{d}{dt}\operatorname{tr}\rho = 0,\quad \mathcal{D}(\rho_{\mathrm{eq}}) = 0`,
    steps: ['generator.trace', 'generator.stationary'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'pauli',
    equation: '3',
    statement: String.raw`\dot p_1 = W(1|0)\,p_0 - W(0|1)\,p_1 \text{ (from the generator, independent of the coherences)}`,
    steps: ['generator.pauli'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'detailed-balance',
    equation: '4',
    statement: String.raw`\frac{W(1|0)}{W(0|1)} = \frac{p_{\mathrm{eq},1}}{p_{\mathrm{eq},0}} = e^{-\beta\omega}`,
    steps: ['detailed-balance', 'detailed-balance.gibbs'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq5-corrected',
    equation: '5',
    statement: String.raw`\dot\rho_{01} = -\left\{ i\omega_{01} + \tfrac12\left[W(1|0) + W(0|1)\right]\right\}\rho_{01},\ \omega_{01} = -\omega`,
    steps: ['generator.coherence-decoupled.re', 'generator.coherence-decoupled.im', 'eq5.corrected.re', 'eq5.corrected.im'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq5-printed',
    equation: '5',
    statement: String.raw`\dot\rho_{01} = -\left\{ i\omega_{01} - \tfrac12\left[W(1|0) + W(0|1)\right]\right\}\rho_{01} \text{ (as printed)}`,
    steps: ['eq5.printed'],
    expected: 'refuted',
    note: 'The printed sign makes coherences grow: the generator gives Re κ = −½[W(1|0) + W(0|1)], the printed form +½[…].',
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq9',
    equation: '9',
    statement: String.raw`S(\rho\|\rho_{\mathrm{eq}}) = S(p\|p_{\mathrm{eq}}) + C(\rho)`,
    steps: ['eq9'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq8',
    equation: '8',
    statement: String.raw`\Pi = -\tfrac{d}{dt}S(\rho\|\rho_{\mathrm{eq}}) = -\beta\,\tfrac{dF}{dt}`,
    steps: ['eq8'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq12',
    equation: '12',
    statement: String.raw`\Pi = \Pi_d + \Upsilon`,
    steps: ['eq12'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq13-schnakenberg',
    equation: '13',
    statement: String.raw`-\tfrac{d}{dt}S(p\|p_{\mathrm{eq}}) = \tfrac12\sum_{n,m}\left[W(n|m)p_m - W(m|n)p_n\right]\ln\frac{W(n|m)p_m}{W(m|n)p_n}`,
    steps: ['eq13.schnakenberg'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq13-nonnegative',
    equation: '13',
    statement: String.raw`\Pi_d = \gamma_1\,(p_1 - p_1^{\mathrm{eq}})\left[\ln(p_1 p_0^{\mathrm{eq}}) - \ln(p_0 p_1^{\mathrm{eq}})\right] \ge 0`,
    steps: ['pi_d.factored', 'pi_d.sign'],
    note: 'Π_d is γ₁ > 0 times two factors of equal sign: p₁p₀^eq − p₀p₁^eq = p₁ − p₁^eq, and ln is increasing.',
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq15',
    equation: '15',
    statement: String.raw`\Phi = -\beta\sum_n E_n\,\dot p_n = \beta\omega\gamma_1(p_1 - p_1^{\mathrm{eq}})`,
    steps: ['eq15'],
  }),
  identityClaim({
    model: 'qubit-davies',
    name: 'eq1',
    equation: '1',
    statement: String.raw`\tfrac{dS}{dt} = \Pi - \Phi`,
    steps: ['eq1'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'energy-conserving-unitary',
    equation: '16-17',
    statement: String.raw`U = e^{-i\theta X}\text{ solves } \dot U = -iXU,\ U(0) = 1;\ U^\dagger U = 1;\ [U, H_S\otimes 1 + 1\otimes H_E] = 0`,
    steps: ['swap.x-cubed', 'swap.u-ode', 'swap.u-initial', 'swap.unitary', 'swap.energy-conserving'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq19',
    equation: '19',
    statement: String.raw`p'_m = \sum_n Q(m|n)\,p_n,\ \sum_m Q(m|n) = 1,\ \sum_n Q(m|n)\,p_{\mathrm{eq},n} = p_{\mathrm{eq},m}`,
    steps: ['eq19.populations', 'eq19.stochastic', 'eq19.gibbs-preserving'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq20',
    equation: '20',
    statement: String.raw`\rho'_{01} = \alpha_{01}\,\rho_{01},\ \alpha_{01} = \cos\theta`,
    steps: ['eq20.coherence', 'eq20.alpha-real'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq21',
    equation: '21',
    statement: String.raw`Q(0|0)\,Q(1|1) - |\alpha_{01}|^2 = p_1^{\mathrm{eq}}(1 - p_1^{\mathrm{eq}})\sin^4\theta \ge 0`,
    steps: ['eq21.slack'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq23',
    equation: '23',
    statement: String.raw`\Sigma = \Sigma_d + \Xi`,
    steps: ['eq23'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq26',
    equation: '26',
    statement: String.raw`\Sigma = S(\rho_E'\|\rho_E^{\mathrm{eq}}) + I(\rho_{SE}')`,
    steps: ['eq26', 'swap.spectrum'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq27',
    equation: '27',
    statement: String.raw`S(\Delta_{H_S+H_E}(\rho_{SE}')) = S(\Delta_{H_S}(\rho_S)) + S(\rho_E^{\mathrm{eq}})`,
    steps: ['eq27.blocks', 'eq27'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq28',
    equation: '28',
    statement: String.raw`C_{H_S+H_E}(\rho_{SE}') = C_{H_S}(\rho_S)`,
    steps: ['swap.spectrum', 'eq27.blocks', 'eq28'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq29',
    equation: '29',
    statement: String.raw`\Xi = C(\rho_{SE}') - C(\rho_S')`,
    steps: ['eq29'],
  }),
  identityClaim({
    model: 'partial-swap',
    name: 'eq31',
    equation: '31',
    statement: String.raw`\Xi = C(\rho_E') + C_{cc}(\rho_{SE}')`,
    steps: ['eq31'],
  }),
];

/** Every symbolic claim: the identities, then one cross-checked claim per closed form. */
export const symbolicClaims: Claim[] = [
  ...identities,
  ...(Object.entries(FORMS) as [ModelName, (typeof FORMS)[ModelName]][]).flatMap(([model, forms]) => forms.map(([form, tex, eq]) => formClaim(model, form, tex, eq))),
];
