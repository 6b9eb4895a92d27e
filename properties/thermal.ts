import type { Arbitrary } from 'fast-check';
import type { Claim } from '../src/claims/claim.js';
import { propertyClaim } from '../src/claims/propertyClaim.js';
import {
  type DaviesQubitInstance,
  type PrintedInstance,
  type ThermalInstance,
  arbDaviesQubit,
  arbPrintedInstance,
  arbThermalInstance,
  daviesQubitBoundaryExamples,
  describeDaviesQubit,
  describePrinted,
  describeThermal,
  printedGibbsExample,
  resonantPartialSwapExample,
  thermalBoundaryExamples,
} from './arbitraries/index.js';
import * as C from './_thermal/checks.js';

/**
 * The claims of the thermal-operations section (Eqs. 16–31), checked on random
 * instances: d_S ∈ {2, 3, 4}, d_E ∈ {2, …, 6}, resonant and non-resonant
 * environments, Haar-like and named (partial swap, one-quantum exchange)
 * unitaries, diagonal / coherent / pure states, β·ΔE ∈ [0, 50], diagonal and
 * rotated Hamiltonians (see arbThermalInstance).
 */

const THERMAL = 'U on S⊗E is unitary and [U, H_S⊗1 + 1⊗H_E] = 0; E starts in ρ_E^eq = e^{−βH_E}/Z_E';

/** The instances of every claim of Eqs. 16–31. */
const thermal = arbThermalInstance();

/** Boundary cases tried first by every claim on the thermal instances (see thermalBoundaryExamples), and Eq. 30's resonant partial swap. */
const boundary = [...thermalBoundaryExamples(), resonantPartialSwapExample()];

/** Where a claim's instances come from, the examples tried first, and how a counterexample is shown. */
const from = (arbitrary: Arbitrary<ThermalInstance>, examples: readonly ThermalInstance[] = boundary) => ({ arbitrary, describe: describeThermal, examples });

/** The printed U = e^{−(H_S+H_E+V)t} on the same instances, with a time t. */
const printed = arbPrintedInstance();

