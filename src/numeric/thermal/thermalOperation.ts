import { QepInputError } from '../errors.js';
import { type CMatrix, adjoint, fromDiagonal, identity, kron, mul, mulKronDiagonal } from '../linalg/cmatrix.js';
import { Workspace } from '../linalg/workspace.js';
import { type EnergyLevels, assertDensityMatrix, energyLevels, fromBasis, gibbsPopulations } from '../quantum/index.js';
import { checkEnergyConservingUnitary } from './energyConservingUnitary.js';
import { float64 } from '../linalg/float64.js';

/**
 * A thermal operation (Eq. 16): system S with Hamiltonian H_S, environment E with
 * Hamiltonian H_E prepared in its Gibbs state ρ_E^eq = e^{−βH_E}/Z_E, and an
 * energy-conserving unitary U on S⊗E (order S then E).
 *
 * Besides the inputs it carries the energy eigenbases of H_S and H_E (as
 * computed by `energyLevels`: ascending energies for a non-diagonal H, the given
 * order for a diagonal one) and U written in the product eigenbasis,
 *   Ũ[(m,ν),(n,µ)] = ⟨m,ν|U|n,µ⟩,
 * from which the Kraus operators (Eq. 18), Q (Eq. 19) and α (Eq. 20) are read.
 * Matrices stored as `HS`, `HE`, `U`, `rhoEeq` are in the original (input) basis.
 */
export interface ThermalOperation {
  readonly dS: number;
  readonly dE: number;
  /** Inverse temperature β ≥ 0, finite. */
  readonly beta: number;
  readonly HS: CMatrix;
  readonly HE: CMatrix;
  /** The unitary on S⊗E in the original basis. */
  readonly U: CMatrix;
  /** Spectrum and eigenbasis of H_S (basis null: H_S diagonal). */
  readonly levelsS: EnergyLevels;
  /** Spectrum and eigenbasis of H_E (basis null: H_E diagonal). */
  readonly levelsE: EnergyLevels;
  /** Thermal populations q_µ = e^{−βE_µ}/Z_E of E, in the order of `levelsE.energies`. */
  readonly q: Float64Array;
  /** Total energies E_n + E_µ, index n·d_E + µ in the product eigenbasis. */
  readonly totalEnergies: Float64Array;
  /** ⟨m,ν|U|n,µ⟩: U in the product eigenbasis of H_S⊗1 + 1⊗H_E. */
  readonly Ueig: CMatrix;
  /** ρ_E^eq in the original basis of E. */
  readonly rhoEeq: CMatrix;
  /** True when built with `unchecked`: U was not checked to be unitary and energy conserving. */
  readonly unchecked?: boolean;
}

/** Options of {@link thermalOperation}. */
export interface ThermalOperationOptions {
  /**
   * Skip the unitarity and energy-conservation checks of U (Hermiticity of the
   * Hamiltonians is still required). Only for maps that are known to be wrong on
   * purpose, such as the printed e^{−(H_S+H_E+V)t}; every result is then only as
   * meaningful as the map.
   */
  readonly unchecked?: boolean;
  /** Field names for error messages (defaults: `HS`, `HE`, `U`, `beta`). */
  readonly fields?: { readonly HS: string; readonly HE: string; readonly U: string; readonly beta: string };
}

function checkBeta(beta: number, field: string): void {
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0) {
    throw new QepInputError(field, 'a finite number ≥ 0 (β = 1/T)', String(beta));
  }
}

/**
 * Build (and validate) a thermal operation, Eq. (16).
 * @throws QepInputError naming the field: β not finite or negative; H_S or H_E not
 *   Hermitian; U not (d_S d_E)-square, not unitary (TOL.unitary) or not energy
 *   conserving (TOL.commute), unless `unchecked`.
 * @example thermalOperation(fromDiagonal([0, 1]), fromDiagonal([0, 1]), 1, partialSwap({ theta: 0.4 }).U)
 */
