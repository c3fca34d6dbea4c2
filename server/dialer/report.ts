import { z } from 'zod';
import type { ChannelId } from '../../shared/catalogue/channels.js';
import { dispositionSchema } from '../../shared/flow/script.js';
import type { Db } from '../db/open.js';
import { disposeItem, markReached } from '../engine/channels/agent-queue.js';
import type { EventStatus } from '../engine/runtime/events.js';

/** What the dialer reports per call: `connected` (talking, outcome to follow) or a final disposition. */
export const callResultSchema = z.object({
  callId: z.string().min(1).max(64),
  result: z.union([z.literal('connected'), dispositionSchema]),
  /** For `accepted` on a script that takes orders: the customer confirmed a second time (二次确认). Never assumed. */
  secondConfirmed: z.boolean().optional(),
  /** For `callback`: epoch ms agreed with the customer. */
  callbackAt: z.number().int().positive().optional(),
}).strict();
export type CallResult = z.infer<typeof callResultSchema>;

export interface CallOutcome { callId: string; status: EventStatus | 'unknown_call'; reason?: string }

/**
 * Apply one call result. `connected` marks the contact made and extends the lease (the agent is talking);
 * the final result goes through the workbench's own disposition, so a dialer and an agent move a journey
 * the same way (retries for no answer / busy, callback times, the second confirmation rule).
 */
export function reportCall(db: Db, r: CallResult, leaseMsOf: (channel: ChannelId) => number, now: number): CallOutcome {
  const q = db.prepare('SELECT id, run_id, customer_id, state, attempt, status, channel, leased_until FROM agent_queue WHERE lease_token = ?').get(r.callId) as
    | { id: number; run_id: number; customer_id: number; state: string; attempt: number; status: string; channel: ChannelId; leased_until: number } | undefined;
  if (!q) return { callId: r.callId, status: 'unknown_call', reason: 'no such call: never handed out, or its lease ran out and the number was released' };
  if (q.leased_until <= now) return { callId: r.callId, status: 'late', reason: 'the lease ran out before the result came; the number was released' };
  if (r.result === 'connected') {
    db.transaction(() => {
      db.prepare('UPDATE agent_queue SET leased_until = ? WHERE id = ?').run(now + leaseMsOf(q.channel), q.id);
      markReached(db, q, now);
    })();
    return { callId: r.callId, status: 'recorded', reason: 'connected; waiting for the outcome' };
  }
  if (r.result === 'callback' && (r.callbackAt === undefined || r.callbackAt <= now)) return { callId: r.callId, status: 'invalid', reason: 'callback needs callbackAt in the future' };
  const out = disposeItem(db, {
    queueId: q.id, disposition: r.result, leaseToken: r.callId,
    ...(r.callbackAt !== undefined ? { callbackAt: r.callbackAt } : {}),
    ...(r.secondConfirmed !== undefined ? { secondConfirmed: r.secondConfirmed } : {}),
  }, now);
  return { callId: r.callId, ...out };
}

/** Dialer figures per human channel: due and waiting, held by the dialer now, leases that ran out unreported. */
export function dialerStats(db: Db, now: number): { channel: string; waiting: number; leased: number; expiredLeases: number }[] {
  return db.prepare(`SELECT channel,
      sum(CASE WHEN status = 'waiting' AND available_at <= ? AND (leased_until IS NULL OR leased_until <= ?) THEN 1 ELSE 0 END) AS waiting,
      sum(CASE WHEN status = 'waiting' AND leased_until > ? THEN 1 ELSE 0 END) AS leased,
      sum(lease_expiries) AS expired_leases
    FROM agent_queue GROUP BY channel ORDER BY channel`).all(now, now, now)
    .map((r) => {
      const x = r as { channel: string; waiting: number; leased: number; expired_leases: number };
      return { channel: x.channel, waiting: Number(x.waiting), leased: Number(x.leased), expiredLeases: Number(x.expired_leases) };
    });
}