export const thermalClaims: Claim[] = [
  propertyClaim({
    ...from(thermal),
    id: 'thermal.energy-conservation',
    equation: '16',
    statement: String.raw`[U, H_S\otimes 1 + 1\otimes H_E] = 0 \;\Rightarrow\; \Delta\langle H_S\rangle + \Delta\langle H_E\rangle = 0`,
    hypotheses: [THERMAL],
    check: C.checkEnergyConservation,
    mutant: C.mutantEnergyConservation,
    note: 'Mutant: the system energy alone is conserved.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.selection-rule',
    equation: '17',
    statement: String.raw`\langle m,\nu|U|n,\mu\rangle = 0 \text{ unless } E_n + E_\mu = E_m + E_\nu`,
    hypotheses: [THERMAL],
    check: C.checkSelectionRule,
    mutant: C.mutantSelectionRule,
    note: 'Checked in the product energy eigenbasis. Mutant: the rule with E_n − E_µ = E_m − E_ν.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.kraus-map',
    equation: '18',
    statement: String.raw`\mathrm{tr}_E\, U(\rho_S\otimes\rho_E^{eq})U^\dagger = \sum_{\mu\nu} M_{\mu\nu}\rho_S M_{\mu\nu}^\dagger,\; M_{\mu\nu} = \sqrt{q_\mu}\langle\nu|U|\mu\rangle`,
    hypotheses: [THERMAL],
    check: C.checkKrausMap,
    mutant: C.mutantKrausMap,
    note: 'Mutant: M_µν = q_µ⟨ν|U|µ⟩ (square root dropped).',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.kraus-completeness',
    equation: '18',
    statement: String.raw`\sum_{\mu\nu} M_{\mu\nu}^\dagger M_{\mu\nu} = 1`,
    hypotheses: [THERMAL],
    check: C.checkKrausCompleteness,
    mutant: C.mutantKrausCompleteness,
    note: 'Mutant: Σ M M† = 1 (unitality instead of trace preservation).',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.gibbs-fixed-point',
    equation: '18',
    statement: String.raw`\sum_{\mu\nu} M_{\mu\nu}\rho_S^{eq} M_{\mu\nu}^\dagger = \rho_S^{eq}`,
    hypotheses: [THERMAL],
    check: C.checkGibbsFixedPoint,
    mutant: C.mutantGibbsFixedPoint,
    note: 'Mutant: the sign of β flipped in ρ_S^eq.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.incoherent',
    equation: '-',
    statement: String.raw`\rho_S = \Delta_{H_S}(\rho_S) \;\Rightarrow\; \rho'_S = \Delta_{H_S}(\rho'_S)`,
    hypotheses: [THERMAL, 'H_S non-degenerate'],
    check: C.checkIncoherent,
    mutant: C.mutantIncoherent,
    note: 'The map is incoherent: applied to the dephased ρ_S its output has no coherence. Mutant: the output of any ρ_S is incoherent.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.transition-matrix',
    equation: '19',
    statement: String.raw`p'_m = \sum_n Q(m|n)\,p_n,\; Q(m|n) = \sum_{\mu\nu} |\langle m|M_{\mu\nu}|n\rangle|^2`,
    hypotheses: [THERMAL],
    check: C.checkTransitionMatrix,
    mutant: C.mutantTransitionMatrix,
    note: 'Populations in the eigenbasis of H_S; p\' from the partial trace. Mutant: p\' = Qᵀp.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.column-stochastic',
    equation: '19',
    statement: String.raw`Q(m|n) \ge 0,\; \sum_m Q(m|n) = 1`,
    hypotheses: [THERMAL],
    check: C.checkColumnStochastic,
    mutant: C.mutantColumnStochastic,
    note: 'Mutant: the rows sum to 1.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.gibbs-preserving',
    equation: '19',
    statement: String.raw`\sum_n Q(m|n)\,p^{eq}_n = p^{eq}_m`,
    hypotheses: [THERMAL],
    check: C.checkGibbsPreserving,
    mutant: C.mutantGibbsPreserving,
    note: 'Mutant: Qᵀ p_eq = p_eq.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.coherence-factors',
    equation: '20',
    statement: String.raw`\rho'_{nm} = \alpha_{nm}\rho_{nm},\; \alpha_{nm} = \sum_{\mu\nu}\langle n|M_{\mu\nu}|n\rangle\langle m|M_{\mu\nu}^\dagger|m\rangle \;(n\ne m)`,
    hypotheses: [THERMAL, 'the Bohr frequencies ω_nm = E_n − E_m (n ≠ m) of H_S are pairwise distinct (TOL.degeneracy)'],
    check: C.checkCoherenceFactors,
    mutant: C.mutantCoherenceFactors,
    note: 'Instances with equally spaced levels (d_S ≥ 3) are not applicable. Mutant: ⟨m|M_µν|m⟩ in place of ⟨m|M_µν†|m⟩.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.coherence-bound',
    equation: '21',
    statement: String.raw`|\alpha_{nm}|^2 \le Q(n|n)\,Q(m|m)`,
    hypotheses: [THERMAL],
    check: C.checkCoherenceBound,
    mutant: C.mutantCoherenceBound,
    note:
      'Checked for every n ≠ m with α_nm of Eq. 20 (Cauchy–Schwarz; no Bohr hypothesis needed). The residual is the signed violation ' +
      '|α_nm|² − Q(n|n)Q(m|m): negative means slack, and the worst residual reported is minus the smallest slack seen ' +
      '(0 when the bound is attained, e.g. by U = 1 or a phase-only U). Mutant: the bound Q(n|m) Q(m|n).',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.sigma-nonnegative',
    equation: '22',
    statement: String.raw`\Sigma = S(\rho_S\|\rho_S^{eq}) - S(\rho'_S\|\rho_S^{eq}) \ge 0`,
    hypotheses: [THERMAL],
    check: C.checkSigmaNonNegative,
    mutant: C.mutantSigmaNonNegative,
    note: 'The engine\'s Σ is also compared with the definition evaluated in the original basis. Mutant: −Σ ≥ 0.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.sigma-split',
    equation: '23-25',
    statement: String.raw`\Sigma = \Sigma_d + \Xi,\; \Sigma_d = S(p\|p^{eq}) - S(p'\|p^{eq}) \ge 0,\; \Xi = C(\rho_S) - C(\rho'_S) \ge 0`,
    hypotheses: [THERMAL],
    check: C.checkSigmaSplit,
    mutant: C.mutantSigmaSplit,
    note: 'Σ_d from p\' = Qp (Eq. 19), Ξ from the relative entropies of coherence, Σ from its definition: three routes. Mutant: Σ = Σ_d − Ξ.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.sigma-environment-correlations',
    equation: '26',
    statement: String.raw`\Sigma = S(\rho'_E\|\rho_E^{eq}) + I(\rho'_{SE})`,
    hypotheses: [THERMAL],
    check: C.checkSigmaEnvironment,
    mutant: C.mutantSigmaEnvironment,
    note: 'Mutant: Σ = S(ρ\'_E‖ρ_E^eq) − I(ρ\'_SE).',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.dephased-entropies',
    equation: '27',
    statement: String.raw`S(\Delta_{H_S+H_E}(\rho'_{SE})) = S(\Delta_{H_S}(\rho_S)) + S(\rho_E^{eq})`,
    hypotheses: [THERMAL],
    check: C.checkDephasedEntropies,
    mutant: C.mutantDephasedEntropies,
    note: 'Δ_{H_S+H_E} dephases the blocks of degenerate total energy. Mutant: ρ\'_S in place of ρ_S on the right.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.coherence-conservation',
    equation: '28',
    statement: String.raw`C_{H_S+H_E}(\rho'_{SE}) = C_{H_S}(\rho_S)`,
    hypotheses: [THERMAL],
    check: C.checkCoherenceConservation,
    mutant: C.mutantCoherenceConservation,
    note:
      'Follows from Eq. 27 and S(ρ\'_SE) = S(ρ_S) + S(ρ_E^eq) (unitarity); the paper says "from Eqs. 26 and 27". ' +
      'Mutant: C(ρ\'_SE) in the local product basis (full dephasing Δ_S ⊗ Δ_E), which differs when E is resonant.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.xi-global-local',
    equation: '29',
    statement: String.raw`\Xi = C(\rho'_{SE}) - C(\rho'_S)`,
    hypotheses: [THERMAL],
    check: C.checkXiGlobalLocal,
    mutant: C.mutantXiGlobalLocal,
    note: 'Mutant: Ξ = C(ρ\'_SE) − C(ρ\'_S) − C(ρ\'_E).',
  }),
  propertyClaim({
    ...from(thermal, [resonantPartialSwapExample()]),
    id: 'thermal.correlated-coherence',
    equation: '30',
    statement: String.raw`C_{cc}(\rho'_{SE}) = C(\rho'_{SE}) - C(\rho'_S) - C(\rho'_E) \ge 0`,
    hypotheses: [THERMAL],
    check: C.checkCorrelatedCoherence,
    expected: 'refuted',
    note:
      'Printed form, refuted. With C(ρ\'_SE) taken w.r.t. H_S⊗1 + 1⊗H_E as the paper defines it (block dephasing, needed for Eq. 28), ' +
      'C_cc can be negative when E is resonant with S. Smallest example: two resonant qubits (gap 1), partial swap ' +
      'U = e^{−iπ/4(σ₊⊗σ₋ + σ₋⊗σ₊)}, E in its ground state (β·ΔE = 50), ρ_S = [[0.8, 0.3], [0.3, 0.2]]: ' +
      'C(ρ\'_SE) = C(ρ_S) = 0.2322 but C(ρ\'_S) = C(ρ\'_E) = 0.1348, so C_cc = −0.0374. The cited non-negativity ' +
      '(Tan et al., Ref. 45) is for coherence in a local product basis, where C_cc = I(ρ\') − I(Δ_S⊗Δ_E ρ\') ≥ 0 (here +0.101); ' +
      'block dephasing keeps the |01⟩–|10⟩ coherence of the degenerate total-energy block, so C(ρ\'_SE) is smaller. ' +
      'Eq. 31 is unaffected (an identity); only the reading of C_cc as a non-negative "non-local part" fails. ' +
      'See thermal.correlated-coherence-nonresonant for the hypothesis under which it holds.',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.correlated-coherence-nonresonant',
    equation: '30',
    statement: String.raw`\omega^S_{nm} \ne \omega^E_{\mu\nu}\ (\omega^S_{nm}\neq 0) \;\Rightarrow\; C_{cc}(\rho'_{SE}) \ge 0`,
    hypotheses: [THERMAL, 'no non-zero Bohr frequency of H_S equals a Bohr frequency of H_E (TOL.degeneracy)'],
    check: C.checkCorrelatedCoherenceNonResonant,
    mutant: C.mutantCorrelatedCoherenceNonResonant,
    note:
      'Corrected form of Eq. 30: without S–E resonances every degenerate block of H_S + H_E is a product of local blocks, ' +
      'Δ_{H_S+H_E} = Δ_{H_S} ⊗ Δ_{H_E}, and C_cc = I(ρ\'_SE) − I(Δρ\'_SE) ≥ 0 by data processing. Mutant: C_cc = 0 (Ξ all local).',
  }),
  propertyClaim({
    ...from(thermal),
    id: 'thermal.xi-local-nonlocal',
    equation: '31',
    statement: String.raw`\Xi = C(\rho'_E) + C_{cc}(\rho'_{SE})`,
    hypotheses: [THERMAL],
    check: C.checkXiLocalNonLocal,
    mutant: C.mutantXiLocalNonLocal,
    note: 'Ξ from Eq. 25 (engine), C(ρ\'_E) and C_cc from Eq. 30 (primitives). Mutant: Ξ = C(ρ\'_E) − C_cc.',
  }),
  propertyClaim<PrintedInstance>({
    id: 'thermal.printed-unitary-kraus',
    equation: '16, 18',
    statement: String.raw`U = e^{-(H_S+H_E+V)t} \;\Rightarrow\; \sum_{\mu\nu} M_{\mu\nu}^\dagger M_{\mu\nu} = 1`,
    hypotheses: ['V Hermitian with [V, H_S⊗1 + 1⊗H_E] = 0, t ∈ [0, 2]'],
    expected: 'refuted',
    note: 'Printed form of Eq. 16 lacks the i: e^{−(H_S+H_E+V)t} is Hermitian and positive, not unitary, so its Kraus operators (Eq. 18) do not preserve the trace.',
    arbitrary: printed,
    examples: [printedGibbsExample()],
    check: C.checkPrintedKraus,
    describe: describePrinted,
  }),
  propertyClaim<PrintedInstance>({
    id: 'thermal.printed-unitary-sigma',
    equation: '16, 22',
    statement: String.raw`U = e^{-(H_S+H_E+V)t} \;\Rightarrow\; \Sigma \ge 0`,
    hypotheses: ['V Hermitian with [V, H_S⊗1 + 1⊗H_E] = 0, t ∈ [0, 2]; the output renormalised to trace 1'],
    expected: 'refuted',
    note:
      'Printed form of Eq. 16 lacks the i: the (renormalised) map e^{−(H+V)t} cools the system beyond the bath temperature and does not fix ρ_S^eq, so Σ of Eq. 22 can be negative. ' +
      'Example: a qubit in its Gibbs state at β·ΔE = 1, V = 0, t = 2 is cooled to β + 2t: Σ = −S(ρ\'_S‖ρ_S^eq) ≈ −0.067.',
    arbitrary: printed,
    examples: [printedGibbsExample()],
    check: C.checkPrintedSigma,
    describe: describePrinted,
  }),
  propertyClaim<DaviesQubitInstance>({
    id: 'thermal.davies-limit',
    equation: '23-25, 13-14',
    statement: String.raw`\rho(t) = e^{\mathcal{L}t}\rho(0):\; \Sigma_d = \int_0^t \Pi_d\,ds,\; \Xi = \int_0^t \Upsilon\,ds`,
    hypotheses: ['a qubit Davies generator (standard bath, β > 0, optional pure dephasing) applied as a map over [0, t]'],
    note: 'Time integrals by Gauss–Legendre quadrature (tolerance CHECK_TOL.panelQuadrature). Mutant: Σ_d compared with ∫Π (Π_d + Υ).',
    arbitrary: arbDaviesQubit(),
    examples: daviesQubitBoundaryExamples(),
    check: C.checkDaviesLimit,
    mutant: C.mutantDaviesLimit,
    describe: describeDaviesQubit,
  }),
];
