#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm ci` / `npm install` via "prepare").
import { main } from '../dist/src/cli/main.js';

// `qep check | head` closes the pipe early: stop quietly instead of printing an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));
