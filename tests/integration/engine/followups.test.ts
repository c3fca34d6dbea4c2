import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { PRODUCT_BY_ID } from '../../../shared/catalogue/products.js';
import { createSession, SESSION_COOKIE } from '../../../server/auth/sessions.js';
import { agentQueue, agentQueueAdapter, disposeItem, MAX_TRIES } from '../../../server/engine/channels/agent-queue.js';
import { SimulatedGateway } from '../../../server/engine/channels/simulated.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { FLAG } from '../../../server/engine/core/journey.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { engineRunControl } from '../../../server/engine/runtime/run-control.js';
import { getRun, startRun } from '../../../server/engine/store/runs.js';
import { evaluationReport } from '../../../server/monitoring/report.js';
import { newEngine, openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { serveApp } from './support/http-app.js';
import { end, machine, touch } from './support/machines.js';

const quietChannels = () => ({ adapters: {}, defaultAdapter: quiet });

let fx: Fixture | null = null;
let server: Server | null = null;
afterEach(async () => {
  fx?.close();
  fx = null;
  if (server) await new Promise((r) => server!.close(r));
  server = null;
});

describe('best_fit routing uses the learned response rates', () => {
  it('a new run routes a group to the channel whose learned estimate now dominates (nothing cached)', () => {
    fx = openFixture(1500);
    const db = fx.db;
    const lanes = ['sms_hall', 'app', 'outbound_call', 'store'] as const;
    const route = (flowId: string) => machine([
      { id: 'lk', node: 'lk', kind: 'route', mode: 'best_fit', otherwise: 'none', branches: lanes.map((c) => ({ guard: { kind: 'always' as const }, target: `end-${c}`, channel: c })) },
      ...lanes.map((c) => end(`end-${c}`)), end('none'),
    ], { flowId });
    const engine = newEngine(db, { channels: quietChannels });
    const category = PRODUCT_BY_ID['dp_10g']!.category;
    // reachable on every lane, so only the ranking decides
    const students = `SELECT j.state FROM journeys j JOIN subscribers s ON s.id = j.customer_id
      WHERE j.run_id = ? AND s.group_id = 'student' AND s.dnd = 0 AND s.opt_out_mask = 0 AND s.smartphone = 1`;
    const m1 = route('fit-1');
    const run1 = startRun(db, { flowId: m1.flowId, version: 1, machine: m1, clock: 'virtual' });
    engine.tickSync(periodStart(m1) + 10 * HOUR);
    const before = db.prepare(students).pluck().all(run1) as string[];
    expect(before.length).toBeGreaterThan(10);
    // pick a lane students did not go to, and let learning make it dominate
    const x = lanes.find((c) => !before.includes(`end-${c}`))!;
    expect(x).toBeDefined();
    db.prepare('UPDATE response_estimates SET alpha = 1, beta = 999 WHERE group_id = ? AND category = ?').run('student', category);
    db.prepare('UPDATE response_estimates SET alpha = 900, beta = 100 WHERE group_id = ? AND channel_id = ? AND category = ?').run('student', x, category);
    const m2 = route('fit-2');
    const run2 = startRun(db, { flowId: m2.flowId, version: 1, machine: m2, clock: 'virtual' });
    engine.tickSync(periodStart(m2) + 10 * HOUR + 1);
    const after = db.prepare(students).pluck().all(run2) as string[];
    expect(after.length).toBe(before.length);
    expect(new Set(after)).toEqual(new Set([`end-${x}`]));
    // the trace says why: the combined score
    const why = db.prepare(`SELECT detail FROM traces WHERE run_id = ? AND code = 'route' LIMIT 1`).pluck().get(run2) as string;
    expect(why).toMatch(/fit \d\.\d{3}/);
  });
});

describe('the simulated world', () => {
  it('takes its true response rates from response_priors when learning has moved a cell', () => {
    fx = openFixture(10);
    const db = fx.db;
    const cell = db.prepare(`SELECT group_id AS g, channel_id AS c, alpha, beta FROM response_estimates WHERE category = 'data_pack' LIMIT 2`).all() as { g: string; c: string; alpha: number; beta: number }[];
    const [moved, kept] = [cell[0]!, cell[1]!];
    // learning keeps the seeded prior and moves the estimate (as learnFromRun does)
    db.prepare(`INSERT INTO response_priors (group_id, channel_id, category, alpha, beta) VALUES (?, ?, 'data_pack', ?, ?) ON CONFLICT DO NOTHING`).run(moved.g, moved.c, moved.alpha, moved.beta);
    db.prepare(`UPDATE response_estimates SET alpha = 1, beta = 9999 WHERE group_id = ? AND channel_id = ? AND category = 'data_pack'`).run(moved.g, moved.c);
    db.prepare(`UPDATE response_estimates SET alpha = 3, beta = 7 WHERE group_id = ? AND channel_id = ? AND category = 'data_pack'`).run(kept.g, kept.c);
    const sim = new SimulatedGateway(db, { seed: 1, category: 'data_pack' });
    expect(sim.responseRate(moved.g, moved.c)).toBeCloseTo(moved.alpha / (moved.alpha + moved.beta), 10);
    // a cell learning never touched has no prior row: its (seeded) estimate is the world
    expect(sim.responseRate(kept.g, kept.c)).toBeCloseTo(0.3, 10);
  });
});

describe('agent-queue contacts follow the call', () => {
  it('reached → sent and contacted (metrics, funnel and report count them); no answer after the last try → failed', () => {
    fx = openFixture(300);
    const db = fx.db;
    const m = machine([...touch('call', 'outbound_call', 'sales', { responded: 'resp', noResponse: 'lost', converted: 'won', unreachable: 'lost' }, 72, 'agent'), end('resp'), end('won'), end('lost')]);
    const engine = newEngine(db, { channels: () => ({ adapters: { outbound_call: agentQueueAdapter }, defaultAdapter: quiet }) });
    const runId = startRun(db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 10 * HOUR;
    engine.tickSync(t0);
    const items = agentQueue(db, { channel: 'outbound_call', now: t0, limit: 10 });
    expect(items.length).toBe(10);
    expect(runMetrics(db, runId).evaluation.contactRate).toBe(0);
    const contact = (c: number) => db.prepare('SELECT status, sent_at, reason FROM contacts WHERE run_id = ? AND customer_id = ?').get(runId, c) as { status: string; sent_at: number | null; reason: string | null };
    const flags = (c: number) => db.prepare('SELECT flags FROM journeys WHERE run_id = ? AND customer_id = ?').pluck().get(runId, c) as number;
    const [acc, dec, cb, na] = items;
    const t1 = t0 + HOUR;
    expect(disposeItem(db, { queueId: acc!.id, disposition: 'accepted', secondConfirmed: true }, t1).status).toBe('applied');
    expect(disposeItem(db, { queueId: dec!.id, disposition: 'declined' }, t1).status).toBe('applied');
    expect(disposeItem(db, { queueId: cb!.id, disposition: 'callback', callbackAt: t1 + 5 * HOUR }, t1).status).toBe('recorded');
    for (const c of [acc!, dec!, cb!]) {
      expect(contact(c.customerId)).toMatchObject({ status: 'sent', sent_at: t1 });
      expect(flags(c.customerId) & FLAG.contacted).toBe(FLAG.contacted);
    }
    for (let i = 0; i < MAX_TRIES; i++) disposeItem(db, { queueId: na!.id, disposition: 'no_answer' }, t1 + i * 3 * HOUR);
    expect(contact(na!.customerId)).toMatchObject({ status: 'failed', reason: 'no_answer' });
    expect(flags(na!.customerId) & FLAG.contacted).toBe(0);
    const untouched = items[4]!;
    expect(contact(untouched.customerId).status).toBe('queued');

    const mt = runMetrics(db, runId);
    expect(mt.funnel.sales).toBe(3);
    expect(mt.channels.outbound_call).toMatchObject({ delivered: 3, failed: 1 });
    expect(mt.evaluation.contactRate).toBeCloseTo(3 / mt.enrolled, 10);
    expect(mt.evaluation.responseRate).toBeCloseTo(2 / 3, 10);
    const rep = evaluationReport(db, runId, t1);
    expect(rep.byGroup.reduce((a, g) => a + g.contacted, 0)).toBe(3);
    expect(rep.byStage.find((r) => r.key === 'sales')).toMatchObject({ delivered: 3, responses: 2 });
  });
});

describe('run control from governance', () => {
  it('"complete" ends the run completed, "stop" stopped, each with its reason', () => {
    fx = openFixture(50);
    const db = fx.db;
    const engine = newEngine(db, { channels: quietChannels });
    const rc = engineRunControl(engine);
    const m = machine([...touch('t', 'sms_hall', 'publicity', { responded: 'd', noResponse: 'd', converted: 'd', unreachable: 'd' }), end('d')]);
    const a = startRun(db, { flowId: 'flow-a', version: 1, machine: { ...m, flowId: 'flow-a' }, clock: 'live' });
    const b = startRun(db, { flowId: 'flow-b', version: 2, machine: { ...m, flowId: 'flow-b' }, clock: 'live' });
    rc.stopRun({ flowId: 'flow-a', version: 1, reason: 'completed' });
    rc.stopRun({ flowId: 'flow-b', version: 2, reason: 'stopped by supervisor' });
    expect(getRun(db, a)).toMatchObject({ status: 'completed', stopReason: 'completed' });
    expect(getRun(db, b)).toMatchObject({ status: 'stopped', stopReason: 'stopped by supervisor' });
  });
});

describe('POST /api/events with an admin session', () => {
  it('needs the x-csrf-token header of the session; the bearer key does not', async () => {
    fx = openFixture(20);
    const app = await serveApp(fx, { EVENTS_API_KEY: 'k-test' });
    server = app.server;
    const admin = fx.db.prepare(`SELECT id FROM users WHERE username = 'admin'`).pluck().get() as number;
    const planner = fx.db.prepare(`SELECT id FROM users WHERE username = 'planner'`).pluck().get() as number;
    const sa = createSession(fx.db, admin);
    const sp = createSession(fx.db, planner);
    const post = (headers: Record<string, string>, id: string) => fetch(`${app.base}/api/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ id, type: 'app_login', customerId: 1 }),
    });
    const cookie = (s: { id: string }) => `${SESSION_COOKIE}=${s.id}`;
    expect((await post({ cookie: cookie(sa) }, 'c1')).status).toBe(403);
    expect((await post({ cookie: cookie(sa), 'x-csrf-token': 'wrong' }, 'c2')).status).toBe(403);
    expect((await post({ cookie: cookie(sa), 'x-csrf-token': sp.csrfToken }, 'c3')).status).toBe(403);
    const ok = await post({ cookie: cookie(sa), 'x-csrf-token': sa.csrfToken }, 'c4');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: 'c4', status: 'recorded' });
    // a non-admin session is refused even with its token
    expect((await post({ cookie: cookie(sp), 'x-csrf-token': sp.csrfToken }, 'c5')).status).toBe(401);
    // the bearer path is unchanged: no CSRF header needed
    expect((await post({ authorization: 'Bearer k-test' }, 'c6')).status).toBe(200);
    // nothing refused was recorded
    expect(fx.db.prepare(`SELECT idem_key FROM events ORDER BY id`).pluck().all()).toEqual(['c4', 'c6']);
  });
});
