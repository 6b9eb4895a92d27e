#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm ci` / `npm install` via "prepare").
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
