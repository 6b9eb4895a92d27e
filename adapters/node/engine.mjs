#!/usr/bin/env node
// A `qep conform` engine in Node: qep's own evaluateScenario behind the line
// protocol. One scenario per line on stdin, one JSON object per line on stdout,
// {"error": "..."} for a scenario it cannot evaluate; +∞ is written "Infinity".
//
//   qep conform --engine "node adapters/node/engine.mjs"
//
// Replace evaluateScenario by your own function to test your own engine.
import process from 'node:process';
import { createInterface } from 'node:readline';
import { evaluateScenario } from 'qep';

const nonFinite = (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  let answer;
  try {
    answer = evaluateScenario(JSON.parse(line));
  } catch (e) {
    answer = { error: e instanceof Error ? e.message : String(e) };
  }
  process.stdout.write(`${JSON.stringify(answer, nonFinite)}\n`);
}
