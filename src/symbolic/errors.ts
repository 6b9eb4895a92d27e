/**
 * The symbolic engine's typed errors. User mistakes are {@link QepInputError}s
 * (the CLI prints one line and exits 2): an expression qep cannot read
 * ({@link ExpressionError}) or one above a size limit ({@link LimitError}).
 * {@link ExactBudgetExceeded} is no error of the user's: exact algebra gave up
 * within its budget, and the caller falls back to sampling. Anything else
 * thrown from src/symbolic is a bug in qep.
 */
import { QepInputError } from '../numeric/errors.js';
import type { SymbolicLimits } from '../numeric/tolerance.js';
import { howToRaise } from './limits.js';

/** Why a user expression was refused. */
export type ExpressionProblem = 'empty' | 'syntax' | 'unsupported' | 'arity' | 'symbol' | 'constant' | 'not-evaluable';

/** A user expression qep cannot read or evaluate: `FIELD must be CONDITION (got …)`. */
export class ExpressionError extends QepInputError {
  constructor(
    field: string,
    /** What is wrong, for callers that branch on it. */
    readonly problem: ExpressionProblem,
    condition: string,
    got?: string,
  ) {
    super(field, condition, got);
  }
}

/** A user input above one of the {@link SymbolicLimits}; the message names the limit and how to raise it. */
export class LimitError extends QepInputError {
  constructor(
    field: string,
    /** The limit that was exceeded. */
    readonly limit: keyof SymbolicLimits,
    /** Its value in force. */
    readonly max: number,
    condition: string,
    got: number | string,
  ) {
    super(field, `${condition} (${howToRaise(limit, max)})`, got);
  }
}

/** Exact algebra stopped at a limit of {@link SymbolicLimits} (time, terms or exponent); the identity is sampled instead. */
export class ExactBudgetExceeded extends Error {
  override readonly name = 'ExactBudgetExceeded';
  constructor(
    /** The limit that stopped it. */
    readonly limit: 'exactBudgetMs' | 'maxPolynomialTerms' | 'maxExactExponent',
    /** Its value in force. */
    readonly max: number,
  ) {
    super(`exact algebra stopped at ${limit} = ${max}`);
  }
}
