import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Engine } from '../../engine/runtime/engine.js';
import { runMetrics } from '../../engine/store/metrics.js';
import { listRuns } from '../../engine/store/runs.js';
import { customerTrace } from '../../engine/store/trace.js';
import { canSeeCustomer } from '../../governance/org-rules.js';
import { runAccess } from '../../monitoring/access.js';
import type { Context } from '../../core/context.js';
import { procedure, router } from '../trpc.js';

const runId = z.object({ runId: z.number().int().positive() });

/** The run, if the caller's unit may see it (its flow's unit: their city's or the province's). */
function visibleRun(ctx: Context, id: number) {
  const a = runAccess(ctx.db, ctx.user!, id);
  if (a.ok) return a.run;
  if (a.status === 404) throw new TRPCError({ code: 'NOT_FOUND', message: `没有运行 ${id} / No run ${id}` });
  throw new TRPCError({ code: 'FORBIDDEN', message: '该运行属于其他单位 / The run belongs to another unit' });
}
const engineOf = (ctx: Context): Engine => ctx.engine ?? new Engine(ctx.db);

/**
 * Engine reads, scoped like monitoring's. Runs are paused, resumed and stopped only through the flow's
 * lifecycle (governance.pause / resume / stop / complete), which checks the unit and audits the change.
 */
export const engineRouter = router({
  runs: procedure(['planner', 'supervisor', 'trainer', 'admin'])
    .input(z.object({ flowId: z.string().max(64).optional() }))
    .query(({ ctx, input }) => listRuns(ctx.db, input.flowId).filter((r) => runAccess(ctx.db, ctx.user!, r.id).ok)),
  metrics: procedure(['planner', 'supervisor', 'trainer', 'admin']).input(runId).query(({ ctx, input }) => {
    visibleRun(ctx, input.runId);
    return runMetrics(ctx.db, input.runId);
  }),
  trace: procedure(['planner', 'supervisor', 'admin'])
    .input(runId.extend({ customerId: z.number().int().positive() }))
    .query(({ ctx, input }) => {
      visibleRun(ctx, input.runId);
      const city = ctx.db.prepare('SELECT city FROM subscribers WHERE id = ?').pluck().get(input.customerId) as string | undefined;
      if (city === undefined || !canSeeCustomer(ctx.user!, city)) throw new TRPCError({ code: 'NOT_FOUND', message: `没有客户 ${input.customerId} / No customer ${input.customerId}` });
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
