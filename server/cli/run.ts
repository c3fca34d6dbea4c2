import { COMMANDS } from './commands/index.js';
import type { CliIo } from './commands/types.js';

/** The help text, built from the command registry. */
export function helpText(): string[] {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return ['usage: npm run flow -- <command> [args]', '', ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.usage}  — ${c.summary}`)];
}

/** Dispatch `argv` (without node and script) to a command; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    for (const line of helpText()) (name === undefined ? io.err : io.out)(line);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command "${name}"`);
    for (const line of helpText()) io.err(line);
    return 2;
  }
  return command.run(rest, io);
}
