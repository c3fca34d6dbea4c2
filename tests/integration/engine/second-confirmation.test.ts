import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { defaultMessageScript } from '../../../shared/flow/script.js';
import type { Machine } from '../../../shared/machine/types.js';
import type { Db } from '../../../server/db/open.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { CONTROL_STATE, FLAG } from '../../../server/engine/core/journey.js';
import { appliedUnconfirmedOrders, unconfirmedConversions } from './support/confirmation.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { agentQueue, agentQueueAdapter } from '../../../server/engine/channels/agent-queue.js';
import { simulate } from '../../../server/engine/simulation/simulate.js';
import { newEngine, openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { serveApp } from './support/http-app.js';
import { allSegment, end, machine, oneAgentCall, touch } from './support/machines.js';

let fx: Fixture | null = null;
let server: Server | null = null;
afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = null;
  fx?.close();
  fx = null;
});

/** A script that takes no orders (publicity: "reply 1 for details"). */
const infoScript = { ...defaultMessageScript(), replyKeywords: [{ keyword: '1', action: 'info' as const }], secondConfirmation: false };

/** One touch ending on each outcome; `script`: 'info' (takes no orders), 'msg' (takes orders, no confirmation asked) or 'msg2'. */
const oneTouch = (script: string, stage: 'publicity' | 'sales', over: Partial<Machine> = {}): Machine => {
  const m = machine([...touch('t', 'sms_hall', stage, { responded: 'resp', noResponse: 'none', converted: 'won', unreachable: 'lost' }, 48, script), end('resp'), end('none'), end('won'), end('lost')], over);
  return { ...m, scripts: { ...m.scripts, info: infoScript } };
};

