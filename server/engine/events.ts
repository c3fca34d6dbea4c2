import type { Partition } from './stepper-options.js';
import { dialectOf } from '../db/dialect.js';
import { z } from 'zod';
import { AWAIT_EVENTS, type AwaitEvent } from '../../shared/machine/types.js';
import { TRIGGER_EVENTS } from '../../shared/nodes/segment.js';
import { dispositionSchema } from '../../shared/flow/script.js';
import type { Db } from '../db/open.js';
import { enrol, setCandidates } from './enrolment.js';
import { CONTROL_STATE, FLAG, type Effect, type Journey } from './journey.js';
import { activeRuns, type Run } from './runs.js';
import { step, type StepContext } from './step.js';
import { stmt } from './stmt.js';
import { insertRows, selectIn, withRows, type SqlType } from './bulk.js';

export const EVENT_TYPES = ['response', 'order', 'trial', 'store_visit', 'app_login', 'usage', 'recharge', 'web_page_view', 'disposition'] as const;

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
});
export type EngineEvent = z.infer<typeof engineEventSchema>;

export type EventStatus = 'applied' | 'enrolled' | 'recorded' | 'awaiting_confirmation' | 'late' | 'duplicate' | 'unknown_customer' | 'invalid';

export interface EventResult {
  id: string;
  status: EventStatus;
  reason?: string;
  runs?: number[];
}

const AWAITABLE = new Set<string>(AWAIT_EVENTS);
const TRIGGERS = new Set<string>(TRIGGER_EVENTS);

const eventKey = (e: EngineEvent, at: number): string => e.id ?? `${e.type}:${e.customerId}:${e.runId ?? ''}:${at}:${e.disposition ?? ''}`;

const neverSend = (): never => { throw new Error('events never send'); };
const noUnreachable = (): null => null;
const zero = (): number => 0;
let lastContext: StepContext | null = null;

/** A step context for applying an event: the await transition only; sends happen on the next tick under the policy. */
function eventContext(now: number): StepContext {
  // Reused while `now` is the same (every event of a request): built once, not per journey.
  if (lastContext?.now === now) return lastContext;
  lastContext = { now, customer: { id: 0, group: 'student', smartphone: true, dnd: false, optOutMask: 0 }, decideSend: () => ({ kind: 'defer', until: now, reason: 'event', suppressed: false }), deliver: neverSend, unreachable: noUnreachable, fit: zero, kpi: zero };
  return lastContext;
}

interface JourneyRow {
  run_id: number; customer_id: number; state: string; due_at: number | null; flags: number; attempt: number; lane: string | null; entered_at: number;
  updated_at: number; ended_at: number | null; outcome: string | null;
}

const toJourney = (r: JourneyRow): Journey => ({
  runId: r.run_id, customerId: r.customer_id, state: r.state, dueAt: r.due_at, flags: r.flags, attempt: r.attempt, lane: r.lane,
  enteredAt: r.entered_at, endedAt: r.ended_at, outcome: r.outcome,
});

const JOURNEY_COLUMNS: readonly (readonly [string, SqlType])[] = [
  ['run_id', 'BIGINT'], ['customer_id', 'BIGINT'], ['state', 'TEXT'], ['due_at', 'BIGINT'], ['flags', 'BIGINT'], ['lane', 'TEXT'],
  ['updated_at', 'BIGINT'], ['ended_at', 'BIGINT'], ['outcome', 'TEXT'],
];

/**
 * Apply outcome events to waiting journeys, sorted by (customer, run) and in one transaction. An event
 * moves a journey only out of an `await` state listening for it (→ the target, due now: the next tick
 * sends under the contact policy); otherwise it is `late`. Returns one status per event.
 *
 * One event at a time, each `apply` reads and writes at once. For many events, `prefetch` their
 * customers first: their journeys are then read in a few statements, kept current in memory, and the
 * writes wait for `flush` (multi-row statements: each statement is a round trip on PostgreSQL).
 */
