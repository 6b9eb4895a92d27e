#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm ci` / `npm install` via "prepare").
import { guardProcessStreams, main } from '../dist/src/cli/main.js';

// Every stream failure is one line and an exit code: `qep check | head` stops quietly (EPIPE),
// a full disk on stdout (ENOSPC) prints `qep: cannot write to stdout (ENOSPC)` and exits 1.
guardProcessStreams();

process.exitCode = await main(process.argv.slice(2));
