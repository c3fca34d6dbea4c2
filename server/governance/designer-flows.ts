import { randomBytes } from 'node:crypto';
import type { FlowDocument } from '../../shared/flow/document.js';
import type { Role } from '../../shared/roles.js';
import type { SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import { blankDocument, flowDocumentOrThrow } from './designer-document.js';
import { onWorkingCopyEdited } from './flow-lifecycle.js';
import { canSeeUnit, visibleUnits } from './org-rules.js';
import { recordRevisionAuthor } from './revision-authors.js';
import { readTemplateFile } from './template-files.js';
import { libraryTemplateId, recordTemplateUse } from './templates.js';

/** Who designs flows (create, save); supervisors only read them. */
export const DESIGNER_WRITE: Role[] = ['planner', 'trainer', 'admin'];
export const DESIGNER_READ: Role[] = ['planner', 'trainer', 'admin', 'supervisor'];
/**
 * The designer does not edit a flow under review (the reviewer must see what was submitted; withdraw
 * it first) nor an archived one. Any other save is the lifecycle's `edit` event (e.g. approved → draft).
 */
const LOCKED_STATUSES = new Set<string>(['submitted', 'archived']);

interface Row {
  id: string; name: string; org_unit: string; owner_id: number; status: string; is_template: number;
  revision: number; document: string; live_version: number | null; from_template: string | null;
  created_at: string; updated_at: string;
}

const canRead = (u: SessionUser, row: Row) => row.is_template === 0 && (u.roles.includes('admin') || canSeeUnit(u, row.org_unit) || row.owner_id === u.id);
const canEdit = (u: SessionUser, row: Row) =>
  u.roles.some((r) => DESIGNER_WRITE.includes(r)) && (u.roles.includes('admin') || row.owner_id === u.id || row.org_unit === u.orgUnit);

function load(db: Db, user: SessionUser, id: string): Row {
  const row = db.prepare('SELECT * FROM flows WHERE id = ?').get(id) as Row | undefined;
  if (!row || !canRead(user, row)) throw new DomainError({ code: 'NOT_FOUND', message: `流程不存在 / Flow ${id} not found` });
  return row;
}

const view = (u: SessionUser, row: Row) => ({
  id: row.id, name: row.name, orgUnit: row.org_unit, ownerId: row.owner_id, status: row.status, isTemplate: row.is_template === 1,
  revision: row.revision, liveVersion: row.live_version, fromTemplate: row.from_template, createdAt: row.created_at, updatedAt: row.updated_at,
  canEdit: canEdit(u, row) && !LOCKED_STATUSES.has(row.status),
});

function newFlowId(db: Db): string {
  for (;;) {
    const id = `flow-${randomBytes(4).toString('hex')}`;
    if (!db.prepare('SELECT 1 FROM flows WHERE id = ?').get(id)) return id;
  }
}

/** Flows the caller may see in the designer, newest first. */
export function listDesignerFlows(db: Db, user: SessionUser) {
  // The unit filter runs in SQL, before the limit: other units' newer flows must not push the caller's out.
  const units = user.roles.includes('admin') ? 'all' : visibleUnits(user);
  const scope = units === 'all' ? '' : `AND (org_unit IN (${units.map(() => '?').join(', ')}) OR owner_id = ?)`;
  const rows = db.prepare(`SELECT * FROM flows WHERE is_template = 0 ${scope} ORDER BY updated_at DESC LIMIT 500`)
    .all(...(units === 'all' ? [] : [...units, user.id])) as Row[];
  return rows.filter((r) => canRead(user, r)).map((r) => view(user, r));
}

/** One flow with its working copy; another unit's flow is NOT_FOUND. */
export function getDesignerFlow(db: Db, user: SessionUser, id: string) {
  const row = load(db, user, id);
  return { ...view(user, row), document: flowDocumentOrThrow(row.document) };
}

/** A new flow: blank, from a `flows/` template file, or from an imported / copied document; audited. */
export function createDesignerFlow(db: Db, user: SessionUser, input: { name?: string; template?: string; document?: unknown }): { id: string; revision: number } {
  const id = newFlowId(db);
  const source = input.template ? readTemplateFile(input.template) : input.document !== undefined ? flowDocumentOrThrow(input.document) : null;
  const name = input.name ?? source?.name ?? '未命名流程';
  // A copy belongs to the caller's unit; the template's library metadata stays with the template.
  const doc: FlowDocument = source ? { ...source, id, name, orgUnit: user.orgUnit, template: undefined } : blankDocument(id, name, user.orgUnit);
  delete doc.template;
  const now = new Date().toISOString();
  // A shipped template in the library is referenced by its library id (the document id), as the gallery does, and its use counts.
  const fromTemplate = input.template && source ? libraryTemplateId(db, source.id) : null;
  db.transaction(() => {
    db.prepare(`INSERT INTO flows (id, name, org_unit, owner_id, status, is_template, revision, document, from_template, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'draft', 0, 1, ?, ?, ?, ?)`).run(id, name, user.orgUnit, user.id, JSON.stringify(doc), fromTemplate, now, now);
    db.prepare('INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(now, user.id, 'flow.create', 'flow', id, JSON.stringify({ template: input.template ?? null }));
    recordRevisionAuthor(db, id, 1, user.id);
    if (fromTemplate) recordTemplateUse(db, { templateId: fromTemplate, flowId: id, userId: user.id, detail: { file: input.template, via: 'designer' } });
  })();
  return { id, revision: 1 };
}

/**
 * Save the working copy. `revision` is the one the editor loaded; if someone saved since, the call
 * fails with CONFLICT and nothing is written, so two tabs never silently overwrite each other.
 */
export function saveDesignerFlow(db: Db, user: SessionUser, input: { id: string; revision: number; document: unknown }) {
  const row = load(db, user, input.id);
  if (!canEdit(user, row)) throw new DomainError({ code: 'FORBIDDEN', message: '只有创建者或同单位的策划可以修改此流程 / Only the owner or a planner of the same unit may edit this flow' });
  if (LOCKED_STATUSES.has(row.status)) throw new DomainError({ code: 'PRECONDITION_FAILED', message: '流程审批中，不能修改 / The flow is under review and cannot be edited' });
  const doc = flowDocumentOrThrow(input.document);
  if (doc.id !== row.id) throw new DomainError({ code: 'BAD_REQUEST', message: `文档 id ${doc.id} 与流程 ${row.id} 不符 / Document id does not match the flow` });
  const stored: FlowDocument = { ...doc, orgUnit: row.org_unit };
  const now = new Date().toISOString();
  // One transaction: the revision-checked write, then the lifecycle's `edit` (e.g. approved → draft, audited; refuses archived flows).
  const status = db.transaction((): string => {
    const res = db.prepare('UPDATE flows SET document = ?, name = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?')
      .run(JSON.stringify(stored), stored.name, now, row.id, input.revision);
    if (res.changes === 0) {
      const current = db.prepare('SELECT revision FROM flows WHERE id = ?').pluck().get(row.id) as number;
      throw new DomainError({
        code: 'CONFLICT',
        message: `流程已在别处被修改（您的版本 ${input.revision}，最新版本 ${current}）/ This flow was changed elsewhere (you have revision ${input.revision}, latest is ${current})`,
      });
    }
    recordRevisionAuthor(db, row.id, input.revision + 1, user.id);
    onWorkingCopyEdited(db, row.id, user.id);
    return db.prepare('SELECT status FROM flows WHERE id = ?').pluck().get(row.id) as string;
  })();
  return { revision: input.revision + 1, updatedAt: now, status };
}
