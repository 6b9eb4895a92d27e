import type { Arbitrary } from 'fast-check';
import type { Claim } from '../src/claims/claim.js';
import { propertyClaim } from '../src/claims/propertyClaim.js';
import {
  type DaviesInstance,
  arbDaviesInstance,
  coherentQubitExample,
  daviesBoundaryExamples,
  describeDaviesInstance,
  excitedQubitExample,
  gibbsPopulationsExample,
} from './arbitraries/index.js';
import * as c from './_davies/checks.js';

/**
 * The claims of "Lindblad–Davies maps" (Eqs. 1–15), checked on random Davies
 * generators (d = 2–5, β from 0 through 1e-6 to β·ΔE ~ 2000, Glauber or bosonic
 * rates, optional pure dephasing) and states (full rank, rank-deficient, pure,
 * Gibbs, diagonal off equilibrium, Gibbs populations with coherences). Every
 * claim expected to hold has a mutant (a deliberately wrong formula) that the
 * registry test requires to be refuted. Tolerances: CHECK_TOL in
 * src/numeric/tolerance.ts.
 */

const general = arbDaviesInstance();
/** States chosen to probe "= 0 only at equilibrium": special kinds first. */
const special = arbDaviesInstance({ kinds: ['diagonal', 'equilibrium-populations', 'equilibrium', 'random'] });
const equallySpaced = arbDaviesInstance({ spacing: 'equal' });
/** Integrals are slower (an adaptive quadrature of the rates): d ≤ 4. */
const forIntegrals = arbDaviesInstance({ dims: [2, 3, 4] });

/** Boundary cases tried first (see daviesBoundaryExamples). */
const boundary = daviesBoundaryExamples();

/** Where a claim's instances come from, the examples tried first, and how a counterexample is shown. */
const from = (arbitrary: Arbitrary<DaviesInstance>, examples: readonly DaviesInstance[] = boundary) => ({ arbitrary, describe: describeDaviesInstance, examples });

const DAVIES = 'Davies generator of Eq. 2 in the energy basis: H_S non-degenerate, rates W(n|m) ≥ 0 (jump m → n) in detailed balance (Eq. 4), optional pure dephasing γ_n ≥ 0';
const CONNECTED = 'transition graph connected (irreducible Pauli matrix), so ρ_eq is the only stationary state';
const BETA_POS = 'β > 0 (T finite)';

