import { QepInputError } from '../errors.js';
import { type CMatrix, fromDiagonal, zeros } from '../linalg/cmatrix.js';
import { sameLevel } from '../tolerance.js';
import { unitaryEvolution } from '../linalg/functions.js';

/** A named thermal-operation model: Hamiltonians, the interaction and the resulting unitary. */
export interface ThermalModel {
  readonly HS: CMatrix;
  readonly HE: CMatrix;
  /** The energy-conserving interaction V ([V, H_S⊗1 + 1⊗H_E] = 0). */
  readonly V: CMatrix;
  /** U = e^{−iθV}, the interaction-picture unitary (energy conserving). */
  readonly U: CMatrix;
}

function finite(x: number, field: string): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new QepInputError(field, 'a finite number', String(x));
}

/**
 * The partial swap of two resonant qubits with gap ω and angle θ:
 *   H_S = H_E = diag(0, ω),  V = σ₊⊗σ₋ + σ₋⊗σ₊ = |10⟩⟨01| + |01⟩⟨10|,
 *   U = e^{−iθV} = |00⟩⟨00| + |11⟩⟨11| + cos θ (|01⟩⟨01| + |10⟩⟨10|) − i sin θ (|01⟩⟨10| + |10⟩⟨01|),
 * with σ₊ = |1⟩⟨0| (|1⟩ the excited level), order S then E. θ = π/2 is the full swap (up to phases).
 * The closed form is exact (no eigensolver).
 * @throws QepInputError when θ or ω is not finite, or ω ≤ 0.
 * @example partialSwap({ theta: Math.PI / 4 }).U
 */
export function partialSwap({ theta, omega = 1 }: { theta: number; omega?: number }): ThermalModel {
  finite(theta, 'theta');
  finite(omega, 'omega');
  if (omega <= 0) throw new QepInputError('omega', 'a number > 0', String(omega));
  const H = fromDiagonal([0, omega]);
  const V = zeros(4, 4);
  V.re[1 * 4 + 2] = 1;
  V.re[2 * 4 + 1] = 1;
  const U = zeros(4, 4);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  U.re[0] = 1;
  U.re[15] = 1;
  U.re[1 * 4 + 1] = c;
  U.re[2 * 4 + 2] = c;
  U.im[1 * 4 + 2] = -s;
  U.im[2 * 4 + 1] = -s;
  return { HS: H, HE: fromDiagonal([0, omega]), V, U };
}

/** Options of {@link exchangeModel}. */
export interface ExchangeModelOptions {
  /** System energies (H_S = diag(energiesS)); at least two levels. */
  readonly energiesS: readonly number[];
  /** The system transition [lower, upper] (indices into energiesS) with E_upper > E_lower. */
  readonly transition: readonly [number, number];
  /** Number of environment levels d_E ≥ 2. */
  readonly dE: number;
  /** 'oscillator': truncated harmonic mode, b|k⟩ = √k |k−1⟩; 'qudit': equally spaced ladder, b|k⟩ = |k−1⟩. */
  readonly ladder: 'oscillator' | 'qudit';
  /** Coupling angle θ = g·t in U = e^{−iθV}. */
  readonly theta: number;
}

/**
 * Exchange of one quantum between a system transition a ↔ b (ω = E_b − E_a > 0) and a
 * resonant environment mode H_E = diag(0, ω, 2ω, …, (d_E − 1)ω):
 *   V = |a⟩⟨b| ⊗ b† + |b⟩⟨a| ⊗ b,  U = e^{−iθV},
 * with b the mode's lowering operator (truncated oscillator or qudit ladder). The
 * system loses a quantum ω exactly when the mode gains one, so [V, H_S⊗1 + 1⊗H_E] = 0.
 * @throws QepInputError on fewer than two system levels, a bad transition (indices out of
 *   range, or E_b − E_a not > 0 beyond TOL.degeneracy), d_E < 2 or not an integer,
 *   an unknown ladder, or non-finite numbers.
 */
export function exchangeModel(options: ExchangeModelOptions): ThermalModel {
  const { energiesS, transition, dE, ladder, theta } = options;
  if (!Array.isArray(energiesS) || energiesS.length < 2) throw new QepInputError('energiesS', 'at least two energies', String(energiesS?.length));
  energiesS.forEach((e, i) => finite(e, `energiesS[${i}]`));
  finite(theta, 'theta');
  if (!Number.isInteger(dE) || dE < 2) throw new QepInputError('dE', 'an integer ≥ 2', String(dE));
  if (ladder !== 'oscillator' && ladder !== 'qudit') throw new QepInputError('ladder', '"oscillator" or "qudit"', String(ladder));
  const dS = energiesS.length;
  const [a, b] = transition;
  for (const [k, i] of [a, b].entries()) {
    if (!Number.isInteger(i) || i < 0 || i >= dS) throw new QepInputError(`transition[${k}]`, `a level index in 0..${dS - 1}`, String(i));
  }
  const omega = energiesS[b] - energiesS[a];
  if (!(omega > 0) || sameLevel(energiesS[a], energiesS[b])) {
    throw new QepInputError('transition', 'a pair [lower, upper] with E_upper > E_lower', `ω = ${omega}`);
  }
  const N = dS * dE;
  const V = zeros(N, N);
  for (let k = 0; k + 1 < dE; k++) {
    const amp = ladder === 'oscillator' ? Math.sqrt(k + 1) : 1;
    // |a, k+1⟩⟨b, k| (system down, mode up) and its adjoint
    const row = a * dE + k + 1;
    const col = b * dE + k;
    V.re[row * N + col] = amp;
    V.re[col * N + row] = amp;
  }
  return {
    HS: fromDiagonal(energiesS),
    HE: fromDiagonal(Array.from({ length: dE }, (_, k) => k * omega)),
    V,
    U: unitaryEvolution(V, theta, { field: 'V' }),
  };
}