export function thermalOperation(HS: CMatrix, HE: CMatrix, beta: number, U: CMatrix, options: ThermalOperationOptions = {}): ThermalOperation {
  const fields = options.fields ?? { HS: 'HS', HE: 'HE', U: 'U', beta: 'beta' };
  checkBeta(beta, fields.beta);
  if (options.unchecked) {
    if (U.rows !== HS.rows * HE.rows || U.cols !== U.rows) {
      throw new QepInputError(fields.U, `a ${HS.rows * HE.rows}x${HS.rows * HE.rows} matrix`, `${U.rows}x${U.cols}`);
    }
  } else {
    checkEnergyConservingUnitary(U, HS, HE, fields);
  }
  const dS = HS.rows;
  const dE = HE.rows;
  const levelsS = energyLevels(HS);
  const levelsE = energyLevels(HE);
  const q = gibbsPopulations(levelsE.energies, beta);
  const totalEnergies = float64(dS * dE);
  for (let n = 0; n < dS; n++) for (let mu = 0; mu < dE; mu++) totalEnergies[n * dE + mu] = levelsS.energies[n] + levelsE.energies[mu];
  const Ueig = inProductBasis(U, levelsS.basis, levelsE.basis, dS, dE);
  const rhoEeq = fromBasis(fromDiagonal(q), levelsE.basis);
  const op = { dS, dE, beta, HS, HE, U, levelsS, levelsE, q, totalEnergies, Ueig, rhoEeq };
  return options.unchecked ? { ...op, unchecked: true } : op;
}

/** Scratch for the (d_S d_E)-square intermediates of this module. */
const scratch = new Workspace();

/** W† A W with W = W_S ⊗ W_E (A itself when both bases are computational): toBasis(A, productBasis(…)), W and W† A in scratch. */
function inProductBasis(A: CMatrix, WS: CMatrix | null, WE: CMatrix | null, dS: number, dE: number): CMatrix {
  if (WS === null && WE === null) return A;
  const N = dS * dE;
  const W = kron(WS ?? identity(dS), WE ?? identity(dE), scratch.matrix(0, N));
  return mul(mul(adjoint(W, scratch.matrix(1, N)), A, scratch.matrix(2, N)), W);
}

/** W_S ⊗ W_E (null when both bases are computational). */
export function productBasis(WS: CMatrix | null, WE: CMatrix | null, dS: number, dE: number): CMatrix | null {
  if (WS === null && WE === null) return null;
  return kron(WS ?? identity(dS), WE ?? identity(dE));
}

/**
 * The joint state after the operation, Eq. (16): ρ'_SE = U (ρ_S ⊗ ρ_E^eq) U†, in the original basis.
 * @throws QepInputError naming `field` unless ρ_S is a d_S×d_S density matrix.
 */
export function applyThermalOperation(op: ThermalOperation, rhoS: CMatrix, field = 'rhoS'): CMatrix {
  assertDensityMatrix(rhoS, field, op.dS);
  return mul(mul(op.U, kron(rhoS, op.rhoEeq)), adjoint(op.U));
}

/**
 * The joint state after the operation in the product energy eigenbasis:
 * ρ̃'_SE = Ũ (ρ̃_S ⊗ diag q) Ũ†, with ρ̃_S = W_S† ρ_S W_S. No validation (internal route of the budget).
 * The first product goes through the Kronecker-structured kernel (d_S (d_S d_E)² operations, the
 * dense product's values bit for bit) when d_E ≥ 2.
 */
export function jointStateInEigenbasis(op: ThermalOperation, rhoSEig: CMatrix): CMatrix {
  const N = op.dS * op.dE;
  const UK =
    op.dE >= 2
      ? mulKronDiagonal(op.Ueig, rhoSEig, op.q, scratch.matrix(5, N))
      : mul(op.Ueig, kron(rhoSEig, fromDiagonal(op.q, scratch.matrix(3, op.dE)), scratch.matrix(4, N)), scratch.matrix(5, N));
  if (N % 2 !== 0) return mul(UK, adjoint(op.Ueig, scratch.matrix(6, N)));
  // For even N, (UK)·Ũ† = (Ũ·(UK)†)† entry by entry, bit for bit: the product kernel forms the
  // same pairs of terms, conjugated, in the same order. With Ũ on the left the kernel skips
  // its zero 2×2 blocks (Ũ is block diagonal up to exact zeros for diagonal Hamiltonians).
  return adjoint(mul(op.Ueig, adjoint(UK, scratch.matrix(6, N)), scratch.matrix(7, N)));
}
