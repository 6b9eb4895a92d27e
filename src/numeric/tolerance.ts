/**
 * The one tolerance module of qep: every threshold of the
 * project is a documented field here, named at its use; none is typed in.
 *
 * Groups, by who reads them:
 * - {@link TOL}: the engine's physics decisions — what counts as Hermitian, a
 *   state, unitary, energy conserving, degenerate, zero. Relative to the norms
 *   involved: a test of `|x| ≤ tol` is always `|x| ≤ tol · scale` with the scale
 *   stated.
 * - {@link EPS}, {@link MIN_NORMAL}: float64 constants the other thresholds are
 *   stated in.
 * - {@link ENGINE_TOL}: internal thresholds of the engine's algorithms (eigensolver
 *   kernels, ODE solver, Davies propagation path, random instances). They decide how
 *   a number is computed, not what it means.
 * - {@link CHECK_TOL}: the claim checks of properties/ (and the symbolic-vs-numeric
 *   cross-check of `qep verify`): identities between two routes, quadrature, the
 *   refutation margin, the closed-form cross-check, Monte Carlo statistics.
 * - {@link SYMBOLIC_TOL}: the symbolic engine (BigNumber sampling, CAS time limits).
 * - {@link SYMBOLIC_LIMITS}: sizes of user expressions and time budgets of exact algebra.
 */
export interface Tolerances {
  /** Hermiticity: ‖A − A†‖_max ≤ hermitian · max(1, ‖A‖_max). */
  readonly hermitian: number;
  /** Trace of a density matrix: |tr ρ − 1| ≤ trace. */
  readonly trace: number;
  /** Positivity: smallest eigenvalue ≥ −psd · max(1, ‖ρ‖). */
  readonly psd: number;
  /** Unitarity: ‖U†U − 1‖_max ≤ unitary. */
  readonly unitary: number;
  /** Energy conservation: ‖[U, H]‖_max ≤ commute · max(1, ‖H‖_max). */
  readonly commute: number;
  /** Eigenvalues of a state at or below zeroEigenvalue count as exactly 0 (0 ln 0 = 0, support tests). */
  readonly zeroEigenvalue: number;
  /** Two energies (or Bohr frequencies) within degeneracy · max(1, |E|) are one level. */
  readonly degeneracy: number;
  /** Detailed balance: |W(n|m) e^{βE_m} − W(m|n) e^{βE_n}| relative residual ≤ detailedBalance. */
  readonly detailedBalance: number;
}

/**
 * Defaults. `zeroEigenvalue` and `degeneracy` match the QuTiP reference data (1e-12, 1e-9;
 * test/fixtures/qutip/README.md). The validation tolerances (hermitian, trace, psd,
 * unitary 1e-10; commute, detailedBalance 1e-9) are qep's choice: five to six orders above the
 * rounding of float64 input of order one (~1e-15), so matrices computed elsewhere in double
 * precision pass, and far below any violation that changes the physics.
 */
export const TOL: Tolerances = Object.freeze({
  hermitian: 1e-10,
  trace: 1e-10,
  psd: 1e-10,
  unitary: 1e-10,
  commute: 1e-9,
  zeroEigenvalue: 1e-12,
  degeneracy: 1e-9,
  detailedBalance: 1e-9,
});

/** Machine epsilon for float64 (2^−52). */
export const EPS = 2.220446049250313e-16;

/** The smallest normal double, 2^−1022: below it a number is subnormal and keeps fewer than 53 bits. */
export const MIN_NORMAL = 2.2250738585072014e-308;

