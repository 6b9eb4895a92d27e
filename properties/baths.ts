import type { Claim } from '../src/claims/claim.js';
import { type PropertyClaimSpec, propertyClaim } from '../src/claims/propertyClaim.js';
import { type BathsInstance, type BathsParams, arbBathsInstance, bathsInstance, describeBathsInstance } from './_baths/arbitraries.js';
import * as c from './_baths/checks.js';

/**
 * The claims of "Several baths and steady states" (B1–B9, beyond the paper; see
 * docs/equations.md), checked on random instances: d = 2–4 levels, K = 1–3 baths
 * at β_k ∈ [0.2, 5] (standard-bath couplings or Ohmic spectral densities), optional
 * pure dephasing, states of any rank, the steady state, and dephased states. Every
 * claim expected to hold has a mutant that must be refuted; the three one-bath
 * statements that fail with several baths are expected refuted, each with a known
 * counterexample among its `examples`.
 */

const general = arbBathsInstance();
const steady = arbBathsInstance({ kinds: ['steady'] });

const B = 'K ≥ 1 baths at β_k > 0, rates W_k in detailed balance at β_k (standard bath or Ohmic spectral density), each connecting all levels; optional pure dephasing γ_n ≥ 0';

/** A qutrit between a hot (β = 0.2) and a cold (β = 5) bath with unit couplings. */
const hotCold = (kind: BathsParams['kind'], d = 3): BathsInstance => {
  const ones = Array.from({ length: d }, (_, n) => Array.from({ length: d }, (__, m) => (n === m ? 0 : 1)));
  return bathsInstance({
    gaps: Array.from({ length: d - 1 }, (_, k) => 0.7 + 0.4 * k),
    baths: [
      { beta: 0.2, gamma: ones },
      { beta: 5, gamma: ones },
    ],
    dephasing: null,
    kind,
    rank: d,
    xr: new Array<number>(d * d).fill(0),
    xi: new Array<number>(d * d).fill(0),
  });
};

function claim(spec: Omit<PropertyClaimSpec<BathsInstance>, 'arbitrary' | 'describe'> & { readonly arbitrary?: PropertyClaimSpec<BathsInstance>['arbitrary'] }): Claim {
  return propertyClaim<BathsInstance>({ ...spec, arbitrary: spec.arbitrary ?? general, describe: describeBathsInstance });
}

