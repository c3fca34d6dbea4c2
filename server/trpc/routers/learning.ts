import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../../../shared/catalogue/products.js';
import { learnNow } from '../../learning/cpc.js';
import { fitMatrix, learningPasses } from '../../learning/estimates.js';
import { MONITOR_ROLES, runAccess } from '../../monitoring/access.js';
import { procedure, router } from '../trpc.js';

/** The CPC model: the fit matrix with learned response-rate estimates, and learning on demand. */
export const learningRouter = router({
  matrix: procedure(MONITOR_ROLES)
    .input(z.object({ category: z.enum(PRODUCT_CATEGORIES) }))
    .query(({ ctx, input }) => ({ cells: fitMatrix(ctx.db, input.category), passes: learningPasses(ctx.db) })),
  /** Fold settled outcomes into the estimates now: one run, or all (idempotent). */
  learn: procedure(['supervisor', 'admin'])
    .input(z.object({ runId: z.number().int().positive().optional() }))
    .mutation(({ ctx, input }) => {
      if (input.runId !== undefined) {
        const a = runAccess(ctx.db, ctx.user!, input.runId);
        if (!a.ok && a.status === 404) throw new TRPCError({ code: 'NOT_FOUND', message: `没有运行 ${input.runId} / No run ${input.runId}` });
        if (!a.ok) throw new TRPCError({ code: 'FORBIDDEN', message: '该运行属于其他单位 / The run belongs to another unit' });
      }
      return learnNow(ctx.db, { ...(input.runId !== undefined ? { runId: input.runId } : {}), userId: ctx.user!.id });
    }),
});
