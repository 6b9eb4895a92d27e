import { QepInputError } from '../../errors.js';
import {
  type CMatrix,
  adjoint,
  fromDiagonal,
  identity,
  kron,
  kronIdentityAdjointMul,
  mul,
  mulKronDiagonal,
  normMax,
  partialTraceOfProductAdjoint,
} from '../../linalg/cmatrix.js';
import { eigh } from '../../linalg/eigh.js';
import { Workspace } from '../../linalg/workspace.js';
import {
  assertDensityMatrix,
  assertEnergyConserving,
  assertHermitian,
  assertSquare,
  assertUnitary,
  type EnergyLevels,
  energyLevels,
  fromBasis,
  gibbsPopulations,
  groundEnergy,
  logShiftedPartition,
  partialTrace,
} from '../../quantum/index.js';
import { TOL } from '../../tolerance.js';
import type { TrajectoryInput, TrajectoryOptions } from '../types.js';
import { float64 } from '../../linalg/float64.js';

/**
 * Everything the forward and backward protocols need, in the eigenbases.
 *
 * Index conventions (used by every file of this folder):
 * - system eigen-indices α (of ρ_S), β (of ρ'_S), energy indices n, m (of H_S);
 * - environment energy indices µ (before), ν (after);
 * - a pair (α, µ) is the column index a = α·d_E + µ of `W`, a pair (β, ν) the
 *   row index b = β·d_E + ν;
 * - `C[n·d_S + α] = |⟨n|ψ_α⟩|²`, `D[m·d_S + β] = |⟨m|ψ'_β⟩|²`.
 *
 * "Live" labels: a probability at or below TOL.zeroEigenvalue counts as 0 (the
 * same rule as 0 ln 0 = 0 in the entropies), so `p[α]` etc. are kept as
 * computed but `pLive[α]` says whether the label can carry a path.
 */
export interface Protocol {
  readonly dS: number;
  readonly dE: number;
  readonly beta: number;
  /** Energies E_n of H_S, and its eigenbasis (null = computational). */
  readonly energiesS: Float64Array;
  readonly basisS: CMatrix | null;
  /** Energies of H_E, and its eigenbasis (null = computational). */
  readonly energiesE: Float64Array;
  readonly basisE: CMatrix | null;
  /** q_µ = e^{−βE_µ}/Z_E and ln q_µ (computed in log form, finite for finite β). */
  readonly q: Float64Array;
  readonly logq: Float64Array;
  readonly rhoS: CMatrix;
  /** The joint unitary on S ⊗ E (computational basis). */
  readonly U: CMatrix;
  /** ρ'_S = tr_E U(ρ_S ⊗ ρ_E^eq)U† (Eq. 18). */
  readonly rhoSFinal: CMatrix;
  /** Eigenvalues p_α of ρ_S and eigenvectors |ψ_α⟩ (columns, computational basis). */
  readonly p: Float64Array;
  readonly psi: CMatrix;
  readonly pLive: Uint8Array;
  /** Eigenvalues p'_β of ρ'_S and eigenvectors |ψ'_β⟩. */
  readonly pFinal: Float64Array;
  readonly psiFinal: CMatrix;
  readonly pFinalLive: Uint8Array;
  /**
   * Populations p_n = ⟨n|ρ_S|n⟩ and p'_m = ⟨m|ρ'_S|m⟩ in the eigenbasis of H_S,
   * computed as the marginals of the path measure, p_n = Σ_{α live} p_α |⟨n|ψ_α⟩|²
   * and p'_m = Σ_{β live} p'_β |⟨m|ψ'_β⟩|² (equal to ⟨n|ρ_S|n⟩ up to rounding).
   * That keeps p_α |⟨n|ψ_α⟩|² / p_n ≤ 1 exactly, so ratios such as e^{−σ_d} carry
   * no rounding amplified by 1/p_n when a population is tiny.
   */
  readonly pn: Float64Array;
  readonly pnLive: Uint8Array;
  readonly pmFinal: Float64Array;
  readonly pmFinalLive: Uint8Array;
  /**
   * ln p_α, ln p'_β, ln p_n, ln p'_m, the logarithms that make up σ, σ_d and ξ
   * (Eqs. 41, 43, 44); 0 where the probability is not positive (such a label carries no path).
   */
  readonly logp: Float64Array;
  readonly logpFinal: Float64Array;
  readonly logpn: Float64Array;
  readonly logpmFinal: Float64Array;
  /** W[(β,ν),(α,µ)] = ⟨ψ'_β, ν|U|ψ_α, µ⟩ and T = |W|² (row-major, (d_S d_E)²). */
  readonly W: CMatrix;
  readonly T: Float64Array;
  readonly C: Float64Array;
  readonly D: Float64Array;
}

function assertHamiltonian(H: CMatrix | ArrayLike<number>, field: string): number {
  if ('re' in H) {
    assertHermitian(H, field);
    return H.rows;
  }
  if (H.length < 1) throw new QepInputError(field, 'a non-empty list of energies', 'length 0');
  for (let i = 0; i < H.length; i++) {
    if (!Number.isFinite(H[i])) throw new QepInputError(`${field}[${i}]`, 'a finite number', String(H[i]));
  }
  return H.length;
}

