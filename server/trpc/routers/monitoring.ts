import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { canSeeCustomer, canSeeUnit } from '../../governance/org-rules.js';
import { MONITOR_ROLES, TRACE_ROLES, runAccess, unitsOf } from '../../monitoring/access.js';
import { reportCsv } from '../../monitoring/csv.js';
import { customerPaths, findCustomer } from '../../monitoring/customer-trace.js';
import { runDashboard } from '../../monitoring/dashboard.js';
import { evaluationReport } from '../../monitoring/report.js';
import { listRunInfos, runDocument } from '../../monitoring/run-info.js';
import type { Context } from '../../core/context.js';
import { procedure, router } from '../trpc.js';

const runId = z.object({ runId: z.number().int().positive() });

/** The run, if the caller may see it; NOT_FOUND / FORBIDDEN otherwise. */
function visibleRun(ctx: Context, id: number) {
  const a = runAccess(ctx.db, ctx.user!, id);
  if (a.ok) return a.run;
  if (a.status === 404) throw new TRPCError({ code: 'NOT_FOUND', message: `没有运行 ${id} / No run ${id}` });
  throw new TRPCError({ code: 'FORBIDDEN', message: '该运行属于其他单位 / The run belongs to another unit' });
}

/** Run monitoring: list, live dashboard, evaluation report (and its CSV), customer traces. */
export const monitoringRouter = router({
  runs: procedure(MONITOR_ROLES).input(z.object({}).optional()).query(({ ctx }) => listRunInfos(ctx.db, unitsOf(ctx.user!))),
  /** Live numbers of one run; `metrics` is exactly the engine's `runMetrics`. */
  dashboard: procedure(MONITOR_ROLES)
    .input(runId.extend({ bucket: z.enum(['auto', 'hour', 'day']).default('auto') }))
    .query(({ ctx, input }) => {
      visibleRun(ctx, input.runId);
      return runDashboard(ctx.db, input.runId, input.bucket);
    }),
  /** The published document of the run's version, for the read-only canvas. */
  document: procedure(MONITOR_ROLES).input(runId).query(({ ctx, input }) => {
    visibleRun(ctx, input.runId);
    return { document: runDocument(ctx.db, input.runId) };
  }),
  report: procedure(MONITOR_ROLES).input(runId).query(({ ctx, input }) => {
    visibleRun(ctx, input.runId);
    return evaluationReport(ctx.db, input.runId);
  }),
  /** The report as CSV text (the same as GET /api/runs/:id/report.csv). */
  reportCsv: procedure(MONITOR_ROLES).input(runId.extend({ lang: z.enum(['zh', 'en']).default('zh') })).query(({ ctx, input }) => {
    visibleRun(ctx, input.runId);
    return { filename: `run-${input.runId}-report.csv`, csv: reportCsv(evaluationReport(ctx.db, input.runId), input.lang) };
  }),
  /** Look a customer up by id or phone; their path through every run the caller may see. */
  trace: procedure(TRACE_ROLES)
    .input(z.object({ query: z.string().trim().min(1).max(20) }))
    .query(({ ctx, input }) => {
      const customer = findCustomer(ctx.db, input.query);
      // Another city's customer is answered as an unknown one: no name, no phone, not even that it exists.
      if (!customer || !canSeeCustomer(ctx.user!, customer.city)) return { customer: null, runs: [] };
      return { customer, runs: customerPaths(ctx.db, customer.id, (unit) => canSeeUnit(ctx.user!, unit)) };
    }),
});