async function eventsApi(on: Fixture): Promise<(b: unknown) => Promise<{ status: string; reason?: string }[]>> {
  const app = await serveApp(on, { EVENTS_API_KEY: 'k-test' });
  server = app.server;
  return async (b) => {
    const res = await fetch(`${app.base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k-test' }, body: JSON.stringify(b) });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { results: { status: string; reason?: string }[] };
    return json.results;
  };
}

const journey = (db: Db, runId: number, cu: number) =>
  db.prepare('SELECT state, flags FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, cu) as { state: string; flags: number };

describe('no conversion without a second confirmation (二次确认)', () => {
  it('POST /api/events: an unconfirmed order on a publicity touch is a response, on an order touch it waits; only the confirmed one converts', async () => {
    fx = openFixture(300);
    const pub = oneTouch('info', 'publicity', { flowId: 'pub' });
    const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
    const pubRun = startRun(fx.db, { flowId: pub.flowId, version: 1, machine: pub, clock: 'virtual' });
    const t0 = periodStart(pub) + 9 * HOUR;
    engine.tickSync(t0);
    const waiting = fx.db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 't.await' ORDER BY customer_id`).pluck().all(pubRun) as number[];
    const [a, b, c] = waiting as [number, number, number];
    const post = await eventsApi(fx);
    const res = await post([
      { id: 'o1', type: 'order', customerId: a, secondConfirmed: false },
      { id: 'o2', type: 'order', customerId: b },
      { id: 'o3', type: 'order', customerId: c, secondConfirmed: true },
    ]);
    expect(res.map((r) => r.status)).toEqual(['recorded', 'recorded', 'applied']);
    expect(res[0]!.reason).toMatch(/second confirmation/);
    expect(journey(fx.db, pubRun, a)).toMatchObject({ state: 'resp' });
    expect(journey(fx.db, pubRun, a).flags & FLAG.converted).toBe(0);
    expect(journey(fx.db, pubRun, b).state).toBe('resp');
    expect(journey(fx.db, pubRun, c).state).toBe('won');
    expect(runMetrics(fx.db, pubRun).conversions).toBe(1);

    // a script that takes orders but does not itself ask for the confirmation: the rule still holds
    const sales = oneTouch('msg', 'sales', { flowId: 'sales' });
    const salesRun = startRun(fx.db, { flowId: sales.flowId, version: 1, machine: sales, clock: 'virtual' });
    // the next day: today's cap of one contact went to the publicity run
    engine.tickSync(t0 + 24 * HOUR);
    const d = (fx.db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 't.await' ORDER BY customer_id`).pluck().all(salesRun) as number[])[0]!;
    expect((await post([{ id: 's1', type: 'order', customerId: d, runId: salesRun, secondConfirmed: false }]))[0]!.status).toBe('awaiting_confirmation');
    expect(journey(fx.db, salesRun, d)).toMatchObject({ state: 't.await' });
    expect(journey(fx.db, salesRun, d).flags & FLAG.converted).toBe(0);
    expect((await post([{ id: 's2', type: 'order', customerId: d, runId: salesRun, secondConfirmed: true }]))[0]!.status).toBe('applied');
    expect(journey(fx.db, salesRun, d).state).toBe('won');
    expect(unconfirmedConversions(fx.db)).toBe(0);
    expect(appliedUnconfirmedOrders(fx.db)).toBe(0);
  });

  it('POST /api/events: an unconfirmed order does not convert a control-group journey, nor is it answered applied', async () => {
    fx = openFixture(400);
    const treated = oneTouch('msg2', 'sales', { flowId: 'treated' });
    const held = oneTouch('msg2', 'sales', { flowId: 'held', entry: allSegment({ controlGroupPct: 50 }) });
    const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
    const a = startRun(fx.db, { flowId: treated.flowId, version: 1, machine: treated, clock: 'virtual' });
    const b = startRun(fx.db, { flowId: held.flowId, version: 1, machine: held, clock: 'virtual' });
    const t0 = periodStart(treated) + 9 * HOUR;
    engine.tickSync(t0);
    // A customer waiting on the order touch in run a and held out in run b.
    const cu = fx.db.prepare(`SELECT x.customer_id FROM journeys x JOIN journeys y ON y.customer_id = x.customer_id
      WHERE x.run_id = ? AND x.state = 't.await' AND y.run_id = ? AND y.state = '${CONTROL_STATE}' ORDER BY x.customer_id LIMIT 1`).pluck().get(a, b) as number;
    expect(cu).toBeGreaterThan(0);
    const post = await eventsApi(fx);
    const first = await post([{ id: 'c1', type: 'order', customerId: cu, secondConfirmed: false }]);
    expect(first[0]!.status).toBe('awaiting_confirmation');
    expect(journey(fx.db, b, cu).flags & FLAG.converted).toBe(0);
    expect(runMetrics(fx.db, b).evaluation.controlConversionRate).toBe(0);
    // the control journey alone (run b named): still no conversion, and not "applied"
    expect((await post([{ id: 'c2', type: 'order', customerId: cu, runId: b }]))[0]!.status).toBe('awaiting_confirmation');
    expect(journey(fx.db, b, cu).flags & FLAG.converted).toBe(0);
    const confirmed = await post([{ id: 'c3', type: 'order', customerId: cu, secondConfirmed: true }]);
    expect(confirmed[0]).toMatchObject({ status: 'applied' });
    expect(journey(fx.db, b, cu).flags & FLAG.converted).toBe(FLAG.converted);
    expect(journey(fx.db, a, cu).state).toBe('won');
    expect(unconfirmedConversions(fx.db)).toBe(0);
  });

  it('an agent disposition sent as an event converts only with an explicit second confirmation', () => {
    fx = openFixture(200);
    const m = oneAgentCall();
    const engine = newEngine(fx.db, { channels: () => ({ adapters: { outbound_call: agentQueueAdapter }, defaultAdapter: quiet }) });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 10 * HOUR;
    engine.tickSync(t0);
    const [q0, q1] = agentQueue(fx.db, { channel: 'outbound_call', now: t0, limit: 10 });
    const res = engine.ingest([
      { id: 'd1', type: 'disposition', customerId: q0!.customerId, queueId: q0!.id, disposition: 'accepted' },
      { id: 'd2', type: 'disposition', customerId: q1!.customerId, queueId: q1!.id, disposition: 'accepted', secondConfirmed: true },
    ], t0 + HOUR);
    expect(res.map((r) => r.status)).toEqual(['awaiting_confirmation', 'applied']);
    expect(journey(fx.db, runId, q0!.customerId).flags & FLAG.converted).toBe(0);
    expect(journey(fx.db, runId, q1!.customerId).state).toBe('won');
  });

  it('simulate: conversions count only explicitly confirmed orders (the simulated world draws unconfirmed ones too)', async () => {
    fx = openFixture(4000, 11);
    const doc = JSON.parse(readFileSync('flows/data-pack-upsell.json', 'utf8')) as FlowDocument;
    const s = await simulate(doc, { customers: 4000, seed: 11, days: 20, db: fx.db });
    const unconfirmed = fx.db.prepare(`SELECT count(*) FROM events WHERE type = 'order' AND data LIKE '%"secondConfirmed":false%'`).pluck().get() as number;
    // the world did produce unconfirmed orders, and none of them counted
    expect(unconfirmed).toBeGreaterThan(0);
    expect(s.conversions).toBeGreaterThan(0);
    expect(appliedUnconfirmedOrders(fx.db)).toBe(0);
    expect(unconfirmedConversions(fx.db)).toBe(0);
    const confirmedOrders = fx.db.prepare(`SELECT count(DISTINCT customer_id) FROM events WHERE type = 'order' AND status = 'applied' AND run_id IS NOT NULL`).pluck().get() as number;
    expect(s.conversions).toBeLessThanOrEqual(confirmedOrders);
  });
});
