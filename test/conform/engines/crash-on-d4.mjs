// A broken engine: answers {"times"} for davies scenarios, exits with code 3 on dimension 4.
import process from 'node:process';
import { createInterface } from 'node:readline';
import { dimension } from './_dim.mjs';

for await (const line of createInterface({ input: process.stdin })) {
  const s = JSON.parse(line);
  if (dimension(s) === 4) {
    process.stderr.write('fatal: dimension 4 is not supported\n');
    process.exit(3);
  }
  process.stdout.write(`${JSON.stringify(s.model === 'davies' ? { times: s.times } : {})}\n`);
}
