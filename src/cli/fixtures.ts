import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { prettyJson } from '../claims/prettyJson.js';
import { toJsonValue } from '../claims/report.js';
import { errorMessage } from '../claims/runner.js';
import type { GeneratedModel } from '../numeric/scenario/generate.js';
import { type CliContext, type ScenarioEvaluator, scenarioEvaluator, UsageError } from './_internal/context.js';
import { BadInput, commandAction, fileFailure } from './_internal/failure.js';
import { parseSeed } from './_internal/options.js';

/** What `--model` selects. */
export type FixtureModel = GeneratedModel | 'all';

/** The options of `qep fixtures`, as parsed. */
export interface FixturesOptions {
  readonly model: FixtureModel;
  /** Scenarios per model (`all` writes `count` of each). */
  readonly count: number;
  readonly seed: number;
  /** The output directory: `scenarios/` and `expected/` are created inside. */
  readonly out: string;
  /** Overwrite existing files. */
  readonly force?: boolean;
}

/** Largest `--count` (per model). */
export const MAX_FIXTURE_COUNT = 1000;

const MODELS: readonly GeneratedModel[] = ['davies', 'thermal-operation'];

/** `--model M`: davies, thermal-operation or all. @throws InvalidArgumentError otherwise. */
export function parseFixtureModel(text: string): FixtureModel {
  if (text === 'all' || (MODELS as readonly string[]).includes(text)) return text as FixtureModel;
  throw new InvalidArgumentError('Expected davies, thermal-operation or all.');
}

/** `--count N`: an integer from 1 to {@link MAX_FIXTURE_COUNT}. @throws InvalidArgumentError otherwise. */
export function parseCount(text: string): number {
  const n = /^\s*\+?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= 1 && n <= MAX_FIXTURE_COUNT)) throw new InvalidArgumentError(`Expected an integer from 1 to ${MAX_FIXTURE_COUNT}.`);
  return n;
}

/**
 * The seed of scenario `index` of model number `modelIndex` (0 davies, 1
 * thermal-operation) under `--seed seed`: (2·seed + modelIndex)·2²⁰ + index,
 * distinct for every (seed, model, index) with a 32-bit seed and index < 2²⁰, and
 * a safe integer. Each file is reproducible on its own:
 * `generateScenario(model, createRng(fixtureSeed(seed, modelIndex, index)))`.
 */
export function fixtureSeed(seed: number, modelIndex: number, index: number): number {
  return (2 * seed + modelIndex) * 2 ** 20 + index;
}

/** One fixture: its file name (without `.json`), the scenario and its expected results. */
export interface Fixture {
  readonly name: string;
  readonly scenario: unknown;
  readonly expected: unknown;
}

/**
 * Generate the fixtures of `qep fixtures` in memory: for each selected model,
 * `count` scenarios from {@link fixtureSeed}, each evaluated (+∞ as "Infinity").
 * Names follow the QuTiP reference set: `davies_03_d3_H_rates_deph_pure`.
 * @throws Error when a generated scenario fails to evaluate (a bug in qep, not bad input).
 */