/** True when two energies count as one level under {@link TOL.degeneracy}. */
export function sameLevel(a: number, b: number, tol: number = TOL.degeneracy): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Internal thresholds of the engine's algorithms (see the module comment). */
export const ENGINE_TOL = Object.freeze({
  /** The Hermitian eigensolver's kernels (src/numeric/linalg), on input prescaled to a largest component in [1, 2). */
  linalg: Object.freeze({
    /**
     * Below this magnitude an entry is negligible (far below rounding of entries of
     * order one) and its square may underflow: kernels drop it, or switch to
     * Math.hypot, instead of forming a phase or a rotation from it. 1e-150: its
     * square 1e-300 is still a normal double.
     */
    negligible: 1e-150,
    /**
     * Jacobi stops when the off-diagonal (Frobenius) mass² ≤ jacobiStopSquared · ‖A‖_F²,
     * i.e. off(A) ≤ 1e-17 ‖A‖_F < ε‖A‖_F/20: the diagonal is then within rounding of the
     * eigenvalues (Weyl: |λ_k − a_kk| ≤ off(A) after sorting). Stored squared, as compared.
     */
    jacobiStopSquared: 1e-34,
    /**
     * From the fifth sweep on, Jacobi zeroes |a_pq| < jacobiSkip · (|a_pp| + |a_qq|) instead
     * of rotating: below ε/200 of the diagonal, so the rotation would not change it (the role
     * of the `100|a_pq| + |a_pp| = |a_pp|` test after four sweeps in Numerical Recipes' jacobi).
     */
    jacobiSkip: 1e-18,
  }),
  /** Dormand–Prince (src/numeric/dynamics/dormandPrince.ts). */
  ode: Object.freeze({
    /** Default relative tolerance per component: well below the 1e-8 agreement asked of the scenario outputs. */
    rtol: 1e-10,
    /** Default absolute tolerance per component: for density-matrix entries of size ≤ 1. */
    atol: 1e-12,
    /**
     * Starting step (HNW I §II.4, p. 169; Hairer's HINIT in dopri5.f): when the weighted
     * norm of y0 or of f(y0) is below startNorm (dopri5.f: 1e-10 on their squares), the first
     * trial step is startStep instead of 0.01‖y0‖/‖f0‖.
     */
    startNorm: 1e-5,
    /** The fallback first trial step of HINIT (dopri5.f: 1e-6). */
    startStep: 1e-6,
    /**
     * HINIT: when max(‖f0‖, ‖f'‖) ≤ startFlat (dopri5.f: 1e-15) the solution is flat
     * and the step is max(startStep, startStepRatio · h0) instead of (0.01/max)^{1/5}.
     */
    startFlat: 1e-15,
    /** The fraction of the trial step taken on a flat start (dopri5.f: 1e-3). */
    startStepRatio: 1e-3,
  }),
  /** Choice of the Davies population propagator (src/numeric/dynamics/daviesEvolution.ts). */
  daviesPath: Object.freeze({
    /**
     * Largest e^{½β(E_max − E_min)} = max sqrt(p_eq,n/p_eq,m) for which the populations use the
     * symmetrised eigen-decomposition. The back-transformation p = D^{1/2} V e^{Λt} Vᵀ D^{−1/2} p(0)
     * multiplies the O(ε) errors of V by up to this ratio, so 1e4 keeps them near 1e-12;
     * beyond it (low temperature) the populations use expm of the rate matrix instead.
     */
    maxCondition: 1e4,
    /**
     * Largest relative asymmetry of D^{−1/2} M D^{1/2} accepted by the eigen path, in units
     * of EPS. Exact detailed balance makes it symmetric up to rounding (a few ε); rates that
     * satisfy Eq. 4 only within TOL.detailedBalance go through expm, exact for the rates as given.
     */
    maxAsymmetryEps: 64,
  }),
  /** Random instances (src/numeric/random). */
  random: Object.freeze({
    /**
     * randomEnergies with minBohrSeparation s: a level moved out of a forbidden window
     * (E_j + ω − s, E_j + ω + s) is placed at the window's edge plus bohrWindowMargin · s,
     * so that rounding of the sums cannot put it back on the edge (~1e-15 relative).
     */
    bohrWindowMargin: 1e-9,
  }),
});

