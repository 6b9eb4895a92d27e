import { InvalidArgumentError } from 'commander';

/**
 * Parsers of option values. Each throws commander's InvalidArgumentError,
 * which commander prints as one line naming the option; the CLI exits 2.
 */

function integer(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * `--runs N`: a positive integer. Its upper limit depends on the environment
 * (`QEP_MAX_RUNS`, see runs.ts) and is checked when the command runs.
 * @throws InvalidArgumentError otherwise.
 */
export function parseRuns(text: string): number {
  const n = integer(text);
  if (n === undefined || n < 1) throw new InvalidArgumentError('Expected a positive integer.');
  return n;
}

/** `--seed S`: a 32-bit signed integer (what fast-check replays exactly). @throws InvalidArgumentError otherwise. */
export function parseSeed(text: string): number {
  const n = integer(text);
  if (n === undefined || n < -(2 ** 31) || n > 2 ** 31 - 1) throw new InvalidArgumentError('Expected an integer from -2147483648 to 2147483647.');
  return n;
}

/** `--path P`: a fast-check replay path such as `12:0:3`. @throws InvalidArgumentError otherwise. */
export function parsePath(text: string): string {
  if (!/^\d+(:\d+)*$/.test(text)) throw new InvalidArgumentError('Expected a fast-check replay path such as 12:0:3.');
  return text;
}

/**
 * A parser for an option that takes one of `choices`: returns the value typed as
 * one of them. @throws InvalidArgumentError `Expected one of A, B, C.` otherwise.
 */
export function choiceParser<T extends string>(choices: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(choices as readonly string[]).includes(text)) throw new InvalidArgumentError(`Expected one of ${choices.join(', ')}.`);
    return text as T;
  };
}

/** The report formats of `qep check`. */
export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** `--format F` of `qep check`: text, json or markdown. @throws InvalidArgumentError otherwise. */
export const parseFormat: (text: string) => Format = choiceParser(FORMATS);

/**
 * Collect a repeatable `--claim` into a list. An empty pattern would select every
 * claim (every id starts with ""), which is never what was meant.
 * @throws InvalidArgumentError for an empty or blank pattern
 */
export function collectClaim(value: string, previous: string[] = []): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a claim id or an id prefix such as davies, not an empty string.');
  return collect(value, previous);
}

/** Collect a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
