import { z } from 'zod';
import { FLOW_STATUSES } from '../../../shared/governance/lifecycle.js';
import { applyFlowEvent, availableActions } from '../../governance/flow-lifecycle.js';
import { publishForecast, reviewConflicts, reviewDetail, reviewDiff, reviewList, supervisorInbox, visibleOwners } from '../../governance/flow-review.js';
import type { Role } from '../../../shared/roles.js';
import { procedure, router } from '../trpc.js';

const VIEWERS: Role[] = ['planner', 'supervisor', 'trainer', 'admin'];
const flowIdInput = z.object({ flowId: z.string().min(1).max(64) });
const eventInput = flowIdInput.extend({ comment: z.string().max(2000).optional() });

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
    .query(({ ctx, input }) => reviewList(ctx.db, ctx.user!, input)),

  /** Owners that appear in the visible flows, for the owner filter. */
  owners: procedure(VIEWERS).query(({ ctx }) => visibleOwners(ctx.db, ctx.user!)),

  /** Supervisor's inbox: their unit's flows waiting for a decision, a publish, or running — what needs them first. */
  inbox: procedure(['supervisor']).query(({ ctx }) => supervisorInbox(ctx.db, ctx.user!)),

  get: procedure(VIEWERS).input(flowIdInput).query(({ ctx, input }) => reviewDetail(ctx.db, ctx.user!, input.flowId)),

  /** Structural diff of the working copy against the last published version (null base: first version). */
  diff: procedure(VIEWERS).input(flowIdInput).query(({ ctx, input }) => reviewDiff(ctx.db, ctx.user!, input.flowId)),

  /** What publishing would do: audience today, first send, cost and channel load from a sample simulation (poll until `done`). */
  forecast: procedure(VIEWERS).input(flowIdInput).query(({ ctx, input, signal }) => publishForecast(ctx.db, ctx.user!, input.flowId, signal)),

  /** Other approved or live flows reaching the same customers, and who wins the contact. */
  conflicts: procedure(VIEWERS).input(flowIdInput).query(({ ctx, input }) => reviewConflicts(ctx.db, ctx.user!, input.flowId)),

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
