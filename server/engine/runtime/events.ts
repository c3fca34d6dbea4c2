import type { Partition } from './stepper-options.js';
import { dialectOf } from '../../db/dialect.js';
import { z } from 'zod';
import { AWAIT_EVENTS, type AwaitEvent } from '../../../shared/machine/types.js';
import { TRIGGER_EVENTS } from '../../../shared/nodes/segment/definition.js';
import { dispositionSchema } from '../../../shared/flow/script.js';
import { fieldProblemsMessage } from '../../core/field-problems.js';
import type { Db } from '../../db/open.js';
import type { Transaction } from '../../db/types.js';
import { enrol, setCandidates } from './enrolment.js';
import { activeRuns, type Run } from '../store/runs.js';
import { stmt } from '../store/stmt.js';
import { insertRows, selectIn, withRows } from '../store/bulk.js';
import { EventApplier, type ApplyResult } from './event-applier.js';
import { applyPrefEvent, DEFAULT_OPT_OUT_KEYWORDS, type OptOutKeywords } from '../store/contact-prefs.js';
import { channelIdSchema } from '../../../shared/catalogue/channels.js';

export const EVENT_TYPES = ['response', 'order', 'trial', 'store_visit', 'app_login', 'usage', 'recharge', 'web_page_view', 'disposition', 'reply', 'optout', 'dnd'] as const;

/** One ingested event. `id` is the idempotency key (derived from the content when absent). */
export const engineEventSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  type: z.enum(EVENT_TYPES),
  customerId: z.number().int().positive(),
  /** Restrict to one run; otherwise every running run's journey of the customer is considered. */
  runId: z.number().int().positive().optional(),
  /** When it happened: epoch ms or ISO time; defaults to the time of ingestion. */
  at: z.union([z.number().int(), z.iso.datetime({ offset: true })]).optional(),
  /** Orders on scripts that require it count only when the customer confirmed a second time (二次确认). */
  secondConfirmed: z.boolean().optional(),
  /** usage: data used this month, MB. */
  dataUsedMb: z.number().int().min(0).optional(),
  amount: z.number().optional(),
  page: z.string().max(500).optional(),
  /** disposition: the agent-queue item and the agent's outcome. */
  queueId: z.number().int().positive().optional(),
  disposition: dispositionSchema.optional(),
  callbackAt: z.number().int().optional(),
  /** reply: the channel replied on and the text (opt-out keywords); optout: the channel closed (absent: all marketing). */
  channel: channelIdSchema.optional(),
  text: z.string().max(500).optional(),
}).refine((e) => e.type !== 'reply' || (e.channel !== undefined && e.text !== undefined), { message: 'a reply needs channel and text', path: ['channel'] });
export type EngineEvent = z.infer<typeof engineEventSchema>;

export type EventStatus = 'applied' | 'enrolled' | 'recorded' | 'awaiting_confirmation' | 'deferred' | 'late' | 'duplicate' | 'unknown_customer' | 'invalid';

export interface EventResult {
  id: string;
  status: EventStatus;
  reason?: string;
  runs?: number[];
}

const AWAITABLE = new Set<string>(AWAIT_EVENTS);
const TRIGGERS = new Set<string>(TRIGGER_EVENTS);

const eventKey = (e: EngineEvent, at: number): string => e.id ?? `${e.type}:${e.customerId}:${e.runId ?? ''}:${at}:${e.disposition ?? ''}`;

const toMs = (at: EngineEvent['at'], now: number): number => (at === undefined ? now : typeof at === 'number' ? at : Date.parse(at));

/**
 * Ingest events (single or batch): record each in `events` with its status, de-duplicated by
 * idempotency key; apply outcomes to waiting journeys; update usage; enrol customers of event-triggered
 * runs (subject to re-entry). Sorted by customer and done in one transaction. Never throws on bad
 * input: each event gets its own status.
 */
