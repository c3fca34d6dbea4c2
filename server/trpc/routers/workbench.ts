import { z } from 'zod';
import { dispositionSchema } from '../../../shared/flow/script.js';
import { disposeAsAgent } from '../../monitoring/workbench-dispose.js';
import { HUMAN_CHANNELS, queueCounts, workQueue } from '../../monitoring/workbench-queue.js';
import { procedure, router } from '../trpc.js';

const AGENTS = ['agent', 'admin'] as const;

/** The agent workbench: queues of the human channels with the script filled in, and dispositions into the engine. */
export const workbenchRouter = router({
  counts: procedure(AGENTS).input(z.object({}).optional()).query(({ ctx }) => queueCounts(ctx.db, ctx.user!)),
  queue: procedure(AGENTS)
    .input(z.object({ channel: z.enum(HUMAN_CHANNELS), lang: z.enum(['zh', 'en']).default('zh'), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => workQueue(ctx.db, ctx.user!, input.channel, input.lang, input.limit)),
  /**
   * Record the outcome: accepted / declined enter the engine as a response or an order (with the
   * second confirmation when the script takes orders) and move the journey; no answer / busy retry
   * later; callback re-queues the item at the agreed time.
   */
  dispose: procedure(AGENTS)
    .input(z.object({
      queueId: z.number().int().positive(),
      disposition: dispositionSchema,
      callbackAt: z.number().int().positive().optional(),
      secondConfirmed: z.boolean().optional(),
    }).refine((v) => v.disposition !== 'callback' || v.callbackAt !== undefined, { message: '回访需要时间 / A callback needs a time', path: ['callbackAt'] }))
    .mutation(({ ctx, input }) => disposeAsAgent(ctx.db, ctx.user!, input)),
});
