import { compileCommand } from './compile.js';
import { recountCommand } from './recount.js';
import { simulateCommand } from './simulate.js';
import type { Command } from './types.js';
import { validateCommand } from './validate.js';

/** Every `flow` subcommand. Adding one is one line here (plus its file in this folder). */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  compileCommand,
  simulateCommand,
  recountCommand,
];
