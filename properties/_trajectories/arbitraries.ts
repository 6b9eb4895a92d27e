import fc from 'fast-check';
import { type CMatrix, adjoint, fromDiagonal, mul, zeros } from '../../src/numeric/linalg/cmatrix.js';
import { matrixToJSON } from '../../src/numeric/linalg/json.js';
import {
  type EnvironmentGap,
  energyConservingUnitaryFromBlocks,
  resonantEnvironmentFromGaps,
  totalEnergyBlocks,
  unitaryFromParameters,
} from '../../src/numeric/random/index.js';
import type { TrajectoryInput } from '../../src/numeric/trajectories/index.js';

/**
 * Random thermal operations for the trajectory claims, built with `.map` from
 * small integers so that fast-check shrinks them to small, readable instances:
 * a qubit with levels {0, 1}, a resonant qubit environment {0, 1}, β = 1,
 * U = 1, diagonal Hamiltonians. (Local to this section: properties/arbitraries.ts
 * did not exist when it was written.)
 *
 * - d_S ∈ {2, 3}, d_E ∈ {2, 3, 4}.
 * - H_S: non-degenerate levels, gaps 1 + k/4 ∈ [0.25, 1.25].
 * - H_E resonant: its first gap is a Bohr frequency of S, later gaps are Bohr
 *   frequencies or free gaps in [0.25, 1] (so H_S⊗1 + 1⊗H_E has degenerate
 *   blocks joining different system levels and U moves population).
 * - Optionally both Hamiltonians are rotated to non-diagonal matrices.
 * - U: one unitary exp(−iK_b) per degenerate block of the total energy, K_b with
 *   entries on a grid of step π/16 in [−π, π] (every block unitary is reached;
 *   the distribution is not Haar), rotated with the Hamiltonians.
 * - ρ_S: `mixed` (eigenvalues ∝ integer weights 0..8, possibly rank-deficient,
 *   eigenvectors rotated away from the energy basis), `pure` (a rotated pure
 *   state), or `diagonal` (in the energy basis).
 * - β = 2^{k/4} ∈ [0.125, 8], shrinking to 1.
 * With these ranges β·(E_max − E_min) ≤ 20 for the system, so every Gibbs
 * population of S stays far above TOL.zeroEigenvalue.
 */

/** The kinds of initial states. */
export type StateKind = 'mixed' | 'pure' | 'diagonal';

/** One random thermal operation, with the parameters it came from. */
export interface TrajectoryInstance {
  readonly kind: StateKind;
  readonly dS: number;
  readonly dE: number;
  readonly energiesS: Float64Array;
  readonly energiesE: Float64Array;
  readonly rotated: boolean;
  readonly input: TrajectoryInput;
  /** A seed for the Monte Carlo claims. */
  readonly seed: number;
}

const grid = (k: number): number => (k * Math.PI) / 16;
const step = fc.integer({ min: -16, max: 16 });
const pool = (n: number): fc.Arbitrary<number[]> => fc.array(step, { minLength: n, maxLength: n });

/** Options of {@link arbTrajectoryInstance}. */
export interface ArbTrajectoryOptions {
  /** The state kinds to draw from (default all three; the first is the shrink target). */
  readonly kinds?: readonly StateKind[];
}

function unitaryFromPool(theta: number[], n: number): CMatrix {
  return unitaryFromParameters(theta.slice(0, n * n).map(grid), n);
}

function rotate(H: Float64Array, V: CMatrix | null): CMatrix {
  const D = fromDiagonal(H);
  return V === null ? D : mul(mul(V, D), adjoint(V));
}

