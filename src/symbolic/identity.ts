/**
 * Identity checking: an identity lhs = rhs is
 * - **proved** when lhs − rhs, atomized (see atoms.ts), reduces to the zero
 *   rational function in exact arithmetic (and then algebrite is asked for an
 *   independent `simplify` to 0, recorded as its opinion);
 * - **sampled** when it is not proved but holds at every one of
 *   {@link SYMBOLIC_TOL.samplePoints} seeded points of the physical domain,
 *   evaluated with BigNumber at {@link SYMBOLIC_TOL.sampleDigits} digits, with
 *   |lhs − rhs| ≤ {@link SYMBOLIC_TOL.sampleResidual} · max(1, |lhs|, |rhs|);
 * - **refuted** when some point violates that bound (the point and both values are reported).
 * A proved identity is sampled too: a proof the samples contradict is an
 * `error` (a bug), never a proof. A sampled identity is never called proved.
 */
import type { MathNode, BigNumber } from 'mathjs';
import { Atoms } from './atoms.js';
import { bigMath, parseExpression, math } from './cas/mathjs.js';
import { BigEvalContext, NotEvaluableError, type BigEvaluator } from './_internal/bigeval.js';
import { withExactLimits, type ExactLimits } from './_internal/budget.js';
import { ExactBudgetExceeded } from './errors.js';
import { LIMITS_ENV } from './limits.js';
import { algebriteIsZero, type AlgebriteZero } from './cas/algebrite.js';
import { nerdamerExpandIsZero, type NerdamerZero } from './cas/nerdamer.js';
import { samplePoints, type Domain } from './domain.js';
import { SYMBOLIC_TOL } from '../numeric/tolerance.js';

/** The verdict on an identity. */
export type IdentityStatus = 'proved' | 'sampled' | 'refuted' | 'error';

/** A point where an identity fails, with both sides' values (decimal strings). */
export interface Counterexample {
  readonly point: Readonly<Record<string, string>>;
  readonly lhs: string;
  readonly rhs: string;
  /** |lhs − rhs| / max(1, |lhs|, |rhs|). */
  readonly residual: number;
}

/** The full report on one identity. */
export interface IdentityReport {
  readonly status: IdentityStatus;
  /** Largest scaled residual over the sample points (0 when every point is exact). */
  readonly residual: number;
  readonly points: number;
  readonly engines: {
    /** qep's exact rational arithmetic on the atomized difference. */
    readonly exact: 'zero' | 'nonzero' | 'error';
    readonly algebrite?: AlgebriteZero;
    readonly nerdamer?: NerdamerZero;
  };
  readonly counterexample?: Counterexample;
  /** One line: what was done. */
  readonly detail: string;
  readonly ms: number;
}

/** Options of {@link checkIdentity}. */
export interface IdentityOptions {
  /** The model's atom table (shared by all identities of a model). Built from the domain when absent. */
  readonly atoms?: Atoms;
  readonly domain: Domain;
  readonly seed?: number;
  readonly points?: number;
  /** Ask algebrite for an independent opinion on proved identities (default true; a number is the timeout in ms). */
  readonly algebrite?: boolean | number;
  /** Ask nerdamer too, for polynomial differences only (default false; a number is the timeout in ms). */
  readonly nerdamer?: boolean | number;
  /** Skip sampling (only for internal steps whose proof is the point; default false). */
  readonly skipSampling?: boolean;
  /**
   * Limits of the exact reduction (time, terms, exponent). Over a limit the
   * identity is decided by sampling (never `proved`). Absent: unlimited (qep's own derivations).
   */
  readonly exactLimits?: ExactLimits;
}

/** Why a side could not be evaluated: not a real number there (a fact about it), or beyond the evaluator (too large for 64 digits, unsupported). */
export type EvaluationFailure = 'not-real' | 'not-evaluable';

