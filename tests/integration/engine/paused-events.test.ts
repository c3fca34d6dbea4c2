import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../../server/engine/core/clock.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { newEngine, openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { serveApp } from './support/http-app.js';
import { oneSmsTouch } from './support/machines.js';

let fx: Fixture | null = null;
let server: Server | null = null;
afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = null;
  fx?.close();
  fx = null;
});

describe('events while a run is paused', () => {
  it('POST /api/events: stored and answered deferred, applied on resume in arrival order, once', async () => {
    fx = openFixture(300);
    const m = oneSmsTouch();
    const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 9 * HOUR;
    engine.tickSync(t0);
    const [a, b, c] = fx.db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 't.await' ORDER BY customer_id`).pluck().all(runId) as [number, number, number];
    const app = await serveApp(fx, { EVENTS_API_KEY: 'k-test' }, { engine });
    server = app.server;
    const post = async (body: unknown) => {
      const res = await fetch(`${app.base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k-test' }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { results: { status: string; reason?: string }[] }).results;
    };
    const state = (cu: number) => fx!.db.prepare('SELECT state FROM journeys WHERE run_id = ? AND customer_id = ?').pluck().get(runId, cu);

    expect(engine.pauseRun(runId)).toBe(true);
    const res = await post([
      { id: 'p1', type: 'response', customerId: a },
      { id: 'p2', type: 'order', customerId: b, secondConfirmed: true },
      // c: a response, then an order — in arrival order the response ends the journey first
      { id: 'p3', type: 'response', customerId: c },
      { id: 'p4', type: 'order', customerId: c, secondConfirmed: true },
    ]);
    expect(res.map((r) => r.status)).toEqual(['deferred', 'deferred', 'deferred', 'deferred']);
    expect(res[0]!.reason).toMatch(/paused/);
    // a repeat of a deferred event is a duplicate, not a second deferred copy
    expect((await post([{ id: 'p1', type: 'response', customerId: a }]))[0]!.status).toBe('duplicate');
    // nothing moves while paused, however late the tick
    engine.tickSync(t0 + 2 * HOUR);
    expect([state(a), state(b), state(c)]).toEqual(['t.await', 't.await', 't.await']);

    expect(engine.resumeRun(runId)).toBe(true);
    engine.tickSync(t0 + 3 * HOUR);
    expect([state(a), state(b), state(c)]).toEqual(['resp', 'won', 'resp']);
    const applied = fx.db.prepare(`SELECT idem_key, status FROM events WHERE run_id = ? AND idem_key LIKE 'p%' ORDER BY id`).all(runId) as { idem_key: string; status: string }[];
    expect(applied.map((e) => e.status)).toEqual(['applied', 'applied', 'applied', 'late']);
    // once: later ticks find nothing pending, and each journey has one response / order trace
    engine.tickSync(t0 + 4 * HOUR);
    expect(fx.db.prepare(`SELECT count(*) FROM events WHERE status = 'pending' AND idem_key LIKE 'p%'`).pluck().get()).toBe(0);
    expect(fx.db.prepare(`SELECT count(*) FROM traces WHERE run_id = ? AND customer_id IN (?, ?, ?) AND code IN ('response', 'order')`).pluck().get(runId, a, b, c)).toBe(3);
  });

  it('events for a stopped run are still late, not deferred', () => {
    fx = openFixture(100);
    const m = oneSmsTouch();
    const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 9 * HOUR;
    engine.tickSync(t0);
    const a = fx.db.prepare(`SELECT min(customer_id) FROM journeys WHERE run_id = ? AND state = 't.await'`).pluck().get(runId) as number;
    engine.stopRun(runId, t0 + HOUR);
    expect(engine.ingest([{ id: 'q1', type: 'response', customerId: a }], t0 + 2 * HOUR)[0]).toMatchObject({ status: 'late' });
    expect(fx.db.prepare(`SELECT count(*) FROM events WHERE status = 'pending'`).pluck().get()).toBe(0);
  });
});