export function ingestEvents(db: Db, raw: unknown[], now: number, hooks: {
  disposition?: (e: EngineEvent, now: number) => { status: EventStatus; reason?: string };
  optOutKeywords?: OptOutKeywords;
} = {}): EventResult[] {
  const results: EventResult[] = new Array(raw.length);
  const parsed: { i: number; e: EngineEvent; at: number }[] = [];
  raw.forEach((r, i) => {
    const p = engineEventSchema.safeParse(r);
    if (!p.success) {
      const id = typeof r === 'object' && r && typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : `#${i}`;
      results[i] = { id, status: 'invalid', reason: fieldProblemsMessage(p.error, 'event') };
    } else {
      const at = toMs(p.data.at, now);
      if (!Number.isFinite(at)) results[i] = { id: p.data.id ?? `#${i}`, status: 'invalid', reason: 'at: not a time' };
      else parsed.push({ i, e: p.data, at });
    }
  });
  parsed.sort((a, b) => a.e.customerId - b.e.customerId || (a.e.runId ?? 0) - (b.e.runId ?? 0) || a.i - b.i);

  inTransaction(db, () => {
    const runs = activeRuns(db);
    // Reads for the whole request in a few statements (each is a round trip on PostgreSQL): journeys,
    // idempotency keys seen before, and the customers whose existence is checked (below); writes are
    // buffered and made in multi-row statements after the loop, rows in the same order.
    const applier = new EventApplier(db, runs, pausedRuns(db));
    applier.prefetch(parsed.map((p) => p.e.customerId));
    const keys = parsed.map(({ e, at }) => eventKey(e, at));
    const seen = new Set(selectIn<{ idem_key: string }>(db, (list) => `SELECT idem_key FROM events WHERE idem_key IN ${list}`, keys).map((r) => r.idem_key));
    // An awaitable event that finds its journey proves the customer exists: the subscriber row is read
    // only when it does not (a random read per event otherwise, and page-cache pressure at 1e6).
    const awaitOnly = (e: EngineEvent): boolean => AWAITABLE.has(e.type) && !TRIGGERS.has(e.type === 'usage' ? 'usage_threshold' : e.type);
    const known = new Set(selectIn<{ id: number }>(db, (list) => `SELECT id FROM subscribers WHERE id IN ${list}`,
      [...new Set(parsed.filter(({ e }) => !awaitOnly(e) || !applier.hasJourneys(e.customerId)).map(({ e }) => e.customerId))]).map((r) => r.id));
    const existsStmt = stmt(db, 'SELECT 1 FROM subscribers WHERE id = ?');
    const exists = (id: number): boolean => {
      if (!known.has(id) && existsStmt.get(id) !== undefined) known.add(id);
      return known.has(id);
    };
    const inserts: unknown[] = [];
    const insert = (...row: unknown[]) => inserts.push(...row);
    const usage = stmt(db, 'UPDATE subscribers SET data_used_mb = ? WHERE id = ?');
    const triggered = new Map<string, number[]>();
    const unknown = (key: string, id: number): EventResult => ({ id: key, status: 'unknown_customer', reason: `no subscriber ${id}` });
    // An event for a paused run waits as the simulated world's events do: a pending row per paused run,
    // which applyDueEvents takes once the run runs again, once. `available_at` 0: due at the first tick
    // after the resume whatever the run's clock (a virtual run's is not the wall clock); the row id keeps arrival order.
    const defer = (key: string, e: EngineEvent, at: number, data: string, a: ApplyResult): EventResult => {
      for (const run of a.deferred) insert(`${key}@run:${run}`, e.type, e.customerId, run, at, 0, 'pending', 'deferred: run paused', data, now);
      return { id: key, status: a.status, ...(a.reason ? { reason: a.reason } : {}), ...(a.runs.length ? { runs: a.runs } : {}) };
    };
    parsed.forEach(({ i, e, at }, k) => {
      const key = keys[k]!;
      const data = JSON.stringify(e);
      // The event row is written once, with its final status (same transaction as its effects).
      // A replay is answered, not stored: a sender retrying in a loop must not grow the table.
      if (seen.has(key)) {
        results[i] = { id: key, status: 'duplicate', reason: 'already received; not applied again' };
        return;
      }
      seen.add(key);
      let res: EventResult;
      if (awaitOnly(e)) {
        const a = applier.apply(e.type as AwaitEvent, e.customerId, e.runId, now, e.secondConfirmed);
        res = a.status === 'late' && !exists(e.customerId) ? unknown(key, e.customerId) : defer(key, e, at, data, a);
      } else if (!exists(e.customerId)) res = unknown(key, e.customerId);
      else if (e.type === 'disposition') {
        // The agent queue applies the outcome itself: it must see, and not be undone by, what is buffered.
        applier.sync();
        res = { id: key, ...(hooks.disposition ? hooks.disposition(e, now) : { status: 'invalid' as const, reason: 'no agent queue' }) };
      } else if (e.type === 'reply' || e.type === 'optout' || e.type === 'dnd') {
        // Opt-out and DND take effect in this transaction: every run's next send reads them.
        applier.sync();
        res = { id: key, ...applyPrefEvent(db, { type: e.type, customerId: e.customerId, channel: e.channel, text: e.text }, now, hooks.optOutKeywords ?? DEFAULT_OPT_OUT_KEYWORDS) };
      } else {
        res = { id: key, status: 'recorded' };
        if (e.type === 'usage' && e.dataUsedMb !== undefined) usage.run(e.dataUsedMb, e.customerId);
        if (AWAITABLE.has(e.type)) {
          res = defer(key, e, at, data, applier.apply(e.type as AwaitEvent, e.customerId, e.runId, now, e.secondConfirmed));
        }
        const trig = e.type === 'usage' ? 'usage_threshold' : e.type;
        if (TRIGGERS.has(trig)) {
          const list = triggered.get(trig) ?? [];
          list.push(e.customerId);
          triggered.set(trig, list);
          if (res.status === 'late') res = { id: key, status: 'recorded', reason: 'no journey awaiting it' };
        }
      }
      insert(key, e.type, e.customerId, e.runId ?? null, at, at, res.status, res.reason ?? null, data, now);
      results[i] = res;
    });
    applier.flush();
    insertRows(db, 'events', ['idem_key', 'type', 'customer_id', 'run_id', 'at', 'available_at', 'status', 'reason', 'data', 'received_at'], inserts);
    // Event-triggered entry: candidates enter every running run listening for the trigger, set-based.
    for (const [trig, ids] of triggered) {
      for (const run of runs) {
        const entry = run.machine.entry.entry;
        if (entry.mode !== 'event' || entry.event !== trig || now < run.periodStart) continue;
        setCandidates(db, ids);
        const extra = trig === 'usage_threshold' ? `(100.0 * s.data_used_mb / s.data_allowance_mb) >= ${Number(entry.threshold ?? 80)}` : undefined;
        const before = new Set(db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND customer_id IN (SELECT id FROM lk_candidates) AND entered_at = ?`).pluck().all(run.id, now) as number[]);
        enrol(db, { runId: run.id, machine: run.machine, now, candidates: true, ...(extra ? { extra } : {}) });
        const entered = db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND customer_id IN (SELECT id FROM lk_candidates) AND entered_at = ?`).pluck().all(run.id, now) as number[];
        const fresh = new Set(entered.filter((c) => !before.has(c)));
        for (const { i, e } of parsed) {
          const r = results[i];
          if (!r || !fresh.has(e.customerId) || (e.type === 'usage' ? 'usage_threshold' : e.type) !== trig) continue;
          results[i] = { ...r, status: r.status === 'applied' ? 'applied' : 'enrolled', runs: [...(r.runs ?? []), run.id] };
          fresh.delete(e.customerId);
        }
      }
    }
  });
  return results;
}

