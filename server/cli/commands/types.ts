/** Where a command writes and reads; injected so commands run in-process in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): string;
}

/** One `npm run flow -- <name> …` subcommand. Register it in `commands/index.ts`. */
export interface Command {
  name: string;
  /** One line for the help text. */
  summary: string;
  /** Arguments after the name, e.g. `<files…> [--json]`. */
  usage: string;
  /** Returns the exit code: 0 success, 1 the input is invalid, 2 wrong usage. */
  run(args: readonly string[], io: CliIo): number | Promise<number>;
}

/** Split `--flag`s from positional arguments; unknown flags are returned so commands can refuse them. */
export function parseArgs(args: readonly string[], known: readonly string[]): { flags: Set<string>; positional: string[]; unknown: string[] } {
  const flags = new Set<string>();
  const positional: string[] = [];
  const unknown: string[] = [];
  for (const a of args) {
    if (!a.startsWith('--')) positional.push(a);
    else if (known.includes(a)) flags.add(a);
    else unknown.push(a);
  }
  return { flags, positional, unknown };
}
