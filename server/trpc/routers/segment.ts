import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { segmentDataSchema } from '../../../shared/nodes/segment.js';
import { audiencePreview } from '../../engine/enrolment.js';
import { procedure, router } from '../trpc.js';

export const segmentRouter = router({
  /** Audience size for a segment in an org unit: matching customers, all in scope, control hold-out. */
  audience: procedure(['planner', 'supervisor', 'trainer', 'admin'])
    .input(z.object({ segment: segmentDataSchema, orgUnit: z.string().min(1).max(64), productId: z.string().max(64).optional() }))
    .query(({ ctx, input }) => {
      try {
        return audiencePreview(ctx.db, input.segment, input.orgUnit, input.productId ? { productId: input.productId } : {});
      } catch (e) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: e instanceof Error ? e.message : String(e) });
      }
    }),
});
