/**
 * The atom table: the model's parameters with their signs, one interned
 * variable per canonical transcendental sub-expression (the same key always
 * gives the same atom), and the sign facts of the physical domain.
 */
import { type Q, Q1, qneg } from '../_internal/rat.js';
import { type Poly, type Rule, type Term, pvar } from '../_internal/poly.js';
import { Field, type RatFun } from '../_internal/ratfun.js';

/** Sign knowledge about a variable or polynomial. */
export type Sign = 'pos' | 'nonneg' | 'neg' | 'unknown';

/** The kinds of atom. */
export type AtomKind = 'param' | 'exp' | 'log' | 'root' | 'tan' | 'imag' | 'const';

/** What an atom stands for. */
export interface AtomInfo {
  readonly name: string;
  readonly kind: AtomKind;
  readonly sign: Sign;
  /** Human-readable definition in mathjs syntax (for reports). */
  readonly meaning: string;
  /** For exp atoms: the exponent A of X = e^A; for log atoms: the argument; for roots: the radicand. */
  readonly arg?: RatFun;
  readonly rule?: Rule;
  /** The expression in algebrite syntax that this atom stands for (roots, I), or its own name. */
  readonly algebrite: string;
}

/** A converted expression: the exact rational function and the same expression in algebrite syntax. */
export interface Converted {
  readonly rf: RatFun;
  /** The rational expression in atoms, unexpanded, in algebrite syntax. */
  readonly alg: string;
}

/** Signs of parameters: `pos` (> 0), `nonneg` (≥ 0) or `real`. */
export type ParamSign = 'pos' | 'nonneg' | 'real';

/** A declared sign fact: a primitive polynomial is positive (or negative) on the domain, and why. */
export interface SignFactEntry {
  readonly sign: 'pos' | 'neg';
  readonly why: string;
}

/** Turns an expression tree into a rational function of atoms (the conversion entry point, with its cache). */
export type Convert<N> = (node: N) => Converted;

/** The state shared by every atomization step: parameters, interned atoms, sign facts. */
export class AtomTable {
  readonly field: Field;
  private readonly atoms = new Map<string, AtomInfo>();
  private readonly byKey = new Map<string, string>();
  private readonly facts = new Map<string, SignFactEntry>();
  private counter = 0;

  constructor(params: Readonly<Record<string, ParamSign>>) {
    this.field = new Field({
      rule: (v) => this.atoms.get(v)?.rule,
      unit: (v) => {
        const a = this.atoms.get(v);
        return a !== undefined && (a.kind === 'exp' || a.kind === 'imag');
      },
    });
    for (const [name, sign] of Object.entries(params)) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad parameter name ${name}`);
      this.atoms.set(name, {
        name,
        kind: 'param',
        sign: sign === 'real' ? 'unknown' : sign,
        meaning: name,
        algebrite: `P${name.replace(/_/g, 'U')}`,
      });
    }
  }

  /** The parameter names. */
  params(): string[] {
    return [...this.atoms.values()].filter((a) => a.kind === 'param').map((a) => a.name);
  }

  /** Information about an atom or parameter by name. */
  info(name: string): AtomInfo | undefined {
    return this.atoms.get(name);
  }

  /** Every atom created so far (not parameters). */
  list(): AtomInfo[] {
    return [...this.atoms.values()].filter((a) => a.kind !== 'param');
  }

  /** Give a parameter the reduction rule name^index = radicand. */
  protected setRule(name: string, rule: Rule): void {
    const a = this.atoms.get(name);
    if (!a || a.kind !== 'param') throw new Error(`addRule: ${name} is not a parameter`);
    this.atoms.set(name, { ...a, rule });
  }

  /** True when a rational function involves an atom with a reduction rule (roots, I, st² = 1 − ct²). */
  usesRules(rf: RatFun): boolean {
    const polys = [this.field.numerator(rf), ...[...rf.den.values()].map((f) => f.p)];
    return polys.some((p) => [...p.values()].some((t) => t.m.some(([v]) => this.atoms.get(v)?.rule !== undefined)));
  }

  /** The sign of a parameter or atom variable. */
  varSign(v: string): Sign {
    return this.atoms.get(v)?.sign ?? 'unknown';
  }

  /** The declared fact about a primitive polynomial (by its key), if any. */
  fact(key: string): SignFactEntry | undefined {
    return this.facts.get(key);
  }

  /** Record a sign fact about a primitive polynomial (by its key). */
  protected setFact(key: string, entry: SignFactEntry): void {
    this.facts.set(key, entry);
  }

  /** The sign facts declared so far, for reports. */
  factList(): { key: string; sign: string; why: string }[] {
    return [...this.facts.entries()].map(([key, f]) => ({ key, sign: f.sign, why: f.why }));
  }

  /**
   * The atom interned under `key`, created by `make` on first use (atoms are
   * named A0, A1, … in order of creation).
   */
  intern(key: string, make: (name: string) => Omit<AtomInfo, 'name' | 'algebrite'> & { algebrite?: string }): string {
    const found = this.byKey.get(key);
    if (found) return found;
    const name = `A${this.counter++}`;
    const info = make(name);
    this.atoms.set(name, { ...info, name, algebrite: info.algebrite ?? name });
    this.byKey.set(key, name);
    return name;
  }

  /** The rational function of a parameter or atom variable, to the power e. */
  variable(name: string, e: Q = Q1): RatFun {
    return this.field.fromPoly(pvar(name, e));
  }

  /** The algebrite spelling of a parameter or atom. */
  algebriteName(name: string): string {
    return this.atoms.get(name)!.algebrite;
  }
}

/** −p. */
export function pnegate(p: Poly): Poly {
  const out = new Map<string, Term>();
  for (const [k, t] of p) out.set(k, { m: t.m, c: qneg(t.c) });
  return out;
}
