import { afterAll, describe, expect, it } from 'vitest';
import { algebriteIsZero, algebriteFactor, algebriteRun } from '../../src/symbolic/cas/algebrite.js';
import { nerdamerExpandIsZero } from '../../src/symbolic/cas/nerdamer.js';
import { closeCasWorkers, runCas } from '../../src/symbolic/cas/worker.js';

afterAll(closeCasWorkers);

// Each test pins a behaviour of algebrite or nerdamer that qep relies on.
describe('algebrite in its worker', () => {
  it('simplifies a zero rational expression to 0 and a non-zero one to something else', async () => {
    expect((await algebriteIsZero('(x+1)/(x-1) - (x^2-1)/(x-1)^2')).verdict).toBe('zero');
    expect((await algebriteIsZero('(x+1)/(x-1) - (x^2+1)/(x-1)^2')).verdict).toBe('not-reduced');
  });

  it('decides zero by the numerator of rationalize first, and falls back to simplify when it is not reduced', async () => {
    const quotient = '((((1)/((A0)+(1)))/((1)-((1)/((A0)+(1)))))-(A0^(-1)))';
    const rat = await algebriteRun([`numerator(rationalize(${quotient}))`]);
    expect(rat.kind === 'ok' && rat.output.trim()).toBe('0');
    expect((await algebriteIsZero(quotient)).verdict).toBe('zero');
    // sin² + cos² − 1: a common denominator leaves the numerator as it is; simplify reduces it to 0
    const pythagoras = 'sin(x)^2 + cos(x)^2 - 1';
    const ratTrig = await algebriteRun([`numerator(rationalize(${pythagoras}))`]);
    expect(ratTrig.kind === 'ok' && ratTrig.output.trim()).not.toBe('0');
    expect((await algebriteIsZero(pythagoras)).verdict).toBe('zero');
  });

  it('handles the syntax qep sends: P/A-prefixed symbols, rational powers, i and square roots', async () => {
    expect((await algebriteIsZero('Pg*A0^(1/2)*A0^(-1/2) - Pg + i*i + 1 + ((1+Pw)^(1/2))^2 - 1 - Pw')).verdict).toBe('zero');
  });

  it('factors with respect to a variable into manifestly signed factors', async () => {
    expect(await algebriteFactor('q1*st^4 - q1^2*st^4', 'st')).toBe('q1*st^4*(1-q1)');
  });

  it('reports errors as Stop: strings, turned into error outcomes', async () => {
    const r = await algebriteRun(['1/0']);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(/^Stop:/);
  });

  it('starts every job from a clean state (clearall)', async () => {
    await algebriteRun(['a = 5']);
    const r = await algebriteRun(['a + 1']);
    expect(r.kind === 'ok' && r.output).toBe('1+a'); // not 6: the earlier assignment is gone
  });

  it('terminates a hung simplification at the timeout and works again afterwards', async () => {
    const t0 = Date.now();
    const r = await runCas('algebrite', ['simplify(x^(-6)+1)'], 300);
    expect(r.kind).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect((await algebriteIsZero('x - x')).verdict).toBe('zero');
  });
});

describe('nerdamer in its worker (third opinion only)', () => {
  it('expands a zero polynomial to 0', async () => {
    expect((await nerdamerExpandIsZero('(a+b)^2 - a^2 - 2*a*b - b^2')).verdict).toBe('zero');
    expect((await nerdamerExpandIsZero('(1-q*s^2)*(1-(1-q)*s^2) - (1-s^2) - q*s^4 + q^2*s^4')).verdict).toBe('zero');
  });

  it('expands a non-zero polynomial to something other than 0', async () => {
    const r = await nerdamerExpandIsZero('(x+1)*(x-1) - x^2');
    expect(r.verdict).toBe('nonzero');
    expect(r.output).toBe('-1');
  });

  it('turns thrown parse errors into error outcomes', async () => {
    expect((await nerdamerExpandIsZero('(x+')).verdict).toBe('error');
  });
});
