import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { dispositionSchema } from '../../../shared/flow/script.js';
import { disposeItem } from '../../engine/channels/agent-queue.js';
import { HUMAN_CHANNELS, mayDispose, queueCounts, workQueue } from '../../monitoring/workbench-queue.js';
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
    .mutation(({ ctx, input }) => {
      if (!mayDispose(ctx.db, ctx.user!, input.queueId)) throw new TRPCError({ code: 'FORBIDDEN', message: '不是您所在单位的客户 / Not a customer of your unit' });
      const now = Date.now();
      if (input.disposition === 'callback' && input.callbackAt! <= now) throw new TRPCError({ code: 'BAD_REQUEST', message: '回访时间需在将来 / The callback time must be in the future' });
      return disposeItem(ctx.db, {
        queueId: input.queueId, disposition: input.disposition, agentId: ctx.user!.id,
        ...(input.callbackAt !== undefined ? { callbackAt: input.callbackAt } : {}),
        ...(input.secondConfirmed !== undefined ? { secondConfirmed: input.secondConfirmed } : {}),
      }, now);
    }),
});
