/**
 * The bookkeeping of a model derivation: named definitions (each a mathjs
 * expression in the parameters and earlier names), derivation steps checked
 * as identities, and the final closed forms with their status (the weakest
 * status among the steps they rest on and their own display-vs-derived check).
 */
import type { MathNode } from 'mathjs';
import type { Atoms } from '../atoms.js';
import type { IdentityReport } from '../identity.js';
import { cachedIdentityCheck } from '../proofCache.js';
import type { Domain } from '../domain.js';
import { parseExpression, substitute, math } from '../cas/mathjs.js';

/** Status of a closed form: the identity it rests on was proved or verified by sampling. */
export type FormStatus = 'proved' | 'sampled';

/** One checked derivation step. */
export interface StepResult {
  /** Stable id, e.g. `generator.pauli`. */
  readonly id: string;
  /** The paper's equation, or `-`. */
  readonly equation: string;
  /** What the step shows, in words. */
  readonly statement: string;
  /** Expected verdict: a printed form of the paper is expected `refuted`. */
  readonly expected: 'holds' | 'refuted';
  readonly report: IdentityReport;
}

/** A named definition used by the display forms. */
export interface Definition {
  readonly name: string;
  readonly latexName: string;
  /** In parameters and earlier names. */
  readonly display: MathNode;
  /** Fully inlined: parameters only. */
  readonly inlined: MathNode;
}

/** One closed form of a model. */
export interface FormResult {
  readonly name: string;
  readonly latexName: string;
  /** Display form, in parameters and definitions (paper notation in LaTeX). */
  readonly display: MathNode;
  /** Fully inlined, parameters only: evaluable with the parameters as scope. */
  readonly inlined: MathNode;
  readonly status: FormStatus;
  /** Ids of the steps the form rests on. */
  readonly basis: readonly string[];
  /** The display-vs-derived check, when the form was derived separately from its display. */
  readonly check?: IdentityReport;
}

/** What algebrite is asked about a proved step or form check: the atomized difference, which should simplify to 0. */
export interface OpinionRequest {
  /** `step` / `form`: does `input` simplify to 0? `factor`: algebrite's `factor(input, variable)`, recorded in the step. */
  readonly kind: 'step' | 'form' | 'factor';
  readonly id: string;
  readonly input: string;
  readonly variable?: string;
}

/** An error raised when a derivation step that must hold does not (a bug, never a paper error). */
export class DerivationError extends Error {
  override readonly name = 'DerivationError';
}

/** Builds one model's derivation. */
export class DerivationBuilder {
  readonly definitions = new Map<string, Definition>();
  readonly steps = new Map<string, StepResult>();
  readonly forms = new Map<string, FormResult>();
  /** Definitions and forms in the order they were introduced (for the LaTeX align block). */
  readonly order: string[] = [];

  /** Inputs for algebrite's opinion on every proved step and form check, in order. */
  readonly opinionRequests: OpinionRequest[] = [];

  constructor(
    readonly atoms: Atoms,
    readonly domain: Domain,
  ) {}

  private inlineMap(): Record<string, MathNode> {
    const m: Record<string, MathNode> = {};
    for (const d of this.definitions.values()) m[d.name] = d.inlined;
    for (const f of this.forms.values()) m[f.name] = f.inlined;
    return m;
  }

  /** Inline every known name of an expression (parameters stay). */
  inline(expr: string | MathNode): MathNode {
    const n = typeof expr === 'string' ? parseExpression(expr) : expr;
    return substitute(n, this.inlineMap());
  }

  /** Register a definition. */
  define(name: string, latexName: string, expr: string): Definition {
    const display = parseExpression(expr);
    const d: Definition = { name, latexName, display, inlined: this.inline(display) };
    this.definitions.set(name, d);
    this.order.push(name);
    return d;
  }

  /**
   * Check a step lhs = rhs (both inlined first). Steps expected to hold that
   * come out refuted or error throw {@link DerivationError}.
   */
  step(
    id: string,
    equation: string,
    statement: string,
    lhs: string | MathNode,
    rhs: string | MathNode,
    opts: { expected?: 'holds' | 'refuted'; domain?: Domain; atoms?: Atoms } = {},
  ): StepResult {
    const expected = opts.expected ?? 'holds';
    const sync = cachedIdentityCheck(id, this.inline(lhs), this.inline(rhs), { atoms: opts.atoms ?? this.atoms, domain: opts.domain ?? this.domain });
    const report = sync.report;
    const r: StepResult = { id, equation, statement, expected, report };
    this.steps.set(id, r);
    const ok = expected === 'holds' ? report.status === 'proved' || report.status === 'sampled' : report.status === 'refuted';
    if (!ok) throw new DerivationError(`derivation step ${id} (${statement}): expected ${expected}, got ${report.status}: ${report.detail}`);
    if (sync.algebriteInput !== undefined) this.opinionRequests.push({ kind: 'step', id, input: sync.algebriteInput });
    return r;
  }

  /** Record an already-checked step (for steps checked outside `step`). */
  record(r: StepResult): void {
    this.steps.set(r.id, r);
  }

  /**
   * Register a closed form. When `derived` is given, the display form is
   * checked against it and that check joins the basis.
   */
  form(name: string, latexName: string, displayExpr: string, basis: readonly string[], derived?: MathNode): FormResult {
    const display = parseExpression(displayExpr);
    const inlined = this.inline(display);
    let check: IdentityReport | undefined;
    let algebriteInput: string | undefined;
    if (derived) {
      const sync = cachedIdentityCheck(`form:${name}`, inlined, derived, { atoms: this.atoms, domain: this.domain });
      check = sync.report;
      algebriteInput = sync.algebriteInput;
      if (check.status !== 'proved' && check.status !== 'sampled') {
        throw new DerivationError(`closed form ${name}: display form disagrees with the derivation (${check.status}: ${check.detail})`);
      }
    }
    const statuses = basis.map((id) => {
      const s = this.steps.get(id);
      if (!s) throw new DerivationError(`closed form ${name}: unknown basis step ${id}`);
      return s.report.status;
    });
    if (check) statuses.push(check.status);
    const status: FormStatus = statuses.every((s) => s === 'proved') ? 'proved' : 'sampled';
    const f: FormResult = { name, latexName, display, inlined, status, basis, check };
    this.forms.set(name, f);
    this.order.push(name);
    if (check && algebriteInput !== undefined) this.opinionRequests.push({ kind: 'form', id: name, input: algebriteInput });
    return f;
  }

  /** A node for `a - b`. */
  static minus(a: MathNode, b: MathNode): MathNode {
    return new math.OperatorNode('-', 'subtract', [new math.ParenthesisNode(a), new math.ParenthesisNode(b)]);
  }
}
