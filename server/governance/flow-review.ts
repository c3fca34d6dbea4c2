import { diffFlows } from '../../shared/flow/diff.js';
import { readableDiff } from '../../shared/flow/diff-readable.js';
import { parseFlowDocument } from '../../shared/flow/migrations.js';
import type { FlowStatus } from '../../shared/governance/lifecycle.js';
import type { SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import { firstSend, forecastNow } from './approval-summary.js';
import { compileStoredDocument } from './compile-for-publish.js';
import { findConflicts } from './conflicts.js';
import { availableActions } from './flow-lifecycle.js';
import { listVisibleFlows, loadVisibleFlow, type FlowListFilter } from './flow-rows.js';
import { workingDocument } from '../segments/draft-copies.js';
import { CountSuperseded } from '../segments/exact-count.js';

/** The inbox's statuses, in the order a supervisor deals with them: decide, publish, then watch. */
const INBOX_ORDER: readonly FlowStatus[] = ['submitted', 'approved', 'paused', 'running'];

function parseStored(json: string) {
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) throw new DomainError({ code: 'PRECONDITION_FAILED', message: '流程文档无法解析 / The flow document cannot be read' });
  return parsed.doc;
}

/** Flows the user may see (their unit and the province's; everything for province users), with what they may do to each. */
export const reviewList = (db: Db, user: SessionUser, filter: FlowListFilter) =>
  listVisibleFlows(db, user, filter).map((f) => ({ ...f, actions: availableActions(user, f) }));

/** Owners that appear in the visible flows, for the owner filter. */
export function visibleOwners(db: Db, user: SessionUser): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const f of listVisibleFlows(db, user, {})) seen.set(f.ownerId, f.ownerName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** A supervisor's inbox: their unit's flows waiting for a decision, a publish, or running — what needs them first. */
export const supervisorInbox = (db: Db, user: SessionUser) =>
  listVisibleFlows(db, user, { orgUnit: user.orgUnit, status: [...INBOX_ORDER] })
    .sort((a, b) => INBOX_ORDER.indexOf(a.status) - INBOX_ORDER.indexOf(b.status))
    .map((f) => ({ ...f, actions: availableActions(user, f) }));

/** A flow with its reviews and published versions, and what the user may do to it. */
export function reviewDetail(db: Db, user: SessionUser, flowId: string) {
  const flow = loadVisibleFlow(db, user, flowId);
  const reviews = db.prepare(`SELECT r.id, r.revision, r.decision, r.comment, r.at, u.display_name AS "userName" FROM flow_reviews r JOIN users u ON u.id = r.user_id WHERE r.flow_id = ? ORDER BY r.id DESC`).all(flow.id) as { id: number; revision: number; decision: string; comment: string; at: string; userName: string }[];
  const versions = db.prepare(`SELECT v.version, v.hash, v.created_at AS "createdAt", u.display_name AS "createdBy" FROM flow_versions v JOIN users u ON u.id = v.created_by WHERE v.flow_id = ? ORDER BY v.version DESC`).all(flow.id) as { version: number; hash: string; createdAt: string; createdBy: string }[];
  return { flow, reviews, versions, actions: availableActions(user, flow), nextVersion: (versions[0]?.version ?? 0) + 1 };
}

/** Structural diff of the working copy against the last published version (null base: first version). */
export function reviewDiff(db: Db, user: SessionUser, flowId: string) {
  const flow = loadVisibleFlow(db, user, flowId);
  const after = parseStored(workingDocument(db, flow));
  const base = db.prepare('SELECT version, document FROM flow_versions WHERE flow_id = ? ORDER BY version DESC LIMIT 1').get(flow.id) as { version: number; document: string } | undefined;
  const before = base ? parseStored(base.document) : null;
  return { baseVersion: base?.version ?? null, diff: diffFlows(before, after), readable: readableDiff(before, after) };
}

/**
 * What publishing this flow would do: the audience in the store today, the first send (channel and
 * time, inside its contact hours), and cost and channel load from a simulation of a sample scaled to
 * the audience — started on first ask on the simulation thread, cached by the compiled machine's hash; poll
 * until `done`. The audience is counted off the API thread, one count per user and flow: a newer ask (another
 * tab, a refetch) or the request closing stops the running one, which answers `superseded` (nobody waits for
 * it); the polls while the simulation runs reuse its count.
 */
export async function publishForecast(db: Db, user: SessionUser, flowId: string, signal?: AbortSignal, now = Date.now()) {
  const flow = loadVisibleFlow(db, user, flowId);
  const compiled = compileStoredDocument(workingDocument(db, flow));
  if (!compiled.ok) throw new DomainError({ code: 'PRECONDITION_FAILED', message: '流程未通过校验，无法预估受众和成本 / The flow does not validate, so its audience and cost cannot be forecast' });
  let forecast: Awaited<ReturnType<typeof forecastNow>>;
  try {
    forecast = await forecastNow(db, compiled.doc, compiled.machine, flow.orgUnit, { slot: `forecast:${user.id}:${flow.id}`, signal });
  } catch (e) {
    if (e instanceof CountSuperseded) return { superseded: true as const };
    throw e;
  }
  return { audience: forecast.audience, firstSend: firstSend(compiled.machine, now), budget: compiled.doc.goal.budget, simulation: forecast.simulation };
}

/** Other approved or live flows reaching the same customers, and who wins the contact. */
export function reviewConflicts(db: Db, user: SessionUser, flowId: string) {
  const flow = loadVisibleFlow(db, user, flowId);
  const doc = parseStored(workingDocument(db, flow));
  return { priority: doc.priority, ...findConflicts(db, flow.id, doc, flow.orgUnit) };
}
