import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { Db } from '../../db/open.js';
import { insertRows, withRows, type SqlType } from './bulk.js';
import type { Effect, Journey } from '../core/journey.js';
import type { Run } from './runs.js';
import type { Row } from '../runtime/stepper.js';
import type { StepperOptions } from '../runtime/stepper-options.js';
import { addCounters, contactChange, CounterDelta, grantAdded, journeyChange } from './counters.js';

/** What one per-customer batch decided, to be written in its transaction. */
export interface BatchWrites {
  /** Each journey's new state, with the row it was read as (the optimistic check). */
  updates: { j: Journey; from: Row }[];
  fx: { j: Journey; effects: Effect[] }[];
  countWrites: { customer: number; channel: ChannelId }[];
  usageDelta: Map<ChannelId, number>;
  nodeCounts: Map<string, number>;
  /** Spend of the batch, added to the run's. */
  cost: number;
  today: number;
}

/** A per-customer batch's writes, each table in multi-row statements (rows in the order single-row inserts had). */
export function writeBatch(db: Db, run: Run, now: number, o: Pick<StepperOptions, 'adapters' | 'defaultAdapter'>, b: BatchWrites): void {
const { updates, fx, countWrites, usageDelta, nodeCounts, cost, today } = b;
  updates.sort((a, b) => a.j.customerId - b.j.customerId);
  // Only journeys still as they were read: if another worker stepped some meanwhile (a lease taken
  // over from a stalled worker), the whole batch — contacts, counters — rolls back instead of doubling.
  // The check is a CASE so SQLite keeps the primary-key lookup: as plain conditions it picks the
  // (run_id, state, due_at) index, whose columns the UPDATE rewrites, and gets 100× slower.
  const moved = withRows(db, JOURNEY_COLUMNS, updates.flatMap(({ j, from }) => [j.customerId, j.state, j.dueAt, j.flags, j.attempt, j.lane, j.endedAt, j.outcome, from.state, from.due_at]),
    `UPDATE journeys SET state = v.state, due_at = v.due_at, flags = v.flags, attempt = v.attempt, lane = v.lane, updated_at = ?, ended_at = v.ended_at,
      outcome = v.outcome FROM v WHERE journeys.run_id = ? AND journeys.customer_id = v.customer_id AND CASE WHEN journeys.state = v.from_state AND journeys.due_at = v.from_due THEN 1 ELSE 0 END = 1`, [now, run.id]);
  if (moved !== updates.length) throw new JourneysMoved(run.id, updates.length - moved);
  const counters = new CounterDelta();
  const groupOf = new Map<number, string>();
  for (const { j, from } of updates) {
    groupOf.set(j.customerId, from.group_id);
    journeyChange(counters, { state: from.state, flags: from.flags, ended: false, outcome: null, group: from.group_id },
      { state: j.state, flags: j.flags, ended: j.endedAt !== null, outcome: j.outcome, group: from.group_id });
  }
  const contacts: unknown[] = [];
  const agent: unknown[] = [];
  const traces: unknown[] = [];
  const events: unknown[] = [];
  const grants: unknown[] = [];
  fx.sort((a, b) => a.j.customerId - b.j.customerId);
  for (const { j, effects } of fx) {
    let lastContact: Extract<Effect, { kind: 'contact' }> | null = null;
    for (const e of effects) {
      if (e.kind === 'contact') {
        lastContact = e;
        contacts.push(run.id, j.customerId, e.state, e.attempt, e.channel, e.stage, e.cost, e.status, e.reason ?? null, e.providerId ?? null, now, e.status === 'sent' ? now : null);
        const toAgent = e.status === 'queued' && (o.adapters[e.channel] ?? o.defaultAdapter).mode === 'agent';
        if (toAgent) agent.push(run.id, j.customerId, e.state, e.attempt, e.channel, e.stage, e.script, 'waiting', 0, now, now);
        contactChange(counters, null, { createdAt: now, sentAt: e.status === 'sent' ? now : null, channel: e.channel, stage: e.stage, state: e.state, status: e.status,
          reason: e.reason ?? null, cost: e.cost, agent: toAgent, group: groupOf.get(j.customerId) ?? '' });
      } else if (e.kind === 'trace') traces.push(run.id, j.customerId, now, e.state, e.code, e.detail ?? null);
      else if (e.kind === 'grant') {
        const node = run.machine.states[e.state]?.node ?? e.state;
        grants.push(run.id, j.customerId, e.state, node, e.attempt, e.service, e.benefit, e.result, e.reason ?? null, e.cost, e.expiresAt, now);
        grantAdded(counters, { node, result: e.result, cost: e.cost, createdAt: now });
      }
      else if (e.kind === 'schedule' && lastContact) {
        const ev = e.event;
        events.push(`sim:${run.id}:${j.customerId}:${lastContact.state}:${lastContact.attempt}:${ev.type}`, ev.type, j.customerId, run.id, Math.round(ev.at), Math.round(ev.at),
          'pending', ev.secondConfirmed === undefined ? null : JSON.stringify({ secondConfirmed: ev.secondConfirmed }), now);
      }
    }
  }
  insertRows(db, 'contacts', ['run_id', 'customer_id', 'state', 'attempt', 'channel', 'stage', 'cost', 'status', 'reason', 'provider_id', 'created_at', 'sent_at'], contacts);
  insertRows(db, 'agent_queue', ['run_id', 'customer_id', 'state', 'attempt', 'channel', 'stage', 'script', 'status', 'tries', 'available_at', 'created_at'], agent);
  insertRows(db, 'traces', ['run_id', 'customer_id', 'at', 'state', 'code', 'detail'], traces);
  insertRows(db, 'grants', ['run_id', 'customer_id', 'state', 'node', 'attempt', 'service', 'benefit', 'result', 'reason', 'cost', 'expires_at', 'created_at'], grants);
  insertRows(db, 'events', ['idem_key', 'type', 'customer_id', 'run_id', 'at', 'available_at', 'status', 'data', 'received_at'], events, 'ON CONFLICT(idem_key) DO NOTHING');
  // One row per (customer, channel) — a multi-row upsert must not hit a key twice (PostgreSQL refuses).
  const perKey = new Map<string, [number, ChannelId, number]>();
  countWrites.sort((a, b) => a.customer - b.customer);
  for (const c of countWrites) {
    const k = `${c.customer}|${c.channel}`;
    const w = perKey.get(k);
    if (w) w[2]++;
    else perKey.set(k, [c.customer, c.channel, 1]);
  }
  insertRows(db, 'contact_counts', ['customer_id', 'day', 'channel', 'n', 'run_id', 'priority'],
    [...perKey.values()].flatMap(([customer, channel, n]) => [customer, today, channel, n, run.id, run.priority]),
    'ON CONFLICT(customer_id, day, channel) DO UPDATE SET n = contact_counts.n + excluded.n, run_id = excluded.run_id, priority = excluded.priority');
  addSharedCounters(db, run.id, { today, usage: usageDelta, nodeCounts, cost, counters });
}

