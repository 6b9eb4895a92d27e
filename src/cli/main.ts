import { Command, CommanderError } from 'commander';
import { errorMessage } from '../claims/runner.js';
import { registerCheck } from './check.js';
import { registerConform } from './conform.js';
import type { CliContext, CliDeps } from './_internal/context.js';
import { type CliIO, colorEnabled, processIO } from './_internal/io.js';
import { packageVersion } from './_internal/version.js';
import { registerDerive } from './derive.js';
import { registerEval } from './eval.js';
import { registerFixtures } from './fixtures.js';
import { registerVerify } from './verify.js';

export type { CliDeps, ScenarioEvaluator } from './_internal/context.js';
export type { CliIO, InStream, OutStream } from './_internal/io.js';

/**
 * The subcommands, in the order `qep --help` lists them. Each registers itself
 * on the program and sets `ctx.exitCode` when it runs.
 */
const SUBCOMMANDS: readonly ((program: Command, ctx: CliContext) => void)[] = [registerCheck, registerDerive, registerVerify, registerEval, registerFixtures, registerConform];

function buildProgram(ctx: CliContext): Command {
  const program = new Command('qep')
    .description('qep checks the derivations of "The role of quantum coherence in non-equilibrium entropy production"')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.io.stdout.write(s),
      writeErr: (s) => void ctx.io.stderr.write(s),
      // One line per usage error: `qep: unknown option '--x' (see qep --help)`.
      outputError: (s, write) => write(`${s.trimEnd().replace(/^error: /, 'qep: ').replace(/\n+/g, ' ')} (see qep --help)\n`),
      getOutHasColors: () => colorEnabled(ctx.io.stdout, ctx.env),
      getErrHasColors: () => colorEnabled(ctx.io.stderr, ctx.env),
    });
  // Subcommands inherit exitOverride and the output configuration, set above before they are added.
  for (const register of SUBCOMMANDS) register(program, ctx);
  return program;
}

/**
 * Run the `qep` command line: `qep check`, `qep derive`, `qep verify`, `qep eval`, `qep fixtures`, and `--help`/`--version`.
 *
 * Returns the exit code and never calls process.exit (bin/qep.js sets
 * process.exitCode): 0 success, 1 a verdict not as expected or an internal
 * error, 2 bad usage or bad input (one line on stderr, no stack trace).
 *
 * @param argv the arguments after `qep` (process.argv.slice(2))
 * @param io streams and environment (default: the process's own)
 * @param deps replacements for the claim registry and the scenario evaluator (tests)
 * @example process.exitCode = await main(['check', '--runs', '50'])
 */
export async function main(argv: readonly string[], io: CliIO = processIO(), deps: CliDeps = {}): Promise<number> {
  const ctx: CliContext = { io, env: io.env ?? process.env, deps, exitCode: 0 };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    // Help and version exit 0; every other commander error is bad usage, already printed on stderr.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    io.stderr.write(`qep: internal error: ${errorMessage(e)}\n`);
    return 1;
  }
}
