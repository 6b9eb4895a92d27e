import { escapeControl, MAX_ECHO_CHARS, showUntrusted } from './untrusted.js';

/**
 * Input errors with one message template:
 * `FIELD must be REQUIREMENT (got RESIDUAL, tolerance TOL)`.
 *
 * The CLI prints `error.message` alone and exits 2: no stack trace. The field and
 * a residual given as text may come from the input (an unknown key, a string where
 * a number belongs): the message shows them escaped and cut (src/numeric/untrusted.ts).
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
  // Twice the echo length: a residual already shown by showJsonValue (≤ ~110 characters) is not cut again.
  return typeof x === 'number' ? (Number.isFinite(x) ? x.toPrecision(3) : String(x)) : showUntrusted(x, 2 * MAX_ECHO_CHARS);
}

/** `field must be condition (got r, tolerance t)`. */
export function formatInputError(field: string, condition: string, residual?: number | string, tolerance?: number): string {
  const parts: string[] = [];
  if (residual !== undefined) parts.push(`got ${fmt(residual)}`);
  if (tolerance !== undefined) parts.push(`tolerance ${fmt(tolerance)}`);
  return `${showUntrusted(field)} must be ${escapeControl(condition)}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