/** Scratch for the (d_S d_E)-square intermediates of {@link buildProtocol} (slots 0–3) and {@link pathAmplitudes} (4–7). */
const scratch = new Workspace();

function asMatrix(energies: Float64Array, basis: CMatrix | null): CMatrix {
  return fromBasis(fromDiagonal(energies), basis);
}

/** ln q_µ = −β(E_µ − E_min) − ln Σ_k e^{−β(E_k − E_min)}: finite for every µ when β is finite. */
export function logGibbs(energies: Float64Array, beta: number): Float64Array {
  const emin = groundEnergy(energies);
  const lz = logShiftedPartition(energies, beta, emin);
  return energies.map((e) => -beta * (e - emin) - lz);
}

/** ln x for x > 0, 0 otherwise (a label of probability 0 carries no path, so its logarithm is never used). */
function logOrZero(x: Float64Array): Float64Array {
  return x.map((v) => (v > 0 ? Math.log(v) : 0));
}

/**
 * The path amplitudes of the two-point measurement: W[(β,ν),(α,µ)] = ⟨ψ'_β, ν|U|ψ_α, µ⟩ and the
 * transition probabilities T = |W|² (Eq. 35), with |ψ_α⟩, |ψ'_β⟩ the columns of `psi`, `psiFinal`
 * and |µ⟩, |ν⟩ the columns of the environment's energy basis `basisE` (null = computational).
 * W = (Ψ' ⊗ B_E)† U (Ψ ⊗ B_E); with B_E = 1 (and d_E ≥ 2) both factors are applied by the
 * Kronecker-structured kernels, which give the dense products' values bit for bit.
 */
function pathAmplitudes(U: CMatrix, psi: CMatrix, psiFinal: CMatrix, basisE: CMatrix | null, dE: number): { W: CMatrix; T: Float64Array } {
  const N = U.rows;
  let W: CMatrix;
  if (basisE === null && dE >= 2) {
    W = mulKronDiagonal(kronIdentityAdjointMul(psiFinal, U, scratch.matrix(6, N)), psi);
  } else {
    const BE = basisE ?? identity(dE);
    const left = adjoint(kron(psiFinal, BE, scratch.matrix(4, N)), scratch.matrix(5, N));
    W = mul(mul(left, U, scratch.matrix(6, N)), kron(psi, BE, scratch.matrix(7, N)));
  }
  const T = float64(W.re.length);
  for (let k = 0; k < T.length; k++) T[k] = W.re[k] * W.re[k] + W.im[k] * W.im[k];
  return { W, T };
}

/**
 * Eigen-decomposition of a state, or the caller's choice of eigenbasis checked:
 * V unitary (TOL.unitary) and V†ρV diagonal, off-diagonal entries at most
 * TOL.hermitian · max(1, ‖ρ‖_max).
 */
function eigenbasis(rho: CMatrix, chosen: CMatrix | undefined, field: string): { values: Float64Array; vectors: CMatrix } {
  if (chosen === undefined) {
    const e = eigh(rho);
    return { values: e.values, vectors: e.vectors };
  }
  assertSquare(chosen, rho.rows, field);
  assertUnitary(chosen, field);
  const d = mul(mul(adjoint(chosen), rho), chosen);
  const n = d.rows;
  let off = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) off = Math.max(off, Math.hypot(d.re[i * n + j], d.im[i * n + j]));
  }
  const tol = TOL.hermitian * Math.max(1, normMax(rho));
  if (off > tol) throw new QepInputError(field, 'an eigenbasis of the state (max off-diagonal |V†ρV|)', off, tol);
  return { values: Float64Array.from({ length: n }, (_, i) => d.re[i * n + i]), vectors: chosen };
}

/** 1 where the probability is above TOL.zeroEigenvalue (the label can carry a path), else 0. */
function liveMask(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] > TOL.zeroEigenvalue ? 1 : 0;
  return out;
}

/** |⟨n|v_α⟩|² for the columns v_α of V written in the basis B (null = computational): entry [n·d + α]. */
function overlaps(basis: CMatrix | null, V: CMatrix): Float64Array {
  const M = basis === null ? V : mul(adjoint(basis), V);
  const out = float64(M.re.length);
  for (let k = 0; k < out.length; k++) out[k] = M.re[k] * M.re[k] + M.im[k] * M.im[k];
  return out;
}

/** Σ_{a live} w_a M[n·d + a] for each n: the marginal of the energy label under the path measure. */
function marginal(M: Float64Array, w: Float64Array, liveW: Uint8Array): Float64Array {
  const d = w.length;
  const out = float64(d);
  for (let n = 0; n < d; n++) {
    let s = 0;
    for (let a = 0; a < d; a++) if (liveW[a]) s += w[a] * M[n * d + a];
    out[n] = s;
  }
  return out;
}

