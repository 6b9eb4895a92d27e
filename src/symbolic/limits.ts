/**
 * The symbolic engine's limits in force: {@link SYMBOLIC_LIMITS}, raised or
 * lowered for one run by the environment variable `QEP_LIMITS`
 * (`name=value[,name=value…]`, names of SymbolicLimits) and by an API caller's
 * `limits` option (which wins).
 */
import { SYMBOLIC_LIMITS, type SymbolicLimits } from '../numeric/tolerance.js';
import { QepInputError } from '../numeric/errors.js';

/** The name of the environment variable that overrides limits. */
export const LIMITS_ENV = 'QEP_LIMITS';

function fromEnvironment(): Partial<SymbolicLimits> {
  const raw = process.env[LIMITS_ENV];
  if (raw === undefined || raw.trim() === '') return {};
  const out: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const [name, value, ...rest] = part.split('=').map((x) => x.trim());
    if (!(name in SYMBOLIC_LIMITS) || value === undefined || rest.length > 0) {
      throw new QepInputError(LIMITS_ENV, `a list name=value of ${Object.keys(SYMBOLIC_LIMITS).join(', ')}`, JSON.stringify(part.slice(0, 80)));
    }
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new QepInputError(`${LIMITS_ENV} ${name}`, 'a positive number', JSON.stringify(value.slice(0, 80)));
    out[name] = n;
  }
  return out as Partial<SymbolicLimits>;
}

/**
 * The limits in force: defaults, then `QEP_LIMITS`, then `overrides`.
 * @throws QepInputError when `QEP_LIMITS` is malformed.
 */
export function symbolicLimits(overrides: Partial<SymbolicLimits> = {}): SymbolicLimits {
  return { ...SYMBOLIC_LIMITS, ...fromEnvironment(), ...overrides };
}

/** How to raise a limit, for error messages. */
export function howToRaise(name: keyof SymbolicLimits, value: number): string {
  return `limit ${name} = ${value}; raise it with ${LIMITS_ENV}=${name}=N`;
}