export const daviesClaims: Claim[] = [
  propertyClaim({
    ...from(general),
    id: 'davies.fixed-point',
    equation: '2',
    statement: '\\mathcal{D}(\\rho^{eq}_S) = 0,\\quad \\rho^{eq}_S = e^{-\\beta H_S}/Z_S',
    hypotheses: [DAVIES],
    check: c.checkFixedPoint,
    mutant: c.mutantFixedPoint,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.pauli',
    equation: '3',
    statement: '\\frac{dp_n}{dt} = \\sum_m \\big[W(n|m)\\,p_m - W(m|n)\\,p_n\\big]\\ \\text{for every}\\ \\rho_S\\ \\text{(coherences do not enter)}',
    hypotheses: [DAVIES],
    check: c.checkPauli,
    mutant: c.mutantPauli,
  }),
  propertyClaim({
    ...from(general, [excitedQubitExample()]),
    id: 'davies.rate-direction-literal',
    equation: '3',
    statement: '\\text{Eq. (3) holds with}\\ W(n|m)\\ \\text{the rate of}\\ n \\to m\\ \\text{(jump operators}\\ |m\\rangle\\langle n|\\ \\text{at rate}\\ W(n|m))',
    hypotheses: [DAVIES],
    expected: 'refuted',
    note:
      'The sentence after Eq. 3 calls W(n|m) "the transition rate from E_n to E_m". Read literally (jumps |m⟩⟨n| at rate W(n|m)) the generator gives dp_n/dt = Σ_m [W(m|n) p_m − W(n|m) p_n], ' +
      'not Eq. 3, and with Eq. 4 it would pump population upward. Eq. 3 itself, and qep, use W(n|m) as the rate of m → n.',
    check: c.checkRateDirectionLiteral,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.detailed-balance',
    equation: '4',
    statement: '\\frac{W(n|m)}{W(m|n)} = \\frac{p^{eq}_n}{p^{eq}_m} = e^{-\\beta(E_n - E_m)}\\ \\text{for}\\ W(m|n) = g_{nm}(\\bar n + 1),\\ W(n|m) = g_{nm}\\bar n,\\ \\bar n = (e^{\\beta\\omega}-1)^{-1};\\ \\text{and}\\ p^{eq}\\ \\text{is stationary under Eq. (3)}',
    hypotheses: [BETA_POS, 'E_n > E_m, ω = E_n − E_m; couplings g_nm = g_mn ≥ 0'],
    check: c.checkDetailedBalance,
    mutant: c.mutantDetailedBalance,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.coherences',
    equation: '5',
    statement: '\\frac{d\\rho_{nm}}{dt} = -\\Big\\{ i\\omega_{nm} + \\tfrac12 \\sum_k \\big[W(k|n) + W(k|m)\\big] + \\tfrac12(\\gamma_n + \\gamma_m) \\Big\\} \\rho_{nm},\\ n \\ne m',
    hypotheses: [DAVIES, 'Bohr frequencies ω_nm non-degenerate (the paper\'s hypothesis)'],
    note: 'Checked on the generator (entry by entry) and on its solution ρ_nm(t) = e^{−(iω+Γ)t} ρ_nm(0) against exact Liouvillian propagation. The damping sign is the one the generator of Eq. 2 gives (−½Σ_k[W(k|n) + W(k|m)]), opposite to the printed Eq. 5 (see davies.coherences-printed).',
    check: c.checkCoherences,
    mutant: c.mutantCoherences,
  }),
  propertyClaim({
    ...from(equallySpaced, daviesBoundaryExamples(true)),
    id: 'davies.coherences-degenerate-bohr',
    equation: '5',
    statement: '\\text{Eq. (5) (corrected) also holds when Bohr frequencies coincide, for the generator as written in Eq. (2)}',
    hypotheses: [DAVIES, 'equally spaced levels: degenerate Bohr frequencies'],
    note:
      'Not in the paper: with L = |n⟩⟨m| as in Eq. 2 the dissipator never couples different coherences (L ρ L† only feeds populations), so the decoupling needs no hypothesis on ω_nm. ' +
      'Non-degenerate Bohr frequencies are what the secular derivation of a Davies generator needs to arrive at this form.',
    check: c.checkCoherencesDegenerateBohr,
    mutant: c.mutantCoherencesDegenerateBohr,
  }),
  propertyClaim({
    ...from(general, [coherentQubitExample()]),
    id: 'davies.coherences-printed',
    equation: '5',
    statement: '\\frac{d\\rho_{nm}}{dt} = -\\Big\\{ i\\omega_{nm} - \\tfrac12 \\sum_k \\big[W(k|n) + W(k|m)\\big] \\Big\\} \\rho_{nm}\\ \\text{(as printed)}',
    hypotheses: [DAVIES, 'Bohr frequencies ω_nm non-degenerate'],
    expected: 'refuted',
    note: 'The printed sign of the damping term makes |ρ_nm| grow as e^{+½Σ_k[W(k|n)+W(k|m)]t}, which would break positivity; the generator of Eq. 2 damps it. Counterexample: any coherent state with a non-zero rate.',
    check: c.checkCoherencesPrinted,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.free-energy',
    equation: '6-7',
    statement: 'F(\\rho_S) = \\mathrm{tr}(H_S\\rho_S) + T\\,\\mathrm{tr}(\\rho_S\\ln\\rho_S) = F_{eq} + T\\,S(\\rho_S\\|\\rho^{eq}_S),\\quad F_{eq} = -T\\ln Z_S',
    hypotheses: ['H_S non-degenerate', BETA_POS, 'ρ_S any density matrix'],
    check: c.checkFreeEnergy,
    mutant: c.mutantFreeEnergy,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.pi-nonnegative',
    equation: '8',
    statement: '\\Pi = -\\frac{1}{T}\\frac{dF}{dt} = -\\frac{d}{dt}S(\\rho_S\\|\\rho^{eq}_S) \\ge 0',
    hypotheses: [DAVIES],
    note: 'Π = +∞ at a rank-deficient state whose kernel is fed (e.g. a pure state with coherences); the first equality is checked in integrated form by davies.integral-pi.',
    check: c.checkPiNonNegative,
    mutant: c.mutantPiNonNegative,
  }),
  propertyClaim({
    ...from(special),
    id: 'davies.pi-zero-only-at-equilibrium',
    equation: '8',
    statement: '\\Pi = 0 \\iff \\rho_S = \\rho^{eq}_S',
    hypotheses: [DAVIES, CONNECTED],
    check: c.checkPiZeroOnlyAtEquilibrium,
    mutant: c.mutantPiZeroOnlyAtEquilibrium,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.relative-entropy-split',
    equation: '9-10',
    statement: 'S(\\rho_S\\|\\rho^{eq}_S) = S(p\\|p^{eq}) + C(\\rho_S),\\quad C(\\rho_S) = S(\\Delta_{H_S}(\\rho_S)) - S(\\rho_S)',
    hypotheses: ['H_S non-degenerate', 'β ≥ 0', 'ρ_S any density matrix'],
    note: 'Each side by the quantum primitives (matrix-log relative entropy, KL, block dephasing) when every Gibbs weight exceeds TOL.zeroEigenvalue; at lower temperatures by the engine\'s log-space forms.',
    check: c.checkRelativeEntropySplit,
    mutant: c.mutantRelativeEntropySplit,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.free-energy-split',
    equation: '11',
    statement: 'F(\\rho_S) = F_{eq} + T\\,S(p\\|p^{eq}) + T\\,C(\\rho_S)',
    hypotheses: ['H_S non-degenerate', BETA_POS, 'ρ_S any density matrix'],
    check: c.checkFreeEnergySplit,
    mutant: c.mutantFreeEnergySplit,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.pi-split',
    equation: '12',
    statement: '\\Pi = \\Pi_d + \\Upsilon,\\quad \\Pi_d = -\\frac{d}{dt}S(p\\|p^{eq}),\\ \\Upsilon = -\\frac{dC}{dt}',
    hypotheses: [DAVIES],
    note: 'In extended arithmetic: at a rank-deficient state Π = +∞ exactly when Π_d or Υ is.',
    check: c.checkPiSplit,
    mutant: c.mutantPiSplit,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.schnakenberg',
    equation: '13',
    statement: '\\Pi_d = -\\frac{d}{dt}S(p\\|p^{eq}) = \\frac12\\sum_{n,m}\\big[W(n|m)p_m - W(m|n)p_n\\big]\\ln\\frac{W(n|m)p_m}{W(m|n)p_n} \\ge 0',
    hypotheses: [DAVIES],
    note: 'The Schnakenberg sum is written out naively in the check and compared with both of the engine\'s forms. Pairs with zero flux contribute 0; flux into an empty level makes both forms +∞.',
    check: c.checkSchnakenberg,
    mutant: c.mutantSchnakenberg,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.upsilon-nonnegative',
    equation: '14',
    statement: '\\Upsilon = -\\frac{dC(\\rho_S)}{dt} \\ge 0\\ \\text{(also with pure dephasing)}',
    hypotheses: [DAVIES],
    check: c.checkUpsilonNonNegative,
    mutant: c.mutantUpsilonNonNegative,
  }),
  propertyClaim({
    ...from(special, [gibbsPopulationsExample()]),
    id: 'davies.pi-d-zero-only-at-equilibrium',
    equation: '14',
    statement: '\\Pi_d = 0 \\iff \\rho_S = \\rho^{eq}_S',
    hypotheses: [DAVIES, CONNECTED],
    expected: 'refuted',
    note: 'The text after Eq. 14 says Π_d and Υ vanish only at ρ_eq. For Π_d this is false: a state with the Gibbs populations and non-zero coherences has dp/dt = 0, so Π_d = 0, while ρ ≠ ρ_eq (its Υ > 0). Only Π has the property (davies.pi-zero-only-at-equilibrium).',
    check: c.checkPiDZeroOnlyAtEquilibrium,
  }),
  propertyClaim({
    ...from(special, [excitedQubitExample()]),
    id: 'davies.upsilon-zero-only-at-equilibrium',
    equation: '14',
    statement: '\\Upsilon = 0 \\iff \\rho_S = \\rho^{eq}_S',
    hypotheses: [DAVIES, CONNECTED],
    expected: 'refuted',
    note: 'False as printed: a diagonal state off equilibrium has C = 0 all along its (diagonal) trajectory, so Υ = 0, while ρ ≠ ρ_eq (its Π_d > 0). Only Π has the property.',
    check: c.checkUpsilonZeroOnlyAtEquilibrium,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.flux',
    equation: '15',
    statement: '\\Phi = -\\frac{1}{T}\\sum_n E_n \\frac{dp_n}{dt} = -\\frac1T\\mathrm{tr}\\big(H_S\\,\\mathcal{L}(\\rho_S)\\big) = -\\frac1T\\mathrm{tr}\\big(H_S\\,\\mathcal{L}(\\Delta_{H_S}\\rho_S)\\big)\\ \\text{(no coherence contribution)}',
    hypotheses: [DAVIES],
    check: c.checkFlux,
    mutant: c.mutantFlux,
  }),
  propertyClaim({
    ...from(general),
    id: 'davies.entropy-balance',
    equation: '1',
    statement: '\\frac{dS(\\rho_S)}{dt} = \\Pi - \\Phi',
    hypotheses: [DAVIES],
    note: 'dS/dt also compared with −tr(ρ̇ ln ρ) from the generic generator and a matrix logarithm at full-rank states.',
    check: c.checkEntropyBalance,
    mutant: c.mutantEntropyBalance,
  }),
  propertyClaim({
    ...from(forIntegrals),
    id: 'davies.integral-population',
    equation: '13',
    statement: '\\int_a^b \\Pi_d\\,dt = S(p(a)\\|p^{eq}) - S(p(b)\\|p^{eq})',
    hypotheses: [DAVIES, '0 < a < b'],
    note: 'Adaptive Gauss–Kronrod quadrature (G7–K15, to 1e-12 of ∫|Π_d|) of the analytic rate along the exact trajectory; the state functions at a and b by the primitives.',
    check: c.checkIntegralPopulation,
    mutant: c.mutantIntegralPopulation,
  }),
  propertyClaim({
    ...from(forIntegrals),
    id: 'davies.integral-coherence',
    equation: '14',
    statement: '\\int_a^b \\Upsilon\\,dt = C(\\rho(a)) - C(\\rho(b))',
    hypotheses: [DAVIES, '0 < a < b'],
    note: 'As davies.integral-population; Σ_d = ∫Π_d dt and Ξ = ∫Υ dt are the Davies instances of Eqs. 23–25.',
    check: c.checkIntegralCoherence,
    mutant: c.mutantIntegralCoherence,
  }),
  propertyClaim({
    ...from(forIntegrals),
    id: 'davies.integral-pi',
    equation: '8',
    statement: '\\int_a^b \\Pi\\,dt = S(\\rho(a)\\|\\rho^{eq}) - S(\\rho(b)\\|\\rho^{eq}) = \\frac{1}{T}\\big[F(\\rho(a)) - F(\\rho(b))\\big]',
    hypotheses: [DAVIES, '0 < a < b'],
    check: c.checkIntegralPi,
    mutant: c.mutantIntegralPi,
  }),
  propertyClaim({
    ...from(forIntegrals),
    id: 'davies.integral-entropy',
    equation: '1',
    statement: 'S(\\rho(b)) - S(\\rho(a)) = \\int_a^b (\\Pi - \\Phi)\\,dt',
    hypotheses: [DAVIES, '0 < a < b'],
    check: c.checkIntegralEntropy,
    mutant: c.mutantIntegralEntropy,
  }),
];
