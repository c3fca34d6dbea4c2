import type { FlowDocument } from '../../../shared/flow/document.js';
import { formatIssue, type Issue } from '../../../shared/flow/issues.js';
import { parseFlowDocument } from '../../../shared/flow/migrations.js';
import type { CliIo } from './types.js';

export type Loaded = { ok: true; doc: FlowDocument } | { ok: false; issues: Issue[]; readError?: string };

/** Read and parse (with migrations) one flow file; a read failure is reported, not thrown. */
export function loadFlowFile(file: string, io: CliIo): Loaded {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return { ok: false, issues: [], readError: e instanceof Error ? e.message : String(e) };
  }
  return parseFlowDocument(text);
}

/** `file: nodeId: CODE: message` — the line format editors and CI annotate from. */
export const issueLine = (file: string, issue: Issue): string => `${file}: ${formatIssue(issue, 'en')}`;

export const readErrorLine = (file: string, message: string): string => `${file}: -: READ_FAILED: ${message}`;
