/**
 * The shared loop of the broken test engines that wrap qep's own engine: read
 * one scenario per line, evaluate it with `evaluateScenario`, let the engine
 * spoil the result, write it as one JSON line (+∞ as "Infinity").
 */
import { createInterface } from 'node:readline';
import { evaluateScenario } from '../../../src/numeric/scenario/index.js';

const nonFinite = (_key: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

/** Serve `spoil(scenario, correct result)` on stdin/stdout until stdin closes. */
export async function serve(spoil: (scenario: Record<string, unknown>, result: Record<string, unknown>) => unknown): Promise<void> {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const scenario = JSON.parse(line) as Record<string, unknown>;
    let answer: unknown;
    try {
      answer = spoil(scenario, evaluateScenario(scenario) as unknown as Record<string, unknown>);
    } catch (e) {
      answer = { error: (e as Error).message };
    }
    process.stdout.write(`${JSON.stringify(answer, nonFinite)}\n`);
  }
}
