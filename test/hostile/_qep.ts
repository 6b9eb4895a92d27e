// The `qep` executable as bin/qep.js runs it, but from the TypeScript sources (tests spawn it with tsx).
import { guardProcessStreams, main } from '../../src/cli/main.js';

guardProcessStreams();
process.exitCode = await main(process.argv.slice(2));
