import type { Db } from '../../db/open.js';
import { HOUR, LOCAL_OFFSET_MS } from '../core/clock.js';
import { CONTROL_STATE, FLAG } from '../core/journey.js';
import { insertRows } from './bulk.js';
import { stmt } from './stmt.js';

/**
 * Run counters (#18 item 5): what the dashboard and report count, kept as `run_counters(run_id, key, n,
 * amount)` rows by the engine's own write transactions, so reading a run costs a few hundred rows
 * whatever its size. Every writer of journeys, contacts and grants describes its rows before and after
 * (`journeyChange`, `contactChange`, `grantAdded`) into a `CounterDelta`, and `addCounters` adds the
 * batch's net change with one upsert per key. The keys (`|`-separated, the free-text part last):
 *   s|state                 journeys in a state
 *   o|outcome               ended journeys by outcome
 *   e                       ended journeys outside the control group
 *   G|group|t k c r v kv    per customer group: treated, control, contacted, responded, converted, control converted
 *   c|hour|channel|stage|status|agent|state|reason   contact log (n, amount = cost); hour of created_at
 *   t|hour|channel          contacts made (sent, queued, failed) by the hour of coalesce(sent_at, created_at)
 *   gc|group                contact cost per customer group (amount)
 *   g|result|node           grants by answer and node (n, amount = cost); gd|day: grant cost per local day
 * The same keys are rebuilt from the tables by `recountSql` (migration 021 and `recountRun`).
 */
export class CounterDelta {
  readonly rows = new Map<string, [n: number, amount: number]>();

  add(key: string, n: number, amount = 0): void {
    const r = this.rows.get(key);
    if (r) {
      r[0] += n;
      r[1] += amount;
    } else this.rows.set(key, [n, amount]);
  }

  get size(): number {
    return this.rows.size;
  }
}

/** Local hour number of an instant (hours since 1970-01-01 local); its local day is `floor(hour / 24)`. */
export const localHourIndex = (t: number): number => Math.floor((t + LOCAL_OFFSET_MS) / HOUR);

/** What the counters know of one journey row. `group` may be anything when neither flags nor control change. */
export interface JourneyFacts { state: string; flags: number; ended: boolean; outcome: string | null; group: string }

/** Journeys moved from `before` to `after` (null: not there), `n` of them alike. */
export function journeyChange(d: CounterDelta, before: JourneyFacts | null, after: JourneyFacts | null, n = 1): void {
  if (before) journeyKeys(d, before, -n);
  if (after) journeyKeys(d, after, n);
}

function journeyKeys(d: CounterDelta, j: JourneyFacts, n: number): void {
  const control = j.state === CONTROL_STATE;
  d.add(`s|${j.state}`, n);
  if (j.ended) {
    d.add(`o|${j.outcome ?? ''}`, n);
    if (!control) d.add('e', n);
  }
  const g = `G|${j.group}|`;
  if (control) {
    d.add(`${g}k`, n);
    if (j.flags & FLAG.converted) d.add(`${g}kv`, n);
    return;
  }
  d.add(`${g}t`, n);
  if (j.flags & FLAG.contacted) d.add(`${g}c`, n);
  if (j.flags & FLAG.responded) d.add(`${g}r`, n);
  if (j.flags & FLAG.converted) d.add(`${g}v`, n);
}

/** What the counters know of one contact row (`agent`: it has an agent queue item). */
export interface ContactFacts {
  createdAt: number; sentAt: number | null; channel: string; stage: string; state: string; status: string; reason: string | null; cost: number; agent: boolean; group: string;
}

/** Statuses that are contacts made (the rest are contacts not made: suppressed, unreachable). */
export const MADE = new Set(['sent', 'queued', 'failed']);

/** The reason part of a contact key: none while queued or sent (retries rewrite it), `priority` for any priority hold. */
export function reasonKey(status: string, reason: string | null): string {
  if (status === 'queued' || status === 'sent' || reason === null) return '';
  return reason.startsWith('priority:') ? 'priority' : reason;
}