/** Runs paused now: events for their journeys are deferred, not lost. */
const pausedRuns = (db: Db): Set<number> => new Set(stmt(db, `SELECT id FROM runs WHERE status = 'paused'`).pluck().all() as number[]);

/** One `db.transaction` wrapper per connection: building it (four variants) on every request cost more than its BEGIN. */
const transactions = new WeakMap<Db, Transaction<(fn: () => void) => void>>();
/** PostgreSQL's deadlock and serialization failures: the transaction was rolled back whole and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Run `fn` in a transaction; one that lost a deadlock runs again (an ingest updates journeys and the
 * shared node counts an engine worker may be updating too). Only a transaction of our own is re-run:
 * inside a caller's, the caller's is lost as well and the error is theirs to handle. It reads before it
 * writes, so it begins IMMEDIATE: on SQLite it waits for another process's write instead of failing
 * (SQLITE_BUSY_SNAPSHOT) when that one commits between its reads and its first write.
 */
function inTransaction(db: Db, fn: () => void): void {
  let tx = transactions.get(db);
  if (!tx) {
    tx = db.transaction((f: () => void) => f());
    transactions.set(db, tx);
  }
  const own = !db.inTransaction;
  for (let attempt = 1; ; attempt++) {
    try {
      tx.immediate(fn);
      return;
    } catch (err) {
      if (!own || attempt >= ATTEMPTS || !RETRYABLE.has((err as { code?: unknown }).code as string)) throw err;
    }
  }
}

