// A broken engine: answers {"times"} for davies scenarios, never answers on dimension 3.
// Extra arguments (a marker) are ignored: the tests find its processes by them.
import process from 'node:process';
import { setInterval } from 'node:timers';
import { createInterface } from 'node:readline';
import { dimension } from './_dim.mjs';

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const s = JSON.parse(line);
  if (dimension(s) === 3) {
    process.stderr.write('thinking very hard about dimension 3\n');
    rl.close();
    setInterval(() => {}, 1000); // alive, silent, forever
    break;
  }
  process.stdout.write(`${JSON.stringify(s.model === 'davies' ? { times: s.times } : {})}\n`);
}