/**
 * The rows that every worker's transactions update — channel usage (per channel and day, across runs,
 * then the run's own), node entry counts, the run's counters, the run's spend — always last in a transaction (so their row locks are held only
 * until the commit) and always in this order with keys sorted. Two workers then lock them in the same
 * order: in any other, PostgreSQL sooner or later finds a deadlock and aborts one of them.
 */
export function addSharedCounters(db: Db, runId: number, c: { today: number; usage?: ReadonlyMap<ChannelId, number>; nodeCounts: ReadonlyMap<string, number>; cost?: number; counters?: CounterDelta }): void {
  const usage = [...(c.usage ?? [])].filter(([, n]) => n !== 0).sort(([a], [b]) => byText(a, b));
  insertRows(db, 'channel_usage', USAGE_COLUMNS, usage.flatMap(([ch, n]) => [ch, c.today, n]), USAGE_UPSERT);
  // The run's own share of each channel (contactPolicy.channelCapacity) is checked against this.
  insertRows(db, 'run_channel_usage', ['run_id', 'channel', 'day', 'used'], usage.flatMap(([ch, n]) => [runId, ch, c.today, n]),
    'ON CONFLICT(run_id, channel, day) DO UPDATE SET used = run_channel_usage.used + excluded.used');
  addNodeCounts(db, [...c.nodeCounts].map(([node, n]) => [runId, node, n]));
  if (c.counters) addCounters(db, runId, c.counters);
  if (c.cost) db.prepare('UPDATE runs SET spent = spent + ? WHERE id = ?').run(c.cost, runId);
}

/** Code-unit order, the same in every process (not the locale's): the order shared rows are locked in. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Add to node entry counters: rows of [run, node, entered], one statement, keys sorted (see `addSharedCounters`). */
export function addNodeCounts(db: Db, rows: [runId: number, node: string, n: number][]): void {
  // One row per key: a multi-row upsert must not hit a key twice (PostgreSQL refuses).
  const perKey = new Map<string, [number, string, number]>();
  for (const [run, node, n] of rows) {
    const k = `${run}|${node}`;
    const w = perKey.get(k);
    if (w) w[2] += n;
    else perKey.set(k, [run, node, n]);
  }
  const sorted = [...perKey.values()].filter(([, , n]) => n !== 0).sort((a, b) => a[0] - b[0] || byText(a[1], b[1]));
  insertRows(db, 'node_counts', ['run_id', 'node', 'entered'], sorted.flat(), 'ON CONFLICT(run_id, node) DO UPDATE SET entered = node_counts.entered + excluded.entered');
}

const JOURNEY_COLUMNS: readonly (readonly [string, SqlType])[] = [
  ['customer_id', 'BIGINT'], ['state', 'TEXT'], ['due_at', 'BIGINT'], ['flags', 'BIGINT'], ['attempt', 'BIGINT'], ['lane', 'TEXT'], ['ended_at', 'BIGINT'], ['outcome', 'TEXT'],
  ['from_state', 'TEXT'], ['from_due', 'BIGINT'],
];
export const USAGE_COLUMNS = ['channel', 'day', 'used'] as const;
export const USAGE_UPSERT = 'ON CONFLICT(channel, day) DO UPDATE SET used = channel_usage.used + excluded.used';

/** A batch found journeys already moved by someone else; its transaction rolls back and the batch is not counted. */
export class JourneysMoved extends Error {
  constructor(runId: number, n: number) {
    super(`${n} journeys of run ${runId} were stepped by another worker during this batch; batch rolled back`);
    this.name = 'JourneysMoved';
  }
}
