/**
 * The flow CLI: `npm run flow -- validate flows/*.json`, `npm run flow -- compile flows/x.json --json`.
 * Subcommands live in ./commands/ and are registered in ./commands/index.ts.
 */
import { readFileSync } from 'node:fs';
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
});
