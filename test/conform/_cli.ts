// `qep` from the sources, for tests that run the CLI as a child process (signals).
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
