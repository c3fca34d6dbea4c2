import { z } from 'zod';
import { segmentDataSchema } from '../../../shared/nodes/segment/definition.js';
import { segmentAudience, segmentEstimate } from '../../governance/segment-audience.js';
import { procedure, router } from '../trpc.js';

const audienceInput = z.object({ segment: segmentDataSchema, orgUnit: z.string().min(1).max(64), productId: z.string().max(64).optional() });

export const segmentRouter = router({
  /**
   * The audience size estimated from the subscriber sample, with its 95% interval: answered at once at any
   * base size, so the builder shows it while the exact count (`audience`) runs. null: no sample to ask.
   */
  estimate: procedure(['planner', 'supervisor', 'trainer', 'admin']).input(audienceInput).query(({ ctx, input }) => segmentEstimate(ctx.db, ctx.user!, input)),

  /**
   * Audience size for a segment in an org unit: matching customers, all in scope, control hold-out.
   * `slot` (the caller's segment node): a newer count in the same slot stops this one on the server.
   */
  audience: procedure(['planner', 'supervisor', 'trainer', 'admin']).input(audienceInput.extend({ slot: z.string().min(1).max(100).optional() }))
    .query(({ ctx, input, signal }) => segmentAudience(ctx.db, ctx.user!, input, signal)),
});
