import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Engine } from '../../engine/engine.js';
import { runMetrics } from '../../engine/metrics.js';
import { getRun, listRuns, pauseRun, resumeRun, stopRun } from '../../engine/runs.js';
import { customerTrace } from '../../engine/trace.js';
import type { Context } from '../context.js';
import { procedure, router } from '../trpc.js';

const runId = z.object({ runId: z.number().int().positive() });
const need = (ctx: Context, id: number) => {
  const r = getRun(ctx.db, id);
  if (!r) throw new TRPCError({ code: 'NOT_FOUND', message: `没有运行 ${id} / No run ${id}` });
  return r;
};
const engineOf = (ctx: Context): Engine => ctx.engine ?? new Engine(ctx.db);

export const engineRouter = router({
  runs: procedure(['planner', 'supervisor', 'trainer', 'admin'])
    .input(z.object({ flowId: z.string().max(64).optional() }))
    .query(({ ctx, input }) => listRuns(ctx.db, input.flowId)),
  metrics: procedure(['planner', 'supervisor', 'trainer', 'admin']).input(runId).query(({ ctx, input }) => {
    need(ctx, input.runId);
    return runMetrics(ctx.db, input.runId);
  }),
  trace: procedure(['planner', 'supervisor', 'admin'])
    .input(runId.extend({ customerId: z.number().int().positive() }))
    .query(({ ctx, input }) => customerTrace(ctx.db, input.runId, input.customerId)),
  pause: procedure(['supervisor', 'admin']).input(runId).mutation(({ ctx, input }) => ({ ok: pauseRun(ctx.db, need(ctx, input.runId).id) })),
  resume: procedure(['supervisor', 'admin']).input(runId).mutation(({ ctx, input }) => ({ ok: resumeRun(ctx.db, need(ctx, input.runId).id) })),
  stop: procedure(['supervisor', 'admin']).input(runId).mutation(({ ctx, input }) => ({ ok: stopRun(ctx.db, need(ctx, input.runId).id) })),
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
