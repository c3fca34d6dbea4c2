import type { Machine } from '../../../shared/machine/types.js';
import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open.js';
import type { AdapterMap, ChannelAdapter, OutboxContact, OutboxResult } from '../channels/adapter.js';
import { CircuitBreaker } from '../channels/circuit-breaker.js';
import { HOUR } from '../core/clock.js';
import { EventApplier } from './event-applier.js';
import { ENDED_STATE, FLAG } from '../core/journey.js';
import { activeRuns, type Run } from '../store/runs.js';
import { contactChange, contactedNow, contactFacts, countContactsChanging, countEnding, RunDeltas } from '../store/counters.js';

export interface RunChannels { adapters: AdapterMap; defaultAdapter: ChannelAdapter }

export interface DeliveryOptions {
  /** Contacts claimed per receiver and run in one pass. */
  batch?: number;
  /** Contacts handed to the adapter at once; the circuit is checked between slices. */
  slice?: number;
  /** How long a claimed contact is this process's (longer than any receiver's response timeout). */
  claimMs?: number;
  /** Pause before the first retry of a contact; doubles with each further try, with jitter, up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** The circuit breaker of a receiver (one per adapter, kept by the caller across passes). */
  breaker?: (a: ChannelAdapter) => CircuitBreaker;
}

/** `next_try_at` of a dead-lettered contact: never due until an admin's retry clears it. */
export const PARKED = 8_640_000_000_000_000;

/** The reason written on a contact a run ended without delivering. */
export const UNDELIVERED = 'undelivered';

/** A run's outbox receivers, each with the SQL filter on `contacts.channel` that selects its contacts. */
function receivers(ch: RunChannels): { adapter: ChannelAdapter; filter: string; channels: string[] }[] {
  const explicit = Object.keys(ch.adapters);
  const out: { adapter: ChannelAdapter; filter: string; channels: string[] }[] = [];
  const byAdapter = new Map<ChannelAdapter, string[]>();
  for (const [c, a] of Object.entries(ch.adapters)) if (a?.mode === 'outbox') byAdapter.set(a, [...(byAdapter.get(a) ?? []), c]);
  for (const [adapter, channels] of byAdapter) out.push({ adapter, channels, filter: `channel IN (${channels.map(quote).join(', ')})` });
  if (ch.defaultAdapter.mode === 'outbox') {
    out.push({ adapter: ch.defaultAdapter, channels: [], filter: explicit.length ? `channel NOT IN (${explicit.map(quote).join(', ')})` : 'true' });
  }
  return out;
}
// Channel ids come from the catalogue (a closed set of identifiers), never from a request.
const quote = (c: string): string => `'${c.replace(/'/g, "''")}'`;

/** Whether a run has contacts waiting in its outbox (it must not complete while it has). */
export function outboxPending(db: Db, runId: number, ch: RunChannels): number {
  const rs = receivers(ch);
  if (rs.length === 0) return 0;
  return db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued' AND (${rs.map((r) => r.filter).join(' OR ')})`).pluck().get(runId) as number;
}

/**
 * Claim up to `limit` of a receiver's due contacts: moving `next_try_at` past the claim's end is the
 * claim, so two processes never post one contact at once (PostgreSQL skips rows another has locked).
 */
function claim(db: Db, run: Run, filter: string, now: number, limit: number, claimMs: number): (OutboxContact & { tries: number })[] {
  const skip = dialectOf(db) === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  return db.transaction(() => {
    const rows = db.prepare(`SELECT run_id AS "runId", customer_id AS "customerId", state, attempt, channel, stage, created_at AS "createdAt", tries, binding_version AS "bindingVersion" FROM contacts
      WHERE run_id = ? AND status = 'queued' AND (${filter}) AND coalesce(next_try_at, 0) <= ? ORDER BY customer_id, state, attempt LIMIT ?${skip}`)
      .all(run.id, now, limit) as (Omit<OutboxContact, 'flowId'> & { tries: number })[];
    const mark = db.prepare('UPDATE contacts SET next_try_at = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ?');
    for (const r of rows) mark.run(now + claimMs, r.runId, r.customerId, r.state, r.attempt);
    return rows.map((r) => ({ ...r, flowId: run.flowId }));
  }).immediate();
}

/**
 * One delivery pass over a run's outbox: for each receiver whose circuit lets it, claim its due
 * contacts and post them a slice at a time (the adapter bounds its own concurrency), writing each
 * slice's answers. Receivers are posted to side by side, so a slow one does not hold up the others, and
 * a receiver whose circuit opens mid-pass gets no more of it (the rest go back to the queue at once).
 * Nothing here runs inside the engine's tick. Returns how many contacts were posted.
 */