/** A random thermal operation (see the module comment for the distribution). */
export function arbTrajectoryInstance(options: ArbTrajectoryOptions = {}): fc.Arbitrary<TrajectoryInstance> {
  const kinds = options.kinds ?? ['mixed', 'pure', 'diagonal'];
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      dS: fc.integer({ min: 2, max: 3 }),
      dE: fc.integer({ min: 2, max: 4 }),
      gapsS: fc.array(fc.integer({ min: -3, max: 1 }), { minLength: 2, maxLength: 2 }),
      gapsE: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 3, maxLength: 3 }),
      betaExp: fc.integer({ min: -12, max: 12 }),
      rotated: fc.boolean(),
      rotS: pool(9),
      rotE: pool(16),
      u: pool(144),
      vecs: pool(9),
      weights: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
    })
    .map((r): TrajectoryInstance => {
      const { dS, dE } = r;
      const energiesS = new Float64Array(dS);
      for (let i = 1; i < dS; i++) energiesS[i] = energiesS[i - 1] + 1 + r.gapsS[i - 1] / 4;
      // gap code g < 4: the g-th Bohr frequency of S; g ≥ 4: a free gap (g − 3)/4. The first gap is always resonant.
      const gaps: EnvironmentGap[] = [];
      for (let j = 0; j < dE - 1; j++) {
        const g = r.gapsE[j];
        gaps.push(j === 0 || g < 4 ? { bohr: g % 4 } : { free: (g - 3) / 4 });
      }
      const energiesE = resonantEnvironmentFromGaps(energiesS, gaps).energies;
      const VS = r.rotated ? unitaryFromPool(r.rotS, dS) : null;
      const VE = r.rotated ? unitaryFromPool(r.rotE, dE) : null;
      const HS = rotate(energiesS, VS);
      const HE = rotate(energiesE, VE);
      const structure = totalEnergyBlocks(HS, HE);
      let used = 0;
      const blockUnitaries = structure.blocks.map((idx) => {
        const k = idx.length;
        const U = unitaryFromParameters(r.u.slice(used, used + k * k).map(grid), k);
        used += k * k;
        return U;
      });
      const U = energyConservingUnitaryFromBlocks(structure, blockUnitaries);

      const w = r.kind === 'pure' ? [1, 0, 0].slice(0, dS) : r.weights.slice(0, dS);
      const total = w.reduce((a, b) => a + b, 0);
      const lambda = total === 0 ? w.map(() => 1 / dS) : w.map((x) => x / total);
      const V = r.kind === 'diagonal' ? null : unitaryFromPool(r.vecs, dS);
      // ρ_S = B_S V diag(λ) V† B_S† with B_S the eigenbasis of H_S.
      let rho = rotate(Float64Array.from(lambda), V);
      if (VS !== null) rho = mul(mul(VS, rho), adjoint(VS));
      const beta = 2 ** (r.betaExp / 4);
      return {
        kind: r.kind,
        dS,
        dE,
        energiesS,
        energiesE,
        rotated: r.rotated,
        input: { HS, HE, beta, rhoS: hermitize(rho), U },
        seed: r.seed,
      };
    });
}

/** ½(ρ + ρ†): removes the rounding asymmetry of the products above. */
function hermitize(A: CMatrix): CMatrix {
  const n = A.rows;
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out.re[i * n + j] = 0.5 * (A.re[i * n + j] + A.re[j * n + i]);
      out.im[i * n + j] = 0.5 * (A.im[i * n + j] - A.im[j * n + i]);
    }
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6 || 0;

function readable(A: CMatrix): number[][] | { re: number[][]; im: number[][] } {
  const j = matrixToJSON(A);
  const re = j.re.map((row) => row.map(round));
  const im = j.im.map((row) => row.map(round));
  return im.every((row) => row.every((x) => x === 0)) ? re : { re, im };
}

/** A readable view of an instance for counterexample reports (6 decimals). */
export function describeInstance(t: TrajectoryInstance): unknown {
  const { input } = t;
  return {
    kind: t.kind,
    dS: t.dS,
    dE: t.dE,
    beta: round(input.beta),
    HS: t.rotated ? readable(input.HS as CMatrix) : Array.from(t.energiesS, round),
    HE: t.rotated ? readable(input.HE as CMatrix) : Array.from(t.energiesE, round),
    rhoS: readable(input.rhoS),
    U: readable(input.U),
  };
}