export class EventApplier {
  private readonly runs: Map<number, Run>;
  private readonly byCustomer;
  private readonly byKey;
  private readonly upd;
  /** After `prefetch`: every journey of a customer read so far, as the events applied so far left it, by run. */
  private cache: Map<number, JourneyRow[]> | null = null;
  private readonly changed = new Set<JourneyRow>();
  private traces: unknown[] = [];
  private readonly entered = new Map<string, [number, string, number]>();

  constructor(private readonly db: Db, runs: Run[] = activeRuns(db)) {
    this.runs = new Map(runs.map((r) => [r.id, r]));
    // In run order, as SQLite's customer index gives them (PostgreSQL promises no order without it).
    this.byCustomer = stmt(db, 'SELECT * FROM journeys WHERE customer_id = ? ORDER BY run_id');
    this.byKey = stmt(db, 'SELECT * FROM journeys WHERE run_id = ? AND customer_id = ?');
    this.upd = stmt(db, 'UPDATE journeys SET state = ?, due_at = ?, flags = ?, lane = ?, updated_at = ?, ended_at = ?, outcome = ? WHERE run_id = ? AND customer_id = ?');
  }

  /** Read the journeys of these customers now and buffer the writes of every later `apply` until `flush`. */
  prefetch(customers: readonly number[]): void {
    const cache = (this.cache ??= new Map());
    const ids = [...new Set(customers)].filter((c) => !cache.has(c));
    for (const c of ids) cache.set(c, []);
    const rows = selectIn<JourneyRow>(this.db, (list) => `SELECT * FROM journeys WHERE customer_id IN ${list} ORDER BY customer_id, run_id`, ids);
    for (const r of rows) cache.get(r.customer_id)!.push(r);
  }

  /** Whether the customer has a journey in any run. */
  hasJourneys(customerId: number): boolean {
    return this.journeys(customerId).length > 0;
  }

  /** Write what is buffered, and forget what was read: for code that reads or writes journeys itself (agent dispositions). */
  sync(): void {
    this.flush();
    this.cache?.clear();
  }

  /** Write the buffered journey changes, traces and node entries. */
  flush(): void {
    const { db } = this;
    if (this.changed.size === 1) {
      // One journey (a single event): the plain UPDATE costs half of a one-row UPDATE … FROM (VALUES) on SQLite.
      for (const r of this.changed) this.upd.run(r.state, r.due_at, r.flags, r.lane, r.updated_at, r.ended_at, r.outcome, r.run_id, r.customer_id);
    } else if (this.changed.size > 1) {
      withRows(db, JOURNEY_COLUMNS, [...this.changed].flatMap((r) => [r.run_id, r.customer_id, r.state, r.due_at, r.flags, r.lane, r.updated_at, r.ended_at, r.outcome]),
        `UPDATE journeys SET state = v.state, due_at = v.due_at, flags = v.flags, lane = v.lane, updated_at = v.updated_at, ended_at = v.ended_at, outcome = v.outcome
          FROM v WHERE journeys.run_id = v.run_id AND journeys.customer_id = v.customer_id`);
    }
    this.changed.clear();
    insertRows(db, 'traces', ['run_id', 'customer_id', 'at', 'state', 'code', 'detail'], this.traces);
    this.traces = [];
    insertRows(db, 'node_counts', ['run_id', 'node', 'entered'], [...this.entered.values()].flat(),
      'ON CONFLICT(run_id, node) DO UPDATE SET entered = node_counts.entered + excluded.entered');
    this.entered.clear();
  }

