/**
 * Delivery reports move journeys (issue #19 item 5). A report marks its part; once the message's outcome
 * is known (every part delivered, or one failed) the contact is delivered or failed, with the gateway's
 * status and a reason in the customer trace, and a failure follows the touch's failure rule (the
 * journey waiting at the touch's await moves to its `unreachable` target). A report for an id not known
 * yet (it came before the submit response) is kept and applied when the ids land; a repeated report
 * changes nothing.
 */
import { z } from 'zod';
import { channelIdSchema } from '../../../shared/catalogue/channels.js';
import { fieldProblemsMessage } from '../../core/field-problems.js';
import type { Db } from '../../db/open.js';
import { isDelivered } from '../types.js';
import { EventApplier } from '../../engine/runtime/event-applier.js';
import { selectIn } from '../../engine/store/bulk.js';
import { failSentContact } from '../../engine/store/counters.js';

export const deliveryReportSchema = z.object({
  channel: channelIdSchema,
  msgId: z.string().trim().min(1).max(64),
  status: z.string().trim().min(1).max(16),
  at: z.number().int().positive().optional(),
});
export type DeliveryReportInput = z.infer<typeof deliveryReportSchema>;

export type ReportOutcome = 'applied' | 'duplicate' | 'buffered' | 'invalid';

/** What a gateway status means, in both languages (the customer trace shows the current one). */
const STAT_REASONS: Record<string, [zh: string, en: string]> = {
  DELIVRD: ['已送达', 'delivered'],
  UNDELIV: ['无法送达（空号、停机或关机）', 'undeliverable (number unused, suspended or off)'],
  EXPIRED: ['有效期内未送达', 'expired before it could be delivered'],
  REJECTD: ['被网关或运营商拒绝', 'rejected by the gateway or carrier'],
  DELETED: ['已被删除', 'deleted'],
  UNKNOWN: ['状态未知', 'status unknown'],
};
/** The gateway status in words, `中文 / English` (the client shows the reader's half), the status itself kept in both. */
export const statReason = (stat: string): string => {
  const [zh, en] = STAT_REASONS[stat.toUpperCase()] ?? ['网关状态', 'gateway status'];
  return `${zh}（${stat}） / ${en} (${stat})`;
};

/** Apply one delivery report (its own transaction). Never throws on bad input. */
export function applyDeliveryReport(db: Db, input: unknown, now = Date.now()): { status: ReportOutcome; reason?: string } {
  const p = deliveryReportSchema.safeParse(input);
  if (!p.success) return { status: 'invalid', reason: fieldProblemsMessage(p.error, 'report') };
  const r = p.data;
  const stat = r.status.toUpperCase();
  return db.transaction((): { status: ReportOutcome; reason?: string } => {
    const part = db.prepare('SELECT contact_key, stat FROM submit_parts WHERE channel = ? AND msg_id = ?').get(r.channel, r.msgId) as { contact_key: string; stat: string | null } | undefined;
    if (!part) {
      const kept = db.prepare('INSERT INTO report_buffer (channel, msg_id, stat, at, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, msg_id) DO NOTHING')
        .run(r.channel, r.msgId, stat, r.at ?? now, now).changes;
      return kept ? { status: 'buffered', reason: 'message id not known yet: kept until its submit is answered' } : { status: 'duplicate', reason: 'already kept' };
    }
    if (part.stat !== null) return { status: 'duplicate', reason: `already reported ${part.stat}` };
    db.prepare('UPDATE submit_parts SET stat = ?, reported_at = ? WHERE channel = ? AND msg_id = ?').run(stat, r.at ?? now, r.channel, r.msgId);
    settleDelivery(db, part.contact_key, now);
    return { status: 'applied' };
  }).immediate();
}

/** Reports kept for ids that have now landed: moved onto their parts (the caller settles once the contact is written). */
export function absorbBuffered(db: Db, channel: string, msgIds: string[]): number {
  const kept = selectIn<{ msg_id: string; stat: string; at: number }>(db, (list) => `SELECT msg_id, stat, at FROM report_buffer WHERE msg_id IN ${list} AND channel = ?`, msgIds, [channel]);
  if (kept.length === 0) return 0;
  db.transaction(() => {
    const set = db.prepare('UPDATE submit_parts SET stat = ?, reported_at = ? WHERE channel = ? AND msg_id = ? AND stat IS NULL');
    const drop = db.prepare('DELETE FROM report_buffer WHERE channel = ? AND msg_id = ?');
    for (const k of kept) {
      set.run(k.stat, k.at, channel, k.msg_id);
      drop.run(channel, k.msg_id);
    }
  })();
  return kept.length;
}

/** Contacts of these keys whose parts carry reports not yet applied: settle each (after the outbox wrote them `sent`). */
export function settleReported(db: Db, keys: string[], now: number): void {
  const todo = selectIn<{ contact_key: string }>(db, (list) => `SELECT DISTINCT p.contact_key FROM submit_parts p JOIN submits s ON s.contact_key = p.contact_key
    WHERE p.contact_key IN ${list} AND p.stat IS NOT NULL AND s.delivery IS NULL`, keys);
  if (todo.length === 0) return;
  db.transaction(() => {
    for (const t of todo) settleDelivery(db, t.contact_key, now);
  })();
}

/**
 * Once a message's outcome is known and its contact is written `sent`: mark the submit delivered or
 * failed, trace it, and on failure mark the contact failed and move the journey by the touch's failure rule.
 * Until the contact is written (the submit answered before the outbox recorded it) nothing moves.
 */
function settleDelivery(db: Db, key: string, now: number): void {
  const sub = db.prepare('SELECT run_id, customer_id, state, attempt, channel, parts, delivery FROM submits WHERE contact_key = ?').get(key) as
    { run_id: number; customer_id: number; state: string; attempt: number; channel: string; parts: number; delivery: string | null } | undefined;
  if (!sub || sub.delivery !== null) return;
  const stats = (db.prepare('SELECT stat FROM submit_parts WHERE contact_key = ? ORDER BY part').pluck().all(key) as (string | null)[]);
  const failedStat = stats.find((s) => s !== null && !isDelivered(s));
  const allDelivered = stats.length === sub.parts && stats.every((s) => s !== null && isDelivered(s));
  if (!failedStat && !allDelivered) return;
  const contact = db.prepare('SELECT status FROM contacts WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ?').pluck()
    .get(sub.run_id, sub.customer_id, sub.state, sub.attempt) as string | undefined;
  if (contact !== 'sent') return;
  const stat = failedStat ?? 'DELIVRD';
  db.prepare('UPDATE submits SET delivery = ?, delivery_stat = ?, updated_at = ? WHERE contact_key = ?').run(failedStat ? 'failed' : 'delivered', stat, now, key);
  const trace = db.prepare(`INSERT INTO traces (run_id, customer_id, at, state, code, detail) VALUES (?, ?, ?, ?, ?, ?)`);
  if (!failedStat) {
    trace.run(sub.run_id, sub.customer_id, now, sub.state, 'delivered', `${sub.channel}: ${statReason(stat)}`);
    return;
  }
  const reason = `${sub.channel}: ${statReason(stat)}`;
  failSentContact(db, { runId: sub.run_id, customerId: sub.customer_id, state: sub.state, attempt: sub.attempt }, `delivery report ${stat}`);
  trace.run(sub.run_id, sub.customer_id, now, sub.state, 'delivery_failed', reason);
  new EventApplier(db).failDelivery(sub.run_id, sub.customer_id, sub.state, sub.attempt, reason, now);
}