export async function dispatchOutbox(db: Db, run: Run, ch: RunChannels, now: number, o: DeliveryOptions = {}): Promise<number> {
  const counts = await Promise.all(receivers(ch).map(async ({ adapter, filter }) => {
    const breaker = o.breaker?.(adapter);
    const allowance = breaker ? breaker.allowance(Date.now()) : Infinity;
    if (allowance === 0) return 0;
    const claimed = claim(db, run, filter, now, Math.min(allowance, o.batch ?? 200), o.claimMs ?? 120_000);
    if (claimed.length === 0) breaker?.release();
    const slice = Math.max(1, o.slice ?? 16);
    let posted = 0;
    while (posted < claimed.length) {
      if (breaker && breaker.state(Date.now()) !== 'closed' && posted > 0) {
        unclaim(db, claimed.slice(posted));
        break;
      }
      const part = claimed.slice(posted, posted + slice);
      let results: OutboxResult[];
      try {
        results = await adapter.deliver!(part);
      } catch (err) {
        results = part.map(() => ({ status: 'retry' as const, reason: err instanceof Error ? err.message : String(err) }));
      }
      const answered = part.map((c, i) => ({ c, r: results[i] ?? { status: 'retry' as const, reason: 'no result' } }));
      for (const { r } of answered) {
        // A receiver that answers (even "no" to one contact) is up; a retry means it is not, for now.
        if (r.status === 'retry' || r.status === 'dead') breaker?.failure(Date.now());
        else breaker?.success();
      }
      record(db, run, answered, now, o);
      adapter.recorded?.(part);
      posted += part.length;
    }
    return posted;
  }));
  return counts.reduce((a, b) => a + b, 0);
}

/** Claimed contacts not posted (the receiver's circuit opened): claimable again at once. */
function unclaim(db: Db, rest: OutboxContact[]): void {
  const free = db.prepare(`UPDATE contacts SET next_try_at = NULL WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`);
  db.transaction(() => {
    for (const c of rest) free.run(c.runId, c.customerId, c.state, c.attempt);
  })();
}

/**
 * Write a pass's answers in one transaction: sent or unknown (the await's timeout starts now), failed (the
 * unreachable branch), or retry later. Immediate, as it reads each contact before writing it: on SQLite a
 * deferred one would fail when another process committed in between, leaving posted contacts unrecorded.
 */
function record(db: Db, run: Run, answered: { c: OutboxContact & { tries: number }; r: OutboxResult }[], now: number, o: DeliveryOptions): void {
  db.transaction(() => {
    const sent = db.prepare(`UPDATE contacts SET status = 'sent', provider_id = ?, reason = ?, sent_at = ?, tries = tries + 1, next_try_at = NULL
      WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`);
    const failed = db.prepare(`UPDATE contacts SET status = 'failed', reason = ?, cost = 0, tries = tries + 1, next_try_at = NULL
      WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`);
    const retry = db.prepare(`UPDATE contacts SET tries = tries + 1, next_try_at = ?, reason = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`);
    const park = db.prepare(`UPDATE contacts SET tries = tries + 1, next_try_at = ${PARKED}, reason = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`);
    const contacted = db.prepare(`UPDATE journeys SET flags = flags | ${FLAG.contacted} WHERE run_id = ? AND customer_id = ? AND (flags & ${FLAG.contacted}) = 0`);
    const facts = contactFacts(db);
    const counters = new RunDeltas();
    // A journey held at its await while the contact waited (live runs) starts the response timeout now.
    const start = db.prepare(`UPDATE journeys SET due_at = ? WHERE run_id = ? AND customer_id = ? AND attempt = ? AND state = ? AND due_at IS NULL AND ended_at IS NULL`);
    const applier = new EventApplier(db, activeRuns(db));
    for (const { c, r } of answered) {
      if (r.status === 'sent' || r.status === 'unknown') {
        // An unknown outcome counts as sent (it may have reached the customer): the await's timeout runs, nothing is re-sent.
        const provider = r.status === 'sent' ? r.providerId : null;
        const before = facts(c.runId, c.customerId, c.state, c.attempt);
        if (!before || !sent.run(provider, r.status === 'unknown' ? r.reason : null, now, c.runId, c.customerId, c.state, c.attempt).changes) continue;
        contactChange(counters.for(c.runId), before, { ...before, status: 'sent', sentAt: now });
        if (contacted.run(c.runId, c.customerId).changes) contactedNow(counters.for(c.runId), before.group);
        const wait = awaitAfter(run.machine, c.state);
        if (wait) start.run(now + Math.round(Math.max(0, wait.timeoutHours) * HOUR), c.runId, c.customerId, c.attempt, wait.id);
      } else if (r.status === 'failed') {
        const before = facts(c.runId, c.customerId, c.state, c.attempt);
        if (before && failed.run(r.reason, c.runId, c.customerId, c.state, c.attempt).changes) {
          contactChange(counters.for(c.runId), before, { ...before, status: 'failed', reason: r.reason, cost: 0 });
          applier.failDelivery(c.runId, c.customerId, c.state, c.attempt, r.reason, now);
        }
      } else if (r.status === 'dead') {
        park.run(r.reason, c.runId, c.customerId, c.state, c.attempt);
      } else {
        retry.run(now + retryPause(c.tries, o), r.reason, c.runId, c.customerId, c.state, c.attempt);
      }
    }
    counters.write(db);
  }).immediate();
}

