import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../../shared/catalogue/channels.js';
import { insertionOrder } from '../../../server/db/dialect.js';
import type { Db } from '../../../server/db/open.js';
import type { ChannelAdapter } from '../../../server/engine/channels/adapter.js';
import { agentQueueAdapter } from '../../../server/engine/channels/agent-queue.js';
import { DAY, HOUR, localDay } from '../../../server/engine/core/clock.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import type { ContactPolicy } from '../../../server/engine/core/policy.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { openFixture, periodStart, type Fixture } from './support/fixture.js';
import { allSegment, end, machine, touch } from './support/machines.js';

/**
 * Set-based sends must write exactly what the per-customer `step()` path writes: the same journeys,
 * contact log, agent queue, traces (per customer, in order), cap counters, channel usage, node counts
 * and spend — on random flows, policies and customers (dnd, opt-outs, feature phones, prior contacts).
 */
const outbox: ChannelAdapter = { name: 'outbox', mode: 'outbox', deliver: async (b) => b.map(() => ({ status: 'retry' as const, reason: 'test' })) };
const AGENT = new Set<ChannelId>(['outbound_call', 'store']);

let fixtures: Fixture[] = [];
afterEach(() => { fixtures.forEach((f) => f.close()); fixtures = []; });

function dump(db: Db, runId: number) {
  const traces = db.prepare(`SELECT customer_id, at, state, code, detail FROM traces WHERE run_id = ? ORDER BY customer_id, ${insertionOrder(db)}`).all(runId);
  return {
    journeys: db.prepare('SELECT customer_id, state, due_at, flags, attempt, lane, entered_at, updated_at, ended_at, outcome, entries FROM journeys WHERE run_id = ? ORDER BY customer_id').all(runId),
    contacts: db.prepare('SELECT customer_id, state, attempt, channel, stage, cost, status, reason, provider_id, created_at, sent_at FROM contacts WHERE run_id = ? ORDER BY customer_id, attempt').all(runId),
    agent: db.prepare('SELECT customer_id, state, attempt, channel, stage, script, status, available_at, created_at FROM agent_queue WHERE run_id = ? ORDER BY customer_id, attempt').all(runId),
    traces,
    counts: db.prepare('SELECT * FROM contact_counts ORDER BY customer_id, day, channel').all(),
    usage: db.prepare('SELECT * FROM channel_usage ORDER BY channel, day').all(),
    nodes: db.prepare('SELECT node, entered FROM node_counts WHERE run_id = ? ORDER BY node').all(runId),
    spent: Math.round((db.prepare('SELECT spent FROM runs WHERE id = ?').pluck().get(runId) as number) * 1e6) / 1e6,
  };
}

describe('set-based sends', () => {
  it('write the same rows as the per-customer path (property)', async () => {
    const channels: ChannelId[] = ['sms_hall', 'app', 'outbound_call', 'wechat', 'store'];
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ channel: fc.constantFrom(...channels), timeout: fc.constantFrom(0, 12, 24), stage: fc.constantFrom('publicity' as const, 'sales' as const) }), { minLength: 1, maxLength: 3 }),
      fc.record({
        daily: fc.integer({ min: 1, max: 3 }), weekly: fc.integer({ min: 1, max: 6 }),
        hours: fc.constantFrom<[number, number] | null>(null, [8, 22], [12, 14]),
        capacity: fc.constantFrom(100_000, 600, 5), budget: fc.constantFrom(0, 50, 100_000),
        fallback: fc.constantFrom<ChannelId | null>(null, 'sms_hall', 'wechat'),
        prior: fc.integer({ min: 0, max: 3 }), seed: fc.integer({ min: 1, max: 50 }),
      }),
      async (touches, p) => {
        const ids = touches.map((_, i) => `t${i}`);
        const states = touches.flatMap((t, i) => touch(ids[i]!, t.channel, t.stage, {
          responded: ids[i + 1] ? `${ids[i + 1]}.send` : 'done', noResponse: ids[i + 1] ? `${ids[i + 1]}.send` : 'done', converted: 'won', unreachable: ids[i + 1] ? `${ids[i + 1]}.send` : 'lost',
        }, t.timeout, AGENT.has(t.channel) ? 'agent' : 'msg'));
        const m = machine([...states, end('done'), end('won'), end('lost')], {
          entry: allSegment({ controlGroupPct: 5 }),
          goal: { reach: 1, responses: 1, conversions: 1, revenue: 1, budget: p.budget, evaluationDays: 0 },
          contactPolicy: p.fallback ? { fallbackChannel: p.fallback } : {},
        });
        const policy: ContactPolicy = {
          dailyCap: p.daily, weeklyCap: p.weekly,
          channels: Object.fromEntries(channels.map((c) => [c, { capacity: p.capacity, ...(p.hours ? { contactHours: p.hours } : {}), ...(c === 'app' ? { dailyCap: 1 } : {}) }])),
        };
        const results = [true, false].map((setBasedSends) => {
          const fx = openFixture(500, p.seed);
          fixtures.push(fx);
          const t0 = periodStart(m) + 9 * HOUR;
          // prior contacts by another flow, so caps and arbitration bind for some customers
          const ins = fx.db.prepare('INSERT INTO contact_counts (customer_id, day, channel, n, run_id, priority) VALUES (?, ?, ?, ?, 999, 90)');
          for (let c = 1; c <= 500; c += 3) ins.run(c, localDay(t0) - (c % 4), 'bulk_sms', 1 + ((c + p.prior) % 3));
          const engine = new Engine(fx.db, { policy, batchSize: 64, setBasedSends, channels: () => ({ adapters: Object.fromEntries([...AGENT].map((c) => [c, agentQueueAdapter])), defaultAdapter: outbox }) });
          const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual', now: t0 });
          for (let k = 0; k < 8; k++) engine.tickSync(t0 + k * 12 * HOUR);
          engine.tickSync(t0 + 5 * DAY);
          return dump(fx.db, runId);
        });
        expect(results[0]).toEqual(results[1]);
      },
    ), { numRuns: 12 });
  }, 120_000);
});
