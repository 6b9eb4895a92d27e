import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { toLatex, alignBlock } from '../../src/symbolic/latex.js';
import { parseExpression } from '../../src/symbolic/cas/mathjs.js';

const table = { beta: '\\beta', w: '\\omega', q1: 'p_1^{\\mathrm{eq}}', theta: '\\theta', g: 'g', t: 't', gamma1: '\\gamma_1' };
const tex = (s: string) => toLatex(parseExpression(s), table);
const render = (s: string) => katex.renderToString(s, { displayMode: true, throwOnError: true });

describe('the LaTeX printer', () => {
  it('writes exponentials, fractions, logs and Greek letters in paper notation', () => {
    expect(tex('1/(exp(beta*w) + 1)')).toBe('\\frac{1}{e^{{\\beta}\\,{\\omega}} + 1}');
    expect(tex('g*coth(beta*w/2)')).toBe('{g}\\,\\coth\\left(\\frac{{\\beta}\\,{\\omega}}{2}\\right)');
    expect(tex('log(q1)')).toBe('\\ln\\left({p_1^{\\mathrm{eq}}}\\right)');
  });

  it('puts powers of trigonometric functions on the function name', () => {
    expect(tex('q1*sin(theta)^4')).toBe('{p_1^{\\mathrm{eq}}}\\,\\sin^{4} {\\theta}');
  });

  it('never glues \\cdot to the next token (the mathjs toTex bug) and uses it only before numbers', () => {
    const s = tex('q1*exp(-gamma1*t)*2');
    expect(s).not.toMatch(/\\cdot[a-zA-Z]/);
    expect(s).toContain('\\cdot 2');
    render(s);
  });

  it('parenthesizes by precedence, not by the input', () => {
    expect(tex('(g + t)*w')).toBe('\\left({g} + {t}\\right)\\,{\\omega}');
    expect(tex('g - (t - w)')).toBe('{g} - \\left({t} - {\\omega}\\right)');
    expect(tex('-(g + t)/2')).toBe('-\\frac{{g} + {t}}{2}');
    expect(tex('(g*t)^2')).toBe('{\\left({g}\\,{t}\\right)}^{2}');
  });

  it('produces align blocks that KaTeX renders', () => {
    const block = alignBlock([
      { lhs: '\\gamma_1', rhs: tex('g*coth(beta*w/2)') },
      { lhs: 'p_1^{\\mathrm{eq}}', rhs: tex('1/(exp(beta*w) + 1)') },
    ]);
    expect(block.startsWith('\\begin{align}')).toBe(true);
    expect(() => render(block)).not.toThrow();
  });
});