/** Exponential back-off with jitter (half to all of the step), capped: receivers coming back are not hit in step by every contact. */
export function retryPause(tries: number, o: Pick<DeliveryOptions, 'retryBaseMs' | 'retryMaxMs'> = {}): number {
  const step = Math.min(o.retryMaxMs ?? 60_000, (o.retryBaseMs ?? 1_000) * 2 ** Math.min(tries, 20));
  return Math.round(step * (0.5 + Math.random() / 2));
}

/** The await state a send leads into, if it does. */
function awaitAfter(m: Machine, sendState: string): { id: string; timeoutHours: number } | null {
  const s = m.states[sendState];
  const next = s?.kind === 'send' ? m.states[s.next] : undefined;
  return next?.kind === 'await' ? { id: next.id, timeoutHours: next.timeoutHours } : null;
}

/**
 * Live runs: journeys that entered an await at `now` after a send the outbox has not delivered yet
 * wait there without a due time, so the response timeout does not run while the receiver is down; the
 * delivery starts it. One index seek per such await (journeys that entered it now have due = now + timeout).
 */
export function holdForDelivery(db: Db, run: Run, ch: RunChannels, now: number, part: number | null): number {
  if (run.clock !== 'live') return 0;
  const rs = receivers(ch);
  if (rs.length === 0) return 0;
  let held = 0;
  for (const s of Object.values(run.machine.states)) {
    if (s.kind !== 'send') continue;
    const wait = awaitAfter(run.machine, s.id);
    // Whatever the send's own channel: a fallback channel may have taken the contact; its row decides.
    if (!wait) continue;
    held += db.prepare(`UPDATE journeys SET due_at = NULL WHERE run_id = ?${part === null ? '' : ' AND part = ?'} AND state = ? AND due_at = ? AND ended_at IS NULL
      AND EXISTS (SELECT 1 FROM contacts c WHERE c.run_id = journeys.run_id AND c.customer_id = journeys.customer_id AND c.state = ? AND c.attempt = journeys.attempt
        AND c.status = 'queued' AND (${rs.map((r) => r.filter.replace(/\bchannel\b/g, 'c.channel')).join(' OR ')}))`)
      .run(run.id, ...(part === null ? [] : [part]), wait.id, now + Math.round(Math.max(0, wait.timeoutHours) * HOUR), s.id).changes;
  }
  return held;
}

/**
 * A run ends (its period, its budget, a stop) with contacts still in its outbox: they will not be
 * delivered. They are marked failed with reason `undelivered` (and cost nothing), and the journeys held
 * for them end with outcome `undelivered` — counted, not left queued.
 */
export function abandonOutbox(db: Db, run: Run, ch: RunChannels, now: number): number {
  const rs = receivers(ch);
  if (rs.length === 0) return 0;
  const filter = rs.map((r) => r.filter.replace(/\bchannel\b/g, 'c.channel')).join(' OR ');
  return db.transaction(() => {
    const held = `run_id = ? AND ended_at IS NULL AND due_at IS NULL AND EXISTS (SELECT 1 FROM contacts c WHERE c.run_id = journeys.run_id
      AND c.customer_id = journeys.customer_id AND c.attempt = journeys.attempt AND c.status = 'queued' AND (${filter}))`;
    db.prepare(`INSERT INTO traces (run_id, customer_id, at, state, code, detail)
      SELECT run_id, customer_id, CAST(? AS BIGINT), state, 'ended', '${UNDELIVERED}' FROM journeys WHERE ${held}`).run(now, run.id);
    const counters = new RunDeltas();
    countEnding(db, counters, held, [run.id], ENDED_STATE, UNDELIVERED);
    db.prepare(`UPDATE journeys SET state = '${ENDED_STATE}', ended_at = ?, updated_at = ?, outcome = '${UNDELIVERED}' WHERE ${held}`).run(now, now, run.id);
    countContactsChanging(db, counters, `c.run_id = ? AND c.status = 'queued' AND (${filter})`, [run.id], (c) => ({ ...c, status: 'failed', reason: UNDELIVERED, cost: 0 }));
    const n = db.prepare(`UPDATE contacts SET status = 'failed', reason = '${UNDELIVERED}', cost = 0, next_try_at = NULL
      WHERE run_id = ? AND status = 'queued' AND (${rs.map((r) => r.filter).join(' OR ')})`).run(run.id).changes;
    counters.write(db);
    return n;
  })();
}
