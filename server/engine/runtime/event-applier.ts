import type { AwaitEvent } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import { addNodeCounts } from '../store/batch-write.js';
import { insertRows, selectIn, withRows, type SqlType } from '../store/bulk.js';
import type { EventStatus } from './events.js';
import { CONTROL_STATE, FLAG, type Effect, type Journey } from '../core/journey.js';
import { activeRuns, type Run } from '../store/runs.js';
import { step, type StepContext } from '../core/step.js';
import { stmt } from '../store/stmt.js';
import { addCounters, CounterDelta, journeyChange, type JourneyFacts } from '../store/counters.js';

const neverSend = (): never => { throw new Error('events never send'); };
const neverProvision = (): never => { throw new Error('events never call a service'); };
const noUnreachable = (): null => null;
const zero = (): number => 0;
let lastContext: StepContext | null = null;

/** A step context for applying an event: the await transition only; sends happen on the next tick under the policy. */
function eventContext(now: number): StepContext {
  // Reused while `now` is the same (every event of a request): built once, not per journey.
  if (lastContext?.now === now) return lastContext;
  lastContext = { now, customer: { id: 0, group: 'student', smartphone: true, dnd: false, optOutMask: 0 }, decideSend: () => ({ kind: 'defer', until: now, reason: 'event', suppressed: false }), deliver: neverSend, provision: neverProvision, unreachable: noUnreachable, fit: zero, kpi: zero };
  return lastContext;
}

export interface ApplyResult {
  status: EventStatus;
  reason?: string;
  runs: number[];
  /** Paused runs with an open journey of the customer: the event waits for them (see `ingestEvents`). */
  deferred: number[];
}

interface JourneyRow {
  run_id: number; customer_id: number; state: string; due_at: number | null; flags: number; attempt: number; lane: string | null; entered_at: number;
  updated_at: number; ended_at: number | null; outcome: string | null;
}

const toJourney = (r: JourneyRow): Journey => ({
  runId: r.run_id, customerId: r.customer_id, state: r.state, dueAt: r.due_at, flags: r.flags, attempt: r.attempt, lane: r.lane,
  enteredAt: r.entered_at, endedAt: r.ended_at, outcome: r.outcome,
});

const facts = (state: string, flags: number, endedAt: number | null, outcome: string | null): JourneyFacts => ({ state, flags, ended: endedAt !== null, outcome, group: '' });

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
  /** Journey changes for the run counters, written with the rows at `flush`. */
  private moves: { runId: number; customerId: number; before: JourneyFacts; after: JourneyFacts }[] = [];

  /**
   * `paused`: runs whose journeys take no event now; an event for one of them is reported back as
   * `deferred` (the caller stores it as pending, and the run applies it when it resumes).
   */
  constructor(private readonly db: Db, runs: Run[] = activeRuns(db), private readonly paused: ReadonlySet<number> = new Set()) {
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
    addNodeCounts(db, [...this.entered.values()]);
    this.entered.clear();
    this.flushCounters();
  }

  /** The run counters of the changes since the last flush; the customer group is read only where a counted flag changed. */
  private flushCounters(): void {
    if (this.moves.length === 0) return;
    const counted = FLAG.contacted | FLAG.responded | FLAG.converted;
    const needGroup = [...new Set(this.moves.filter((m) => ((m.before.flags ^ m.after.flags) & counted) !== 0).map((m) => m.customerId))];
    const groups = new Map(selectIn<{ id: number; g: string }>(this.db, (list) => `SELECT id, group_id AS g FROM subscribers WHERE id IN ${list}`, needGroup).map((r) => [Number(r.id), r.g]));
    const byRun = new Map<number, CounterDelta>();
    for (const m of this.moves) {
      let d = byRun.get(m.runId);
      if (!d) byRun.set(m.runId, (d = new CounterDelta()));
      const group = groups.get(m.customerId) ?? '';
      journeyChange(d, { ...m.before, group }, { ...m.after, group });
    }
    this.moves = [];
    for (const [runId, d] of [...byRun].sort(([a], [b]) => a - b)) addCounters(this.db, runId, d);
  }

  /** Apply one awaitable event to the customer's journeys (in running runs only; `deferred` lists the paused runs' open journeys it waits for). */
  apply(type: AwaitEvent, customerId: number, runId: number | undefined, now: number, secondConfirmed: boolean | undefined): ApplyResult {
    const rows = runId === undefined ? this.journeys(customerId) : this.journey(runId, customerId);
    const applied: number[] = [];
    const deferred: number[] = [];
    let awaiting = false;
    let asResponse = false;
    let sawPaused = false;
    for (const r of rows) {
      const run = this.runs.get(r.run_id);
      if (!run) {
        sawPaused ||= true;
        if (this.paused.has(r.run_id) && r.ended_at === null) deferred.push(r.run_id);
        continue;
      }
      if (r.state === CONTROL_STATE) {
        if (type !== 'order' || (r.flags & FLAG.converted) !== 0) continue;
        // The hold-out follows the treated customers' rule: no conversion without the second confirmation.
        if (secondConfirmed !== true) {
          if ((r.flags & FLAG.awaitingConfirmation) === 0) {
            this.save(r, { ...toJourney(r), flags: r.flags | FLAG.awaitingConfirmation }, now);
            this.traces.push(r.run_id, r.customer_id, now, r.state, 'awaiting_confirmation', 'control group (organic): order without second confirmation');
          }
          awaiting = true;
          continue;
        }
        this.save(r, { ...toJourney(r), flags: (r.flags | FLAG.converted | FLAG.responded) & ~FLAG.awaitingConfirmation }, now);
        this.traces.push(r.run_id, r.customer_id, now, r.state, 'order', 'control group (organic)');
        applied.push(r.run_id);
        continue;
      }
      const res = step(run.machine, toJourney(r), { kind: 'event', type, ...(secondConfirmed !== undefined ? { secondConfirmed } : {}) }, eventContext(now));
      if (res.status === 'late' || res.status === 'idle') continue;
      this.write(r, res.journey, res.effects, now);
      if (res.status === 'awaiting_confirmation') awaiting = true;
      else if (res.status === 'as_response') asResponse = true;
      else applied.push(r.run_id);
    }
    if (!this.cache) this.flush();
    if (applied.length > 0) return { status: 'applied', runs: applied, deferred };
    if (awaiting) return { status: 'awaiting_confirmation', reason: 'order needs the second confirmation (二次确认)', runs: [], deferred };
    if (asResponse) return { status: 'recorded', reason: 'order without the second confirmation (二次确认): taken as a response', runs: [], deferred };
    if (deferred.length > 0) return { status: 'deferred', reason: 'run paused: applied when it resumes', runs: [], deferred };
    return { status: 'late', reason: rows.length ? (sawPaused && !rows.some((r) => this.runs.has(r.run_id)) ? 'run not running' : `no journey awaiting '${type}'`) : 'customer is in no run', runs: [], deferred };
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
    this.moves.push({ runId: r.run_id, customerId: r.customer_id, before: facts(r.state, r.flags, r.ended_at, r.outcome), after: facts(j.state, j.flags, j.endedAt, j.outcome) });
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