export function contactChange(d: CounterDelta, before: ContactFacts | null, after: ContactFacts | null, n = 1): void {
  if (before) contactKeys(d, before, -n);
  if (after) contactKeys(d, after, n);
}

function contactKeys(d: CounterDelta, c: ContactFacts, n: number): void {
  d.add(`c|${localHourIndex(c.createdAt)}|${c.channel}|${c.stage}|${c.status}|${c.agent ? 1 : 0}|${c.state}|${reasonKey(c.status, c.reason)}`, n, c.cost * n);
  if (MADE.has(c.status)) d.add(`t|${localHourIndex(c.sentAt ?? c.createdAt)}|${c.channel}`, n);
  if (c.cost !== 0) d.add(`gc|${c.group}`, n, c.cost * n);
}

export function grantAdded(d: CounterDelta, g: { node: string; result: string; cost: number; createdAt: number }): void {
  d.add(`g|${g.result}|${g.node}`, 1, g.cost);
  if (g.cost > 0) d.add(`gd|${Math.floor(localHourIndex(g.createdAt) / 24)}`, 1, g.cost);
}

/**
 * Add a batch's counters to the run's, one row per key, keys sorted: called with the other shared
 * counters (`addSharedCounters`), last in a transaction, so workers lock these rows in one order.
 */
export function addCounters(db: Db, runId: number, d: CounterDelta): void {
  if (d.size === 0) return;
  const rows = [...d.rows].filter(([, [n, a]]) => n !== 0 || Math.abs(a) > 1e-9).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  insertRows(db, 'run_counters', ['run_id', 'key', 'n', 'amount'], rows.flatMap(([k, [n, a]]) => [runId, k, n, a]),
    'ON CONFLICT(run_id, key) DO UPDATE SET n = run_counters.n + excluded.n, amount = run_counters.amount + excluded.amount');
  d.rows.clear();
}

/** A run's counters, key → [n, amount]. */
export function readCounters(db: Db, runId: number): Map<string, [number, number]> {
  const rows = db.prepare('SELECT key, n, amount FROM run_counters WHERE run_id = ?').all(runId) as { key: string; n: number | string; amount: number | string }[];
  return new Map(rows.map((r) => [r.key, [Number(r.n), Number(r.amount)]]));
}

/** Counter deltas of several runs (writers that touch more than one), written run by run in id order. */
export class RunDeltas {
  private readonly runs = new Map<number, CounterDelta>();

  for(runId: number): CounterDelta {
    let d = this.runs.get(runId);
    if (!d) this.runs.set(runId, (d = new CounterDelta()));
    return d;
  }

  write(db: Db): void {
    for (const [runId, d] of [...this.runs].sort(([a], [b]) => a - b)) addCounters(db, runId, d);
    this.runs.clear();
  }
}

/** A treated journey's contacted flag newly set (outbox delivery, an agent reaching the customer). */
export const contactedNow = (d: CounterDelta, group: string): void => d.add(`G|${group}|c`, 1);

/** Reads one contact's facts by its key, to count a status change made to it next. */
export function contactFacts(db: Db): (runId: number, customerId: number, state: string, attempt: number) => ContactFacts | null {
  const get = stmt(db, `SELECT c.created_at, c.sent_at, c.channel, c.stage, c.state, c.status, c.reason, c.cost,
      CASE WHEN EXISTS (SELECT 1 FROM agent_queue q WHERE q.run_id = c.run_id AND q.customer_id = c.customer_id AND q.state = c.state AND q.attempt = c.attempt) THEN 1 ELSE 0 END AS agent,
      (SELECT s.group_id FROM subscribers s WHERE s.id = c.customer_id) AS g
    FROM contacts c WHERE c.run_id = ? AND c.customer_id = ? AND c.state = ? AND c.attempt = ?`);
  return (runId, customerId, state, attempt) => {
    const r = get.get([runId, customerId, state, attempt]) as
      { created_at: number; sent_at: number | null; channel: string; stage: string; state: string; status: string; reason: string | null; cost: number; agent: number; g: string | null } | undefined;
    return r ? {
      createdAt: Number(r.created_at), sentAt: r.sent_at === null ? null : Number(r.sent_at), channel: r.channel, stage: r.stage, state: r.state, status: r.status,
      reason: r.reason, cost: Number(r.cost), agent: Number(r.agent) === 1, group: r.g ?? '',
    } : null;
  };
}