/** Thresholds of the claim checks (properties/, and `qep verify`'s closed form vs engine). */
export const CHECK_TOL = Object.freeze({
  /**
   * Two routes to one quantity (every section): |a − b| ≤ identity · scale, the scale
   * being the magnitude of the terms involved (Davies: sums of rates × logarithms;
   * thermal operations and trajectories: 1 + |b|); an inequality a ≥ 0 of the thermal
   * section passes when a ≥ −identity · (1 + scale). Rounding is ~1e-13 at the sizes drawn
   * (O(d²)-term sums with eigenvalues down to e^{−20}/d and β·ΔE up to ~2000 in the Davies
   * section; entropies of 24×24 states in the thermal one; paths dropped by the
   * TOL.zeroEigenvalue rule in the trajectory one, each at most a few tolerances), so 1e-9
   * leaves four orders of margin and still refutes any wrong formula (residuals O(1)).
   */
  identity: 1e-9,
  /** Davies: how far below 0 a non-negative rate may round, relative to its terms (as `identity`). */
  sign: 1e-9,
  /**
   * Davies: "X = 0" means |X| ≤ zero × (largest rate). With `equilibrium` it leaves a gap of 1e4:
   * the slowest relaxation rate of an instance is ≥ 1e-2 of its largest (couplings within e^{±2},
   * down-rates ≥ g/2), so Π ≥ 1e-2 × rate × S(ρ‖ρ_eq) > 1e-11 × rate whenever ρ ≠ ρ_eq.
   */
  zero: 1e-13,
  /** Davies: "ρ ≠ ρ_eq" means S(ρ‖ρ_eq) > equilibrium (see `zero`). */
  equilibrium: 1e-9,
  /**
   * Davies: the primitives' route to S(ρ‖ρ_eq) (logarithms of eigenvalues an eigensolver gets
   * to ε absolutely) is taken only while its rounding d·ε/min p_eq ≤ identity/routeHeadroom:
   * two orders below `identity`, so that route cannot by itself exceed the tolerance.
   */
  routeHeadroom: 100,
  /**
   * Davies: −tr(ρ̇ ln ρ) is used as a second route to dS/dt only at clearly full-rank states,
   * λ_min > fullRankMargin · TOL.zeroEigenvalue (three orders above the zero cut-off, so no
   * eigenvalue is near being counted as 0).
   */
  fullRankMargin: 1e3,
  /** Davies: the adaptive G7–K15 rule integrates the analytic rates to quadrature · ∫|f|. */
  quadrature: 1e-12,
  /**
   * Davies: integrated identities are checked to integral · max(∫|f|, |values at a, b|); four
   * orders above `quadrature`, for rounding of the state functions at the end points.
   */
  integral: 1e-8,
  /**
   * Adaptive quadrature accepts a panel whose error estimate is at rounding level,
   * quadratureRoundingEps · EPS · ∫|f| over the panel (QUADPACK's 50ε).
   */
  quadratureRoundingEps: 50,
  /**
   * Thermal operations, Davies limit (Eqs. 23–25): time integrals by 8-point Gauss–Legendre on
   * geometric panels, |Σ_d − ∫Π_d| ≤ panelQuadrature · (1 + |Σ_d|).
   */
  panelQuadrature: 1e-7,
  /**
   * Thermal operations, Davies limit: a leading run of panels where a rate is +∞ is skipped only
   * when it contributes at most panelQuadrature/panelSkipHeadroom (an order below the tolerance).
   */
  panelSkipHeadroom: 10,
  /**
   * Expected-refuted claims (printed forms): an instance counts as a violation only when it
   * exceeds refutation · (1 + scale). Otherwise fast-check shrinks the counterexample to the
   * edge of the rounding tolerance (a violation of 1e-9 that reads like noise); with this
   * margin the reported counterexample shows a violation no rounding could explain. It only
   * makes refutation harder.
   */
  refutation: 1e-3,
  /**
   * Trajectories, Eq. 41: ln(P_F/P_B) is compared only on paths whose transition probability
   * exceeds ratioFloor: both are products of amplitudes with absolute rounding ~1e-16, so below
   * it their ratio is not accurate to `identity`.
   */
  ratioFloor: 1e-6,
  /**
   * Closed form (symbolic) vs numeric engine: |closed − engine| ≤ crossCheck · max(1, |closed|,
   * |engine|).
   */
  crossCheck: 1e-10,
  /** The closed-form mutant: the closed form off by this relative amount, 1e4 × crossCheck, so a working check must catch it. */
  closedFormMutant: 1e-6,
  /**
   * Monte Carlo: the family-wise false-alarm probability of a sampled claim over one whole run.
   * A sampled mean (or histogram bin) passes when it lies within t* of the exact value, t*
   * Bernstein's bound for probability falseAlarm / m (Bonferroni over the m comparisons of the
   * run: its instances times the comparisons per instance), from the exact variance and range
   * of the sampled quantity. t* grows slowly with the run (about 6.5 standard errors for 100
   * instances of 5 means, 6.8 for 1000, more for heavy tails), so a correct sampler raises a
   * false alarm with probability ≤ 1e-6 whatever `--runs` is, where a fixed z would fire by
   * multiple testing on long runs. The runs are seeded, so a pass is reproducible.
   */
  falseAlarm: 1e-6,
  /** Samples per Monte Carlo check: the standard error is then σ/63 for a spread σ. */
  samples: 4000,
});

