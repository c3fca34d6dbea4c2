import { z } from 'zod';
import { channelIdSchema } from '../../../shared/catalogue/channels.js';
import { customerContactPrefs, editCustomerContactPrefs } from '../../governance/contact-prefs-admin.js';
import { procedure, router } from '../trpc.js';

const ADMIN = ['admin'] as const;
const customer = z.object({ customerId: z.number().int().positive() });

const setInput = customer.extend({
  /** Do-not-disturb on (true) or off (false); absent: unchanged. */
  dnd: z.boolean().optional(),
  /** Opt-outs to set (optedOut true) or clear (false), per channel or 'all' marketing channels. */
  optOut: z.array(z.object({ channel: z.union([channelIdSchema, z.literal('all')]), optedOut: z.boolean() })).max(20).optional(),
  /** Why (a complaint ticket, the customer's call): kept in the audit log. */
  note: z.string().trim().max(500).optional(),
}).refine((v) => v.dnd !== undefined || (v.optOut?.length ?? 0) > 0, { message: '没有要修改的内容 / Nothing to change', path: ['dnd'] });

/**
 * Admin handling of a customer's contact preferences (DND, opt-outs), e.g. after a complaint: read
 * them, set or clear them. Every change takes effect for every run at its next send and is audited.
 */
export const contactPrefsRouter = router({
  get: procedure(ADMIN).input(customer).query(({ ctx, input }) => customerContactPrefs(ctx.db, ctx.user!, input.customerId)),
  set: procedure(ADMIN).input(setInput).mutation(({ ctx, input }) => editCustomerContactPrefs(ctx.db, ctx.user!, input)),
});