/**
 * Count journeys about to be ended set-based (`where` over `journeys`, open and outside the control group):
 * read before the UPDATE that ends them with `outcome`.
 */
export function countEnding(db: Db, deltas: RunDeltas, where: string, params: readonly unknown[], endedState: string, outcome: string): void {
  for (const r of db.prepare(`SELECT run_id AS "runId", state, count(*) AS n FROM journeys WHERE ${where} GROUP BY 1, 2`).all(...params) as { runId: number; state: string; n: number }[]) {
    journeyChange(deltas.for(Number(r.runId)), { state: r.state, flags: 0, ended: false, outcome: null, group: '' }, { state: endedState, flags: 0, ended: true, outcome, group: '' }, Number(r.n));
  }
}

/**
 * Count contacts about to change status set-based (`where` over `contacts c`): read before the UPDATE,
 * grouped by what their keys hold.
 */
export function countContactsChanging(db: Db, deltas: RunDeltas, where: string, params: readonly unknown[], to: (c: ContactFacts) => ContactFacts): void {
  const rows = db.prepare(`SELECT c.run_id AS "runId", (c.created_at + ${LOCAL_OFFSET_MS}) / ${HOUR} AS h, CASE WHEN c.sent_at IS NULL THEN NULL ELSE (c.sent_at + ${LOCAL_OFFSET_MS}) / ${HOUR} END AS sh,
      c.channel, c.stage, c.state, c.status, c.reason, c.cost,
      CASE WHEN EXISTS (SELECT 1 FROM agent_queue q WHERE q.run_id = c.run_id AND q.customer_id = c.customer_id AND q.state = c.state AND q.attempt = c.attempt) THEN 1 ELSE 0 END AS agent,
      coalesce((SELECT s.group_id FROM subscribers s WHERE s.id = c.customer_id), '') AS g, count(*) AS n
    FROM contacts c WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`).all(...params) as
    { runId: number; h: number; sh: number | null; channel: string; stage: string; state: string; status: string; reason: string | null; cost: number; agent: number; g: string; n: number }[];
  for (const r of rows) {
    const at = (h: number) => Number(h) * HOUR - LOCAL_OFFSET_MS;
    const before: ContactFacts = { createdAt: at(r.h), sentAt: r.sh === null ? null : at(r.sh), channel: r.channel, stage: r.stage, state: r.state, status: r.status,
      reason: r.reason, cost: Number(r.cost), agent: Number(r.agent) === 1, group: r.g };
    contactChange(deltas.for(Number(r.runId)), before, to(before), Number(r.n));
  }
}

/** A sent contact a delivery report says failed: marked failed with `reason`, and counted. */
export function failSentContact(db: Db, k: { runId: number; customerId: number; state: string; attempt: number }, reason: string): void {
  const before = contactFacts(db)(k.runId, k.customerId, k.state, k.attempt);
  if (!before || !stmt(db, `UPDATE contacts SET status = 'failed', reason = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'sent'`)
    .run([reason, k.runId, k.customerId, k.state, k.attempt]).changes) return;
  const d = new CounterDelta();
  contactChange(d, before, { ...before, status: 'failed', reason });
  addCounters(db, k.runId, d);
}
