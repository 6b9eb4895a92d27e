import { afterAll, describe, expect, it } from 'vitest';
import { Atoms } from '../../src/symbolic/atoms.js';
import { checkIdentity, checkIdentitySync, atomsForDomain } from '../../src/symbolic/identity.js';
import type { Domain } from '../../src/symbolic/domain.js';
import { closeCasWorkers } from '../../src/symbolic/cas/worker.js';

const domain: Domain = {
  params: {
    g: { sign: 'pos', lo: 0.1, hi: 3, latex: 'g', description: '' },
    w: { sign: 'pos', lo: 0.1, hi: 3, latex: '\\omega', description: '' },
    beta: { sign: 'pos', lo: 0.1, hi: 3, latex: '\\beta', description: '' },
    x: { sign: 'real', lo: -2, hi: 2, latex: 'x', description: '' },
    y: { sign: 'real', lo: 0.5, hi: 2, latex: 'y', description: '' },
  },
  hypotheses: [],
  facts: [{ expr: 'exp(beta*w) - 1', why: 'βω > 0' }],
};

const zero = (expr: string, atoms: Atoms = atomsForDomain(domain)): boolean => atoms.field.isZero(atoms.convertString(expr).rf);

afterAll(closeCasWorkers);

describe('atomization', () => {
  it('proves the rate identity g(2n̄ + 1) = g coth(βω/2) through x = e^{βω}', () => {
    expect(zero('g*(2/(exp(beta*w) - 1) + 1) - g*coth(beta*w/2)')).toBe(true);
  });

  it('pulls rational content out of exponentials: (e^{−gt/2})² = e^{−gt}', () => {
    expect(zero('exp(-g*w/2)^2 - exp(-g*w)')).toBe(true);
    expect(zero('exp(beta*w - g)*exp(g) - exp(beta*w)')).toBe(true);
  });

  it('splits logarithms over factors of certified sign only', () => {
    // g, w > 0 and e^{βω} − 1 > 0 (a declared fact): split
    expect(zero('log(g*w/(exp(beta*w) - 1)) - log(g) - log(w) + log(exp(beta*w) - 1)')).toBe(true);
    // x has no certified sign: log(x²) is not 2 log(x), and log(x·y) stays whole
    expect(zero('log(x^2) - 2*log(x)')).toBe(false);
    expect(zero('log(x*y) - log(x) - log(y)')).toBe(false);
  });

  it('uses R² = radicand for roots and Weierstrass for trigonometric functions', () => {
    expect(zero('sqrt(1 + g^2)^2 - 1 - g^2')).toBe(true);
    expect(zero('sin(g*w + x)^2 + cos(g*w + x)^2 - 1')).toBe(true);
    expect(zero('1/sqrt(g) - sqrt(g)/g')).toBe(true);
  });

  it('treats i with i² = −1', () => {
    expect(zero('(g + i*w)*(g - i*w) - g^2 - w^2')).toBe(true);
  });

  it('names the unknown symbol or function in its error', () => {
    const atoms = atomsForDomain(domain);
    expect(() => atoms.convertString('g*z')).toThrow(/unknown symbol "z"/);
    expect(() => atoms.convertString('gamma(g)')).toThrow(/unsupported function "gamma"/);
  });
});

describe('identity checks', () => {
  it('calls an identity proved only when the exact reduction reaches 0, with algebrite as second opinion', async () => {
    const r = await checkIdentity('g*(2/(exp(beta*w) - 1) + 1)', 'g*coth(beta*w/2)', { domain });
    expect(r.status).toBe('proved');
    expect(r.engines).toEqual({ exact: 'zero', algebrite: 'zero' });
  });

  it('rejects an identity perturbed by one part in 10³⁰', () => {
    const r = checkIdentitySync('g*(2/(exp(beta*w) - 1) + 1)', 'g*coth(beta*w/2)*(1 + 1e-30)', { domain }).report;
    expect(r.status).toBe('refuted');
    expect(r.counterexample).toBeDefined();
    expect(Number(r.counterexample!.lhs)).not.toBe(Number.NaN);
    expect(r.residual).toBeGreaterThan(1e-31);
  });

  it('calls a true identity the atoms cannot relate sampled, never proved', () => {
    // cos(2u) and cos(u) are different atoms: true, but not reducible here
    const r = checkIdentitySync('cos(2*x)', '2*cos(x)^2 - 1', { domain }).report;
    expect(r.status).toBe('sampled');
    expect(r.engines.exact).toBe('nonzero');
    expect(r.points).toBeGreaterThanOrEqual(50);
    expect(r.residual).toBeLessThan(1e-40);
  });

  it('samples at 64 significant digits: a 1e-35 relative error is visible', () => {
    const r = checkIdentitySync('cos(2*x)', '(2*cos(x)^2 - 1)*(1 + 1e-35)', { domain }).report;
    expect(r.status).toBe('refuted');
  });

  it('reports an expression that is not real on the domain as an error', () => {
    const r = checkIdentitySync('log(x)', 'log(x)', { domain }).report;
    // log(x) = log(x) reduces to 0, but x < 0 occurs on the domain: sampling cannot evaluate it
    expect(r.status).toBe('error');
    expect(r.detail).toMatch(/log of/);
  });
});
