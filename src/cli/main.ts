/** The meshc executable's entry point: run the CLI, exit with its code. */
import { run } from './program.js';

process.exitCode = await run(process.argv.slice(2));
