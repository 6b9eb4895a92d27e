/**
 * Printing rational functions of atoms: as mathjs expressions in the
 * parameters (atoms replaced by what they stand for), in algebrite syntax, and
 * with atom names for reports.
 */
import { pToString } from '../_internal/poly.js';
import type { RatFun } from '../_internal/ratfun.js';
import type { AtomTable } from './table.js';

/** A rational function as a mathjs expression in the parameters (atoms replaced by what they stand for). */
export function toExpression(t: AtomTable, rf: RatFun): string {
  const name = (v: string): string => expressionOf(t, v);
  const num = pToString(t.field.numerator(rf), name);
  const dens = [...rf.den.values()].map((f) => `(${pToString(f.p, name)})^${f.e}`);
  return dens.length ? `(${num})/(${dens.join('*')})` : `(${num})`;
}

function expressionOf(t: AtomTable, v: string): string {
  const a = t.info(v);
  if (!a) throw new Error(`unknown atom ${v}`);
  switch (a.kind) {
    case 'param':
      return v;
    case 'imag':
      return 'i';
    case 'const':
      return a.meaning;
    case 'exp':
      return `exp(${toExpression(t, a.arg!)})`;
    case 'log':
      return `log(${toExpression(t, a.arg!)})`;
    case 'tan':
      return `tan((${toExpression(t, a.arg!)})/2)`;
    case 'root':
      if (!a.rule) return `(${a.meaning})`;
      return a.rule.index === 2
        ? `sqrt(${toExpression(t, t.field.fromPoly(a.rule.radicand))})`
        : `nthRoot(${toExpression(t, t.field.fromPoly(a.rule.radicand))}, ${a.rule.index})`;
  }
}

/** Render a rational function in algebrite syntax (expanded numerator over the factored denominator). */
export function ratToAlgebrite(t: AtomTable, rf: RatFun): string {
  const num = pToString(t.field.numerator(rf), (v) => t.algebriteName(v));
  const dens = [...rf.den.values()].map((f) => `(${pToString(f.p, (v) => t.algebriteName(v))})^${f.e}`);
  return dens.length ? `(${num})/(${dens.join('*')})` : `(${num})`;
}

/** Render a rational function in mathjs syntax with atom names (for reports). */
export function ratToString(t: AtomTable, rf: RatFun): string {
  const num = pToString(t.field.numerator(rf));
  const dens = [...rf.den.values()].map((f) => `(${pToString(f.p)})^${f.e}`);
  return dens.length ? `(${num})/(${dens.join('*')})` : `(${num})`;
}
