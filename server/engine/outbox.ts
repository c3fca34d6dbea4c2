import type { Db } from '../db/open.js';
import type { AdapterMap, ChannelAdapter, OutboxContact } from './channels/adapter.js';
import { EventApplier } from './event-applier.js';
import { activeRuns, type Run } from './runs.js';

/**
 * Deliver a run's queued contacts through its outbox adapters (webhooks), after the stepper committed
 * them. Results are written in one transaction per batch; a failed delivery moves the journey to the
 * send's `unreachable` branch. A crash between delivery and this write re-delivers with the same
 * idempotency key, so the receiver sees the contact once.
 */
export async function dispatchOutbox(db: Db, run: Run, ch: { adapters: AdapterMap; defaultAdapter: ChannelAdapter }, now: number, batch = 500): Promise<number> {
  const outboxChannels = new Set<string>();
  for (const [c, a] of Object.entries(ch.adapters)) if (a?.mode === 'outbox') outboxChannels.add(c);
  const defaultIsOutbox = ch.defaultAdapter.mode === 'outbox';
  if (outboxChannels.size === 0 && !defaultIsOutbox) return 0;
  const rows = db
    .prepare(`SELECT run_id AS "runId", customer_id AS "customerId", state, attempt, channel, stage, created_at AS "createdAt" FROM contacts
      WHERE status = 'queued' AND run_id = ? ORDER BY customer_id, state, attempt LIMIT ?`)
    .all(run.id, batch) as Omit<OutboxContact, 'flowId'>[];
  const mine = rows.filter((r) => (ch.adapters[r.channel]?.mode ?? ch.defaultAdapter.mode) === 'outbox').map((r) => ({ ...r, flowId: run.flowId }));
  if (mine.length === 0) return 0;
  const groups = new Map<ChannelAdapter, OutboxContact[]>();
  for (const c of mine) {
    const a = ch.adapters[c.channel] ?? ch.defaultAdapter;
    groups.set(a, [...(groups.get(a) ?? []), c]);
  }
  const results: { c: OutboxContact; r: Awaited<ReturnType<NonNullable<ChannelAdapter['deliver']>>>[number] }[] = [];
  for (const [a, list] of groups) {
    const rs = await a.deliver!(list);
    list.forEach((c, i) => results.push({ c, r: rs[i] ?? { status: 'retry', reason: 'no result' } }));
  }
  db.transaction(() => {
    const sent = db.prepare(`UPDATE contacts SET status = 'sent', provider_id = ?, sent_at = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`);
    const failed = db.prepare(`UPDATE contacts SET status = 'failed', reason = ?, cost = 0 WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`);
    const flag = db.prepare('UPDATE journeys SET flags = flags | 16 WHERE run_id = ? AND customer_id = ?');
    const applier = new EventApplier(db, activeRuns(db));
    for (const { c, r } of results) {
      if (r.status === 'sent') {
        if (sent.run(r.providerId, now, c.runId, c.customerId, c.state, c.attempt).changes) flag.run(c.runId, c.customerId);
      } else if (r.status === 'failed') {
        if (failed.run(r.reason, c.runId, c.customerId, c.state, c.attempt).changes) applier.failDelivery(c.runId, c.customerId, c.state, c.attempt, r.reason, now);
      }
    }
  })();
  return results.length;
}
