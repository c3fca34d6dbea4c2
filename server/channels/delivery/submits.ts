/**
 * The never-twice record of gateway submits (issue #19 item 6). A contact is written `submitting`
 * (owned by this process) before its first part leaves, and `submitted` with the gateway's message ids
 * after. Whatever happens between — a crash, a lost connection, a second worker claiming the same
 * contact after its claim ran out — the row decides: a contact with a row that is not `not_sent` is never
 * handed to a link again.
 */
import { hostname } from 'node:os';
import type { Db } from '../../db/open.js';
import type { OutboxContact, OutboxResult } from '../../engine/channels/adapter.js';

export type SubmitStatus = 'submitting' | 'submitted' | 'unknown' | 'rejected' | 'not_sent';

/** This process, as written on the rows it is submitting: host and pid, so a restart can tell its dead predecessor's rows. */
export const OWNER = `${hostname()}:${process.pid}`;

/** A `submitting` row of another host older than this is taken as orphaned (its process cannot still be waiting on it). */
export const ORPHAN_AFTER_MS = 10 * 60_000;

interface SubmitRow {
  status: SubmitStatus;
  owner: string;
  msg_ids: string | null;
  error: string | null;
  code: number | null;
  updated_at: number;
}

export interface SubmitClaim {
  key: string;
  kind: 'cmpp' | 'smpp';
  bindingVersion: number;
  extension: string;
}

/** The result a contact already has, when it has one: what the outbox writes instead of sending it again. */
export type Prior = { own: true } | { own: false; result: OutboxResult };

const alive = (owner: string): boolean => {
  const [host, pid] = owner.split(':');
  if (host !== hostname()) return true;
  if (owner === OWNER) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const unknownReason = (why: string) => `提交结果未知，不再重发（${why}） / submit outcome unknown, not sent again (${why})`;

/**
 * Take the contact for submitting, or say what it already is. Atomic across processes: the INSERT
 * (or the flip of a `not_sent` row) is what makes this process the only one to send it.
 */
export function claimSubmit(db: Db, c: OutboxContact, s: SubmitClaim, now: number): Prior {
  return db.transaction((): Prior => {
    const took = db.prepare(`INSERT INTO submits (contact_key, run_id, customer_id, state, attempt, channel, binding_version, kind, status, owner, extension, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'submitting', ?, ?, ?, ?)
      ON CONFLICT (contact_key) DO UPDATE SET status = 'submitting', owner = excluded.owner, binding_version = excluded.binding_version, kind = excluded.kind,
        extension = excluded.extension, error = NULL, code = NULL, updated_at = excluded.updated_at
      WHERE submits.status = 'not_sent'`)
      .run(s.key, c.runId, c.customerId, c.state, c.attempt, c.channel, s.bindingVersion, s.kind, OWNER, s.extension, now, now).changes;
    if (took) return { own: true };
    const row = db.prepare('SELECT status, owner, msg_ids, error, code, updated_at FROM submits WHERE contact_key = ?').get(s.key) as SubmitRow;
    return { own: false, result: priorResult(db, s.key, row, now) };
  }).immediate();
}

function priorResult(db: Db, key: string, row: SubmitRow, now: number): OutboxResult {
  if (row.status === 'submitted') return { status: 'sent', providerId: (JSON.parse(row.msg_ids ?? '[]') as string[])[0] ?? key };
  if (row.status === 'rejected') return { status: 'failed', reason: row.error ?? 'rejected by the gateway' };
  if (row.status === 'unknown') return { status: 'unknown', reason: row.error ?? unknownReason('process ended') };
  // `submitting`: another live process is on it (come back later), or its process is gone (unknown, now).
  if (alive(row.owner) && !(row.owner.split(':')[0] !== hostname() && now - row.updated_at > ORPHAN_AFTER_MS)) {
    return { status: 'retry', reason: `being submitted by ${row.owner}` };
  }
  const reason = unknownReason(`process ${row.owner} ended mid-submit`);
  db.prepare(`UPDATE submits SET status = 'unknown', error = ?, updated_at = ? WHERE contact_key = ? AND status = 'submitting'`).run(reason, now, key);
  return { status: 'unknown', reason };
}

/** The gateway took every part: its ids, one per part, each pointing back to the contact for its report. */
export function markSubmitted(db: Db, key: string, channel: string, msgIds: string[], now: number): void {
  db.transaction(() => {
    db.prepare(`UPDATE submits SET status = 'submitted', msg_ids = ?, parts = ?, updated_at = ? WHERE contact_key = ?`).run(JSON.stringify(msgIds), msgIds.length, now, key);
    const part = db.prepare('INSERT INTO submit_parts (channel, msg_id, contact_key, part) VALUES (?, ?, ?, ?) ON CONFLICT (channel, msg_id) DO NOTHING');
    msgIds.forEach((id, i) => part.run(channel, id, key, i + 1));
  }).immediate();
}

/** A failed submit: `not_sent` may be claimed again; `rejected` and `unknown` are final. */
export function markFailed(db: Db, key: string, status: 'not_sent' | 'rejected' | 'unknown', error: string, now: number, code?: number, acceptedIds: string[] = []): void {
  db.prepare('UPDATE submits SET status = ?, error = ?, code = ?, msg_ids = ?, updated_at = ? WHERE contact_key = ?')
    .run(status, error, code ?? null, acceptedIds.length ? JSON.stringify(acceptedIds) : null, now, key);
}

/**
 * At start: `submitting` rows of processes that are gone (same host, pid not running; or another host's,
 * older than ORPHAN_AFTER_MS) become `unknown`, and their contacts are released to the outbox at once,
 * which records them as unknown without sending. Returns how many were marked.
 */
export function sweepOrphans(db: Db, now: number): number {
  const rows = db.prepare(`SELECT contact_key, owner, run_id, customer_id, state, attempt, updated_at FROM submits WHERE status = 'submitting'`).all() as
    { contact_key: string; owner: string; run_id: number; customer_id: number; state: string; attempt: number; updated_at: number }[];
  const dead = rows.filter((r) => !alive(r.owner) || (r.owner.split(':')[0] !== hostname() && now - r.updated_at > ORPHAN_AFTER_MS));
  if (dead.length === 0) return 0;
  db.transaction(() => {
    const mark = db.prepare(`UPDATE submits SET status = 'unknown', error = ?, updated_at = ? WHERE contact_key = ? AND status = 'submitting'`);
    const release = db.prepare(`UPDATE contacts SET next_try_at = NULL WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`);
    for (const r of dead) {
      mark.run(unknownReason(`process ${r.owner} ended mid-submit`), now, r.contact_key);
      release.run(r.run_id, r.customer_id, r.state, r.attempt);
    }
  }).immediate();
  return dead.length;
}
