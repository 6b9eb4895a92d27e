import type { Arbitrary } from 'fast-check';
import type { Claim } from '../src/claims/claim.js';
import { propertyClaim } from '../src/claims/propertyClaim.js';
import {
  type TrajectoryInstance,
  arbTrajectoryInstance,
  coherentFullRankExample,
  describeTrajectoryInstance,
  pureGroundStateSwapExample,
  trajectoryBoundaryExamples,
} from './arbitraries/index.js';
import * as c from './_trajectories/checks.js';

/**
 * The claims of "Trajectories and fluctuation theorems" (Eqs. 32–44), checked
 * on random thermal operations from the one thermal-operation generator
 * (d_S ∈ {2, 3}, d_E ∈ {2, 3, 4}, resonant environments, random and named
 * energy-conserving U, ρ_S of any rank with coherences, β·ΔE ∈ [0, 50]).
 * Every property claim that is expected to hold carries a mutant that the
 * registry test requires to be refuted.
 */

const general = arbTrajectoryInstance();
const diagonal = arbTrajectoryInstance({ use: 'diagonal' });
/** The same generator on its coarse grid, for the claims expected refuted: their counterexamples shrink to readable qubits. */
const simple = arbTrajectoryInstance({ grid: 'coarse' });

/** Boundary cases tried first (see trajectoryBoundaryExamples). */
const boundary = trajectoryBoundaryExamples();

/** Where a claim's instances come from, the examples tried first, and how a counterexample is shown. */
const from = (arbitrary: Arbitrary<TrajectoryInstance>, examples: readonly TrajectoryInstance[] = boundary) => ({ arbitrary, describe: describeTrajectoryInstance, examples });

const THERMAL_OP = 'U conserves H_S⊗1 + 1⊗H_E; ρ_E = e^{−βH_E}/Z_E with β finite';

