import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../../../shared/catalogue/products.js';
import { learnNow } from '../../learning/cpc.js';
import { fitMatrix, learningPasses } from '../../learning/estimates.js';
import { MONITOR_ROLES, visibleRun } from '../../monitoring/access.js';
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
      if (input.runId !== undefined) visibleRun(ctx.db, ctx.user!, input.runId);
      return learnNow(ctx.db, { ...(input.runId !== undefined ? { runId: input.runId } : {}), userId: ctx.user!.id });
    }),
});
