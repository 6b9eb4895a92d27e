import { QepInputError } from '../../src/numeric/errors.js';

/** Flatten a value of a scenario result (numbers, "Infinity", nested lists, {re, im}) to numbers in a fixed order. */
export function flatten(x: unknown, out: number[] = []): number[] {
  if (x === 'Infinity') out.push(Infinity);
  else if (typeof x === 'number') out.push(x);
  else if (Array.isArray(x)) x.forEach((y) => flatten(y, out));
  else if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    flatten(o.re, out);
    flatten(o.im, out);
  } else throw new Error(`unexpected value ${String(x)}`);
  return out;
}

/** The QepInputError `evaluate(input)` throws (any other outcome fails the test). */
export function inputErrorOf(evaluate: (input: unknown) => unknown, input: unknown): QepInputError {
  try {
    evaluate(input);
  } catch (e) {
    if (e instanceof QepInputError) return e;
    throw e;
  }
  throw new Error('no error thrown: the input was accepted');
}
