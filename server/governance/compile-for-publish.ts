import { DomainError } from '../core/errors.js';
import type { FlowDocument } from '../../shared/flow/document.js';
import { errorsOf, formatIssue, type Issue } from '../../shared/flow/issues.js';
import { parseFlowDocument } from '../../shared/flow/migrations.js';
import { validateFlow } from '../../shared/flow/validate.js';
import { compileFlow } from '../../shared/machine/compile.js';
import type { Machine } from '../../shared/machine/types.js';

export type CompileOutcome = { ok: true; doc: FlowDocument; machine: Machine; warnings: Issue[] } | { ok: false; issues: Issue[] };

/**
 * The server's own gate before submit and publish: parse (with migrations), validate the whole
 * graph and compile, from the stored working copy — whatever the client claims is ignored.
 */
export function compileStoredDocument(json: string): CompileOutcome {
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const issues = validateFlow(parsed.doc);
  if (errorsOf(issues).length) return { ok: false, issues: errorsOf(issues) };
  const compiled = compileFlow(parsed.doc);
  if (!compiled.ok) return { ok: false, issues: compiled.issues };
  return { ok: true, doc: parsed.doc, machine: compiled.machine, warnings: issues };
}

/** Throw a bilingual PRECONDITION_FAILED listing the first errors, for submit and publish. */
export function assertCompiles(json: string, what: { zh: string; en: string }): Extract<CompileOutcome, { ok: true }> {
  const out = compileStoredDocument(json);
  if (out.ok) return out;
  const first = out.issues.slice(0, 5);
  const more = out.issues.length > first.length ? ` (+${out.issues.length - first.length})` : '';
  throw new DomainError({
    code: 'PRECONDITION_FAILED',
    message: `${what.zh}：流程未通过校验 — ${first.map((i) => formatIssue(i, 'zh')).join('；')}${more} / ${what.en}: the flow does not validate — ${first.map((i) => formatIssue(i, 'en')).join('; ')}${more}`,
  });
}
