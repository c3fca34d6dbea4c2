import { createActor, createMachine, type Snapshot } from 'xstate';
import type { Db } from '../../server/db/open.js';
import type { ChannelAdapter } from '../../server/engine/channels/adapter.js';
import { agentQueueAdapter } from '../../server/engine/channels/agent-queue.js';
import { HOUR } from '../../server/engine/core/clock.js';
import { Engine } from '../../server/engine/runtime/engine.js';
import { startRun } from '../../server/engine/store/runs.js';
import { benchPolicy, EVENT_BATCH, referenceMachine, responseOrder, T0, T1, T2 } from './flow.js';

export interface PhaseTimes { a: number; b: number; c: number }
export interface ContenderResult {
  ms: PhaseTimes;
  /** Event → commit latency of every event of phase (c), ms. */
  latencies: number[];
  counts: Record<string, number>;
  extra?: Record<string, number>;
}

const time = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

/** Feed phase (c)'s events in batches; each event's latency is from its batch being handed over to its commit. */
function feedEvents(n: number, apply: (batch: number[]) => void): { ms: number; latencies: number[] } {
  const order = responseOrder(n);
  const latencies: number[] = [];
  const ms = time(() => {
    for (let i = 0; i < order.length; i += EVENT_BATCH) {
      const batch = order.slice(i, i + EVENT_BATCH);
      const t = performance.now();
      apply(batch);
      const l = performance.now() - t;
      for (let k = 0; k < batch.length; k++) latencies.push(l);
    }
  });
  return { ms, latencies };
}

const stateCounts = (db: Db, sql: string, ...args: unknown[]): Record<string, number> =>
  Object.fromEntries((db.prepare(sql).all(...args) as { state: string; n: number }[]).map((r) => [r.state, r.n]));

/** Linkage: the real engine (enrolment, contact policy, contact log, traces, counters) through its public API. */
export function linkage(db: Db, n: number): ContenderResult {
  const m = referenceMachine(n);
  const runId = startRun(db, { flowId: m.flowId, version: 1, machine: m, seed: 1, clock: 'virtual', now: T0 });
  // Production wiring: message channels through an outbox gateway (contacts committed `queued` with the
  // state change, delivered after commit — not timed here), the outbound call centre through the agent queue.
  const gateway: ChannelAdapter = { name: 'bench-gateway', mode: 'outbox', deliver: async (b) => b.map((c) => ({ status: 'sent' as const, providerId: `gw-${c.customerId}-${c.attempt}` })) };
  const engine = new Engine(db, { policy: benchPolicy(), channels: () => ({ adapters: { outbound_call: agentQueueAdapter }, defaultAdapter: gateway }) });
  const a = time(() => engine.tickSync(T0, 'virtual'));
  const b = time(() => engine.tickSync(T1, 'virtual'));
  const ev = feedEvents(n, (batch) => {
    const res = engine.ingest(batch.map((id) => ({ id: `resp-${id}`, type: 'response', customerId: id, runId, at: T2 })), T2);
    if (res[0]?.status !== 'applied') throw new Error(`event not applied: ${JSON.stringify(res[0])}`);
  });
  const c2 = time(() => engine.tickSync(T2, 'virtual'));
  const counts = stateCounts(db, 'SELECT state, count(*) AS n FROM journeys WHERE run_id = ? GROUP BY state', runId);
  const extra = {
    contacts: db.prepare('SELECT count(*) FROM contacts WHERE run_id = ?').pluck().get(runId) as number,
    traces: db.prepare('SELECT count(*) FROM traces WHERE run_id = ?').pluck().get(runId) as number,
    agentQueue: db.prepare('SELECT count(*) FROM agent_queue WHERE run_id = ?').pluck().get(runId) as number,
    eventsMs: ev.ms,
    followUpTickMs: c2,
  };
  return { ms: { a, b, c: ev.ms + c2 }, latencies: ev.latencies, counts, extra };
}

