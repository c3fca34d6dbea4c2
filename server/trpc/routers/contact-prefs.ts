import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { channelIdSchema } from '../../../shared/catalogue/channels.js';
import { changeContactPref, contactPrefs, type PrefChange } from '../../engine/store/contact-prefs.js';
import { recordAudit } from '../../governance/audit.js';
import { canSeeCustomer } from '../../governance/org-rules.js';
import type { Context } from '../../core/context.js';
import { procedure, router } from '../trpc.js';

const ADMIN = ['admin'] as const;
const customer = z.object({ customerId: z.number().int().positive() });

/** The customer's city, if the caller's unit may act on them; NOT_FOUND / FORBIDDEN otherwise. */
function reachableCustomer(ctx: Context, id: number): void {
  const city = ctx.db.prepare('SELECT city FROM subscribers WHERE id = ?').pluck().get(id) as string | undefined;
  if (city === undefined) throw new TRPCError({ code: 'NOT_FOUND', message: `没有客户 ${id} / No customer ${id}` });
  if (!canSeeCustomer(ctx.user!, city)) throw new TRPCError({ code: 'FORBIDDEN', message: '不是您所在单位的客户 / Not a customer of your unit' });
}

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
  get: procedure(ADMIN).input(customer).query(({ ctx, input }) => {
    reachableCustomer(ctx, input.customerId);
    const history = ctx.db.prepare(`SELECT kind, channel, source, detail, ack, at FROM contact_pref_changes WHERE customer_id = ? ORDER BY id DESC LIMIT 50`).all(input.customerId);
    return { ...contactPrefs(ctx.db, input.customerId)!, history };
  }),
  set: procedure(ADMIN).input(setInput).mutation(({ ctx, input }) => {
    reachableCustomer(ctx, input.customerId);
    const now = Date.now();
    const detail = `admin ${ctx.user!.username}${input.note ? `: ${input.note}` : ''}`;
    return ctx.db.transaction(() => {
      const before = contactPrefs(ctx.db, input.customerId)!;
      const change = (c: Omit<PrefChange, 'customerId' | 'source' | 'detail'>) => changeContactPref(ctx.db, { ...c, customerId: input.customerId, source: 'admin', detail }, now);
      if (input.dnd !== undefined) change({ kind: input.dnd ? 'dnd_on' : 'dnd_off', channel: null });
      for (const o of input.optOut ?? []) change({ kind: o.optedOut ? 'opt_out' : 'opt_in', channel: o.channel === 'all' ? null : o.channel });
      const after = contactPrefs(ctx.db, input.customerId)!;
      recordAudit(ctx.db, { userId: ctx.user!.id, action: 'customer.contact_prefs', entity: 'customer', entityId: String(input.customerId), detail: { before, after, ...(input.note ? { note: input.note } : {}) } }, new Date(now));
      return after;
    })();
  }),
});
