import { validateFlow } from '../../../shared/flow/validate.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import { issueLine, loadFlowFile, readErrorLine } from './load.js';
import { machineTable } from './machine-table.js';
import { parseArgs, type Command } from './types.js';

/**
 * `compile <file> [--json]`: print the compiled machine as a state table, or with --json the
 * machine JSON exactly as the engine receives it. Issues go to stderr; exit 1 when the flow has errors.
 */
export const compileCommand: Command = {
  name: 'compile',
  summary: 'compile a flow document to its state machine',
  usage: '<file> [--json]',
  run(args, io) {
    const { flags, positional, unknown } = parseArgs(args, ['--json']);
    const file = positional[0];
    if (unknown.length > 0 || positional.length !== 1 || file === undefined) {
      io.err(`usage: flow compile ${this.usage}`);
      return 2;
    }
    const loaded = loadFlowFile(file, io);
    if (!loaded.ok) {
      if (loaded.readError) io.err(readErrorLine(file, loaded.readError));
      for (const i of loaded.issues) io.err(issueLine(file, i));
      return 1;
    }
    const compiled = compileFlow(loaded.doc);
    if (!compiled.ok) {
      for (const i of compiled.issues) io.err(issueLine(file, i));
      return 1;
    }
    for (const w of validateFlow(loaded.doc)) io.err(issueLine(file, w));
    if (flags.has('--json')) io.out(JSON.stringify(compiled.machine, null, 2));
    else for (const line of machineTable(compiled.machine)) io.out(line);
    return 0;
  },
};