/** The atom table of a domain: its parameters with their signs and its sign facts. */
export function atomsForDomain(domain: Domain): Atoms {
  const signs: Record<string, 'pos' | 'nonneg' | 'real'> = {};
  for (const [k, p] of Object.entries(domain.params)) signs[k] = p.sign;
  const atoms = new Atoms(signs);
  for (const f of domain.facts) atoms.addFact(f.expr, f.why, f.sign ?? 'pos');
  return atoms;
}

const DEFAULT_SEED = 20190523;

function toNode(x: MathNode | string): MathNode {
  return typeof x === 'string' ? parseExpression(x) : x;
}

/** One evaluation context per set of sample points: identities sampled at the same points share sub-expression values. */
const contexts = new WeakMap<object, BigEvalContext>();

/** Sample lhs − rhs at the domain's seeded points with BigNumber. */
export function sampleIdentity(
  lhs: MathNode | string,
  rhs: MathNode | string,
  domain: Domain,
  seed: number = DEFAULT_SEED,
  count: number = SYMBOLIC_TOL.samplePoints,
): { ok: boolean; residual: number; counterexample?: Counterexample; error?: string; errorSide?: 'lhs' | 'rhs'; errorKind?: EvaluationFailure } {
  const points = samplePoints(domain, count, seed);
  let context = contexts.get(points);
  if (!context) {
    context = new BigEvalContext();
    contexts.set(points, context);
  }
  let fl: BigEvaluator;
  let fr: BigEvaluator;
  try {
    fl = context.compile(toNode(lhs));
  } catch (e) {
    return { ok: false, residual: Infinity, error: `lhs: ${(e as Error).message}`, errorSide: 'lhs', errorKind: 'not-evaluable' };
  }
  try {
    fr = context.compile(toNode(rhs));
  } catch (e) {
    return { ok: false, residual: Infinity, error: `rhs: ${(e as Error).message}`, errorSide: 'rhs', errorKind: 'not-evaluable' };
  }
  let worst = 0;
  let worstCx: Counterexample | undefined;
  const tol = bigMath.bignumber(SYMBOLIC_TOL.sampleResidual);
  const one = bigMath.bignumber(1);
  for (const point of points) {
    const a = fl(point);
    const b = fr(point);
    const pt = Object.fromEntries(Object.entries(point).map(([k, v]) => [k, v.toSignificantDigits(20).toString()]));
    if (a instanceof Error || b instanceof Error) {
      const which = a instanceof Error ? `lhs: ${a.message}` : `rhs: ${(b as Error).message}`;
      const show = (x: BigNumber | Error): string => (x instanceof Error ? `not a real number (${x.message})` : x.toSignificantDigits(30).toString());
      return {
        ok: false,
        residual: Infinity,
        error: `cannot evaluate (${which}) at ${JSON.stringify(pt)}`,
        errorSide: a instanceof Error ? 'lhs' : 'rhs',
        errorKind: (a instanceof Error ? a : b) instanceof NotEvaluableError ? 'not-evaluable' : 'not-real',
        counterexample: { point: pt, lhs: show(a), rhs: show(b), residual: Infinity },
      };
    }
    const scale = BigNumberMax(one, a.abs(), b.abs());
    const r = a.minus(b).abs().div(scale) as BigNumber;
    const rn = r.toNumber();
    if (rn > worst || (worstCx === undefined && r.gt(tol))) {
      worst = Math.max(worst, rn);
      if (r.gt(tol)) worstCx = { point: pt, lhs: a.toSignificantDigits(30).toString(), rhs: b.toSignificantDigits(30).toString(), residual: rn };
    }
  }
  return worstCx ? { ok: false, residual: worst, counterexample: worstCx } : { ok: true, residual: worst };
}

function BigNumberMax(...xs: BigNumber[]): BigNumber {
  return xs.reduce((m, x) => (x.gt(m) ? x : m));
}

