import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';

/** Remember who wrote a revision of a flow's working copy (created it, or saved it). */
export function recordRevisionAuthor(db: Db, flowId: string, revision: number, userId: number): void {
  db.prepare('INSERT INTO flow_revision_authors (flow_id, revision, user_id) VALUES (?, ?, ?) ON CONFLICT (flow_id, revision) DO UPDATE SET user_id = excluded.user_id')
    .run(flowId, revision, userId);
}

/**
 * Four-eyes over the whole change: whoever wrote any revision since the flow's last approval may not
 * approve it — not only its owner and submitter. Otherwise a planner-supervisor edits a colleague's
 * draft, the colleague submits it, and the editor approves their own change.
 */
export function assertNotAnAuthorSinceApproval(db: Db, flowId: string, userId: number): void {
  const lastApproved = (db.prepare(`SELECT max(revision) FROM flow_reviews WHERE flow_id = ? AND decision = 'approved'`).pluck().get(flowId) as number | null) ?? 0;
  const wrote = db.prepare('SELECT 1 FROM flow_revision_authors WHERE flow_id = ? AND revision > ? AND user_id = ? LIMIT 1').get(flowId, lastApproved, userId);
  if (wrote) {
    throw new DomainError({ code: 'FORBIDDEN', message: '四眼原则：您修改过此流程（自上次批准以来），不能审批 / Four-eyes rule: you edited this flow since its last approval, so you cannot approve it' });
  }
}
