import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { diffFlows } from '../../../shared/flow/diff.js';
import { readableDiff } from '../../../shared/flow/diff-readable.js';
import { parseFlowDocument } from '../../../shared/flow/migrations.js';
import { FLOW_STATUSES } from '../../../shared/governance/lifecycle.js';
import { audienceNow, firstSend, forecast } from '../../governance/approval-summary.js';
import { compileStoredDocument } from '../../governance/compile-for-publish.js';
import { findConflicts } from '../../governance/conflicts.js';
import { applyFlowEvent, availableActions } from '../../governance/flow-lifecycle.js';
import { listVisibleFlows, loadVisibleFlow } from '../../governance/flow-rows.js';
import type { Role } from '../../../shared/roles.js';
import { procedure, router } from '../trpc.js';

const VIEWERS: Role[] = ['planner', 'supervisor', 'trainer', 'admin'];
const flowIdInput = z.object({ flowId: z.string().min(1).max(64) });
/** The inbox's statuses, in the order a supervisor deals with them: decide, publish, then watch. */
const INBOX_ORDER = ['submitted', 'approved', 'paused', 'running'] as const;
type InboxStatus = (typeof INBOX_ORDER)[number];

const eventInput = flowIdInput.extend({ comment: z.string().max(2000).optional() });

const parseOrThrow = (json: string) => {
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: '流程文档无法解析 / The flow document cannot be read' });
  return parsed.doc;
};

/** One lifecycle mutation per event, so each declares its own roles for the permission matrix. */
const event = (name: Parameters<typeof applyFlowEvent>[2], roles: Role[]) =>
  procedure(roles).input(eventInput).mutation(({ ctx, input }) => {
    const flow = applyFlowEvent(ctx, input.flowId, name, input.comment ?? '');
    return { flow, actions: availableActions(ctx.user!, flow) };
  });

export const governanceRouter = router({
  /** Flows the user may see (their unit and the province's; everything for province users). */
  list: procedure(VIEWERS)
    .input(z.object({ status: z.array(z.enum(FLOW_STATUSES)).optional(), ownerId: z.number().int().optional(), orgUnit: z.string().optional(), search: z.string().max(100).optional() }).default({}))
    .query(({ ctx, input }) => listVisibleFlows(ctx.db, ctx.user!, input).map((f) => ({ ...f, actions: availableActions(ctx.user!, f) }))),

  /** Owners that appear in the visible flows, for the owner filter. */
  owners: procedure(VIEWERS).query(({ ctx }) => {
    const seen = new Map<number, string>();
    for (const f of listVisibleFlows(ctx.db, ctx.user!, {})) seen.set(f.ownerId, f.ownerName);
    return [...seen].map(([id, name]) => ({ id, name }));
  }),

  /** Supervisor's inbox: their unit's flows waiting for a decision, a publish, or running — what needs them first. */
  inbox: procedure(['supervisor']).query(({ ctx }) =>
    listVisibleFlows(ctx.db, ctx.user!, { orgUnit: ctx.user!.orgUnit, status: [...INBOX_ORDER] })
      .sort((a, b) => INBOX_ORDER.indexOf(a.status as InboxStatus) - INBOX_ORDER.indexOf(b.status as InboxStatus))
      .map((f) => ({ ...f, actions: availableActions(ctx.user!, f) })),
  ),

  get: procedure(VIEWERS).input(flowIdInput).query(({ ctx, input }) => {
    const flow = loadVisibleFlow(ctx.db, ctx.user!, input.flowId);
    const reviews = ctx.db.prepare(`SELECT r.id, r.revision, r.decision, r.comment, r.at, u.display_name AS "userName" FROM flow_reviews r JOIN users u ON u.id = r.user_id WHERE r.flow_id = ? ORDER BY r.id DESC`).all(flow.id) as { id: number; revision: number; decision: string; comment: string; at: string; userName: string }[];
    const versions = ctx.db.prepare(`SELECT v.version, v.hash, v.created_at AS "createdAt", u.display_name AS "createdBy" FROM flow_versions v JOIN users u ON u.id = v.created_by WHERE v.flow_id = ? ORDER BY v.version DESC`).all(flow.id) as { version: number; hash: string; createdAt: string; createdBy: string }[];
    return { flow, reviews, versions, actions: availableActions(ctx.user!, flow), nextVersion: (versions[0]?.version ?? 0) + 1 };
  }),

  /** Structural diff of the working copy against the last published version (null base: first version). */
  diff: procedure(VIEWERS).input(flowIdInput).query(({ ctx, input }) => {
    const flow = loadVisibleFlow(ctx.db, ctx.user!, input.flowId);
    const after = parseOrThrow(ctx.db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flow.id) as string);
    const base = ctx.db.prepare('SELECT version, document FROM flow_versions WHERE flow_id = ? ORDER BY version DESC LIMIT 1').get(flow.id) as { version: number; document: string } | undefined;
    const before = base ? parseOrThrow(base.document) : null;
    return { baseVersion: base?.version ?? null, diff: diffFlows(before, after), readable: readableDiff(before, after) };
  }),

  /**
   * What publishing this flow would do: the audience in the store today, the first send (channel and
   * time, inside its contact hours), and cost and channel load from a simulation of a sample scaled to
   * the audience — started on first ask, cached by the compiled machine's hash; poll until `done`.
   */
  forecast: procedure(VIEWERS).input(flowIdInput).query(({ ctx, input }) => {
    const flow = loadVisibleFlow(ctx.db, ctx.user!, input.flowId);
    const compiled = compileStoredDocument(ctx.db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flow.id) as string);
    if (!compiled.ok) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: '流程未通过校验，无法预估受众和成本 / The flow does not validate, so its audience and cost cannot be forecast' });
    const audience = audienceNow(ctx.db, compiled.machine, flow.orgUnit);
    return { audience, firstSend: firstSend(compiled.machine, Date.now()), budget: compiled.doc.goal.budget, simulation: forecast(compiled.doc, compiled.machine, audience.treated) };
  }),

  /** Other approved or live flows reaching the same customers, and who wins the contact. */
  conflicts: procedure(VIEWERS).input(flowIdInput).query(({ ctx, input }) => {
    const flow = loadVisibleFlow(ctx.db, ctx.user!, input.flowId);
    const doc = parseOrThrow(ctx.db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flow.id) as string);
    return { priority: doc.priority, ...findConflicts(ctx.db, flow.id, doc, flow.orgUnit) };
  }),

  submit: event('submit', ['planner']),
  withdraw: event('withdraw', ['planner']),
  approve: event('approve', ['supervisor']),
  reject: event('reject', ['supervisor']),
  publish: event('publish', ['supervisor']),
  pause: event('pause', ['supervisor']),
  resume: event('resume', ['supervisor']),
  stop: event('stop', ['supervisor']),
  complete: event('complete', ['supervisor']),
  archive: event('archive', ['planner', 'supervisor']),
});