export const bathsClaims: Claim[] = [
  claim({
    id: 'baths.generator',
    equation: 'B1',
    statement: '\\dot\\rho = -i[H,\\rho] + \\sum_k \\mathcal{D}_k(\\rho) + \\mathcal{D}_\\phi(\\rho),\\quad \\mathcal{D}_k(\\rho^{eq}_k) = 0',
    hypotheses: [B],
    note: 'The structured engine (summed rates, decoupled populations and coherences) against the Lindbladian built from every bath’s jump operators.',
    check: c.checkGenerator,
    mutant: c.mutantGenerator,
  }),
  claim({
    id: 'baths.pauli',
    equation: 'B2',
    statement:
      '\\frac{dp_n}{dt} = \\sum_k\\sum_m \\big[W_k(n|m)p_m - W_k(m|n)p_n\\big],\\ \\frac{d\\rho_{nm}}{dt} = -\\Big\\{i\\omega_{nm} + \\tfrac12\\sum_k\\sum_j\\big[W_k(j|n)+W_k(j|m)\\big] + \\tfrac12(\\gamma_n+\\gamma_m)\\Big\\}\\rho_{nm}',
    hypotheses: [B],
    check: c.checkPauli,
    mutant: c.mutantPauli,
  }),
  claim({
    id: 'baths.steady-state',
    equation: 'B3',
    statement: '\\mathcal{L}(\\rho_{ss}) = 0,\\ \\rho_{ss} = \\mathrm{diag}(p_{ss}),\\ p_{ss}\\ \\text{in the kernel of the summed rate matrix}',
    hypotheses: [B],
    check: c.checkSteadyState,
    mutant: c.mutantSteadyState,
  }),
  claim({
    id: 'baths.qubit-effective-temperature',
    equation: 'B3',
    statement: 'd = 2:\\ \\rho_{ss} = e^{-\\beta_{eff} H}/Z,\\ \\min_k\\beta_k \\le \\beta_{eff} \\le \\max_k\\beta_k,\\ p^{ss}_1 = \\textstyle\\sum_k a_k / \\sum_k (a_k + e_k)',
    hypotheses: [B, 'a qubit (other dimensions are not applicable)'],
    check: c.checkQubitEffectiveTemperature,
    mutant: c.mutantQubitEffectiveTemperature,
  }),
  claim({
    id: 'baths.steady-state-gibbs',
    equation: 'B3',
    statement: '\\rho_{ss} = e^{-\\beta H}/Z\\ \\text{for some}\\ \\beta\\quad (d \\ge 3)',
    hypotheses: [B, 'd ≥ 3 (a qubit is not applicable: its steady state always is Gibbs)'],
    expected: 'refuted',
    note: 'The one-bath picture read with several baths: a qutrit between a hot and a cold bath relaxes to populations whose logarithms are not linear in the energy, a Gibbs state at no temperature.',
    check: c.checkSteadyStateGibbs,
    examples: [hotCold('steady')],
  }),
  claim({
    id: 'baths.heat-currents',
    equation: 'B4',
    statement: 'J_k = \\mathrm{tr}[H\\mathcal{D}_k(\\rho)],\\quad \\Phi = -\\sum_k \\beta_k J_k,\\quad \\frac{dS}{dt} = \\Pi - \\Phi',
    hypotheses: [B],
    check: c.checkHeat,
    mutant: c.mutantHeat,
  }),
  claim({
    id: 'baths.spohn',
    equation: 'B5',
    statement:
      '\\Pi_k = -\\mathrm{tr}\\big[\\mathcal{D}_k(\\rho)(\\ln\\rho - \\ln\\rho^{eq}_k)\\big] \\ge 0,\\ \\Upsilon_\\phi = -\\mathrm{tr}\\big[\\mathcal{D}_\\phi(\\rho)(\\ln\\rho - \\ln\\Delta_H\\rho)\\big] \\ge 0,\\ \\Pi = \\sum_k\\Pi_k + \\Upsilon_\\phi = \\frac{dS}{dt} + \\Phi',
    hypotheses: [B],
    check: c.checkSpohn,
    mutant: c.mutantSpohn,
  }),
  claim({
    id: 'baths.paper-split',
    equation: 'B6',
    statement:
      '\\Pi_k = \\Pi_{d,k} + \\Upsilon_k,\\ \\Pi_{d,k} = \\tfrac12\\sum_{n,m} J^k_{nm}\\ln\\frac{W_k(n|m)p_m}{W_k(m|n)p_n} \\ge 0,\\ \\Upsilon_k \\ge 0,\\ \\Pi_d = \\sum_k \\Pi_{d,k},\\ \\Upsilon = \\sum_k\\Upsilon_k + \\Upsilon_\\phi = -\\frac{dC}{dt}',
    hypotheses: [B],
    check: c.checkPaperSplit,
    mutant: c.mutantPaperSplit,
  }),
  claim({
    id: 'baths.adiabatic-split',
    equation: 'B7',
    statement:
      '\\Pi = \\Pi_{na} + \\Pi_a,\\ \\Pi_{na} = -\\frac{d}{dt}S(\\rho\\|\\rho_{ss}) = -\\frac{d}{dt}S(p\\|p_{ss}) + \\Upsilon \\ge 0,\\ \\Pi_a = \\tfrac12\\sum_k\\sum_{n,m} J^k_{nm}\\ln\\frac{W_k(n|m)p^{ss}_m}{W_k(m|n)p^{ss}_n} \\ge 0',
    hypotheses: [B],
    note: 'Π_a is also checked to depend on the populations only (Π_a(ρ) = Π_a(Δ_H ρ)).',
    check: c.checkAdiabatic,
    mutant: c.mutantAdiabatic,
  }),
  claim({
    id: 'baths.pi-d-steady-relative-entropy',
    equation: 'B7',
    statement: '\\Pi_d = -\\frac{d}{dt}S(p\\|p_{ss})',
    hypotheses: [B],
    expected: 'refuted',
    note: 'Eq. 13 read with the steady state in place of the Gibbs state. With baths at different temperatures the two differ by Π_a; B7 gives the right statement.',
    check: c.checkPiDIsSteadyRelativeEntropyRate,
    examples: [hotCold('diagonal', 2)],
  }),
  claim({
    id: 'baths.steady-state-production',
    equation: 'B8',
    statement: '\\Upsilon(\\rho_{ss}) = \\Pi_{na}(\\rho_{ss}) = 0,\\ \\Pi(\\rho_{ss}) = \\Pi_d(\\rho_{ss}) = \\Pi_a(\\rho_{ss}) \\ge 0,\\ > 0\\ \\text{iff the}\\ \\beta_k\\ \\text{differ}',
    hypotheses: [B, 'ρ = ρ_ss'],
    check: c.checkSteadyProduction,
    mutant: c.mutantSteadyProduction,
    arbitrary: steady,
    examples: [hotCold('steady'), hotCold('steady', 2)],
  }),
  claim({
    id: 'baths.pi-d-vanishes-at-steady-state',
    equation: 'B8',
    statement: '\\Pi_d(\\rho_{ss}) = 0',
    hypotheses: [B, 'ρ = ρ_ss'],
    expected: 'refuted',
    note: 'True with one bath (ρ_ss = ρ_eq). Between baths at different temperatures the steady state carries heat and produces entropy: Π_d(ρ_ss) = Π_a(ρ_ss) > 0.',
    check: c.checkPiDVanishesAtSteadyState,
    arbitrary: steady,
    examples: [hotCold('steady', 2)],
  }),
  claim({
    id: 'baths.one-bath',
    equation: 'B9',
    statement: 'K = 1:\\ \\rho_{ss} = \\rho^{eq},\\ \\Pi_a = 0,\\ \\Pi_{na} = \\Pi,\\ \\text{and every quantity equals the one-bath engine’s (Eqs. 1–15)}',
    hypotheses: [B, 'the instance’s first bath alone, with its dephasing'],
    check: c.checkOneBath,
    mutant: c.mutantOneBath,
  }),
];