  /** Apply one awaitable event to the customer's journeys (in running runs only). */
  apply(type: AwaitEvent, customerId: number, runId: number | undefined, now: number, secondConfirmed: boolean | undefined): { status: EventStatus; reason?: string; runs: number[] } {
    const rows = runId === undefined ? this.journeys(customerId) : this.journey(runId, customerId);
    const applied: number[] = [];
    let awaiting = false;
    let sawPaused = false;
    for (const r of rows) {
      const run = this.runs.get(r.run_id);
      if (!run) {
        sawPaused ||= true;
        continue;
      }
      if (r.state === CONTROL_STATE) {
        if (type === 'order' && (r.flags & FLAG.converted) === 0) {
          this.save(r, { ...toJourney(r), flags: r.flags | FLAG.converted | FLAG.responded }, now);
          this.traces.push(r.run_id, r.customer_id, now, r.state, 'order', 'control group (organic)');
          applied.push(r.run_id);
        }
        continue;
      }
      const res = step(run.machine, toJourney(r), { kind: 'event', type, ...(secondConfirmed !== undefined ? { secondConfirmed } : {}) }, eventContext(now));
      if (res.status === 'late' || res.status === 'idle') continue;
      this.write(r, res.journey, res.effects, now);
      if (res.status === 'awaiting_confirmation') awaiting = true;
      else applied.push(r.run_id);
    }
    if (!this.cache) this.flush();
    if (applied.length > 0) return { status: 'applied', runs: applied };
    if (awaiting) return { status: 'awaiting_confirmation', reason: 'order needs the second confirmation (二次确认)', runs: [] };
    return { status: 'late', reason: rows.length ? (sawPaused && !rows.some((r) => this.runs.has(r.run_id)) ? 'run not running' : `no journey awaiting '${type}'`) : 'customer is in no run', runs: [] };
  }

  /** Move a journey out of its await state after a delivery failure reported by an outbox adapter. */
  failDelivery(runId: number, customerId: number, sendState: string, attempt: number, reason: string, now: number): boolean {
    const run = this.runs.get(runId);
    const r = this.journey(runId, customerId)[0];
    if (!run || !r || r.attempt !== attempt) return false;
    const send = run.machine.states[sendState];
    if (!send || send.kind !== 'send' || r.state !== send.next) return false;
    const res = step(run.machine, toJourney(r), { kind: 'failed', reason }, eventContext(now));
    if (res.status !== 'applied') return false;
    this.write(r, res.journey, res.effects, now);
    if (!this.cache) this.flush();
    return true;
  }

  private journeys(customerId: number): JourneyRow[] {
    if (!this.cache) return this.byCustomer.all(customerId) as JourneyRow[];
    let rows = this.cache.get(customerId);
    if (!rows) this.cache.set(customerId, (rows = this.byCustomer.all(customerId) as JourneyRow[]));
    return rows;
  }

  private journey(runId: number, customerId: number): JourneyRow[] {
    if (this.cache) return this.journeys(customerId).filter((r) => r.run_id === runId);
    const r = this.byKey.get(runId, customerId) as JourneyRow | undefined;
    return r ? [r] : [];
  }

  /** The journey's new values (the row stays the current state for later events), to be written. */
  private save(r: JourneyRow, j: Journey, now: number): void {
    r.state = j.state;
    r.due_at = j.dueAt;
    r.flags = j.flags;
    r.lane = j.lane;
    r.updated_at = now;
    r.ended_at = j.endedAt;
    r.outcome = j.outcome;
    this.changed.add(r);
  }

  private write(r: JourneyRow, j: Journey, effects: Effect[], now: number): void {
    this.save(r, j, now);
    for (const e of effects) {
      if (e.kind === 'trace') this.traces.push(j.runId, j.customerId, now, e.state, e.code, e.detail ?? null);
      else if (e.kind === 'enter') {
        const k = `${j.runId}|${e.node}`;
        const n = this.entered.get(k);
        if (n) n[2]++;
        else this.entered.set(k, [j.runId, e.node, 1]);
      }
    }
  }
}

const toMs = (at: EngineEvent['at'], now: number): number => (at === undefined ? now : typeof at === 'number' ? at : Date.parse(at));