/** The synchronous part of a check: the report before any CAS worker's opinion, and the input to give algebrite. */
export interface SyncCheck {
  readonly report: IdentityReport;
  /** The atomized difference in algebrite syntax, present when the exact reduction gave 0. */
  readonly algebriteInput?: string;
  /** The same for nerdamer, present when the difference is a polynomial without reduction rules. */
  readonly nerdamerInput?: string;
  /** For an `error` report from sampling: the side that could not be evaluated (not real, or not finite). */
  readonly errorSide?: 'lhs' | 'rhs';
  /** For an `error` report from sampling: why that side could not be evaluated. */
  readonly errorKind?: EvaluationFailure;
  /** What the exact reduction gave (stored by the proof cache, see proofCache.ts). */
  readonly exactOutcome: ExactOutcome;
}

/** The outcome of the exact reduction of lhs − rhs: zero, nonzero, or error (with its note), and the atomized difference. */
export interface ExactOutcome {
  readonly exact: 'zero' | 'nonzero' | 'error';
  readonly note: string;
  /** The atomized difference in algebrite syntax ('' unless exact is zero). */
  readonly alg: string;
  /** The difference is a polynomial without reduction rules. */
  readonly polynomialOnly: boolean;
}

/**
 * The synchronous part of {@link checkIdentity}: exact reduction and sampling,
 * without CAS-worker opinions. Never throws for expressions that parse.
 */
export function checkIdentitySync(
  lhs: MathNode | string,
  rhs: MathNode | string,
  opts: Omit<IdentityOptions, 'algebrite' | 'nerdamer'> & {
    /** The exact reduction's outcome from an earlier run (proof cache): the reduction is skipped, the samples are not. */
    readonly knownExact?: ExactOutcome;
  },
): SyncCheck {
  const t0 = performance.now();
  const l = toNode(lhs);
  const r = toNode(rhs);
  const atoms = opts.atoms ?? atomsForDomain(opts.domain);
  let exact: 'zero' | 'nonzero' | 'error' = 'error';
  let exactNote = '';
  let alg = '';
  let polynomialOnly = false;
  const reduce = (): { exact: 'zero' | 'nonzero'; alg: string; polynomialOnly: boolean } => {
    const diff = atoms.convert(new math.OperatorNode('-', 'subtract', [new math.ParenthesisNode(l), new math.ParenthesisNode(r)]));
    return { exact: atoms.field.isZero(diff.rf) ? 'zero' : 'nonzero', alg: diff.alg, polynomialOnly: diff.rf.den.size === 0 && !atoms.usesRules(diff.rf) };
  };
  if (opts.knownExact) {
    ({ exact, alg, polynomialOnly } = opts.knownExact);
    exactNote = opts.knownExact.note;
  } else try {
    ({ exact, alg, polynomialOnly } = opts.exactLimits ? withExactLimits(opts.exactLimits, reduce) : reduce());
  } catch (e) {
    exactNote =
      e instanceof ExactBudgetExceeded
        ? `exact algebra stopped at its limit ${e.limit} = ${e.max}${e.limit === 'exactBudgetMs' ? ' ms' : ''} (raise it with ${LIMITS_ENV}=${e.limit}=N), so the identity is decided by sampling`
        : (e as Error).message;
  }
  const engines = { exact };
  const exactOutcome: ExactOutcome = { exact, note: exactNote, alg: exact === 'zero' ? alg : '', polynomialOnly };
  const inputs = { exactOutcome, ...(exact === 'zero' ? { algebriteInput: alg, nerdamerInput: polynomialOnly ? alg : undefined } : {}) };
  if (opts.skipSampling && exact === 'zero') {
    return { report: { status: 'proved', residual: 0, points: 0, engines, detail: 'difference reduces to 0 in exact rational arithmetic', ms: performance.now() - t0 }, ...inputs };
  }
  // a proof is guarded by a few samples; a verdict by sampling needs the full count
  const count = exact === 'zero' ? SYMBOLIC_TOL.guardPoints : (opts.points ?? SYMBOLIC_TOL.samplePoints);
  const s = sampleIdentity(l, r, opts.domain, opts.seed ?? DEFAULT_SEED, count);
  const ms = performance.now() - t0;
  if (s.error) return { report: { status: 'error', residual: Infinity, points: count, engines, detail: s.error, counterexample: s.counterexample, ms }, errorSide: s.errorSide, errorKind: s.errorKind, exactOutcome };
  if (exact === 'zero') {
    if (!s.ok) {
      return {
        report: {
          status: 'error',
          residual: s.residual,
          points: count,
          engines,
          counterexample: s.counterexample,
          detail: 'internal inconsistency: the exact reduction gave 0 but sampling found a difference (a bug in qep; not a proof)',
          ms,
        },
        exactOutcome,
      };
    }
    return {
      report: {
        status: 'proved',
        residual: s.residual,
        points: count,
        engines,
        detail: `difference reduces to 0 in exact rational arithmetic; ${count} BigNumber guard samples agree (max residual ${s.residual.toExponential(1)})`,
        ms,
      },
      ...inputs,
    };
  }
  const why = exact === 'error' ? `not reducible (${exactNote})` : 'difference not reduced to 0';
  if (s.ok) {
    return {
      report: {
        status: 'sampled',
        residual: s.residual,
        points: count,
        engines,
        detail: `${why}; agrees at ${count} BigNumber points (${SYMBOLIC_TOL.sampleDigits} digits), max residual ${s.residual.toExponential(1)} ≤ ${SYMBOLIC_TOL.sampleResidual}`,
        ms,
      },
      exactOutcome,
    };
  }
  const cx = s.counterexample!;
  return {
    report: {
      status: 'refuted',
      residual: s.residual,
      points: count,
      engines,
      counterexample: cx,
      detail: `${why}; fails at ${JSON.stringify(cx.point)}: lhs = ${cx.lhs}, rhs = ${cx.rhs}`,
      ms,
    },
    exactOutcome,
  };
}