/** Which events a step applies: all (one process), one run partition's (engine workers), or those of no run. */
export type EventScope = { run: Run; partition: Partition } | { orphans: true } | null;

/**
 * Apply scheduled events (the simulated world's responses) that have become available, in large sorted
 * batches. Engine workers apply a partition's own events (run and customer slice: no other worker
 * touches them) and the run-level step applies events not tied to a run; on PostgreSQL those are
 * claimed with SKIP LOCKED, so two workers never apply the same event.
 */
export function applyDueEvents(db: Db, now: number, scope: EventScope = null, batch = 20_000): number {
  const runs = scope && 'run' in scope ? [scope.run] : activeRuns(db);
  if (runs.length === 0) return 0;
  const running = new Set(runs.map((r) => r.id));
  const where = !scope
    ? `(run_id IS NULL OR run_id IN (${[...running].join(',')}))`
    : 'orphans' in scope ? 'run_id IS NULL' : `run_id = ${scope.run.id} AND customer_id % ${scope.partition.parts} = ${scope.partition.part}`;
  const orphans = scope !== null && 'orphans' in scope;
  const select = db.prepare(`SELECT id, type, customer_id, run_id, data FROM events WHERE status = 'pending' AND available_at <= ?
      AND ${where} ORDER BY available_at, id LIMIT ?${orphans && dialectOf(db) === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}`);
  type EventRow = { id: number; type: AwaitEvent; customer_id: number; run_id: number | null; data: string | null };
  const apply = (rows: EventRow[]): number => {
    const todo = rows.filter((r) => r.run_id === null || running.has(r.run_id));
    if (todo.length === 0) return 0;
    todo.sort((a, b) => a.customer_id - b.customer_id || (a.run_id ?? 0) - (b.run_id ?? 0) || a.id - b.id);
    const applier = new EventApplier(db, runs);
    applier.prefetch(todo.map((r) => r.customer_id));
    const statuses: unknown[] = [];
    for (const r of todo) {
      const data = r.data ? (JSON.parse(r.data) as { secondConfirmed?: boolean }) : {};
      const a = applier.apply(r.type, r.customer_id, r.run_id ?? undefined, now, data.secondConfirmed);
      statuses.push(r.id, a.status, a.reason ?? null);
    }
    withRows(db, [['id', 'BIGINT'], ['status', 'TEXT'], ['reason', 'TEXT']], statuses, 'UPDATE events SET status = v.status, reason = v.reason FROM v WHERE events.id = v.id');
    // Last: it writes the shared node counters (see addSharedCounters).
    applier.flush();
    return todo.length;
  };
  let total = 0;
  for (;;) {
    let got = 0;
    // Immediate: `apply` reads the journeys before it writes (see `inTransaction`).
    if (orphans) {
      // Read and apply in one transaction: the row locks keep other workers off these events.
      total += db.transaction(() => {
        const rows = select.all(now, batch) as EventRow[];
        got = rows.length;
        return apply(rows);
      }).immediate();
    } else {
      const rows = select.all(now, batch) as EventRow[];
      got = rows.length;
      if (got > 0) total += db.transaction(() => apply(rows)).immediate();
    }
    if (got < batch) break;
  }
  return total;
}
