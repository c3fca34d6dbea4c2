import { z } from 'zod';
import { Engine } from '../../engine/runtime/engine.js';
import { runMetrics } from '../../engine/store/metrics.js';
import { customerTrace } from '../../engine/store/trace.js';
import { requireVisibleCustomer } from '../../governance/customer-access.js';
import { listVisibleRuns, visibleRun } from '../../monitoring/access.js';
import type { Context } from '../../core/context.js';
import { procedure, router } from '../trpc.js';

const runId = z.object({ runId: z.number().int().positive() });
const engineOf = (ctx: Context): Engine => ctx.engine ?? new Engine(ctx.db);

/**
 * Engine reads, scoped like monitoring's. Runs are paused, resumed and stopped only through the flow's
 * lifecycle (governance.pause / resume / stop / complete), which checks the unit and audits the change.
 */
export const engineRouter = router({
  runs: procedure(['planner', 'supervisor', 'trainer', 'admin'])
    .input(z.object({ flowId: z.string().max(64).optional() }))
    .query(({ ctx, input }) => listVisibleRuns(ctx.db, ctx.user!, input.flowId)),
  metrics: procedure(['planner', 'supervisor', 'trainer', 'admin']).input(runId).query(({ ctx, input }) => {
    visibleRun(ctx.db, ctx.user!, input.runId);
    return runMetrics(ctx.db, input.runId);
  }),
  trace: procedure(['planner', 'supervisor', 'admin'])
    .input(runId.extend({ customerId: z.number().int().positive() }))
    .query(({ ctx, input }) => {
      visibleRun(ctx.db, ctx.user!, input.runId);
      requireVisibleCustomer(ctx.db, ctx.user!, input.customerId);
      return customerTrace(ctx.db, input.runId, input.customerId);
    }),
});

export const eventsRouter = router({
  /** Ingest one event or a batch; every event gets its own status (applied, late, duplicate, …). */
  ingest: procedure(['admin'])
    .input(z.union([z.array(z.unknown()).max(50_000), z.record(z.string(), z.unknown())]))
    .mutation(({ ctx, input }) => {
      const list = Array.isArray(input) ? input : [input];
      const results = engineOf(ctx).ingest(list);
      return Array.isArray(input) ? { results } : { results, ...results[0]! };
    }),
});
