import { DomainError } from '../core/errors.js';
import { isRunEvent, isRunStatus, LIFECYCLE_EVENTS, transition, type LifecycleEvent } from '../../shared/governance/lifecycle.js';
import { t } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import type { Context, SessionUser } from '../core/context.js';
import { recordAudit } from './audit.js';
import { assertCompiles } from './compile-for-publish.js';
import { findFlow, loadVisibleFlow, runStateOf, type FlowRow } from './flow-rows.js';
import { canAuthorInUnit, canReviewUnit } from './org-rules.js';
import { publishFlow } from './publish.js';
import { refreshSavedCopies } from '../segments/draft-copies.js';
import { assertNotAnAuthorSinceApproval } from './revision-authors.js';

type ReviewDecision = 'submitted' | 'withdrawn' | 'approved' | 'rejected' | 'published';

export function addReview(db: Db, flow: FlowRow, decision: ReviewDecision, userId: number, comment = ''): void {
  db.prepare('INSERT INTO flow_reviews (flow_id, revision, decision, comment, user_id, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(flow.id, flow.revision, decision, comment, userId, new Date().toISOString());
}

/** Who may ask for which event: authors (planners of the unit) vs reviewers (supervisors of the unit). */
function mayAct(user: SessionUser, flow: FlowRow, event: LifecycleEvent): boolean {
  const author = canAuthorInUnit(user, flow.orgUnit) || (user.id === flow.ownerId && user.roles.includes('planner'));
  const reviewer = canReviewUnit(user, flow.orgUnit);
  return event === 'submit' || event === 'withdraw' ? author : event === 'archive' ? author || reviewer : reviewer;
}

/** The events this user can apply to this flow now: drives the buttons (the server re-checks). */
export function availableActions(user: SessionUser, flow: FlowRow): LifecycleEvent[] {
  return LIFECYCLE_EVENTS.filter((e) => {
    if (e === 'edit' || !mayAct(user, flow, e)) return false;
    const from = isRunEvent(e) ? runStateOf(flow) : flow.status;
    if (e === 'archive' && (flow.runStatus === 'running' || flow.runStatus === 'paused')) return false;
    return transition(from, e, { actorId: user.id, ownerId: flow.ownerId, submittedBy: flow.submittedBy, comment: 'x' }).ok;
  });
}

function assertMayAct(user: SessionUser, flow: FlowRow, event: LifecycleEvent): void {
  if (!mayAct(user, flow, event)) {
    const who = event === 'submit' || event === 'withdraw' ? t('本单位的策划', 'a planner of the unit') : t('本单位的审核主管', 'a supervisor of the unit');
    throw new DomainError({ code: 'FORBIDDEN', message: `只有${who.zh}可以执行此操作（流程属于 ${flow.orgUnit}） / Only ${who.en} (${flow.orgUnit}) can do this` });
  }
}

function decide(flow: FlowRow, event: LifecycleEvent, actorId: number, comment?: string) {
  const from = isRunEvent(event) ? runStateOf(flow) : flow.status;
  const r = transition(from, event, { actorId, ownerId: flow.ownerId, submittedBy: flow.submittedBy, comment });
  if (!r.ok) {
    const code = r.code === 'FOUR_EYES' ? 'FORBIDDEN' : r.code === 'COMMENT_REQUIRED' ? 'BAD_REQUEST' : 'PRECONDITION_FAILED';
    throw new DomainError({ code, message: `${r.message.zh} / ${r.message.en}` });
  }
  return r;
}

function assertUnchangedSinceSubmit(flow: FlowRow): void {
  if (flow.submittedRevision !== null && flow.submittedRevision !== flow.revision) {
    throw new DomainError({ code: 'CONFLICT', message: '提交后流程已被修改，请重新提交 / The flow changed after it was submitted; submit it again' });
  }
}

/**
 * Apply one lifecycle event to a flow for the logged-in user: checks the unit rules, the state
 * machine (four-eyes, comments), then persists, records the review and the audit entry, and drives
 * the engine for run events — all in one transaction.
 */
export function applyFlowEvent(ctx: Context, flowId: string, event: Exclude<LifecycleEvent, 'edit'>, comment = ''): FlowRow {
  const user = ctx.user!;
  const db = ctx.db;
  return db.transaction((): FlowRow => {
    const flow = loadVisibleFlow(db, user, flowId);
    assertMayAct(user, flow, event);
    const r = decide(flow, event, user.id, comment);
    const now = new Date().toISOString();
    const detail: Record<string, unknown> = { from: r.from, to: r.to, revision: flow.revision, ...(comment ? { comment } : {}) };
    switch (event) {
      case 'submit': {
        // a draft takes its saved segments' current conditions; what is submitted is what gets reviewed
        const stored = db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flow.id) as string;
        const doc = refreshSavedCopies(db, stored);
        assertCompiles(doc, { zh: '无法提交', en: 'Cannot submit' });
        const submitted = doc === stored ? flow : { ...flow, revision: flow.revision + 1 };
        if (doc !== stored) db.prepare('UPDATE flows SET document = ?, revision = ? WHERE id = ?').run(doc, submitted.revision, flow.id);
        db.prepare('UPDATE flows SET status = ?, submitted_by = ?, submitted_revision = revision, updated_at = ? WHERE id = ?').run(r.to, user.id, now, flow.id);
        addReview(db, submitted, 'submitted', user.id, comment);
        break;
      }
      case 'withdraw':
        db.prepare('UPDATE flows SET status = ?, updated_at = ? WHERE id = ?').run(r.to, now, flow.id);
        addReview(db, flow, 'withdrawn', user.id, comment);
        break;
      case 'approve':
      case 'reject':
        assertUnchangedSinceSubmit(flow);
        if (event === 'approve') assertNotAnAuthorSinceApproval(db, flow.id, user.id);
        db.prepare('UPDATE flows SET status = ?, updated_at = ? WHERE id = ?').run(r.to, now, flow.id);
        addReview(db, flow, event === 'approve' ? 'approved' : 'rejected', user.id, comment);
        break;
      case 'publish': {
        assertUnchangedSinceSubmit(flow);
        const published = publishFlow(ctx, flow);
        Object.assign(detail, published);
        addReview(db, flow, 'published', user.id, comment);
        break;
      }
      case 'pause':
      case 'resume':
      case 'stop':
      case 'complete': {
        const version = flow.liveVersion;
        if (version === null) throw new DomainError({ code: 'PRECONDITION_FAILED', message: '流程尚未发布 / The flow has not been published' });
        if (event === 'pause') ctx.runControl?.pauseRun({ flowId: flow.id, version });
        if (event === 'resume') ctx.runControl?.resumeRun({ flowId: flow.id, version });
        if (event === 'stop') ctx.runControl?.stopRun({ flowId: flow.id, version, reason: comment || 'stopped by supervisor' });
        if (event === 'complete') ctx.runControl?.stopRun({ flowId: flow.id, version, reason: 'completed' });
        db.prepare(`UPDATE flows SET run_status = ?, status = CASE WHEN status IN ('running','paused') THEN ? ELSE status END, updated_at = ? WHERE id = ?`).run(r.to, r.to, now, flow.id);
        detail.version = version;
        break;
      }
      case 'archive':
        if (flow.runStatus === 'running' || flow.runStatus === 'paused') throw new DomainError({ code: 'PRECONDITION_FAILED', message: `线上版本 v${flow.liveVersion} 仍在运行，请先停止 / The live version v${flow.liveVersion} is still running; stop it first` });
        db.prepare('UPDATE flows SET status = ?, updated_at = ? WHERE id = ?').run(r.to, now, flow.id);
        break;
    }
    recordAudit(db, { userId: user.id, action: `flow.${event}`, entity: 'flow', entityId: flow.id, detail });
    return findFlow(db, flow.id)!;
  })();
}

/**
 * Call from the designer's save, in the same transaction, when the working copy of `flowId` changed.
 * A submitted or approved flow goes back to draft (its approval was for another document); a
 * published one starts the draft of its next version while the live version keeps running. An
 * archived flow cannot be edited: this throws, so the save rolls back.
 */
export function onWorkingCopyEdited(db: Db, flowId: string, userId: number | null = null): void {
  const flow = findFlow(db, flowId);
  if (!flow || flow.status === 'draft') return;
  const r = transition(flow.status, 'edit', { actorId: userId ?? 0, ownerId: flow.ownerId });
  if (!r.ok) throw new DomainError({ code: 'PRECONDITION_FAILED', message: `${r.message.zh} / ${r.message.en}` });
  const runStatus = isRunStatus(flow.status) ? flow.status : flow.runStatus;
  db.prepare('UPDATE flows SET status = ?, run_status = ?, submitted_revision = NULL WHERE id = ?').run(r.to, runStatus, flow.id);
  recordAudit(db, { userId, action: 'flow.edit', entity: 'flow', entityId: flow.id, detail: { from: r.from, to: r.to, nextVersion: (flow.liveVersion ?? 0) + 1 } });
}
