import type { AgentScript } from '../../../shared/flow/script.js';
import type { Disposition } from '../../../shared/flow/script.js';
import type { Db } from '../../db/open.js';
import { HOUR } from '../core/clock.js';
import { EventApplier } from '../runtime/event-applier.js';
import type { EventStatus } from '../runtime/events.js';
import { FLAG } from '../core/journey.js';
import { activeRuns, getRun } from '../store/runs.js';
import { addCounters, contactChange, contactedNow, contactFacts, CounterDelta } from '../store/counters.js';
import type { ChannelAdapter } from './adapter.js';

/** Human channels (outbound call, store, dealer): the contact waits in `agent_queue` for a person. */
export const agentQueueAdapter: ChannelAdapter = { name: 'agent-queue', mode: 'agent' };

/** no_answer / busy: try again this much later, at most this many times (then the await's timeout decides). */
export const RETRY_AFTER_HOURS = 2;
export const MAX_TRIES = 3;

export interface QueueItem {
  id: number;
  runId: number;
  flowId: string;
  customerId: number;
  customerName: string;
  phone: string;
  channel: string;
  stage: string;
  script: AgentScript | null;
  tries: number;
  availableAt: number;
}

/**
 * Work waiting for agents of a channel, oldest first. Items whose journey has moved on (timed out,
 * run stopped) are expired here rather than shown.
 */
/** Items a dialer holds (lease not yet run out) are left out: one number is never called twice at once. */
export function agentQueue(db: Db, opts: { channel?: string; limit?: number; now?: number }): QueueItem[] {
  const now = opts.now ?? Date.now();
  db.prepare(`UPDATE agent_queue SET status = 'expired', done_at = ? WHERE status = 'waiting' AND NOT EXISTS (
      SELECT 1 FROM journeys j WHERE j.run_id = agent_queue.run_id AND j.customer_id = agent_queue.customer_id AND j.attempt = agent_queue.attempt AND j.ended_at IS NULL)`).run(now);
  const rows = db
    .prepare(`SELECT q.id, q.run_id, r.flow_id, q.customer_id, s.name, s.phone, q.channel, q.stage, q.script, q.tries, q.available_at, r.machine
      FROM agent_queue q JOIN runs r ON r.id = q.run_id JOIN subscribers s ON s.id = q.customer_id
      WHERE q.status = 'waiting' AND q.available_at <= ? ${opts.channel ? 'AND q.channel = ?' : ''} AND r.status = 'running'
        AND (q.leased_until IS NULL OR q.leased_until <= ?)
      ORDER BY q.available_at, q.id LIMIT ?`)
    .all(now, ...(opts.channel ? [opts.channel] : []), now, opts.limit ?? 50) as {
      id: number; run_id: number; flow_id: string; customer_id: number; name: string; phone: string; channel: string; stage: string; script: string; tries: number; available_at: number; machine: string;
    }[];
  return rows.map((r) => {
    const s = (JSON.parse(r.machine) as { scripts: Record<string, unknown> }).scripts[r.script] as AgentScript | undefined;
    return { id: r.id, runId: r.run_id, flowId: r.flow_id, customerId: r.customer_id, customerName: r.name, phone: r.phone, channel: r.channel, stage: r.stage,
      script: s && s.kind === 'agent' ? s : null, tries: r.tries, availableAt: r.available_at };
  });
}

/**
 * The person was reached: the queued contact counts as sent and the journey as contacted (a call the
 * agent or the dialer got through on, whatever its outcome).
 */
export function markReached(db: Db, q: { run_id: number; customer_id: number; state: string; attempt: number }, now: number): void {
  const d = new CounterDelta();
  const before = contactFacts(db)(q.run_id, q.customer_id, q.state, q.attempt);
  if (db.prepare(`UPDATE contacts SET status = 'sent', sent_at = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`)
    .run(now, q.run_id, q.customer_id, q.state, q.attempt).changes && before) contactChange(d, before, { ...before, status: 'sent', sentAt: now });
  if (db.prepare(`UPDATE journeys SET flags = flags | ${FLAG.contacted} WHERE run_id = ? AND customer_id = ? AND (flags & ${FLAG.contacted}) = 0`).run(q.run_id, q.customer_id).changes) {
    contactedNow(d, before?.group ?? '');
  }
  addCounters(db, q.run_id, d);
}

