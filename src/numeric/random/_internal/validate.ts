import { QepInputError } from '../../errors.js';

/** Throws unless `n` is an integer ≥ `min`. */
export function requireInteger(field: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) throw new QepInputError(field, `an integer ≥ ${min}`, String(n));
}

/** Throws unless `x` is a finite number > 0. */
export function requirePositive(field: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) throw new QepInputError(field, 'a finite number > 0', String(x));
}