/** A report with CAS-worker opinions added (they never change the status). */
export function withOpinions(report: IdentityReport, opinions: { algebrite?: AlgebriteZero; nerdamer?: NerdamerZero }, extraMs = 0): IdentityReport {
  const engines = { ...report.engines, ...opinions };
  const words = [opinions.algebrite ? `algebrite: ${opinions.algebrite}` : '', opinions.nerdamer ? `nerdamer: ${opinions.nerdamer}` : ''].filter(Boolean).join(', ');
  return { ...report, engines, detail: words ? `${report.detail} [${words}]` : report.detail, ms: report.ms + extraMs };
}

/**
 * Check lhs = rhs on a domain: proved, sampled, refuted (with counterexample)
 * or error; for proved identities algebrite (and optionally nerdamer) are
 * asked for an independent opinion, in parallel with the sampling.
 * Never throws for expressions that parse; unknown symbols or functions give an `error` report.
 */
export async function checkIdentity(lhs: MathNode | string, rhs: MathNode | string, opts: IdentityOptions): Promise<IdentityReport> {
  return addOpinions(checkIdentitySync(lhs, rhs, opts), opts);
}

/**
 * The CAS workers' opinions on a proved identity (algebrite; nerdamer when
 * asked and the difference is a polynomial), added to its report. They never
 * change the status. A number for `algebrite` or `nerdamer` is the timeout in ms.
 */
export async function addOpinions(sync: SyncCheck, opts: Pick<IdentityOptions, 'algebrite' | 'nerdamer'>): Promise<IdentityReport> {
  const t0 = performance.now();
  const opinions: { algebrite?: AlgebriteZero; nerdamer?: NerdamerZero } = {};
  if (sync.algebriteInput !== undefined && opts.algebrite !== false) {
    const timeout = typeof opts.algebrite === 'number' ? opts.algebrite : SYMBOLIC_TOL.casTimeoutMs;
    opinions.algebrite = (await algebriteIsZero(sync.algebriteInput, timeout)).verdict;
  }
  if (sync.nerdamerInput !== undefined && opts.nerdamer) {
    const timeout = typeof opts.nerdamer === 'number' ? opts.nerdamer : SYMBOLIC_TOL.casTimeoutMs;
    opinions.nerdamer = (await nerdamerExpandIsZero(sync.nerdamerInput, timeout)).verdict;
  }
  return withOpinions(sync.report, opinions, performance.now() - t0);
}