export async function buildFixtures(options: Pick<FixturesOptions, 'model' | 'count' | 'seed'>, evaluate?: ScenarioEvaluator): Promise<Fixture[]> {
  const { generateScenario, scenarioLabel } = await import('../numeric/scenario/generate.js');
  const { createRng } = await import('../numeric/random/rng.js');
  const evaluator = await scenarioEvaluator({ evaluateScenario: evaluate });
  const width = Math.max(2, String(options.count - 1).length);
  const fixtures: Fixture[] = [];
  for (const [modelIndex, model] of MODELS.entries()) {
    if (options.model !== 'all' && options.model !== model) continue;
    for (let i = 0; i < options.count; i++) {
      const scenario = generateScenario(model, createRng(fixtureSeed(options.seed, modelIndex, i)));
      const label = scenarioLabel(scenario as unknown as Record<string, unknown>);
      const name = label.replace(/^([a-z]+)_/, `$1_${String(i).padStart(width, '0')}_`);
      let result: unknown;
      try {
        result = toJsonValue(await evaluator(JSON.parse(JSON.stringify(scenario))), 'throw');
      } catch (e) {
        throw new Error(`the generated scenario ${name} did not evaluate: ${errorMessage(e)}`);
      }
      fixtures.push({ name, scenario, expected: result });
    }
  }
  return fixtures;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `qep fixtures`: write golden fixtures for regression tests of your own code,
 * in the layout of test/fixtures/qutip: `OUT/scenarios/NAME.json` (the input of
 * `qep eval`) and `OUT/expected/NAME.json` (its output, "Infinity" for +∞),
 * printing each path written on its own line. Check a file later with
 * `qep eval OUT/scenarios/NAME.json --expect OUT/expected/NAME.json`.
 *
 * Returns 0 when every file is written.
 * @throws BadInput when a file exists and `force` is not set (nothing is
 *   written), or a directory cannot be created or written (exit 2); an Error
 *   when a generated scenario fails to evaluate (internal, exit 1).
 */
export async function runFixtures(options: FixturesOptions, ctx: CliContext): Promise<number> {
  if (options.out.trim() === '') throw new UsageError('--out must name a directory');
  const fixtures = await buildFixtures(options, ctx.deps.evaluateScenario);
  const files = fixtures.flatMap((f) => [
    { path: join(options.out, 'scenarios', `${f.name}.json`), text: `${prettyJson(f.scenario)}\n` },
    { path: join(options.out, 'expected', `${f.name}.json`), text: `${prettyJson(f.expected)}\n` },
  ]);
  if (!options.force) {
    const taken: string[] = [];
    for (const file of files) if (await exists(file.path)) taken.push(file.path);
    if (taken.length > 0) {
      const more = taken.length > 1 ? ` (and ${taken.length - 1} more)` : '';
      throw new BadInput(`${taken[0]} exists${more}: nothing written; use --force to overwrite, or another --out`);
    }
  }
  for (const dir of ['scenarios', 'expected']) {
    try {
      await mkdir(join(options.out, dir), { recursive: true });
    } catch (e) {
      throw fileFailure('create', join(options.out, dir), e);
    }
  }
  for (const file of files) {
    try {
      await writeFile(file.path, file.text, { flag: options.force ? 'w' : 'wx' });
    } catch (e) {
      throw fileFailure('write', file.path, e);
    }
    ctx.io.stdout.write(`${file.path}\n`);
  }
  return 0;
}

/** Register `qep fixtures` on `program`. */
export function registerFixtures(program: Command, ctx: CliContext): void {
  program
    .command('fixtures')
    .description('write golden fixtures (random valid scenarios and their qep eval results) for regression tests of your own code')
    .requiredOption('--out <dir>', 'output directory (scenarios/ and expected/ are created inside)')
    .option('--model <m>', 'davies, thermal-operation or all', parseFixtureModel, 'all')
    .option('--count <n>', `scenarios per model (1 to ${MAX_FIXTURE_COUNT})`, parseCount, 10)
    .option('--seed <s>', 'seed (32-bit integer): same seed, same files', parseSeed, 0)
    .option('--force', 'overwrite existing files')
    .addHelpText(
      'after',
      [
        '',
        'Writes DIR/scenarios/NAME.json (qep eval input) and DIR/expected/NAME.json (its output; +Infinity as "Infinity"),',
        'in the layout of test/fixtures/qutip, and prints one path per line. Check your own code against the',
        'expected files, or check qep later with:',
        '  qep eval DIR/scenarios/NAME.json --expect DIR/expected/NAME.json',
        'Existing files are never overwritten without --force.',
      ].join('\n'),
    )
    .action(commandAction(ctx, (opts: FixturesOptions) => runFixtures(opts, ctx)));
}
