import { QepInputError } from '../errors.js';
import { type CMatrix, adjoint, commutator, identity, mul, normMax, sub, trace } from '../linalg/cmatrix.js';
import { eigh } from '../linalg/eigh.js';
import { TOL } from '../tolerance.js';

/** @throws QepInputError unless A is square (of size n when given). */
export function assertSquare(A: CMatrix, n: number | undefined, field: string): void {
  if (A.rows !== A.cols) throw new QepInputError(field, 'a square matrix', `${A.rows}x${A.cols}`);
  if (n !== undefined && A.rows !== n) throw new QepInputError(field, `a ${n}x${n} matrix`, `${A.rows}x${A.cols}`);
}

/** max |A − A†| / max(1, max|A|): the Hermiticity residual. */
export function hermitianResidual(A: CMatrix): number {
  return normMax(sub(A, adjoint(A))) / Math.max(1, normMax(A));
}

/** True when A is square and max |A − A†| ≤ tol · max(1, max|A|) (default TOL.hermitian). */
export function isHermitian(A: CMatrix, tol: number = TOL.hermitian): boolean {
  return A.rows === A.cols && hermitianResidual(A) <= tol;
}

/** @throws QepInputError unless A is square and Hermitian within TOL.hermitian. */
export function assertHermitian(A: CMatrix, field: string): void {
  assertSquare(A, undefined, field);
  const r = hermitianResidual(A);
  if (r > TOL.hermitian) throw new QepInputError(field, 'Hermitian (max |A - A†| relative)', r, TOL.hermitian);
}

/**
 * @throws QepInputError unless ρ is a density matrix: square, Hermitian
 * (TOL.hermitian), trace 1 (TOL.trace) and positive semidefinite
 * (λ_min ≥ −TOL.psd).
 */
export function assertDensityMatrix(rho: CMatrix, field: string, n?: number): void {
  assertSquare(rho, n, field);
  assertHermitian(rho, field);
  const t = trace(rho);
  const r = Math.abs(t.re - 1);
  if (r > TOL.trace) throw new QepInputError(field, 'of trace 1 (|tr - 1|)', r, TOL.trace);
  const lmin = eigh(rho).values[0];
  if (lmin < -TOL.psd) throw new QepInputError(field, 'positive semidefinite (smallest eigenvalue)', lmin, -TOL.psd);
}

/** @throws QepInputError unless U†U = 1 within TOL.unitary (max entry of U†U − 1). */
export function assertUnitary(U: CMatrix, field: string): void {
  assertSquare(U, undefined, field);
  const r = normMax(sub(mul(adjoint(U), U), identity(U.rows)));
  if (r > TOL.unitary) throw new QepInputError(field, 'unitary (max |U†U - 1|)', r, TOL.unitary);
}

/** ‖[U, H]‖_max / max(1, ‖H‖_max): the energy-conservation residual. */
export function commutatorResidual(U: CMatrix, H: CMatrix): number {
  return normMax(commutator(U, H)) / Math.max(1, normMax(H));
}

/** @throws QepInputError unless [U, H] = 0 within TOL.commute (Eq. 16). */
export function assertEnergyConserving(U: CMatrix, H: CMatrix, field: string): void {
  const r = commutatorResidual(U, H);
  if (r > TOL.commute) throw new QepInputError(field, 'energy conserving (max |[U, H_S⊗1 + 1⊗H_E]| relative)', r, TOL.commute);
}
