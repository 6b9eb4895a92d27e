import { QepInputError } from '../errors.js';
import { type CMatrix, adjoint, commutator, mul, normMax, sub, trace } from '../linalg/cmatrix.js';
import { eigvalsh } from '../linalg/eigh.js';
import { Workspace } from '../linalg/workspace.js';
import { TOL } from '../tolerance.js';

/**
 * Scratch for the square intermediates of the residuals below: slots 0–1 U† and U†U, slot 2 [U, H] for
 * a diagonal H, slot FIRST_SIZED_SLOT + n the n × n A − A† for n ≤ MAX_SIZED_SLOT (a slot per size:
 * states, Hamiltonians and unitaries of several sizes are checked in turn; larger ones allocate).
 */
const scratch = new Workspace();
const FIRST_SIZED_SLOT = 3;
const MAX_SIZED_SLOT = 64;

/** @throws QepInputError unless A is square (of size n when given). */
export function assertSquare(A: CMatrix, n: number | undefined, field: string): void {
  if (A.rows !== A.cols) throw new QepInputError(field, 'a square matrix', `${A.rows}x${A.cols}`);
  if (n !== undefined && A.rows !== n) throw new QepInputError(field, `a ${n}x${n} matrix`, `${A.rows}x${A.cols}`);
}

/** max |A − A†| / max(1, max|A|): the Hermiticity residual (A − A† formed in scratch, one slot per size). */
export function hermitianResidual(A: CMatrix): number {
  if (A.rows !== A.cols || A.rows > MAX_SIZED_SLOT) return normMax(sub(A, adjoint(A))) / Math.max(1, normMax(A));
  const n = A.rows;
  const D = adjoint(A, scratch.matrix(FIRST_SIZED_SLOT + n, n));
  for (let k = 0; k < n * n; k++) {
    D.re[k] = A.re[k] - D.re[k];
    D.im[k] = A.im[k] - D.im[k];
  }
  return normMax(D) / Math.max(1, normMax(A));
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
  const lmin = eigvalsh(rho)[0];
  if (lmin < -TOL.psd) throw new QepInputError(field, 'positive semidefinite (smallest eigenvalue)', lmin, -TOL.psd);
}


/** max |U†U − 1| for square U: U† and U†U formed in scratch, 1 subtracted in place (the value of `normMax(sub(mul(adjoint(U), U), identity(n)))`). */
function unitarityResidualOf(U: CMatrix): number {
  const n = U.rows;
  const G = mul(adjoint(U, scratch.matrix(0, n)), U, scratch.matrix(1, n));
  for (let i = 0; i < n; i++) G.re[i * n + i] -= 1;
  return normMax(G);
}

/** @throws QepInputError unless U†U = 1 within TOL.unitary (max entry of U†U − 1). */
export function assertUnitary(U: CMatrix, field: string): void {
  assertSquare(U, undefined, field);
  const r = unitarityResidualOf(U);
  if (r > TOL.unitary) throw new QepInputError(field, 'unitary (max |U†U - 1|)', r, TOL.unitary);
}

/** True when every off-diagonal entry of the square H is exactly 0. */
function isDiagonal(H: CMatrix): boolean {
  const n = H.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j && (H.re[i * n + j] !== 0 || H.im[i * n + j] !== 0)) return false;
  }
  return true;
}

/**
 * [U, H] for a diagonal H = diag(h) into `out`: entry U_ij h_j − h_i U_ij, each product formed
 * as the product kernel forms it (its other terms are exact zeros), so the values are those of
 * `commutator(U, H)` bit for bit, in n² operations instead of two n³ products.
 */
function diagonalCommutator(U: CMatrix, H: CMatrix, out: CMatrix): CMatrix {
  const n = U.rows;
  for (let i = 0; i < n; i++) {
    const hir = H.re[i * n + i];
    const hii = H.im[i * n + i];
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const ur = U.re[k];
      const ui = U.im[k];
      const hjr = H.re[j * n + j];
      const hji = H.im[j * n + j];
      out.re[k] = ur * hjr - ui * hji - (hir * ur - hii * ui);
      out.im[k] = ur * hji + ui * hjr - (hir * ui + hii * ur);
    }
  }
  return out;
}

/** ‖[U, H]‖_max / max(1, ‖H‖_max): the energy-conservation residual (U, H square of one size). */
export function commutatorResidual(U: CMatrix, H: CMatrix): number {
  if (!(U.rows === H.rows && U.cols === H.cols && isDiagonal(H))) return normMax(commutator(U, H)) / Math.max(1, normMax(H));
  // normMax is the largest hypot over the entries; H's off-diagonal ones are zeros.
  const n = H.rows;
  let h = 0;
  for (let i = 0; i < n; i++) h = Math.max(h, Math.hypot(H.re[i * n + i], H.im[i * n + i]));
  return normMax(diagonalCommutator(U, H, scratch.matrix(2, n))) / Math.max(1, h);
}

/** @throws QepInputError unless [U, H] = 0 within TOL.commute (Eq. 16). */
export function assertEnergyConserving(U: CMatrix, H: CMatrix, field: string): void {
  const r = commutatorResidual(U, H);
  if (r > TOL.commute) throw new QepInputError(field, 'energy conserving (max |[U, H_S⊗1 + 1⊗H_E]| relative)', r, TOL.commute);
}