/** Thresholds and limits of the symbolic engine (src/symbolic). */
export interface SymbolicTolerances {
  /** Significant digits of BigNumber sampling (at least 60, so that a residual of 1e-40 is far above rounding). */
  readonly sampleDigits: number;
  /** Random points per sampled identity (at least 50). */
  readonly samplePoints: number;
  /** Points at which an exactly proved identity is also evaluated, as a guard against bugs in the proof pipeline. */
  readonly guardPoints: number;
  /** A sampled identity holds when |lhs − rhs| ≤ sampleResidual · max(1, |lhs|, |rhs|) at every point (1e-40, far below any real discrepancy and far above 64-digit rounding). */
  readonly sampleResidual: number;
  /** Milliseconds an algebrite or nerdamer call may take before its worker is terminated. */
  readonly casTimeoutMs: number;
  /** The same, for algebrite's opinion on each step of a derivation (they queue behind one another). */
  readonly algebriteStepTimeoutMs: number;
  /** Total algebrite time one model derivation may spend on opinions (the rest are reported "not asked"). */
  readonly algebriteBudgetMs: number;
  /** Atomized differences longer than this are not sent to algebrite during derivations (it would time out). */
  readonly algebriteMaxChars: number;
}

/**
 * The defaults (the closed-form cross-check is {@link CHECK_TOL.crossCheck}).
 */
export const SYMBOLIC_TOL: SymbolicTolerances = Object.freeze({
  sampleDigits: 64,
  samplePoints: 50,
  guardPoints: 8,
  sampleResidual: 1e-40,
  casTimeoutMs: 20_000,
  algebriteStepTimeoutMs: 2_500,
  algebriteBudgetMs: 6_000,
  algebriteMaxChars: 20_000,
});

/**
 * Limits of the symbolic engine on user input and on exact algebra. Sizes are
 * checked before any work starts, without recursion; over a limit, the input
 * is refused with an error that names the limit. Time budgets bound every
 * exact-algebra step; over budget, the step gives up and the identity is
 * decided by the BigNumber sampler instead (status `sampled`, never `proved`).
 * Each limit can be raised for one run with the environment variable
 * `QEP_LIMITS`, e.g. `QEP_LIMITS=maxExpressionDepth=400,exactBudgetMs=20000`,
 * or with the `limits` option of the API.
 */
export interface SymbolicLimits {
  /** Characters of a user expression (`qep verify EXPR`). */
  readonly maxExpressionChars: number;
  /** Nodes of a parsed user expression (operators, functions, symbols, constants). */
  readonly maxExpressionNodes: number;
  /** Nesting depth of a user expression (parentheses, operators and function calls). */
  readonly maxExpressionDepth: number;
  /** Milliseconds the exact reduction of one identity may take before it falls back to sampling. */
  readonly exactBudgetMs: number;
  /** Terms of one exact polynomial; a larger intermediate result stops the exact reduction like the time budget. */
  readonly maxPolynomialTerms: number;
  /** Integer exponents |k| above this are not expanded exactly (the identity is sampled instead). */
  readonly maxExactExponent: number;
  /** Algebrite workers run at once for a derivation's second opinions (at most the number of cores). */
  readonly casWorkers: number;
}

/** The defaults: far above any closed form of the paper's models, far below what takes seconds. */
export const SYMBOLIC_LIMITS: SymbolicLimits = Object.freeze({
  maxExpressionChars: 20_000,
  maxExpressionNodes: 5_000,
  maxExpressionDepth: 200,
  exactBudgetMs: 5_000,
  maxPolynomialTerms: 20_000,
  maxExactExponent: 1_000,
  casWorkers: 2,
});

/** Thresholds of the scenario tools (`qep fixtures`, `qep eval --expect`): user-facing, not engine, tolerances. */
export const SCENARIO_TOL = Object.freeze({
  /** Default comparison of a result with a golden file: |a − e| ≤ atol + rtol·|e|; the QuTiP reference set's own suggestion (its README). */
  compareAtol: 1e-8,
  /** See compareAtol. */
  compareRtol: 1e-7,
  /**
   * Generated thermal operations have total energies either degenerate or at least this far apart
   * (relative), so any degeneracy tolerance from 1e-9 to 1e-4 finds the same blocks.
   */
  resolvedLevelSeparation: 1e-3,
});
