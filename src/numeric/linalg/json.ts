import { QepInputError } from '../errors.js';
import { showJsonValue } from '../untrusted.js';
import { type CMatrix, zeros } from './cmatrix.js';

/** A matrix in the scenario format: `[[...]]` (real) or `{"re": [[...]], "im": [[...]]}`. */
export type MatrixJSON = number[][] | { re: number[][]; im: number[][] };

function readGrid(value: unknown, field: string): number[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new QepInputError(field, 'a non-empty array of rows', Array.isArray(value) ? 'an empty array' : typeof value);
  }
  const cols = Array.isArray(value[0]) ? value[0].length : -1;
  // Plain loops: every matrix of every scenario passes here (closures per row cost more than the checks).
  for (let i = 0; i < value.length; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row)) throw new QepInputError(`${field}[${i}]`, 'an array of numbers', typeof row);
    if (row.length === 0) throw new QepInputError(`${field}[${i}]`, 'a non-empty row of numbers', 'an empty row');
    if (row.length !== cols) {
      throw new QepInputError(`${field}[${i}]`, `a row of length ${cols} like row 0`, `length ${row.length}`);
    }
    for (let j = 0; j < row.length; j++) {
      const x: unknown = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new QepInputError(`${field}[${i}][${j}]`, 'a finite number', showJsonValue(x));
      }
    }
  }
  return value as number[][];
}

/**
 * Parse a matrix in the scenario format ({@link MatrixJSON}): a real grid, or `{ re, im }` grids of the same shape.
 * @throws QepInputError naming `field` on ragged rows, non-numbers, NaN or ±∞.
 * @example matrixFromJSON({ re: [[1, 0], [0, 0]], im: [[0, 0], [0, 0]] }, 'rho0')
 */
export function matrixFromJSON(value: unknown, field = 'matrix'): CMatrix {
  let reGrid: number[][];
  let imGrid: number[][] | undefined;
  if (Array.isArray(value)) {
    reGrid = readGrid(value, field);
  } else if (value !== null && typeof value === 'object' && 're' in value) {
    const v = value as Record<string, unknown>;
    const extra = Object.keys(v).filter((k) => k !== 're' && k !== 'im');
    if (extra.length) throw new QepInputError(field, 'an object with keys "re" and "im" only', `extra key "${extra[0]}"`);
    reGrid = readGrid(v.re, `${field}.re`);
    if (v.im !== undefined) {
      imGrid = readGrid(v.im, `${field}.im`);
      if (imGrid.length !== reGrid.length || imGrid[0].length !== reGrid[0].length) {
        throw new QepInputError(`${field}.im`, `of the same shape as ${field}.re (${reGrid.length}x${reGrid[0].length})`, `${imGrid.length}x${imGrid[0].length}`);
      }
    }
  } else {
    throw new QepInputError(field, 'a matrix: [[...]] or {"re": [[...]], "im": [[...]]}', value === null ? 'null' : typeof value);
  }
  const r = reGrid.length;
  const c = reGrid[0].length;
  const A = zeros(r, c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      A.re[i * c + j] = reGrid[i][j];
      if (imGrid) A.im[i * c + j] = imGrid[i][j];
    }
  }
  return A;
}

/** Serialise a matrix to `{"re": [[...]], "im": [[...]]}` (always both parts, as the reference data does; −0 in `im` is written 0). */
export function matrixToJSON(A: CMatrix): { re: number[][]; im: number[][] } {
  const { rows, cols } = A;
  const re: number[][] = new Array<number[]>(rows);
  const im: number[][] = new Array<number[]>(rows);
  for (let i = 0; i < rows; i++) {
    const r = new Array<number>(cols);
    const m = new Array<number>(cols);
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      r[j] = A.re[o + j];
      const x = A.im[o + j];
      m[j] = x === 0 ? 0 : x;
    }
    re[i] = r;
    im[i] = m;
  }
  return { re, im };
}
