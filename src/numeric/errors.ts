/**
 * Input errors with one message template:
 * `FIELD must be REQUIREMENT (got RESIDUAL, tolerance TOL)`.
 *
 * The CLI prints `error.message` alone and exits 2: no stack trace.
 */
export class QepInputError extends Error {
  override readonly name = 'QepInputError';
  constructor(
    /** The offending field or argument, e.g. `rho0` or `rates[1][0]`. */
    readonly field: string,
    /** The violated condition, e.g. `Hermitian (max |A - A†|)`. */
    readonly condition: string,
    /** The measured residual or offending value, when there is one. */
    readonly residual?: number | string,
    /** The tolerance the residual was compared with, when there is one. */
    readonly tolerance?: number,
  ) {
    super(formatInputError(field, condition, residual, tolerance));
  }
}

function fmt(x: number | string): string {
  return typeof x === 'number' ? (Number.isFinite(x) ? x.toPrecision(3) : String(x)) : x;
}

/** `field must be condition (got r, tolerance t)`. */
export function formatInputError(field: string, condition: string, residual?: number | string, tolerance?: number): string {
  const parts: string[] = [];
  if (residual !== undefined) parts.push(`got ${fmt(residual)}`);
  if (tolerance !== undefined) parts.push(`tolerance ${fmt(tolerance)}`);
  return `${field} must be ${condition}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