/** Floor: hand-written SQL on the same schema — one set-based statement per state, key-ordered batched UPDATEs for events. */
export function floor(db: Db, n: number): ContenderResult {
  const run = 1;
  const mv = db.prepare('UPDATE journeys SET state = ?, due_at = ?, updated_at = ? WHERE run_id = ? AND state = ? AND due_at <= ?');
  const a = time(() => db.transaction(() => {
    db.prepare(`INSERT INTO journeys (run_id, customer_id, state, due_at, flags, attempt, entered_at, updated_at)
      SELECT ?, s.id, 'reach.sms.send', ?, 0, 0, ?, ? FROM subscribers s WHERE s.smartphone = 1 AND s.dnd = 0 AND s.opt_out_mask = 0`).run(run, T0, T0, T0);
    mv.run('reach.sms.await', T0 + 24 * HOUR, T0, run, 'reach.sms.send', T0);
  })());
  const b = time(() => db.transaction(() => {
    mv.run('reach.app.send', T1, T1, run, 'reach.sms.await', T1);
    mv.run('reach.app.await', T1 + 48 * HOUR, T1, run, 'reach.app.send', T1);
  })());
  const one = db.prepare(`UPDATE journeys SET state = 'reach.call.send', due_at = ?, flags = flags | 1, updated_at = ? WHERE run_id = ? AND customer_id = ? AND state = 'reach.app.await'`);
  const ev = feedEvents(n, (batch) => db.transaction(() => {
    for (const id of [...batch].sort((x, y) => x - y)) one.run(T2, T2, run, id);
  })());
  const c2 = time(() => db.transaction(() => { mv.run('reach.call.await', T2 + 24 * HOUR, T2, run, 'reach.call.send', T2); })());
  const counts = stateCounts(db, 'SELECT state, count(*) AS n FROM journeys WHERE run_id = ? GROUP BY state', run);
  // Raw single-row prepared INSERTs into the same table, one transaction.
  const ins = db.prepare('INSERT INTO journeys (run_id, customer_id, state, due_at, flags, attempt, entered_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?)');
  const insMs = time(() => db.transaction(() => { for (let id = 1; id <= n; id++) ins.run(2, id, 'reach.sms.send', T0, T0, T0); })());
  return { ms: { a, b, c: ev.ms + c2 }, latencies: ev.latencies, counts, extra: { insertPerSec: n / (insMs / 1000) } };
}

/** The same flow as an XState v5 machine (state names = the compiled machine's state ids with '_' for '.'). */
const xsMachine = createMachine({
  id: 'reference',
  initial: 'reach_sms_send',
  states: {
    'reach_sms_send': { on: { SENT: 'reach_sms_await', UNREACHABLE: 'reach_app_send' } },
    'reach_sms_await': { on: { TIMEOUT: 'reach_app_send', RESPONSE: 'reach_app_send', ORDER: 'end-won' } },
    'reach_app_send': { on: { SENT: 'reach_app_await', UNREACHABLE: 'reach_call_send' } },
    'reach_app_await': { on: { TIMEOUT: 'end-lost', RESPONSE: 'reach_call_send', ORDER: 'end-won' } },
    'reach_call_send': { on: { SENT: 'reach_call_await', UNREACHABLE: 'end-lost' } },
    'reach_call_await': { on: { TIMEOUT: 'end-lost', RESPONSE: 'wait', ORDER: 'end-won' } },
    wait: { on: { WAKE: 'eval' } },
    eval: { always: [{ guard: ({ context }) => (context as { converted?: boolean }).converted === true, target: 'end-won' }, { target: 'end-lost' }] },
    'end-won': { type: 'final' },
    'end-lost': { type: 'final' },
  },
});
const DUE: Record<string, number> = { 'reach_sms_await': 24 * HOUR, 'reach_app_await': 48 * HOUR, 'reach_call_await': 24 * HOUR };
const SEND: Record<string, string> = { 'reach_sms_send': 'sms_hall', 'reach_app_send': 'app', 'reach_call_send': 'outbound_call' };

