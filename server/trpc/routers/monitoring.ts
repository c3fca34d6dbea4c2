import { z } from 'zod';
import { MONITOR_ROLES, TRACE_ROLES, unitsOf, visibleRun } from '../../monitoring/access.js';
import { reportCsv } from '../../monitoring/csv.js';
import { lookupCustomer, traceCustomer } from '../../monitoring/customer-trace.js';
import { liveRunDashboard } from '../../monitoring/run-bindings.js';
import { evaluationReport } from '../../monitoring/report.js';
import { listRunInfos, runDocument } from '../../monitoring/run-info.js';
import { procedure, router } from '../trpc.js';

const runId = z.object({ runId: z.number().int().positive() });
const traceQuery = z.object({ query: z.string().trim().min(1).max(20) });
// A trace is a GET: its input is in the URL, where a phone number must never be (a phone goes through findCustomer).
const customerId = z.object({
  customerId: z.custom<number>((v) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 999_999_999,
    '应为客户编号（1–9 位数字）；按手机号查找请用 monitoring.findCustomer / must be a customer id (1–9 digits); look a phone number up with monitoring.findCustomer'),
});

/** Run monitoring: list, live dashboard, evaluation report (and its CSV), customer traces. */
export const monitoringRouter = router({
  runs: procedure(MONITOR_ROLES).input(z.object({}).optional()).query(({ ctx }) => listRunInfos(ctx.db, unitsOf(ctx.user!))),
  /** Live numbers of one run (`metrics` is exactly the engine's `runMetrics`), with the state of the bindings it sends through. */
  dashboard: procedure(MONITOR_ROLES)
    .input(runId.extend({ bucket: z.enum(['auto', 'hour', 'day']).default('auto') }))
    .query(({ ctx, input }) => {
      visibleRun(ctx.db, ctx.user!, input.runId);
      return liveRunDashboard(ctx, input.runId, input.bucket);
    }),
  /** The published document of the run's version, for the read-only canvas. */
  document: procedure(MONITOR_ROLES).input(runId).query(({ ctx, input }) => {
    visibleRun(ctx.db, ctx.user!, input.runId);
    return { document: runDocument(ctx.db, input.runId) };
  }),
  report: procedure(MONITOR_ROLES).input(runId).query(({ ctx, input }) => {
    visibleRun(ctx.db, ctx.user!, input.runId);
    return evaluationReport(ctx.db, input.runId);
  }),
  /** The report as CSV text (the same as GET /api/runs/:id/report.csv). */
  reportCsv: procedure(MONITOR_ROLES).input(runId.extend({ lang: z.enum(['zh', 'en']).default('zh') })).query(({ ctx, input }) => {
    visibleRun(ctx.db, ctx.user!, input.runId);
    return { filename: `run-${input.runId}-report.csv`, csv: reportCsv(evaluationReport(ctx.db, input.runId), input.lang) };
  }),
  /** A customer, by id, and their path through every run the caller may see. */
  trace: procedure(TRACE_ROLES)
    .input(customerId)
    .query(({ ctx, input }) => traceCustomer(ctx.db, ctx.user!, input.customerId)),
  /** The id of the customer a phone (or id) names: a mutation, so the number travels in a POST body, never in a URL. */
  findCustomer: procedure(TRACE_ROLES)
    .input(traceQuery)
    .mutation(({ ctx, input }) => lookupCustomer(ctx.db, ctx.user!, input.query)),
});
