import { hasErrors, type Issue } from '../../../shared/flow/issues.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import { issueLine, loadFlowFile, readErrorLine } from './load.js';
import { parseArgs, type Command } from './types.js';

/**
 * `validate <files…> [--json]`: parse and validate each file; one line per issue (English), or with
 * --json an array of `{ file, ok, issues }` (issues carry zh and en). Exit 0 when no file has an
 * error (warnings allowed), 1 otherwise.
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check flow documents (schema, graph, content rules)',
  usage: '<files…> [--json]',
  run(args, io) {
    const { flags, positional, unknown } = parseArgs(args, ['--json']);
    if (unknown.length > 0 || positional.length === 0) {
      io.err(`usage: flow validate ${this.usage}${unknown.length ? ` (unknown option ${unknown.join(', ')})` : ''}`);
      return 2;
    }
    const results: { file: string; ok: boolean; issues: Issue[]; readError?: string }[] = [];
    for (const file of positional) {
      const loaded = loadFlowFile(file, io);
      const issues = loaded.ok ? validateFlow(loaded.doc) : loaded.issues;
      const readError = loaded.ok ? undefined : loaded.readError;
      results.push({ file, ok: readError === undefined && !hasErrors(issues), issues, ...(readError ? { readError } : {}) });
    }
    if (flags.has('--json')) {
      io.out(JSON.stringify(results, null, 2));
    } else {
      for (const r of results) {
        if (r.readError) io.out(readErrorLine(r.file, r.readError));
        for (const i of r.issues) io.out(issueLine(r.file, i));
      }
      const all = results.flatMap((r) => r.issues);
      const errors = all.filter((i) => i.severity === 'error').length + results.filter((r) => r.readError).length;
      io.err(`${results.length} file(s): ${errors} error(s), ${all.length - all.filter((i) => i.severity === 'error').length} warning(s)`);
    }
    return results.every((r) => r.ok) ? 0 : 1;
  },
};