/**
 * ρ'_S = tr_E U (ρ_S ⊗ ρ_E^eq) U† (Eq. 18), ρ_E^eq = B_E diag(q) B_E†, intermediates in scratch.
 * With B_E = 1 (and d_E ≥ 2): M = U (ρ_S ⊗ diag q) by the Kronecker-structured kernel, then
 * only the entries of M U† that the partial trace reads; the same values, bit for bit, as the
 * dense route (two products of size d_S d_E, then the partial trace), which the general case takes.
 */
function finalSystemState(U: CMatrix, rhoS: CMatrix, q: Float64Array, basisE: CMatrix | null, dS: number, dE: number): CMatrix {
  const N = dS * dE;
  if (basisE === null && dE >= 2) return partialTraceOfProductAdjoint(mulKronDiagonal(U, rhoS, q, scratch.matrix(0, N)), U, dS);
  const rhoE = fromBasis(fromDiagonal(q), basisE);
  const joint = mul(mul(U, kron(rhoS, rhoE, scratch.matrix(0, N)), scratch.matrix(1, N)), adjoint(U, scratch.matrix(2, N)), scratch.matrix(3, N));
  return partialTrace(joint, [dS, dE], [0]);
}

/**
 * Validate a {@link TrajectoryInput} and build the {@link Protocol}.
 * @throws QepInputError naming `HS`, `HE`, `beta`, `rhoS`, `U` (or the option
 * fields `initialEigenbasis`, `finalEigenbasis`) with the violated condition.
 */
export function prepareProtocol(input: TrajectoryInput, options: TrajectoryOptions = {}): Protocol {
  const { HS, HE, beta, rhoS, U } = input;
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0) {
    throw new QepInputError('beta', 'a finite number ≥ 0 (the fluctuation theorems need q_ν > 0)', String(beta));
  }
  const dS = assertHamiltonian(HS, 'HS');
  const dE = assertHamiltonian(HE, 'HE');
  assertDensityMatrix(rhoS, 'rhoS', dS);
  assertSquare(U, dS * dE, 'U');
  assertUnitary(U, 'U');
  const levelsS = energyLevels(HS);
  const levelsE = energyLevels(HE);
  const Htot = kron(asMatrix(levelsS.energies, levelsS.basis), identity(dE));
  const HEm = kron(identity(dS), asMatrix(levelsE.energies, levelsE.basis));
  for (let k = 0; k < Htot.re.length; k++) {
    Htot.re[k] += HEm.re[k];
    Htot.im[k] += HEm.im[k];
  }
  assertEnergyConserving(U, Htot, 'U');
  return buildProtocol(levelsS, levelsE, beta, rhoS, U, options);
}

/**
 * The {@link Protocol} of inputs already validated (β finite ≥ 0, ρ_S a density matrix, U
 * unitary and energy conserving), given the energy levels of H_S and H_E as `energyLevels`
 * returns them: the route of a thermal operation built by `thermalOperation`, which has
 * checked all of it. The eigenbases in `options` are still checked.
 */
export function buildProtocol(levelsS: EnergyLevels, levelsE: EnergyLevels, beta: number, rhoS: CMatrix, U: CMatrix, options: TrajectoryOptions = {}): Protocol {
  const dS = levelsS.energies.length;
  const dE = levelsE.energies.length;
  const q = gibbsPopulations(levelsE.energies, beta);
  const logq = logGibbs(levelsE.energies, beta);
  const rhoSFinal = finalSystemState(U, rhoS, q, levelsE.basis, dS, dE);

  const init = eigenbasis(rhoS, options.initialEigenbasis, 'initialEigenbasis');
  const fin = eigenbasis(rhoSFinal, options.finalEigenbasis, 'finalEigenbasis');
  const { W, T } = pathAmplitudes(U, init.vectors, fin.vectors, levelsE.basis, dE);

  const C = overlaps(levelsS.basis, init.vectors);
  const D = overlaps(levelsS.basis, fin.vectors);
  const pLive = liveMask(init.values);
  const pFinalLive = liveMask(fin.values);
  const pn = marginal(C, init.values, pLive);
  const pmFinal = marginal(D, fin.values, pFinalLive);
  return {
    dS,
    dE,
    beta,
    energiesS: levelsS.energies,
    basisS: levelsS.basis,
    energiesE: levelsE.energies,
    basisE: levelsE.basis,
    q,
    logq,
    rhoS,
    U,
    rhoSFinal,
    p: init.values,
    psi: init.vectors,
    pLive,
    pFinal: fin.values,
    psiFinal: fin.vectors,
    pFinalLive,
    pn,
    pnLive: liveMask(pn),
    pmFinal,
    pmFinalLive: liveMask(pmFinal),
    logp: logOrZero(init.values),
    logpFinal: logOrZero(fin.values),
    logpn: logOrZero(pn),
    logpmFinal: logOrZero(pmFinal),
    W,
    T,
    C,
    D,
  };
}
