/**
 * Small exact symbolic matrices (entries are rational functions of atoms,
 * with I² = −1 available) for deriving generators and channels from their
 * definitions: products, adjoints, Kronecker products, partial traces.
 */
import type { Atoms } from '../atoms.js';
import type { RatFun } from './ratfun.js';
import { type Poly, type Term, pmono, padd, pSortedTerms } from './poly.js';
import { q, Q1, qneg, qIsInt } from './rat.js';

/** A dense matrix of rational functions. */
export type SMat = RatFun[][];

/** Matrix algebra over an atom table. */
export class MatrixAlgebra {
  constructor(readonly atoms: Atoms) {}

  /** A matrix from mathjs strings. */
  of(rows: readonly (readonly string[])[]): SMat {
    return rows.map((r) => r.map((s) => this.atoms.convertString(s).rf));
  }

  zeros(n: number, m: number = n): SMat {
    return Array.from({ length: n }, () => Array.from({ length: m }, () => this.atoms.field.const(q(0))));
  }

  identity(n: number): SMat {
    const z = this.zeros(n);
    for (let i = 0; i < n; i++) z[i][i] = this.atoms.field.const(Q1);
    return z;
  }

  /** |i⟩⟨j| in dimension n. */
  unit(n: number, i: number, j: number): SMat {
    const z = this.zeros(n);
    z[i][j] = this.atoms.field.const(Q1);
    return z;
  }

  add(a: SMat, b: SMat): SMat {
    const F = this.atoms.field;
    return a.map((r, i) => r.map((x, j) => F.add(x, b[i][j])));
  }

  sub(a: SMat, b: SMat): SMat {
    const F = this.atoms.field;
    return a.map((r, i) => r.map((x, j) => F.sub(x, b[i][j])));
  }

  scale(a: SMat, s: RatFun): SMat {
    const F = this.atoms.field;
    return a.map((r) => r.map((x) => F.mul(x, s)));
  }

  mul(a: SMat, b: SMat): SMat {
    const F = this.atoms.field;
    const n = a.length;
    const m = b[0].length;
    const k = b.length;
    const out = this.zeros(n, m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let s = F.const(q(0));
        for (let l = 0; l < k; l++) if (!F.isZero(a[i][l]) && !F.isZero(b[l][j])) s = F.add(s, F.mul(a[i][l], b[l][j]));
        out[i][j] = s;
      }
    return out;
  }

  /**
   * Complex conjugate of an entry: I → −I (every other atom is real).
   * @throws Error for an entry with I in a denominator.
   */
  conj(x: RatFun): RatFun {
    const I = this.imagName();
    if (!I) return x;
    const flip = (p: Poly): Poly => {
      let out: Poly = new Map();
      for (const t of pSortedTerms(p)) {
        const e = t.m.find(([v]) => v === I)?.[1];
        const odd = e !== undefined && qIsInt(e) && e.n % 2n !== 0n;
        out = padd(out, pmono(t.m, odd ? qneg(t.c) : t.c));
      }
      return out;
    };
    // denominators here are built from real atoms; a complex one would need conjugating too
    for (const f of x.den.values()) if ([...f.p.values()].some((t) => t.m.some(([v]) => v === I))) throw new Error('conj: complex denominator');
    return { num: flip(x.num), den: x.den };
  }

  private imagName(): string | undefined {
    return this.atoms.list().find((a) => a.kind === 'imag')?.name;
  }

  adjoint(a: SMat): SMat {
    return a[0].map((_, j) => a.map((r) => this.conj(r[j])));
  }

  kron(a: SMat, b: SMat): SMat {
    const F = this.atoms.field;
    const n = a.length * b.length;
    const m = a[0].length * b[0].length;
    const out = this.zeros(n, m);
    for (let i = 0; i < a.length; i++)
      for (let j = 0; j < a[0].length; j++)
        for (let k = 0; k < b.length; k++) for (let l = 0; l < b[0].length; l++) out[i * b.length + k][j * b[0].length + l] = F.mul(a[i][j], b[k][l]);
    return out;
  }

  trace(a: SMat): RatFun {
    const F = this.atoms.field;
    let s = F.const(q(0));
    for (let i = 0; i < a.length; i++) s = F.add(s, a[i][i]);
    return s;
  }

  commutator(a: SMat, b: SMat): SMat {
    return this.sub(this.mul(a, b), this.mul(b, a));
  }

  anticommutator(a: SMat, b: SMat): SMat {
    return this.add(this.mul(a, b), this.mul(b, a));
  }

  /** Partial trace of a (dA·dB)-dimensional matrix, keeping subsystem `keep` (0 = A, 1 = B). */
  partialTrace(a: SMat, dA: number, dB: number, keep: 0 | 1): SMat {
    const F = this.atoms.field;
    const d = keep === 0 ? dA : dB;
    const out = this.zeros(d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let s = F.const(q(0));
        const other = keep === 0 ? dB : dA;
        for (let k = 0; k < other; k++) {
          const r = keep === 0 ? i * dB + k : k * dB + i;
          const c = keep === 0 ? j * dB + k : k * dB + j;
          s = F.add(s, a[r][c]);
        }
        out[i][j] = s;
      }
    return out;
  }

  /** True when every entry of a − b is exactly zero. */
  equal(a: SMat, b: SMat): boolean {
    const F = this.atoms.field;
    return a.every((r, i) => r.every((x, j) => F.isZero(F.sub(x, b[i][j]))));
  }

  /** Real and imaginary parts of an entry (as rational functions without I). */
  reIm(x: RatFun): { re: RatFun; im: RatFun } {
    const F = this.atoms.field;
    const I = this.imagName();
    if (x.den.size > 0) {
      const c = F.cancel(x);
      if (c.den.size > 0) {
        // denominators are real here (built from real atoms); split the numerator
        const { re, im } = this.reIm({ num: c.num, den: new Map() });
        return { re: { num: re.num, den: c.den }, im: { num: im.num, den: c.den } };
      }
      x = c;
    }
    let re: Poly = new Map();
    let im: Poly = new Map();
    for (const t of pSortedTerms(F.numerator(x))) {
      const e = t.m.find(([v]) => v === I)?.[1];
      if (e === undefined) re = padd(re, pmono(t.m, t.c));
      else {
        const rest: Term['m'] = t.m.filter(([v]) => v !== I);
        im = padd(im, pmono(rest, t.c));
      }
    }
    return { re: F.fromPoly(re), im: F.fromPoly(im) };
  }

  /** An entry as a mathjs string with atom names replaced by what they stand for. */
  toExpr(x: RatFun): string {
    return this.atoms.toExpression(x);
  }
}
