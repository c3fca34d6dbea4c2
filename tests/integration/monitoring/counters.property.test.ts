import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { Db } from '../../../server/db/open.js';
import type { ChannelAdapter } from '../../../server/engine/channels/adapter.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { CONTROL_STATE, FLAG } from '../../../server/engine/core/journey.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { abandonOutbox, dispatchOutbox } from '../../../server/engine/runtime/outbox.js';
import { readCounters } from '../../../server/engine/store/counters.js';
import { recountRun } from '../../../server/engine/store/counters-recount.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { getRun, startRun, stopRun } from '../../../server/engine/store/runs.js';
import { runVirtualToEnd } from '../../../server/engine/simulation/virtual-clock.js';
import { runDashboard } from '../../../server/monitoring/dashboard.js';
import { evaluationReport } from '../../../server/monitoring/report.js';
import { openFixture, periodStart, type Fixture } from '../engine/support/fixture.js';
import { allSegment, end, machine, touch } from '../engine/support/machines.js';

/**
 * Run counters (#18 item 5) against the tables they count: random small flows run to completion (and
 * runs stopped or abandoned half way), then the counters the engine kept in its write transactions must
 * equal a recount from the journeys, contacts and grants, and the dashboard's and report's figures must
 * equal plain scans of the tables (the aggregates as they were computed before the counters).
 */
let fixtures: Fixture[] = [];
afterEach(() => { fixtures.forEach((f) => f.close()); fixtures = []; });

const nonZero = (m: Map<string, [number, number]>) =>
  Object.fromEntries([...m].filter(([, [n, a]]) => n !== 0 || Math.abs(a) > 1e-6).map(([k, [n, a]]) => [k, [n, Math.round(a * 100) / 100]]));

