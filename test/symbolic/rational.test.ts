import { describe, expect, it } from 'vitest';
import { q, qFromDecimal, qadd, qToString, isqrtExact } from '../../src/symbolic/_internal/rat.js';
import { pvar, pconst, padd, pmul, psub, ppow, pIsZero, pKey, preduce, pdivExact, pSplitContent, pToString } from '../../src/symbolic/_internal/poly.js';
import { Field } from '../../src/symbolic/_internal/ratfun.js';

const x = pvar('x');
const y = pvar('y');

describe('exact rationals', () => {
  it('normalizes signs and common factors', () => {
    expect(qToString(q(6, -4))).toBe('-3/2');
    expect(qToString(qadd(q(1, 3), q(1, 6)))).toBe('1/2');
  });

  it('reads decimal literals exactly, including exponents', () => {
    expect(qToString(qFromDecimal('0.125'))).toBe('1/8');
    expect(qToString(qFromDecimal('1e-3'))).toBe('1/1000');
    expect(qToString(qFromDecimal('-2.5E+2'))).toBe('-250');
    expect(() => qFromDecimal('1.2.3')).toThrow();
  });

  it('recognizes perfect squares only', () => {
    expect(isqrtExact(144n)).toBe(12n);
    expect(isqrtExact(145n)).toBeNull();
    expect(isqrtExact(10n ** 40n)).toBe(10n ** 20n);
  });
});

describe('exact polynomials', () => {
  it('expand (x + y)² − x² − 2xy − y² to zero and keep a perturbed version non-zero', () => {
    const sq = ppow(padd(x, y), 2);
    const rest = padd(padd(pmul(x, x), pmul(pconst(q(2)), pmul(x, y))), pmul(y, y));
    expect(pIsZero(psub(sq, rest))).toBe(true);
    expect(pIsZero(psub(sq, padd(rest, pconst(q(1, 10 ** 9)))))).toBe(false);
  });

  it('gives equal polynomials equal keys whatever the construction order', () => {
    expect(pKey(padd(x, y))).toBe(pKey(padd(y, x)));
    expect(pKey(pmul(padd(x, y), padd(x, y)))).toBe(pKey(ppow(padd(y, x), 2)));
  });

  it('applies reduction rules: I² = −1 and R² = radicand', () => {
    const I = pvar('I');
    const rules = (v: string) => (v === 'I' ? { index: 2, radicand: pconst(q(-1)) } : v === 'R' ? { index: 2, radicand: padd(x, pconst(q(1))) } : undefined);
    expect(pKey(preduce(pmul(I, I), rules))).toBe(pKey(pconst(q(-1))));
    const R = pvar('R');
    expect(pKey(preduce(ppow(R, 3), rules))).toBe(pKey(pmul(R, padd(x, pconst(q(1))))));
    expect(pKey(preduce(pvar('I', q(-1)), rules))).toBe(pKey(pmul(pconst(q(-1)), I)));
  });

  it('divides exactly when possible and says so when not', () => {
    const p = pmul(padd(x, y), psub(x, y));
    expect(pKey(pdivExact(p, padd(x, y))!)).toBe(pKey(psub(x, y)));
    expect(pdivExact(padd(pmul(x, x), y), padd(x, y))).toBeNull();
  });

  it('splits content, common monomial (Laurent too) and primitive part', () => {
    const p = padd(pmul(pconst(q(6)), pmul(x, x)), pmul(pconst(q(4)), pmul(x, pvar('y', q(-1)))));
    const { c, m, prim } = pSplitContent(p);
    expect(qToString(c)).toBe('2');
    expect(m.map(([v, e]) => `${v}^${qToString(e)}`)).toEqual(['x^1', 'y^-1']);
    expect(pToString(prim)).toBe('(2) + (3)*x*y');
  });
});

describe('exact rational functions', () => {
  const F = new Field({ rule: () => undefined, unit: () => false });
  it('decide that 1/(x−1) − 1/(x+1) − 2/(x²−1) is zero', () => {
    const one = F.const(q(1));
    const a = F.div(one, F.fromPoly(psub(x, pconst(q(1)))));
    const b = F.div(one, F.fromPoly(padd(x, pconst(q(1)))));
    const c = F.div(F.const(q(2)), F.fromPoly(psub(pmul(x, x), pconst(q(1)))));
    expect(F.isZero(F.sub(F.sub(a, b), c))).toBe(true);
    expect(F.isZero(F.sub(a, b))).toBe(false);
  });

  it('cancels a denominator factor that divides the numerator', () => {
    const r = F.div(F.fromPoly(psub(pmul(x, x), pconst(q(1)))), F.fromPoly(psub(x, pconst(q(1)))));
    expect(F.key(r)).toBe(pKey(padd(x, pconst(q(1)))));
  });

  it('refuses to divide by an identically zero expression', () => {
    expect(() => F.inv(F.const(q(0)))).toThrow(/identically zero/);
  });
});