/**
 * Ingest events (single or batch): record each in `events` with its status, de-duplicated by
 * idempotency key; apply outcomes to waiting journeys; update usage; enrol customers of event-triggered
 * runs (subject to re-entry). Sorted by customer and done in one transaction. Never throws on bad
 * input: each event gets its own status.
 */
export function ingestEvents(db: Db, raw: unknown[], now: number, hooks: { disposition?: (e: EngineEvent, now: number) => { status: EventStatus; reason?: string } } = {}): EventResult[] {
  const results: EventResult[] = new Array(raw.length);
  const parsed: { i: number; e: EngineEvent; at: number }[] = [];
  raw.forEach((r, i) => {
    const p = engineEventSchema.safeParse(r);
    if (!p.success) {
      const id = typeof r === 'object' && r && typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : `#${i}`;
      results[i] = { id, status: 'invalid', reason: p.error.issues.map((x) => `${x.path.join('.') || 'event'}: ${x.message}`).join('; ') };
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
    const applier = new EventApplier(db, runs);
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
    parsed.forEach(({ i, e, at }, k) => {
      const key = keys[k]!;
      const data = JSON.stringify(e);
      // The event row is written once, with its final status (same transaction as its effects).
      if (seen.has(key)) {
        insert(null, e.type, e.customerId, e.runId ?? null, at, at, 'duplicate', `duplicate of ${key}`, data, now);
        results[i] = { id: key, status: 'duplicate', reason: 'already received; not applied again' };
        return;
      }
      seen.add(key);
      let res: EventResult;
      if (awaitOnly(e)) {
        const a = applier.apply(e.type as AwaitEvent, e.customerId, e.runId, now, e.secondConfirmed);
        res = a.status === 'late' && !exists(e.customerId) ? unknown(key, e.customerId)
          : { id: key, status: a.status, ...(a.reason ? { reason: a.reason } : {}), ...(a.runs.length ? { runs: a.runs } : {}) };
      } else if (!exists(e.customerId)) res = unknown(key, e.customerId);
      else if (e.type === 'disposition') {
        // The agent queue applies the outcome itself: it must see, and not be undone by, what is buffered.
        applier.sync();
        res = { id: key, ...(hooks.disposition ? hooks.disposition(e, now) : { status: 'invalid' as const, reason: 'no agent queue' }) };
      } else {
        res = { id: key, status: 'recorded' };
        if (e.type === 'usage' && e.dataUsedMb !== undefined) usage.run(e.dataUsedMb, e.customerId);
        if (AWAITABLE.has(e.type)) {
          const a = applier.apply(e.type as AwaitEvent, e.customerId, e.runId, now, e.secondConfirmed);
          res = { id: key, status: a.status, ...(a.reason ? { reason: a.reason } : {}), ...(a.runs.length ? { runs: a.runs } : {}) };
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

/** One `db.transaction` wrapper per connection: building it (four variants) on every request cost more than its BEGIN. */
const transactions = new WeakMap<Db, (fn: () => void) => void>();
function inTransaction(db: Db, fn: () => void): void {
  let tx = transactions.get(db);
  if (!tx) {
    tx = db.transaction((f: () => void) => f());
    transactions.set(db, tx);
  }
  tx(fn);
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
    applier.flush();
    withRows(db, [['id', 'BIGINT'], ['status', 'TEXT'], ['reason', 'TEXT']], statuses, 'UPDATE events SET status = v.status, reason = v.reason FROM v WHERE events.id = v.id');
    return todo.length;
  };
  let total = 0;
  for (;;) {
    let got = 0;
    if (orphans) {
      // Read and apply in one transaction: the row locks keep other workers off these events.
      total += db.transaction(() => {
        const rows = select.all(now, batch) as EventRow[];
        got = rows.length;
        return apply(rows);
      })();
    } else {
      const rows = select.all(now, batch) as EventRow[];
      got = rows.length;
      if (got > 0) total += db.transaction(() => apply(rows))();
    }
    if (got < batch) break;
  }
  return total;
}
