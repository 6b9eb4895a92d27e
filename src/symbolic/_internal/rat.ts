/**
 * Exact rational numbers on BigInt: the coefficient field of qep's own
 * polynomial arithmetic. Always normalized: denominator > 0, gcd(n, d) = 1.
 */
import { exactExponent } from './budget.js';

export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

function bgcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** gcd of two BigInts (non-negative result). */
export const gcdBig = bgcd;

/** n/d normalized. @throws Error on a zero denominator. */
export function q(n: bigint | number, d: bigint | number = 1n): Q {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new Error('rational with zero denominator');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = bgcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

/** 0 and 1. */
export const Q0: Q = { n: 0n, d: 1n };
export const Q1: Q = { n: 1n, d: 1n };

// Field operations and predicates on normalized rationals (results normalized).
/** a + b. */
export const qadd = (a: Q, b: Q): Q => (a.d === b.d ? q(a.n + b.n, a.d) : q(a.n * b.d + b.n * a.d, a.d * b.d));
/** a − b. */
export const qsub = (a: Q, b: Q): Q => (a.d === b.d ? q(a.n - b.n, a.d) : q(a.n * b.d - b.n * a.d, a.d * b.d));
/** a·b. */
export const qmul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
/** −a. */
export const qneg = (a: Q): Q => ({ n: -a.n, d: a.d });
/** a / b. @throws Error when b = 0. */
export const qdiv = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
/** Predicates, comparison (sign of a − b), |a|, printing (`n` or `n/d`) and conversion to float. */
export const qIsZero = (a: Q): boolean => a.n === 0n;
export const qIsOne = (a: Q): boolean => a.n === 1n && a.d === 1n;
export const qIsInt = (a: Q): boolean => a.d === 1n;
export const qSign = (a: Q): number => (a.n > 0n ? 1 : a.n < 0n ? -1 : 0);
export const qEq = (a: Q, b: Q): boolean => a.n === b.n && a.d === b.d;
export const qCmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d;
  return x > 0n ? 1 : x < 0n ? -1 : 0;
};
export const qAbs = (a: Q): Q => (a.n < 0n ? { n: -a.n, d: a.d } : a);
export const qToString = (a: Q): string => (a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`);
export const qToNumber = (a: Q): number => Number(a.n) / Number(a.d);

/** a^k for an integer k (negative allowed for a ≠ 0). */
export function qPowInt(a: Q, k: number): Q {
  if (!Number.isInteger(k)) throw new Error(`qPowInt: non-integer exponent ${k}`);
  exactExponent(k);
  if (k < 0) return qdiv(Q1, qPowInt(a, -k));
  let n = 1n;
  let d = 1n;
  for (let i = 0; i < k; i++) {
    n *= a.n;
    d *= a.d;
  }
  return q(n, d);
}

/** Integer square root of a non-negative BigInt when it is a perfect square, else null. */
export function isqrtExact(n: bigint): bigint | null {
  if (n < 0n) return null;
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Newton refinement for large n
  for (let i = 0; i < 200; i++) {
    const y = (x + n / x) >> 1n;
    if (y >= x && x * x <= n && (x + 1n) * (x + 1n) > n) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x * x === n ? x : null;
}

/**
 * The exact rational value of a decimal literal such as `0.5`, `-12`, `1e-30`, `2.5E+3`.
 * @throws Error when the string is not a finite decimal literal.
 */
export function qFromDecimal(s: string): Q {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) throw new Error(`not a decimal literal: ${s}`);
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] || '0';
  const frac = m[3] ?? '';
  const exp = m[4] ? Number(m[4]) : 0;
  let n = BigInt(intPart + frac) * sign;
  let d = 10n ** BigInt(frac.length);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  return q(n, d);
}

/** The exact value of a finite JS number (its shortest round-trip decimal). @throws Error on NaN/±Infinity. */
export function qFromNumber(x: number): Q {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return qFromDecimal(String(x));
}
