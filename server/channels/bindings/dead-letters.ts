import { DomainError } from '../../core/errors.js';
import type { Db } from '../../db/open.js';
import type { OutboxContact } from '../../engine/channels/adapter.js';
import { recordAudit } from '../../governance/audit.js';

/** What a dead letter was: a channel's contact (retried by an admin), or an operator provisioning call (answered failed; kept to be seen). */
export type DeadLetterTarget = 'contact' | 'provision';

/**
 * HTTP contacts whose attempts ran out. The contact itself stays `queued` with its next try parked far
 * ahead (the outbox's 'dead' answer), its journey held at the await, so nothing is lost or sent twice:
 * an admin's retry frees it for the next delivery pass, which posts it once with its original key.
 */
export interface DeadLetter {
  id: number;
  channel: string;
  bindingVersion: number;
  runId: number;
  customerId: number;
  contactKey: string;
  reason: string;
  tries: number;
  status: 'waiting' | 'retried';
  createdAt: number;
  retriedAt: number | null;
  retriedBy: string | null;
  /** The contact's status now (queued while it waits; sent once a retry went out). */
  contactStatus: string | null;
}

/** `channel`: the channel, or for a provisioning call the service. */
export function recordDeadLetter(db: Db, d: { channel: string; version: number; contact: Pick<OutboxContact, 'runId' | 'customerId' | 'state' | 'attempt'>; key: string; reason: string; tries: number; target?: DeadLetterTarget }, now = Date.now()): void {
  const c = d.contact;
  db.prepare(`INSERT INTO http_dead_letters (channel, binding_version, run_id, customer_id, state, attempt, contact_key, reason, tries, status, created_at, target)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)`).run(d.channel, d.version, c.runId, c.customerId, c.state, c.attempt, d.key, d.reason, d.tries, now, d.target ?? 'contact');
}

export function listDeadLetters(db: Db, o: { channel?: string; limit?: number; target?: DeadLetterTarget } = {}): DeadLetter[] {
  const rows = db.prepare(`SELECT d.id, d.channel, d.binding_version, d.run_id, d.customer_id, d.contact_key, d.reason, d.tries, d.status, d.created_at, d.retried_at, d.retried_by, c.status AS contact_status
      FROM http_dead_letters d LEFT JOIN contacts c ON c.run_id = d.run_id AND c.customer_id = d.customer_id AND c.state = d.state AND c.attempt = d.attempt
      WHERE d.target = ?${o.channel ? ' AND d.channel = ?' : ''} ORDER BY d.id DESC LIMIT ?`)
    .all(o.target ?? 'contact', ...(o.channel ? [o.channel] : []), o.limit ?? 100) as { id: number; channel: string; binding_version: number; run_id: number; customer_id: number; contact_key: string; reason: string; tries: number; status: 'waiting' | 'retried'; created_at: number; retried_at: number | null; retried_by: string | null; contact_status: string | null }[];
  return rows.map((r) => ({
    id: r.id, channel: r.channel, bindingVersion: r.binding_version, runId: r.run_id, customerId: r.customer_id, contactKey: r.contact_key, reason: r.reason, tries: r.tries,
    status: r.status, createdAt: r.created_at, retriedAt: r.retried_at, retriedBy: r.retried_by, contactStatus: r.contact_status,
  }));
}

/** Dead letters waiting per channel (the admin page's status column). */
export function deadLetterCounts(db: Db): Record<string, number> {
  const rows = db.prepare(`SELECT channel, count(*) AS n FROM http_dead_letters WHERE status = 'waiting' AND target = 'contact' GROUP BY channel`).all() as { channel: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.channel, r.n]));
}

/**
 * An admin retries a dead letter: the contact is free for the next delivery pass, under the channel's
 * current binding (the admin may have fixed the URL), with its attempt count starting again and its original key. Refused when the contact is no longer waiting (its run ended: it was counted undelivered).
 */
export function retryDeadLetter(db: Db, id: number, by: { userId: number; username: string }, now = Date.now()): void {
  db.transaction(() => {
    const d = db.prepare(`SELECT channel, run_id, customer_id, state, attempt, status FROM http_dead_letters WHERE id = ? AND target = 'contact'`).get(id) as
      { channel: string; run_id: number; customer_id: number; state: string; attempt: number; status: string } | undefined;
    if (!d) throw new DomainError({ code: 'NOT_FOUND', message: `没有死信 ${id} / No dead letter ${id}` });
    if (d.status !== 'waiting') throw new DomainError({ code: 'CONFLICT', message: `死信 ${id} 已重试过 / Dead letter ${id} was already retried` });
    const freed = db.prepare(`UPDATE contacts SET next_try_at = NULL, tries = 0, binding_version = NULL WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`)
      .run(d.run_id, d.customer_id, d.state, d.attempt).changes;
    if (!freed) throw new DomainError({ code: 'CONFLICT', message: `死信 ${id} 的活动已结束，不再发送 / The run of dead letter ${id} has ended; it is not sent any more` });
    db.prepare(`UPDATE http_dead_letters SET status = 'retried', retried_at = ?, retried_by = ? WHERE id = ?`).run(now, by.username, id);
    recordAudit(db, { userId: by.userId, action: 'channel.dead_letter_retry', entity: 'channel', entityId: d.channel, detail: { deadLetter: id, runId: d.run_id, customerId: d.customer_id } }, new Date(now));
  })();
}
