import { afterEach, describe, expect, it } from 'vitest';
import { agentQueueAdapter } from '../../../server/engine/channels/agent-queue.js';
import { DAY, HOUR, localDay } from '../../../server/engine/core/clock.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { drive, newEngine, openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { end, machine, touch } from './support/machines.js';

/** One outbound call per customer; the flow may use `share` of the call centre's 8,000 a day. */
const callFlow = (flowId: string, share?: number) => machine(
  [...touch('call', 'outbound_call', 'sales', { responded: 'done', noResponse: 'done', converted: 'done', unreachable: 'done' }, 24, 'agent'), end('done')],
  { flowId, contactPolicy: share === undefined ? {} : { channelCapacity: { outbound_call: share } } },
);

let fx: Fixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

/** Customers of the run the call centre can reach at all (not dnd, not opted out of calls). */
const reachable = (runId: number) => (fx!.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ?`).pluck().get(runId) as number)
  - (fx!.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'unreachable'`).pluck().get(runId) as number);

const perDay = (runId: number) => (fx!.db.prepare(`SELECT created_at FROM contacts WHERE run_id = ? AND channel = 'outbound_call' AND status IN ('sent','queued','failed')`)
  .pluck().all(runId) as number[]).reduce((m, t) => m.set(localDay(t), (m.get(localDay(t)) ?? 0) + 1), new Map<number, number>());

describe('a flow\'s share of a channel\'s daily capacity (contactPolicy.channelCapacity)', () => {
  it('per-customer path: at most the share a day, the rest held to the next day with the reason, nobody dropped', () => {
    fx = openFixture(300);
    const m = callFlow('share-40', 40);
    const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 9 * HOUR;
    engine.tickSync(t0);
    expect(perDay(runId).get(localDay(t0))).toBe(40);
    expect(fx.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'suppressed' AND reason = 'flow_capacity:outbound_call'`).pluck().get(runId)).toBe(reachable(runId) - 40);
    drive(engine, runId, t0 + HOUR, t0 + 20 * DAY);
    const days = perDay(runId);
    expect(Math.max(...days.values())).toBe(40);
    expect([...days.values()].reduce((a, b) => a + b, 0)).toBe(reachable(runId));
    // the counter the engine checks is the contact log's count, day by day
    const counters = fx.db.prepare(`SELECT day, used FROM run_channel_usage WHERE run_id = ? AND channel = 'outbound_call'`).all(runId) as { day: number; used: number }[];
    expect(new Map(counters.map((r) => [r.day, r.used]))).toEqual(days);
  });

  it('set-based (SQL) path: counts into the same per-run counter, and gives way to the per-customer path when the share binds', () => {
    fx = openFixture(300);
    const agents = () => ({ adapters: { outbound_call: agentQueueAdapter }, defaultAdapter: quiet });
    const roomy = callFlow('share-1000', 1000);
    const engine = newEngine(fx.db, { channels: agents });
    const r1 = startRun(fx.db, { flowId: roomy.flowId, version: 1, machine: roomy, clock: 'virtual' });
    const t0 = periodStart(roomy) + 9 * HOUR;
    engine.tickSync(t0);
    expect(fx.db.prepare(`SELECT used FROM run_channel_usage WHERE run_id = ? AND channel = 'outbound_call' AND day = ?`).pluck().get(r1, localDay(t0))).toBe(reachable(r1));

    fx.close();
    fx = openFixture(300);
    const tight = callFlow('share-25', 25);
    const e2 = newEngine(fx.db, { channels: agents });
    const r2 = startRun(fx.db, { flowId: tight.flowId, version: 1, machine: tight, clock: 'virtual' });
    e2.tickSync(t0);
    expect(perDay(r2).get(localDay(t0))).toBe(25);
    expect(fx.db.prepare(`SELECT count(*) FROM agent_queue WHERE run_id = ?`).pluck().get(r2)).toBe(25);
  });

  it('is the flow\'s own: another flow without a share still uses the centre\'s capacity the same day', () => {
    fx = openFixture(300);
    const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
    const a = callFlow('a-share-30', 30);
    const b = callFlow('b-no-share');
    const ra = startRun(fx.db, { flowId: a.flowId, version: 1, machine: a, clock: 'virtual' });
    const rb = startRun(fx.db, { flowId: b.flowId, version: 1, machine: { ...b, priority: 40 }, clock: 'virtual' });
    const t0 = periodStart(a) + 9 * HOUR;
    engine.tickSync(t0);
    expect(perDay(ra).get(localDay(t0))).toBe(30);
    // b's customers are the same; the 30 a contacted are at their daily cap, so b reaches all the others
    expect(perDay(rb).get(localDay(t0))).toBe(reachable(rb) - 30);
  });
});
