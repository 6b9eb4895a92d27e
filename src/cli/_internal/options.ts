import { InvalidArgumentError } from 'commander';

/**
 * Parsers of option values. Each throws commander's InvalidArgumentError,
 * which commander prints as one line naming the option; the CLI exits 2.
 */

/** Largest `--runs` accepted (a guard against typos such as 1e9). */
export const MAX_RUNS = 1_000_000;

function integer(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `--runs N`: an integer from 1 to {@link MAX_RUNS}. @throws InvalidArgumentError otherwise. */
export function parseRuns(text: string): number {
  const n = integer(text);
  if (n === undefined || n < 1 || n > MAX_RUNS) throw new InvalidArgumentError(`Expected an integer from 1 to ${MAX_RUNS}.`);
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

/** Collect a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
