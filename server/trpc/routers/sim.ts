import { z } from 'zod';
import { flowDocumentSchema } from '../../../shared/flow/document.js';
import { ownSimJob, startSimJob } from '../../engine/simulation/sim-jobs.js';
import { procedure, router } from '../trpc.js';

const DESIGNERS = ['planner', 'supervisor', 'trainer', 'admin'] as const;

export const simRouter = router({
  /** Simulate a document in virtual time on synthetic subscribers; poll `status`. */
  start: procedure(DESIGNERS)
    .input(z.object({ document: flowDocumentSchema, customers: z.number().int().min(1).max(50_000), seed: z.number().int(), days: z.number().int().min(1).max(366) }))
    .mutation(({ ctx, input }) => ({ jobId: startSimJob(input.document, { customers: input.customers, seed: input.seed, days: input.days, offThread: ctx.db }, { db: ctx.db, userId: ctx.user!.id }) })),
  status: procedure(DESIGNERS)
    .input(z.object({ jobId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => ownSimJob(input.jobId, { db: ctx.db, userId: ctx.user!.id })),
});