/** The counters as kept, and as rebuilt from the tables: equal. */
function expectCountersMatchTables(db: Db, runId: number): void {
  const kept = nonZero(readCounters(db, runId));
  recountRun(db, runId);
  expect(kept).toEqual(nonZero(readCounters(db, runId)));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The figures the dashboard and report showed before the counters, by scanning the tables. */
function expectFiguresMatchScans(db: Db, runId: number): void {
  const run = getRun(db, runId)!;
  const metrics = runMetrics(db, runId);
  const states = Object.fromEntries((db.prepare('SELECT state, count(*) AS n FROM journeys WHERE run_id = ? GROUP BY state').all(runId) as { state: string; n: number }[]).map((r) => [r.state, Number(r.n)]));
  expect(metrics.states).toEqual(states);
  const outcomes = Object.fromEntries((db.prepare('SELECT outcome, count(*) AS n FROM journeys WHERE run_id = ? AND ended_at IS NOT NULL GROUP BY outcome').all(runId) as { outcome: string; n: number }[]).map((r) => [r.outcome, Number(r.n)]));
  expect(metrics.outcomes).toEqual(outcomes);
  expect(metrics.active).toBe(Number(db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND ended_at IS NULL AND state <> '${CONTROL_STATE}'`).pluck().get(runId)));
  const k = db.prepare(`SELECT count(*) AS treated, count(*) FILTER (WHERE (flags & ${FLAG.contacted}) <> 0) AS contacted,
      count(*) FILTER (WHERE (flags & ${FLAG.responded}) <> 0) AS responded, count(*) FILTER (WHERE (flags & ${FLAG.converted}) <> 0) AS converted
      FROM journeys WHERE run_id = ? AND state <> '${CONTROL_STATE}'`).get(runId) as Record<string, number>;
  expect({ responses: metrics.responses, conversions: metrics.conversions, treated: metrics.enrolled - metrics.control })
    .toEqual({ responses: Number(k.responded), conversions: Number(k.converted), treated: Number(k.treated) });
  const channels = Object.fromEntries((db.prepare(`SELECT channel, count(*) FILTER (WHERE status IN ('sent','queued','failed')) AS contacts, count(*) FILTER (WHERE status = 'sent') AS delivered,
      count(*) FILTER (WHERE status = 'failed') AS failed, coalesce(sum(cost), 0) AS cost FROM contacts WHERE run_id = ? GROUP BY channel`).all(runId) as
      { channel: string; contacts: number; delivered: number; failed: number; cost: number }[]).filter((r) => Number(r.contacts) > 0)
    .map((r) => [r.channel, { contacts: Number(r.contacts), delivered: Number(r.delivered), failed: Number(r.failed), cost: round2(Number(r.cost)) }]));
  expect(Object.fromEntries(Object.entries(metrics.channels).map(([c, v]) => [c, { contacts: v.contacts, delivered: v.delivered, failed: v.failed, cost: v.cost }]))).toEqual(channels);
  const suppressed: Record<string, number> = {};
  for (const r of db.prepare(`SELECT reason, count(*) AS n FROM contacts WHERE run_id = ? AND status IN ('suppressed','unreachable') GROUP BY reason`).all(runId) as { reason: string; n: number }[]) {
    const key = r.reason.startsWith('priority:') ? 'priority' : r.reason;
    suppressed[key] = (suppressed[key] ?? 0) + Number(r.n);
  }
  for (const [o, n] of Object.entries(outcomes)) if (o === 'budget_exhausted' || o === 'period_ended' || o === 'undelivered') suppressed[o] = (suppressed[o] ?? 0) + n;
  expect(metrics.suppressed).toEqual(suppressed);
  const outbox = db.prepare(`SELECT count(*) FILTER (WHERE c.status = 'queued' AND q.run_id IS NULL) AS queued, count(*) FILTER (WHERE c.status = 'failed' AND c.reason = 'undelivered') AS undelivered
    FROM contacts c LEFT JOIN agent_queue q ON q.run_id = c.run_id AND q.customer_id = c.customer_id AND q.state = c.state AND q.attempt = c.attempt
    WHERE c.run_id = ? AND c.status IN ('queued', 'failed')`).get(runId) as { queued: number; undelivered: number };
  expect(metrics.outbox).toEqual({ queued: Number(outbox.queued), undelivered: Number(outbox.undelivered) });
  const grants = db.prepare(`SELECT count(*) FILTER (WHERE result = 'granted') AS granted, coalesce(sum(cost), 0) AS cost FROM grants WHERE run_id = ?`).get(runId) as { granted: number; cost: number };
  expect({ granted: metrics.grants.granted, cost: metrics.grants.cost }).toEqual({ granted: Number(grants.granted), cost: round2(Number(grants.cost)) });

  const report = evaluationReport(db, runId);
  const groups = (db.prepare(`SELECT s.group_id AS key, count(*) FILTER (WHERE j.state <> '${CONTROL_STATE}') AS treated,
      count(*) FILTER (WHERE j.state <> '${CONTROL_STATE}' AND (j.flags & ${FLAG.contacted}) <> 0) AS contacted,
      count(*) FILTER (WHERE j.state <> '${CONTROL_STATE}' AND (j.flags & ${FLAG.converted}) <> 0) AS converted,
      count(*) FILTER (WHERE j.state = '${CONTROL_STATE}') AS control
    FROM journeys j JOIN subscribers s ON s.id = j.customer_id WHERE j.run_id = ? GROUP BY s.group_id`).all(runId) as Record<string, string | number>[])
    .map((r) => ({ key: r.key, treated: Number(r.treated), contacted: Number(r.contacted), converted: Number(r.converted), control: Number(r.control) }));
  const groupCost = new Map((db.prepare('SELECT s.group_id AS g, coalesce(sum(c.cost), 0) AS cost FROM contacts c JOIN subscribers s ON s.id = c.customer_id WHERE c.run_id = ? GROUP BY s.group_id')
    .all(runId) as { g: string; cost: number }[]).map((r) => [r.g, round2(Number(r.cost))]));
  const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
  expect(byKey(report.byGroup.map((g) => ({ key: g.key, treated: g.treated, contacted: g.contacted, converted: g.converted, control: g.control }))))
    .toEqual(byKey(groups as { key: string; treated: number; contacted: number; converted: number; control: number }[]));
  for (const g of report.byGroup) expect(g.cost).toBe(groupCost.get(g.key) ?? 0);

  const dash = runDashboard(db, runId, 'day', run.clock === 'virtual' ? (run.virtualNow ?? Date.now()) : Date.now());
  const dayContacts = Number(db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status IN ('sent','queued','failed')`).pluck().get(runId));
  expect(dash.daily.reduce((a, d) => a + d.contacts, 0)).toBe(dayContacts);
  expect(dash.timeline.points.reduce((a, p) => a + p.contacts, 0)).toBe(dayContacts);
}

/** Delivers every second outbox contact, fails every fifth, and leaves the rest queued. */
const outbox: ChannelAdapter = {
  name: 'outbox', mode: 'outbox',
  deliver: async (batch) => batch.map((c) => (c.customerId % 5 === 0 ? { status: 'failed' as const, reason: 'rejected' } : c.customerId % 2 === 0 ? { status: 'sent' as const, providerId: `p${c.customerId}` } : { status: 'retry' as const, reason: 'busy' })),
};

describe('run counters', () => {
  it('equal the tables after random flows run to completion (property)', async () => {
    const channels: ChannelId[] = ['bulk_sms', 'sms_hall', 'app', 'outbound_call', 'wechat', 'store'];
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ channel: fc.constantFrom(...channels), timeout: fc.constantFrom(0, 12, 48), stage: fc.constantFrom('publicity' as const, 'experience' as const, 'sales' as const) }), { minLength: 1, maxLength: 3 }),
      fc.record({ control: fc.constantFrom(0, 10), budget: fc.constantFrom(0, 40), seed: fc.integer({ min: 1, max: 40 }), capacity: fc.constantFrom<number | null>(null, 30) }),
      async (touches, p) => {
        const f = openFixture(400, p.seed);
        fixtures.push(f);
        const ids = touches.map((_, i) => `t${i}`);
        const next = (i: number, last: string) => (ids[i + 1] ? `${ids[i + 1]}.send` : last);
        const states = touches.flatMap((t, i) => touch(ids[i]!, t.channel, t.stage, { responded: next(i, 'done'), noResponse: next(i, 'done'), converted: 'won', unreachable: next(i, 'lost') },
          t.timeout, t.channel === 'outbound_call' || t.channel === 'store' ? 'agent' : 'msg'));
        const m = machine([...states, end('done'), end('won'), end('lost')], {
          entry: allSegment({ controlGroupPct: p.control }),
          goal: { reach: 1, responses: 1, conversions: 1, revenue: 1, budget: p.budget, evaluationDays: 0 },
          contactPolicy: p.capacity ? { channelCapacity: { [touches[0]!.channel]: p.capacity } } : {},
        });
        const runId = startRun(f.db, { flowId: m.flowId, version: 1, machine: m, seed: p.seed, clock: 'virtual', now: periodStart(m) });
        runVirtualToEnd(new Engine(f.db), runId);
        expectCountersMatchTables(f.db, runId);
        expectFiguresMatchScans(f.db, runId);
      },
    ), { numRuns: 8, seed: 18 });
  });

  it('equal the tables through outbox delivery, failures, an abandoned outbox and a stop', async () => {
    const f = openFixture(300, 3);
    fixtures.push(f);
    const m = machine([...touch('a', 'app', 'publicity', { responded: 'b.send', noResponse: 'b.send', converted: 'won', unreachable: 'lost' }, 24),
      ...touch('b', 'sms_hall', 'sales', { responded: 'done', noResponse: 'done', converted: 'won', unreachable: 'lost' }, 24), end('done'), end('won'), end('lost')],
    { entry: allSegment({ controlGroupPct: 10 }) });
    const t0 = periodStart(m) + 10 * HOUR;
    const ch = { adapters: {}, defaultAdapter: outbox };
    const runId = startRun(f.db, { flowId: m.flowId, version: 1, machine: m, seed: 1, clock: 'virtual', now: t0 });
    const engine = new Engine(f.db, { channels: () => ch });
    engine.tickSync(t0, 'virtual');
    await dispatchOutbox(f.db, getRun(f.db, runId)!, ch, t0 + HOUR);
    expectCountersMatchTables(f.db, runId);
    engine.tickSync(t0 + 25 * HOUR, 'virtual');
    await dispatchOutbox(f.db, getRun(f.db, runId)!, ch, t0 + 26 * HOUR);
    expectCountersMatchTables(f.db, runId);
    expect(abandonOutbox(f.db, getRun(f.db, runId)!, ch, t0 + 27 * HOUR)).toBeGreaterThan(0);
    expect(stopRun(f.db, runId, t0 + 28 * HOUR)).toBe(true);
    expectCountersMatchTables(f.db, runId);
    expectFiguresMatchScans(f.db, runId);
    expect(runMetrics(f.db, runId).outbox.undelivered).toBeGreaterThan(0);
  });
});
