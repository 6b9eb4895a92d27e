// A broken engine: answers davies scenarios with a Pi list one time short.
import process from 'node:process';
import { createInterface } from 'node:readline';

for await (const line of createInterface({ input: process.stdin })) {
  const s = JSON.parse(line);
  process.stdout.write(`${JSON.stringify(s.model === 'davies' ? { times: s.times, Pi: s.times.slice(1).map(() => 0) } : {})}\n`);
}
