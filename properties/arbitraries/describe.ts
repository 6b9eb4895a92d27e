import type { CMatrix } from '../../src/numeric/linalg/cmatrix.js';
import { eigh } from '../../src/numeric/linalg/eigh.js';
import { matrixToJSON } from '../../src/numeric/linalg/json.js';
import type { DaviesInstance, DaviesQubitInstance } from './davies.js';
import type { PrintedInstance, ThermalInstance } from './thermal.js';
import type { TrajectoryInstance } from './trajectories.js';

/**
 * Counterexample formatting: a readable, JSON-friendly view of each kind of
 * instance (rounded numbers, real matrices when the imaginary part rounds to 0,
 * diagonal Hamiltonians as their energies).
 */

/** x to 6 decimals for counterexample reports (−0 shown as 0). */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6 || 0;

/**
 * A matrix for counterexample reports: entries to 6 decimals ({@link round6}), as a
 * real grid when the imaginary part rounds to 0, else `{ re, im }` (numpy-friendly).
 */
export function readableMatrix(A: CMatrix): number[][] | { re: number[][]; im: number[][] } {
  const j = matrixToJSON(A);
  const re = j.re.map((row) => row.map(round6));
  const im = j.im.map((row) => row.map(round6));
  return im.every((row) => row.every((x) => x === 0)) ? re : { re, im };
}

/** A readable view of a thermal instance (6 decimals; the Hamiltonians as energies when diagonal). */
export function describeThermal(i: ThermalInstance): unknown {
  return {
    model: i.model,
    state: i.state,
    dS: i.dS,
    dE: i.dE,
    resonance: i.resonance,
    betaDeltaE: round6(i.betaDeltaE),
    beta: round6(i.beta),
    HS: i.rotated ? readableMatrix(i.HS) : Array.from(i.energiesS, round6),
    HE: i.rotated ? readableMatrix(i.HE) : Array.from(i.energiesE, round6),
    rhoS: readableMatrix(i.rhoS),
    U: readableMatrix(i.U),
  };
}

/** A readable view of a printed-form instance. */
export function describePrinted(p: PrintedInstance): unknown {
  const { U: _U, ...rest } = describeThermal(p.base) as Record<string, unknown>;
  return { ...rest, V: readableMatrix(p.base.V), t: round6(p.t) };
}

/** A readable view of a Davies qubit instance. */
export function describeDaviesQubit(d: DaviesQubitInstance): unknown {
  return {
    omega: round6(d.omega),
    beta: round6(d.beta),
    g: round6(d.g),
    dephasing: round6(d.dephasing),
    t: round6(d.t),
    state: d.state,
    rho0: readableMatrix(d.rho0),
  };
}

/** x to 6 significant digits (the Davies reports, whose rates span many decades); ±∞ kept. */
const round = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);
const roundGrid = (g: number[][]): number[][] => g.map((r) => r.map(round));

/** A readable view of a Davies instance for counterexample reports (6 significant digits). */
export function describeDaviesInstance(i: DaviesInstance): unknown {
  const rho = matrixToJSON(i.rho);
  const W = Array.from({ length: i.d }, (_, n) => Array.from({ length: i.d }, (__, m) => i.gen.rates[n * i.d + m]));
  return {
    d: i.d,
    beta: round(i.beta),
    energies: Array.from(i.energies, round),
    model: i.model,
    rates: roundGrid(W),
    dephasing: i.dephasing.map(round),
    kind: i.kind,
    rho: { re: roundGrid(rho.re), im: roundGrid(rho.im) },
    interval: [round(i.a), round(i.b)],
  };
}

function isDiagonal(A: CMatrix): boolean {
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) if (i !== j && (A.re[i * A.cols + j] !== 0 || A.im[i * A.cols + j] !== 0)) return false;
  return true;
}

/** A readable view of a trajectory instance for counterexample reports (6 decimals; diagonal Hamiltonians as their energies). */
export function describeTrajectoryInstance(t: TrajectoryInstance): unknown {
  const { input } = t;
  const ham = (h: CMatrix | ArrayLike<number>): unknown => {
    if (!('re' in h)) return Array.from(h, round6);
    return isDiagonal(h) ? Array.from({ length: h.rows }, (_, i) => round6(h.re[i * h.cols + i])) : readableMatrix(h);
  };
  return {
    dS: t.dS,
    dE: t.dE,
    beta: round6(input.beta),
    HS: ham(input.HS),
    HE: ham(input.HE),
    rhoS: readableMatrix(input.rhoS),
    rhoS_eigenvalues: Array.from(eigh(input.rhoS).values, (x) => Number(x.toPrecision(6)) || 0),
    U: readableMatrix(input.U),
  };
}
