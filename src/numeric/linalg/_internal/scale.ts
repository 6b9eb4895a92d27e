/**
 * Power-of-two scaling, so that kernels see entries of order one.
 *
 * Multiplying by a power of two is exact (away from the subnormal range), so
 * scaling a matrix before an eigensolver and scaling its eigenvalues back
 * changes no digit, yet keeps squares and products of entries from
 * overflowing (entries near 1e+300) or underflowing (entries near 1e-300).
 */

/** The exponent k with 2^k ≤ x < 2^(k+1), for finite x > 0 (subnormals included). */
export function exponentOf(x: number): number {
  let k = Math.floor(Math.log2(x));
  // Math.log2 may round across an exact power of two: correct it.
  if (2 ** k > x) k -= 1;
  else if (k < 1023 && 2 ** (k + 1) <= x) k += 1;
  return k;
}

/**
 * x · 2^k without intermediate overflow or underflow of the factor (k may be
 * outside the range of a double's exponent, e.g. 1060 to lift a subnormal).
 */
export function ldexp(x: number, k: number): number {
  while (k > 1000) {
    x *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    x *= 2 ** -1000;
    k += 1000;
  }
  return x * 2 ** k;
}

/**
 * The shift k such that max |component| · 2^k lies in [1, 2); 0 when m is 0.
 * @param m the largest absolute value of any real or imaginary component
 */
export function unitShift(m: number): number {
  if (m === 0) return 0;
  return -exponentOf(m);
}