/**
 * Record an agent's disposition: accepted → an order (if the script takes orders, with the second
 * confirmation the agent obtained — never assumed) or a response; declined → a response without conversion;
 * no_answer / busy → retried later (up to MAX_TRIES; then left to the await's timeout);
 * callback → back in the queue at the agreed time. Immediate on SQLite: it reads the item before writing, and
 * a write committed in between (another agent, an import) would otherwise fail it with a busy snapshot.
 */
export function disposeItem(db: Db, input: { queueId: number; disposition: Disposition; callbackAt?: number; secondConfirmed?: boolean; agentId?: number; leaseToken?: string }, now: number): { status: EventStatus; reason?: string } {
  return db.transaction(() => {
    const q = db.prepare('SELECT * FROM agent_queue WHERE id = ?').get(input.queueId) as
      | { id: number; run_id: number; customer_id: number; state: string; attempt: number; script: string; status: string; tries: number; lease_token: string | null; leased_until: number | null } | undefined;
    if (!q) return { status: 'invalid' as const, reason: `no queue item ${input.queueId}` };
    if (q.status !== 'waiting') return { status: 'late' as const, reason: `queue item is ${q.status}` };
    // While the dialer holds the number only the dialer reports it; an agent's form left open meanwhile is late.
    if (q.leased_until !== null && q.leased_until > now && q.lease_token !== (input.leaseToken ?? null)) return { status: 'late' as const, reason: 'the dialer is calling this customer' };
    db.prepare('UPDATE agent_queue SET lease_token = NULL, leased_until = NULL WHERE id = ?').run(q.id);
    const run = getRun(db, q.run_id);
    if (!run || run.status !== 'running') return { status: 'late' as const, reason: 'run is not running' };
    const done = db.prepare(`UPDATE agent_queue SET status = 'done', disposition = ?, agent_id = ?, done_at = ?, tries = tries + 1 WHERE id = ?`);
    const retry = db.prepare(`UPDATE agent_queue SET available_at = ?, disposition = ?, tries = tries + 1 WHERE id = ?`);
    const script = run.machine.scripts[q.script];
    // The contact log follows the call: reached (accepted, declined, callback) → sent and the journey
    // counts as contacted; never reached after the last try → failed. Otherwise it stays queued.
    const reached = () => markReached(db, q, now);
    switch (input.disposition) {
      case 'accepted':
      case 'declined': {
        reached();
        done.run(input.disposition, input.agentId ?? null, now, q.id);
        const order = input.disposition === 'accepted' && script?.kind === 'agent' && script.takesOrder;
        const applier = new EventApplier(db, activeRuns(db));
        const r = applier.apply(order ? 'order' : 'response', q.customer_id, q.run_id, now, input.secondConfirmed === true);
        return { status: r.status, ...(r.reason ? { reason: r.reason } : {}) };
      }
      case 'no_answer':
      case 'busy':
        if (q.tries + 1 >= MAX_TRIES) {
          done.run(input.disposition, input.agentId ?? null, now, q.id);
          const before = contactFacts(db)(q.run_id, q.customer_id, q.state, q.attempt);
          if (db.prepare(`UPDATE contacts SET status = 'failed', reason = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`)
            .run(input.disposition, q.run_id, q.customer_id, q.state, q.attempt).changes && before) {
            const d = new CounterDelta();
            contactChange(d, before, { ...before, status: 'failed', reason: input.disposition });
            addCounters(db, q.run_id, d);
          }
          return { status: 'recorded' as const, reason: 'no more retries; the journey times out' };
        }
        retry.run(now + RETRY_AFTER_HOURS * HOUR, input.disposition, q.id);
        return { status: 'recorded' as const, reason: `retry in ${RETRY_AFTER_HOURS}h` };
      case 'callback':
        reached();
        retry.run(Math.max(now, input.callbackAt ?? now + 24 * HOUR), 'callback', q.id);
        return { status: 'recorded' as const, reason: 'call back scheduled' };
    }
  }).immediate();
}