/**
 * Baseline: what a TypeScript developer would build without Linkage — one persisted XState snapshot
 * per customer; every transition hydrates the actor, sends the event, and persists the snapshot (and the
 * contact-log row for a send) to better-sqlite3; 1,000 customers per transaction.
 */
export function xstate(db: Db, n: number): ContenderResult {
  db.exec(`CREATE TABLE xs_journeys (customer_id INTEGER PRIMARY KEY, state TEXT NOT NULL, due_at INTEGER, snapshot TEXT NOT NULL);
    CREATE INDEX xs_due ON xs_journeys(due_at)`);
  const ins = db.prepare('INSERT INTO xs_journeys (customer_id, state, due_at, snapshot) VALUES (?, ?, ?, ?)');
  const upd = db.prepare('UPDATE xs_journeys SET state = ?, due_at = ?, snapshot = ? WHERE customer_id = ?');
  const get = db.prepare('SELECT snapshot FROM xs_journeys WHERE customer_id = ?').pluck();
  const contact = db.prepare(`INSERT INTO contacts (run_id, customer_id, state, attempt, channel, stage, cost, status, created_at) VALUES (1, ?, ?, ?, ?, 'publicity', 0, 'queued', ?)`);
  let attempt = 0;
  const persist = (id: number, actor: ReturnType<typeof createActor<typeof xsMachine>>, now: number, insert = false) => {
    const state = String(actor.getSnapshot().value);
    const snap = JSON.stringify(actor.getPersistedSnapshot());
    const due = DUE[state] !== undefined ? now + DUE[state]! : SEND[state] ? now : null;
    if (insert) ins.run(id, state, due, snap);
    else upd.run(state, due, snap, id);
  };
  const transition = (id: number, snapshot: string, type: string, now: number): string => {
    const actor = createActor(xsMachine, { snapshot: JSON.parse(snapshot) as Snapshot<unknown> }).start();
    const from = String(actor.getSnapshot().value);
    actor.send({ type });
    if (type === 'SENT') contact.run(id, from, ++attempt, SEND[from]!, now);
    persist(id, actor, now);
    const s = JSON.stringify(actor.getPersistedSnapshot());
    actor.stop();
    return s;
  };
  const ids = db.prepare('SELECT id FROM subscribers WHERE smartphone = 1 AND dnd = 0 AND opt_out_mask = 0 ORDER BY id').pluck().all() as number[];
  const inBatches = (list: number[], f: (id: number) => void) => {
    for (let i = 0; i < list.length; i += 1000) db.transaction(() => { for (const id of list.slice(i, i + 1000)) f(id); })();
  };
  const a = time(() => inBatches(ids, (id) => {
    const actor = createActor(xsMachine).start();
    persist(id, actor, T0, true);
    const snap = JSON.stringify(actor.getPersistedSnapshot());
    actor.stop();
    transition(id, snap, 'SENT', T0);
  }));
  const due = db.prepare('SELECT customer_id FROM xs_journeys WHERE due_at <= ? ORDER BY customer_id').pluck();
  const b = time(() => {
    const list = due.all(T1) as number[];
    inBatches(list, (id) => {
      const s = transition(id, get.get(id) as string, 'TIMEOUT', T1);
      transition(id, s, 'SENT', T1);
    });
  });
  const ev = feedEvents(n, (batch) => db.transaction(() => {
    for (const id of [...batch].sort((x, y) => x - y)) transition(id, get.get(id) as string, 'RESPONSE', T2);
  })());
  const c2 = time(() => {
    const list = db.prepare(`SELECT customer_id FROM xs_journeys WHERE state = 'reach_call_send' ORDER BY customer_id`).pluck().all() as number[];
    inBatches(list, (id) => { transition(id, get.get(id) as string, 'SENT', T2); });
  });
  const counts = stateCounts(db, `SELECT replace(state, '_', '.') AS state, count(*) AS n FROM xs_journeys GROUP BY state`);
  return { ms: { a, b, c: ev.ms + c2 }, latencies: ev.latencies, counts };
}
