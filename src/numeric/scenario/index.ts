import { QepInputError } from '../errors.js';
import { type DaviesBathsResult, type DaviesResult, evaluateDavies } from './davies.js';
import { type ThermalScenarioOutput, evaluateThermalOperation } from './thermal.js';

/** The models `qep eval` understands, and the evaluator of each. */
const MODELS = {
  davies: evaluateDavies,
  'thermal-operation': evaluateThermalOperation,
} as const;

/** The result of evaluating a scenario: the keys of its model (see the README). */
export type ScenarioResult = DaviesResult | DaviesBathsResult | ThermalScenarioOutput;

/**
 * Evaluate a scenario (the interop contract of `qep eval`, README): a parsed
 * JSON value in, the results object out. Dispatches on `model`
 * (`davies` — Eqs. 1–15; `thermal-operation` — Eqs. 16–44).
 * @throws QepInputError naming the field for any malformed input.
 */
export function evaluateScenario(input: unknown): ScenarioResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new QepInputError('scenario', 'a JSON object with a "model" key', Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input);
  }
  const model = (input as Record<string, unknown>).model;
  if (typeof model !== 'string' || !(model in MODELS)) {
    throw new QepInputError('model', `one of ${Object.keys(MODELS).map((m) => `"${m}"`).join(', ')}`, JSON.stringify(model) ?? 'missing');
  }
  return MODELS[model as keyof typeof MODELS](input);
}
