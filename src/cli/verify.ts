import type { Command } from 'commander';
import { withCasWorkers } from './_internal/cas.js';
import type { CliContext } from './_internal/context.js';
import { commandAction } from './_internal/failure.js';
import { choiceParser, parseSeed } from './_internal/options.js';
import type { VerifyResult } from '../symbolic/verify.js';

/** Output formats of `qep verify`. */
export const VERIFY_FORMATS = ['text', 'json'] as const;

/** The options of `qep verify`, as parsed (the quantity and the expression are its two arguments). */
export interface VerifyCommandOptions {
  /** `qubit-davies`, `partial-swap` (needed only when the quantity name is ambiguous) or a model file (a path ending in .json). */
  readonly model?: string;
  readonly format: (typeof VERIFY_FORMATS)[number];
  /** Seed of the sample points (default fixed). */
  readonly seed?: number;
}

function fmtPoint(p: Readonly<Record<string, string>>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
}

function text(r: Omit<VerifyResult, 'model'> & { readonly model: string }): string {
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
 * Returns 0 when it agrees (proved, or agrees by sampling), 1 when refuted (the
 * point and both values are printed).
 * @throws QepInputError for a syntax error, an unknown symbol, function,
 *   quantity or model, an invalid model file (exit 2, one line on stderr, nothing
 *   on stdout); DetailedBalanceError for a model file whose rates break detailed balance (exit 1).
 */
export async function runVerify(quantity: string, expr: string, options: VerifyCommandOptions, ctx: CliContext): Promise<number> {
  const { verifyQuantity } = await import('../symbolic/verify.js');
  const { isModelFileArgument, deriveModelFile, verifyFileQuantity } = await import('../symbolic/models/fileModels.js');
  const file = options.model !== undefined && isModelFileArgument(options.model) ? options.model : undefined;
  const r = await withCasWorkers(() =>
    file !== undefined ? verifyFileQuantity(deriveModelFile(file), quantity, expr, { seed: options.seed }) : verifyQuantity(quantity, expr, { model: options.model, seed: options.seed }),
  );
  ctx.io.stdout.write(options.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : text(r));
  return r.verdict === 'refuted' ? 1 : 0;
}

/** Register `qep verify` on `program`. */
export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('check your own closed form of a quantity against the derived one and the numeric engine; exit 0 agrees, 1 refuted, 2 bad input')
    .argument('<quantity>', 'quantity name as in qep derive (e.g. Pi_d, gamma2, C_cc)')
    .argument('<expr>', 'your closed form in mathjs syntax, in the model parameters')
    .option('--model <name>', 'qubit-davies, partial-swap or a model file FILE.json')
    .option('--format <f>', 'text or json', choiceParser(VERIFY_FORMATS), 'text')
    .option('--seed <s>', 'seed of the sample points (32-bit integer)', parseSeed)
    .action(commandAction(ctx, (quantity: string, expr: string, opts: VerifyCommandOptions) => runVerify(quantity, expr, opts, ctx)));
}
