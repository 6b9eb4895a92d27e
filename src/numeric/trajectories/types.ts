import type { CMatrix } from '../linalg/cmatrix.js';

/**
 * A thermal operation as the trajectory engine takes it (Eq. 16): system
 * Hamiltonian, environment Hamiltonian, inverse temperature of the
 * environment, initial system state and the joint unitary.
 *
 * Conventions: ħ = k_B = 1, nats. A Hamiltonian is a Hermitian matrix or the
 * energies of a Hamiltonian diagonal in the computational basis. `U` acts on
 * S ⊗ E (order S then E, `kron(A_S, B_E)`) and must conserve
 * H_S ⊗ 1 + 1 ⊗ H_E. `beta` is finite and ≥ 0.
 */
export interface TrajectoryInput {
  readonly HS: CMatrix | ArrayLike<number>;
  readonly HE: CMatrix | ArrayLike<number>;
  readonly beta: number;
  readonly rhoS: CMatrix;
  readonly U: CMatrix;
}

/**
 * Optional choices of eigenbases. When ρ_S (or ρ'_S) has a degenerate
 * eigenvalue its eigenbasis is not unique; by default the engine takes the one
 * `eigh` returns. A caller may fix another one here (columns = eigenvectors);
 * it is checked to be unitary and to diagonalise the state.
 */
export interface TrajectoryOptions {
  /** Eigenvectors |ψ_α⟩ of ρ_S as columns (d_S × d_S unitary with V†ρ_S V diagonal). */
  readonly initialEigenbasis?: CMatrix;
  /** Eigenvectors |ψ'_β⟩ of ρ'_S as columns (d_S × d_S unitary with V†ρ'_S V diagonal). */
  readonly finalEigenbasis?: CMatrix;
}

/** The five exact forward averages that form the `traj` key of a thermal-operation scenario. */
export interface TrajectoryMeans {
  /** ⟨e^{−σ}⟩ = Σ_{X: P_F[X] > 0} P_B[X] (Eq. 40; 1 when ρ_S is full rank). */
  readonly mean_exp_minus_sigma: number;
  /** ⟨σ⟩ = Σ_X P_F[X] σ[X] (= Σ of Eq. 22). */
  readonly mean_sigma: number;
  /** ⟨σ_d⟩ = Σ_X̃ P[X̃] σ_d[X̃] (= Σ_d, Eq. 43). */
  readonly mean_sigma_d: number;
  /** ⟨ξ⟩ = Σ_X̃ P[X̃] ξ[X̃] (= Ξ, Eq. 44). */
  readonly mean_xi: number;
  /** ⟨e^{−σ_d}⟩ = Σ_X̃ P[X̃] e^{−σ_d[X̃]} (1 for diagonal full-rank ρ_S, not in general). */
  readonly mean_exp_minus_sigma_d: number;
}
