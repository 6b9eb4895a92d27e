import { QepInputError } from '../errors.js';
import { type CMatrix, zeros } from './cmatrix.js';

/** A matrix in the scenario format: `[[...]]` (real) or `{"re": [[...]], "im": [[...]]}`. */
export type MatrixJSON = number[][] | { re: number[][]; im: number[][] };

function readGrid(value: unknown, field: string): number[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new QepInputError(field, 'a non-empty array of rows', Array.isArray(value) ? 'an empty array' : typeof value);
  }
  const cols = Array.isArray(value[0]) ? value[0].length : -1;
  value.forEach((row: unknown, i: number) => {
    if (!Array.isArray(row)) throw new QepInputError(`${field}[${i}]`, 'an array of numbers', typeof row);
    if (row.length !== cols || cols === 0) {
      throw new QepInputError(`${field}[${i}]`, `a row of length ${cols} like row 0`, `length ${row.length}`);
    }
    row.forEach((x: unknown, j: number) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new QepInputError(`${field}[${i}][${j}]`, 'a finite number', typeof x === 'number' ? String(x) : JSON.stringify(x) ?? typeof x);
      }
    });
  });
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

/** Serialise a matrix to `{"re": [[...]], "im": [[...]]}` (always both parts, as the reference data does). */
export function matrixToJSON(A: CMatrix): { re: number[][]; im: number[][] } {
  const re: number[][] = [];
  const im: number[][] = [];
  for (let i = 0; i < A.rows; i++) {
    re.push(Array.from(A.re.subarray(i * A.cols, (i + 1) * A.cols)));
    im.push(Array.from(A.im.subarray(i * A.cols, (i + 1) * A.cols), (x) => (x === 0 ? 0 : x)));
  }
  return { re, im };
}
