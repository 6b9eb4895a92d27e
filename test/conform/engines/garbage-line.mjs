// A broken engine: answers {"times"} for davies scenarios, and a line of garbage on dimension 3.
import process from 'node:process';
import { createInterface } from 'node:readline';
import { dimension } from './_dim.mjs';

for await (const line of createInterface({ input: process.stdin })) {
  const s = JSON.parse(line);
  if (dimension(s) === 3) process.stdout.write(`Warning: something odd happened ${'x'.repeat(300)}\n`);
  else process.stdout.write(`${JSON.stringify(s.model === 'davies' ? { times: s.times } : {})}\n`);
}
