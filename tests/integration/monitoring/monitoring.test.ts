import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../../server/app.js';
import { SESSION_COOKIE, createSession } from '../../../server/auth/sessions.js';
import { DAY, dateStart } from '../../../server/engine/core/clock.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { attributeConversions } from '../../../server/monitoring/attribution.js';
import { learnCompletedRuns } from '../../../server/learning/cpc.js';
import { createTestServices } from '../../support/test-services.js';
import { callerAs, driveVirtual, loadFlow, publishAndStart } from './support.js';

/**
 * A published flow (data-pack upsell: parallel linkage by CPC fit, a 2-day wait, an evaluate gate,
 * a sales SMS with second confirmation, 5% control) run to the end in virtual time on 3,000
 * subscribers; the monitoring procedures must report exactly the engine's numbers.
 */
let s: ReturnType<typeof createTestServices>;
let runId: number;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

beforeAll(() => {
  s = createTestServices(3000);
  const doc = loadFlow('data-pack-upsell');
  const started = publishAndStart(s.db, doc, 'virtual', 3);
  runId = started.runId;
  driveVirtual(new Engine(s.db), runId, dateStart(started.machine.period.end) + DAY);
});
afterAll(() => s.cleanup());

describe('dashboard', () => {
  test('the run ended and its dashboard metrics are the engine metrics', async () => {
    const d = await callerAs(s, 'supervisor_prov').monitoring.dashboard({ runId });
    const m = runMetrics(s.db, runId);
    expect(m.status).toBe('completed');
    expect(m.enrolled).toBeGreaterThan(50);
    expect(m.conversions).toBeGreaterThan(0);
    expect(m.control).toBeGreaterThan(0);
    expect(d.metrics).toEqual(m);
    expect(d.run).toMatchObject({ id: runId, flowId: 'data-pack-upsell', version: 1, name: '流量加油包精准推荐' === d.run.name ? d.run.name : expect.any(String) });
  });

  test('conversions attributed per node and per channel add up to the run’s conversions', async () => {
    const d = await callerAs(s, 'planner').monitoring.dashboard({ runId });
    expect(sum(Object.values(d.attribution.byChannel)) + d.attribution.unattributed).toBe(d.metrics.conversions);
    expect(sum(Object.values(d.attribution.byNode))).toBe(sum(Object.values(d.attribution.byChannel)));
    expect(d.attribution.unattributed).toBe(0);
    // every node credited is a node of the flow that sends
    for (const node of Object.keys(d.attribution.byNode)) expect(['reach', 'order-sms']).toContain(node);
  });

  test('the timeline sums to the totals, and capacity covers every channel used', async () => {
    const d = await callerAs(s, 'planner').monitoring.dashboard({ runId, bucket: 'day' });
    expect(d.timeline.bucket).toBe('day');
    expect(sum(d.timeline.points.map((p) => p.conversions))).toBe(d.metrics.conversions);
    expect(sum(d.timeline.points.map((p) => p.contacts))).toBe(sum(Object.values(d.metrics.channels).map((c) => c.contacts)));
    expect(sum(d.timeline.points.map((p) => p.responses))).toBe(d.metrics.responses);
    expect(Object.keys(d.capacity).sort()).toEqual(Object.keys(d.metrics.channels).sort());
    const hourly = await callerAs(s, 'planner').monitoring.dashboard({ runId, bucket: 'hour' });
    expect(hourly.timeline.points.length).toBeGreaterThan(d.timeline.points.length);
  });

  test('the per-day series (from the contact log and traces) sums to the totals, per channel too', async () => {
    const d = await callerAs(s, 'planner').monitoring.dashboard({ runId });
    expect(d.daily.length).toBeGreaterThan(2);
    for (const [c, total] of Object.entries(d.metrics.channels)) {
      expect(sum(d.daily.map((x) => x.channels[c]?.contacts ?? 0)), c).toBe(total.contacts);
      for (const x of d.daily) if (x.channels[c]) expect(x.channels[c].capacity).toMatchObject({ flowShare: false, cap: expect.any(Number) });
    }
    expect(sum(d.daily.map((x) => x.conversions))).toBe(d.metrics.conversions);
    expect(sum(d.daily.map((x) => x.responses))).toBe(d.metrics.responses);
    expect(sum(d.daily.map((x) => x.cost))).toBeCloseTo(d.metrics.cost, 1);
  });

  test('city users see province runs; agents are refused', async () => {
    expect((await callerAs(s, 'planner').monitoring.runs()).map((r) => r.id)).toContain(runId);
    await expect(callerAs(s, 'agent').monitoring.dashboard({ runId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerAs(s, 'planner').monitoring.dashboard({ runId: 9999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('evaluation report', () => {
  test('breakdowns agree with the engine totals', async () => {
    const r = await callerAs(s, 'supervisor').monitoring.report({ runId });
    const m = runMetrics(s.db, runId);
    expect(r.metrics).toEqual(m);
    expect(sum(r.byChannel.map((c) => c.conversions))).toBe(m.conversions);
    expect(sum(r.byStage.map((c) => c.conversions))).toBe(m.conversions);
    expect(sum(r.byNode.map((c) => c.conversions))).toBe(m.conversions);
    expect(sum(r.byGroup.map((g) => g.treated))).toBe(m.enrolled - m.control);
    expect(sum(r.byGroup.map((g) => g.converted))).toBe(m.conversions);
    expect(sum(r.byGroup.map((g) => g.control))).toBe(m.control);
    expect(sum(r.byChannel.map((c) => c.cost))).toBeCloseTo(sum(Object.values(m.channels).map((c) => c.cost)), 2);
    expect(sum(r.byChannel.map((c) => c.revenue))).toBe(m.revenue);
    expect(r.byStage.map((x) => x.key)).toEqual(expect.arrayContaining(['publicity', 'sales']));
  });

  test('each conversion is credited to a touch sent before it', () => {
    for (const a of attributeConversions(s.db, runId)) {
      expect(a.touch).not.toBeNull();
      expect(a.touch!.at).toBeLessThanOrEqual(a.convertedAt);
      expect(a.basis).toBe('engaged');
    }
  });

  test('CSV over HTTP: session required, role and unit checked, numbers match', async () => {
    const app = createApp(s);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cookie = (user: string) => `${SESSION_COOKIE}=${createSession(s.db, s.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(user) as number).id}`;
    try {
      expect((await fetch(`${base}/api/runs/${runId}/report.csv`)).status).toBe(401);
      expect((await fetch(`${base}/api/runs/${runId}/report.csv`, { headers: { cookie: cookie('agent') } })).status).toBe(403);
      expect((await fetch(`${base}/api/runs/9999/report.csv`, { headers: { cookie: cookie('planner') } })).status).toBe(404);
      const res = await fetch(`${base}/api/runs/${runId}/report.csv?lang=en`, { headers: { cookie: cookie('supervisor') } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toContain(`run-${runId}-report.csv`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const m = runMetrics(s.db, runId);
      expect(text).toContain(`Conversions,${m.conversions},`);
      expect(text).toContain(`Enrolled,${m.enrolled},`);
      expect(text).toContain('By channel');
      const viaTrpc = await callerAs(s, 'supervisor').monitoring.reportCsv({ runId, lang: 'en' });
      expect(viaTrpc.csv).toBe(text);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });
});

describe('customer trace', () => {
  test('a converted customer, found by phone then traced by id, shows sent → converted with times; a control customer says so', async () => {
    const conv = s.db.prepare(`SELECT j.customer_id, s.phone FROM journeys j JOIN subscribers s ON s.id = j.customer_id WHERE j.run_id = ? AND (j.flags & 2) <> 0 AND j.state <> '$control' AND s.city = 'gz' LIMIT 1`).get(runId) as { customer_id: number; phone: string };
    const found = await callerAs(s, 'planner').monitoring.findCustomer({ query: conv.phone });
    expect(found).toEqual({ customer: { id: conv.customer_id } });
    const traced = await callerAs(s, 'planner').monitoring.trace({ customerId: found.customer!.id });
    expect(traced.customer!.id).toBe(conv.customer_id);
    const path = traced.runs.find((r) => r.run.id === runId)!;
    const kinds = path.steps.map((x) => x.kind);
    expect(kinds[0]).toBe('entered');
    expect(kinds).toContain('sent');
    expect(kinds).toContain('converted');
    expect(kinds.indexOf('sent')).toBeLessThan(kinds.indexOf('converted'));
    expect(path.converted).toBe(true);
    for (let i = 1; i < path.steps.length; i++) expect(path.steps[i]!.at).toBeGreaterThanOrEqual(path.steps[i - 1]!.at);
    // A Guangzhou planner sees Guangzhou's customers of the province run (#20 item 2: not other cities').
    const ctl = s.db.prepare(`SELECT j.customer_id FROM journeys j JOIN subscribers s ON s.id = j.customer_id WHERE j.run_id = ? AND j.state = '$control' AND s.city = 'gz' LIMIT 1`).pluck().get(runId) as number;
    const c = await callerAs(s, 'planner').monitoring.trace({ customerId: ctl });
    expect(c.runs[0]!.control).toBe(true);
    expect(await callerAs(s, 'planner').monitoring.trace({ customerId: 999_999_999 })).toEqual({ customer: null, runs: [] });
    await expect(callerAs(s, 'trainer').monitoring.trace({ customerId: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('a trace (a GET) takes a customer id only: a phone number, as text or as a number, is a bilingual 400 naming the field', async () => {
    const server = createApp(s).listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    const cookie = `${SESSION_COOKIE}=${createSession(s.db, s.db.prepare("SELECT id FROM users WHERE username = 'planner'").pluck().get() as number).id}`;
    const trace = (input: unknown) => fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc/monitoring.trace?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } });
    try {
      const gz = s.db.prepare(`SELECT id, phone FROM subscribers WHERE city = 'gz' LIMIT 1`).get() as { id: number; phone: string };
      const ok = await trace({ customerId: gz.id });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { result: { data: { customer: { id: number } } } }).result.data.customer.id).toBe(gz.id);
      for (const input of [{ customerId: Number(gz.phone) }, { customerId: gz.phone }, { query: gz.phone }, { customerId: 0 }, { customerId: 1.5 }]) {
        const res = await trace(input);
        expect(res.status, JSON.stringify(input)).toBe(400);
        const { message } = ((await res.json()) as { error: { message: string } }).error;
        expect(message, JSON.stringify(input)).toBe('customerId：应为客户编号（1–9 位数字）；按手机号查找请用 monitoring.findCustomer / customerId: must be a customer id (1–9 digits); look a phone number up with monitoring.findCustomer');
      }
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  test('findCustomer names a phone\'s customer by id only, for those who may trace them; others and unknown numbers get null', async () => {
    const gz = s.db.prepare(`SELECT id, phone FROM subscribers WHERE city = 'gz' LIMIT 1`).get() as { id: number; phone: string };
    expect(await callerAs(s, 'planner').monitoring.findCustomer({ query: ` ${gz.phone} ` })).toEqual({ customer: { id: gz.id } });
    expect(await callerAs(s, 'planner').monitoring.findCustomer({ query: '19999999999' })).toEqual({ customer: null });
    const sz = s.db.prepare(`SELECT phone FROM subscribers WHERE city = 'sz' LIMIT 1`).pluck().get() as string;
    expect(await callerAs(s, 'planner').monitoring.findCustomer({ query: sz })).toEqual({ customer: null });
    await expect(callerAs(s, 'planner').monitoring.findCustomer({ query: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/query/) });
    await expect(callerAs(s, 'trainer').monitoring.findCustomer({ query: gz.phone })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('learning from the finished run', () => {
  test('the completion pass folds every settled contact once; the fit matrix shows the update', async () => {
    const before = await callerAs(s, 'planner').learning.matrix({ category: 'data_pack' });
    const [res] = learnCompletedRuns(s.db);
    expect(res!.runId).toBe(runId);
    expect(res!.contacts).toBeGreaterThan(0);
    expect(learnCompletedRuns(s.db)).toEqual([]);
    const again = await callerAs(s, 'supervisor').learning.learn({ runId });
    expect(again).toMatchObject({ runs: 1, contacts: 0, responses: 0 });
    await expect(callerAs(s, 'planner').learning.learn({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const after = await callerAs(s, 'planner').learning.matrix({ category: 'data_pack' });
    const observed = sum(after.cells.map((c) => c.observed));
    expect(observed).toBe(res!.contacts);
    expect(sum(after.cells.map((c) => c.responses))).toBe(res!.responses);
    const changed = after.cells.filter((c) => c.observed > 0);
    for (const c of changed) {
      const b = before.cells.find((x) => x.group === c.group && x.channel === c.channel)!;
      expect(c.alpha).toBeCloseTo(b.alpha + c.responses, 9);
      expect(c.beta).toBeCloseTo(b.beta + c.observed - c.responses, 9);
      expect(c.priorMean).toBeCloseTo(b.mean, 12);
    }
    expect(after.passes[0]).toMatchObject({ runId, trigger: 'manual' });
  });
});
