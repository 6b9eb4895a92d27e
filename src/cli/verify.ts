import type { Command } from 'commander';
import { QepInputError } from '../numeric/errors.js';
import type { CliContext } from './_internal/context.js';
import { reportFailure } from './_internal/failure.js';
import type { CommandIO } from './derive.js';
import type { VerifyResult } from '../symbolic/verify.js';

/** The parsed arguments of `qep verify`. */
export interface VerifyArgs {
  /** The quantity's name, as in `qep derive` (e.g. `Pi_d`, `gamma2`, `C_cc`). */
  readonly quantity: string;
  /** The user's closed form in mathjs syntax, in the model's parameters. */
  readonly expr: string;
  /** `qubit-davies` or `partial-swap`; needed only when the quantity name is ambiguous. */
  readonly model?: string;
  /** `text` (default) or `json`. */
  readonly format?: string;
  /** Seed of the sample points (default fixed). */
  readonly seed?: number;
}

function fmtPoint(p: Readonly<Record<string, string>>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
}

function text(r: VerifyResult): string {
  const lines: string[] = [];
  const verdict = r.verdict === 'agrees-by-sampling' ? 'agrees by sampling' : r.verdict;
  lines.push(`qep verify ${r.quantity} (${r.model}): ${verdict}`);
  if (r.counterexample) {
    const c = r.counterexample;
    lines.push(`  at ${fmtPoint(c.point)}`);
    lines.push(`    your expression: ${c.user}`);
    lines.push(`    derived form:    ${c.derived}`);
    if (c.engine !== undefined) lines.push(`    numeric engine:  ${c.engine}`);
  }
  lines.push(`  symbolic: ${r.identity.status}: ${r.identity.detail}`);
  lines.push(
    r.numeric.agrees
      ? `  numeric engine: agrees at ${r.numeric.points} random points (max relative error ${r.numeric.worst.toExponential(1)})`
      : `  numeric engine: disagrees (max relative error ${r.numeric.worst.toExponential(1)})`,
  );
  lines.push(`  derived form: ${r.derived}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `qep verify QUANTITY "EXPR" [--model M] [--format text|json]`: check a
 * closed form of your own against the derived one and the numeric engine.
 *
 * Exit codes: 0 when it agrees (proved, or agrees by sampling); 1 when refuted
 * (the point and both values are printed); 2 for a syntax error, an unknown
 * symbol, function, quantity or model (one line on stderr, nothing on stdout).
 */
export async function runVerify(args: VerifyArgs, io: CommandIO): Promise<number> {
  const format = args.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`qep verify: --format must be text or json (got ${JSON.stringify(format)})\n`);
    return 2;
  }
  const { verifyQuantity } = await import('../symbolic/verify.js');
  try {
    const r = await verifyQuantity(args.quantity, args.expr, { model: args.model, seed: args.seed });
    io.stdout(format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : text(r));
    return r.verdict === 'refuted' ? 1 : 0;
  } catch (e) {
    return reportFailure('qep verify', e, io.stderr);
  } finally {
    const { closeCasWorkers } = await import('../symbolic/cas/worker.js');
    await closeCasWorkers();
  }
}

function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new QepInputError('--seed', 'an integer', v);
  return n;
}

/** Register `qep verify` on a commander program (same shape as registerCheck in check.ts). */
export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('check your own closed form of a quantity against the derived one and the numeric engine; exit 0 agrees, 1 refuted, 2 bad input')
    .argument('<quantity>', 'quantity name as in qep derive (e.g. Pi_d, gamma2, C_cc)')
    .argument('<expr>', 'your closed form in mathjs syntax, in the model parameters')
    .option('--model <name>', 'qubit-davies or partial-swap')
    .option('--format <f>', 'text or json', 'text')
    .option('--seed <s>', 'seed of the sample points', parseSeed)
    .action(async (quantity: string, expr: string, opts: Omit<VerifyArgs, 'quantity' | 'expr'>) => {
      ctx.exitCode = await runVerify({ ...opts, quantity, expr }, { stdout: (s) => void ctx.io.stdout.write(s), stderr: (s) => void ctx.io.stderr.write(s) });
    });
}
