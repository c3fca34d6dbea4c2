import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { segmentDataSchema } from '../../../shared/nodes/segment/definition.js';
import { estimateAudience } from '../../data/sample.js';
import { ConditionError } from '../../engine/core/conditions.js';
import { audiencePreview } from '../../engine/runtime/enrolment.js';
import { canSeeUnit } from '../../governance/org-rules.js';
import { procedure, router } from '../trpc.js';

const audienceInput = z.object({ segment: segmentDataSchema, orgUnit: z.string().min(1).max(64), productId: z.string().max(64).optional() });

export const segmentRouter = router({
  /**
   * The audience size estimated from the subscriber sample, with its 95% interval: answered at once at any
   * base size, so the builder shows it while the exact count (`audience`) runs. null: no sample to ask.
   */
  estimate: procedure(['planner', 'supervisor', 'trainer', 'admin']).input(audienceInput).query(({ ctx, input }) => {
    if (!canSeeUnit(ctx.user!, input.orgUnit)) throw new TRPCError({ code: 'FORBIDDEN', message: `不能查看单位 ${input.orgUnit} 的客户 / You cannot count the customers of unit ${input.orgUnit}` });
    try {
      return estimateAudience(ctx.db, input.segment, input.orgUnit, input.productId ? { productId: input.productId } : {});
    } catch (e) {
      if (e instanceof ConditionError) throw new TRPCError({ code: 'BAD_REQUEST', message: `客群条件无效 / Invalid segment: ${e.message}` });
      throw e;
    }
  }),

  /** Audience size for a segment in an org unit: matching customers, all in scope, control hold-out. */
  audience: procedure(['planner', 'supervisor', 'trainer', 'admin'])
    .input(audienceInput)
    .query(({ ctx, input }) => {
      if (!canSeeUnit(ctx.user!, input.orgUnit)) throw new TRPCError({ code: 'FORBIDDEN', message: `不能查看单位 ${input.orgUnit} 的客户 / You cannot count the customers of unit ${input.orgUnit}` });
      try {
        return audiencePreview(ctx.db, input.segment, input.orgUnit, input.productId ? { productId: input.productId } : {});
      } catch (e) {
        // Only the condition builder's own refusals are the caller's to read; a store error is logged, never echoed.
        if (e instanceof ConditionError) throw new TRPCError({ code: 'BAD_REQUEST', message: `客群条件无效 / Invalid segment: ${e.message}` });
        throw e;
      }
    }),
});