export const trajectoryClaims: Claim[] = [
  propertyClaim({
    ...from(general),
    id: 'trajectories.unravelling-average',
    equation: '33',
    statement:
      "\\sum_{\\alpha,\\mu,\\nu} P_F(\\nu|\\alpha,\\mu)\\, p_\\alpha q_\\mu\\, |\\Phi_F^{\\alpha\\mu\\nu}\\rangle\\langle\\Phi_F^{\\alpha\\mu\\nu}| = \\rho'_S = \\mathrm{tr}_E\\, U(\\rho_S\\otimes\\rho_E^{eq})U^\\dagger",
    hypotheses: [THERMAL_OP],
    check: c.checkUnravellingAverage,
    mutant: c.mutantUnravellingAverage,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.final-populations',
    equation: '34',
    statement: "p'_\\beta = \\sum_{\\alpha,\\mu,\\nu} p_{\\beta|\\alpha,\\mu,\\nu} P_F(\\nu|\\alpha,\\mu)\\, p_\\alpha q_\\mu,\\quad p_{\\beta|\\alpha,\\mu,\\nu} = |\\langle\\psi'_\\beta|\\Phi_F^{\\alpha\\mu\\nu}\\rangle|^2",
    hypotheses: [THERMAL_OP],
    check: c.checkFinalPopulations,
    mutant: c.mutantFinalPopulations,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.transition-probability',
    equation: '35-36',
    statement: "p_{\\beta|\\alpha,\\mu,\\nu} P_F(\\nu|\\alpha,\\mu) = |\\langle\\psi'_\\beta,\\nu|U|\\psi_\\alpha,\\mu\\rangle|^2,\\ \\text{so}\\ P_F[X] = |\\langle\\psi'_\\beta,\\nu|U|\\psi_\\alpha,\\mu\\rangle|^2 p_\\alpha q_\\mu",
    hypotheses: [THERMAL_OP],
    check: c.checkTransitionProbability,
    mutant: c.mutantTransitionProbability,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.backward-normalisation',
    equation: '38',
    statement: "\\sum_X P_B[X] = \\sum_{\\alpha,\\mu,\\beta,\\nu} p_{\\alpha|\\beta,\\nu,\\mu} P_B(\\mu|\\beta,\\nu)\\, p'_\\beta q_\\nu = 1",
    hypotheses: [THERMAL_OP],
    check: c.checkBackwardNormalisation,
    mutant: c.mutantBackwardNormalisation,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.fluctuation-theorem',
    equation: '40',
    statement: '\\langle e^{-\\sigma}\\rangle = \\sum_{X:\\,P_F[X]>0} P_F[X]\\, e^{-\\sigma[X]} = 1',
    hypotheses: [THERMAL_OP, 'ρ_S full rank (every eigenvalue > TOL.zeroEigenvalue): the paper leaves this implicit'],
    check: c.checkFluctuationTheoremFullRank,
    mutant: c.mutantFluctuationTheorem,
  }),
  propertyClaim({
    ...from(simple, [pureGroundStateSwapExample()]),
    id: 'trajectories.fluctuation-theorem-any-state',
    equation: '40',
    statement: '\\langle e^{-\\sigma}\\rangle = 1\\ \\text{for every}\\ \\rho_S',
    hypotheses: [THERMAL_OP],
    expected: 'refuted',
    note:
      'As printed, Eq. 40 is stated for any ρ_S. The average runs over paths with P_F > 0, so it equals Σ_{P_F>0} P_B = 1 − Σ_{p_α=0} P_B: ' +
      'when ρ_S is rank-deficient (e.g. pure) backward paths that end in the kernel of ρ_S are missing and the sum is below 1. ' +
      'trajectories.fluctuation-theorem checks it under full rank; trajectories.fluctuation-theorem-support gives the value for any ρ_S.',
    check: c.checkFluctuationTheoremAnyState,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.fluctuation-theorem-support',
    equation: '40',
    statement:
      "\\langle e^{-\\sigma}\\rangle = \\mathrm{tr}\\big[\\Pi_{\\rho_S}\\, \\mathrm{tr}_E\\, U^\\dagger(\\rho'_S\\otimes\\rho_E^{eq})U\\big],\\ \\Pi_{\\rho_S}\\ \\text{the projector on}\\ \\mathrm{supp}\\,\\rho_S",
    hypotheses: [THERMAL_OP],
    note: "qep's form of Eq. 40 for any ρ_S (not in the paper): it reduces to 1 when ρ_S is full rank.",
    check: c.checkFluctuationTheoremSupport,
    mutant: c.mutantFluctuationTheoremSupport,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.log-ratio',
    equation: '39-41',
    statement: "\\sigma[X] = \\ln\\frac{P_F[X]}{P_B[X]} = \\ln\\frac{p_{\\beta|\\alpha,\\mu,\\nu} P_F(\\nu|\\alpha,\\mu) p_\\alpha q_\\mu}{p_{\\alpha|\\beta,\\nu,\\mu} P_B(\\mu|\\beta,\\nu) p'_\\beta q_\\nu} = \\ln\\frac{p_\\alpha q_\\mu}{p'_\\beta q_\\nu}",
    hypotheses: [THERMAL_OP, 'paths with P_F[X] > 0; the ratio itself where the transition probability exceeds 1e-6 (elsewhere the cancelling conditionals are compared)'],
    check: c.checkLogRatio,
    mutant: c.mutantLogRatio,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.mean-sigma',
    equation: '40',
    statement: "\\langle\\sigma\\rangle = \\Sigma = S(\\rho_S\\|\\rho_S^{eq}) - S(\\rho'_S\\|\\rho_S^{eq})",
    hypotheses: [THERMAL_OP],
    check: c.checkMeanSigma,
    mutant: c.mutantMeanSigma,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.sigma-split',
    equation: '42-44',
    statement:
      "\\sigma[\\tilde X] = \\sigma_d[\\tilde X] + \\xi[\\tilde X],\\ \\sigma_d = \\ln\\frac{p_n q_\\mu}{p'_m q_\\nu},\\ \\xi = \\ln\\frac{p_\\alpha p'_m}{p'_\\beta p_n}\\ \\text{on every path}",
    hypotheses: [THERMAL_OP],
    check: c.checkSigmaSplit,
    mutant: c.mutantSigmaSplit,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.mean-sigma-d',
    equation: '43',
    statement: "\\langle\\sigma_d\\rangle = \\Sigma_d = S(p\\|p_{eq}) - S(p'\\|p_{eq})",
    hypotheses: [THERMAL_OP, 'H_S non-degenerate'],
    check: c.checkMeanSigmaD,
    mutant: c.mutantMeanSigmaD,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.mean-xi',
    equation: '44',
    statement: "\\langle\\xi\\rangle = \\Xi = C(\\rho_S) - C(\\rho'_S)",
    hypotheses: [THERMAL_OP, 'H_S non-degenerate'],
    check: c.checkMeanXi,
    mutant: c.mutantMeanXi,
  }),
  propertyClaim({
    ...from(diagonal, trajectoryBoundaryExamples(true)),
    id: 'trajectories.classical-ft-diagonal',
    equation: '-',
    statement: '\\langle e^{-\\sigma_d}\\rangle = 1\\ \\text{for}\\ \\rho_S\\ \\text{diagonal in the energy basis}',
    hypotheses: [THERMAL_OP, 'H_S non-degenerate', 'ρ_S diagonal in the eigenbasis of H_S and full rank'],
    note: 'The classical fluctuation theorem the paper contrasts with Eq. 40 ("that one finds for diagonal initial states").',
    check: c.checkClassicalFluctuationTheoremDiagonal,
    mutant: c.mutantClassicalFluctuationTheorem,
  }),
  propertyClaim({
    ...from(simple, [coherentFullRankExample()]),
    id: 'trajectories.classical-ft-any-state',
    equation: '-',
    statement: '\\langle e^{-\\sigma_d}\\rangle = 1\\ \\text{for every full-rank}\\ \\rho_S',
    hypotheses: [THERMAL_OP, 'ρ_S full rank (so that only coherences, not missing paths, can break it)'],
    expected: 'refuted',
    note:
      'The paper: "due to the presence of coherences, the classical fluctuation theorem ... is not satisfied. Instead, it must be corrected by the information gain" ' +
      '(⟨e^{−σ_d−ξ}⟩ = 1). qep shows the failure with a counterexample; as the paper says, this is expected.',
    check: c.checkClassicalFluctuationTheoremAnyState,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.sampled-means',
    equation: '40-44',
    statement: '\\overline{x}_N \\in \\langle x\\rangle \\pm t^*(\\mathrm{Var}\\,x, \\max|x - \\langle x\\rangle|, N)\\ \\text{for}\\ x \\in \\{\\sigma, \\sigma_d, \\xi, e^{-\\sigma}, e^{-\\sigma_d}\\}',
    hypotheses: [THERMAL_OP, 'N = 4000 seeded Monte Carlo trajectories; exact mean, variance and range by enumeration'],
    note:
      'The allowed deviation t* is Bernstein\'s bound from the exact (enumerated) variance and range of x, for a family-wise false alarm ' +
      '≤ CHECK_TOL.falseAlarm = 1e-6 over the 5 × (instances of the run) comparisons (Bonferroni): a correct sampler fails with probability ≤ 1e-6 ' +
      'whatever --runs is, heavy tails included (e^{−σ} through a tiny eigenvalue of ρ_S). About 6.5 standard errors for light tails at 100 runs. ' +
      'The residual is the largest deviation as a fraction of t* (≤ 1 holds); the counterexample\'s detail prints the same number.',
    check: c.checkSampledMeans,
    mutant: c.mutantSampledMeans,
  }),
  propertyClaim({
    ...from(general),
    id: 'trajectories.sampled-histogram',
    equation: '41',
    statement: '\\text{the sampled histogram of}\\ \\sigma\\ \\text{matches}\\ P_F\\ \\text{bin by bin (Bernstein}\\ t^*\\ \\text{+ 1/N)}',
    hypotheses: [THERMAL_OP, 'N = 4000 seeded Monte Carlo trajectories'],
    note: 'Each bin frequency within Bernstein\'s t* for a Bernoulli(p) plus 1/N, for a family-wise false alarm ≤ 1e-6 over (bins) × (instances of the run) comparisons, as in trajectories.sampled-means. The residual is the largest deviation as a fraction of the allowed one.',
    check: c.checkSampledHistogram,
    mutant: c.mutantSampledHistogram,
  }),
];
