import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import type { Machine } from '../../../shared/machine/types.js';
import { auditPolicy } from '../../../server/engine/store/audit.js';
import type { ChannelAdapter } from '../../../server/engine/channels/adapter.js';
import { agentQueue, agentQueueAdapter, disposeItem } from '../../../server/engine/channels/agent-queue.js';
import { DAY, HOUR, localHour } from '../../../server/engine/core/clock.js';
import { audiencePreview } from '../../../server/engine/runtime/enrolment.js';
import { FLAG } from '../../../server/engine/core/journey.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { DEFAULT_POLICY, unreachableReason } from '../../../server/engine/core/policy.js';
import { getRun, startRun } from '../../../server/engine/store/runs.js';
import { customerTrace } from '../../../server/engine/store/trace.js';
import { routingFitTable } from '../../../server/engine/core/routing-fit.js';
import { assertConservation, drive, newEngine, openFixture, periodStart, type Fixture } from './support/fixture.js';
import { allSegment, end, machine, oneAgentCall, touch } from './support/machines.js';

/** Delivers everything, no simulated outcomes: tests drive responses with events. */
const quiet: ChannelAdapter = { name: 'quiet', mode: 'inline', decide: (r) => ({ status: 'sent', providerId: `q-${r.customerId}-${r.attempt}` }) };
const quietChannels = () => ({ adapters: {}, defaultAdapter: quiet });

let fx: Fixture | null = null;
afterEach(() => { fx?.close(); fx = null; });

const serial = (over: Partial<Machine> = {}) => machine([
  ...touch('t1', 'sms_hall', 'publicity', { responded: 't2.send', noResponse: 't2.send', converted: 'won', unreachable: 'lost' }, 48),
  ...touch('t2', 'app', 'sales', { responded: 'done', noResponse: 'done', converted: 'won', unreachable: 'lost' }, 24),
  end('won', 'converted'), end('done', 'completed'), end('lost', 'unreachable'),
], over);

describe('engine: enrolment, stepping, conservation', () => {
  it('enrols the segment set-based, keeps every customer in exactly one state after every tick, and hands off serially', () => {
    fx = openFixture(3000);
    const m = serial({ entry: allSegment({ controlGroupPct: 10 }) });
    const engine = newEngine(fx.db, { channels: quietChannels, batchSize: 500 });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    let enrolled = 0;
    drive(engine, runId, periodStart(m), periodStart(m) + 10 * DAY, () => { enrolled = assertConservation(fx!.db, runId, m, enrolled || undefined); });
    expect(enrolled).toBe(3000);
    const met = runMetrics(fx.db, runId);
    expect(met.control).toBeGreaterThan(200);
    expect(met.control).toBeLessThan(400);
    expect(met.active).toBe(0);
    // serial order: every customer's sms (t1) precedes the app touch (t2), one day apart at least (daily cap 1)
    const bad = fx.db.prepare(`SELECT count(*) FROM contacts a JOIN contacts b ON a.run_id = b.run_id AND a.customer_id = b.customer_id
      WHERE a.state = 't1.send' AND b.state = 't2.send' AND a.status = 'sent' AND b.status = 'sent' AND NOT (a.created_at < b.created_at AND a.attempt < b.attempt)`).pluck().get();
    expect(bad).toBe(0);
    expect(fx.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND customer_id IN (SELECT customer_id FROM journeys WHERE run_id = ? AND (flags & ${FLAG.control}) <> 0)`).pluck().get(runId, runId)).toBe(0);
    expect(met.nodes.t1!.entered).toBe(3000 - met.control);
    expect(auditPolicy(fx.db, DEFAULT_POLICY).total).toBe(0);
    // the per-customer trace explains the journey
    const someone = fx.db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 'done' LIMIT 1`).pluck().get(runId) as number;
    const tr = customerTrace(fx.db, runId, someone);
    expect(tr.steps.map((s) => s.code)).toEqual(expect.arrayContaining(['sent', 'timeout']));
  });

  it('previews the audience: conditions, city scope, exclusions and control', () => {
    fx = openFixture(3000);
    const all = audiencePreview(fx.db, allSegment({ controlGroupPct: 10 }), 'province');
    expect(all.count).toBe(3000);
    expect(all.total).toBe(3000);
    const gz = audiencePreview(fx.db, allSegment(), 'gz');
    expect(gz.total).toBeLessThan(3000);
    expect(gz.count).toBe(gz.total);
    const smart = audiencePreview(fx.db, allSegment({ conditions: { combinator: 'and', rules: [{ field: 'smartphone', op: 'is', value: true }, { field: 'dataUsagePct', op: 'gte', value: 80 }], groups: [] },
      exclusions: { optedOut: false, doNotDisturb: true, ownsOffer: true, inOtherActiveFlow: false, exclusionList: 'blacklist' } }), 'province', { productId: 'dp_10g' });
    const direct = fx.db.prepare(`SELECT count(*) FROM subscribers s WHERE smartphone = 1 AND 100.0 * data_used_mb / data_allowance_mb >= 80 AND dnd = 0
      AND NOT EXISTS (SELECT 1 FROM subscriber_products p WHERE p.subscriber_id = s.id AND p.product_id = 'dp_10g')
      AND NOT EXISTS (SELECT 1 FROM exclusion_lists e WHERE e.name = 'blacklist' AND e.subscriber_id = s.id)`).pluck().get();
    expect(smart.count).toBe(direct);
    expect(all.control).toBeGreaterThan(200);
  });

  it('routes parallel lanes by CPC fit among the channels that can reach the customer', () => {
    fx = openFixture(2000);
    const lanes = ['sms_hall', 'app', 'outbound_call', 'store'] as const;
    const m = machine([
      { id: 'lk', node: 'lk', kind: 'route', mode: 'best_fit', otherwise: 'none', branches: lanes.map((c) => ({ guard: { kind: 'always' as const }, target: `end-${c}`, channel: c })) },
      ...lanes.map((c) => end(`end-${c}`)), end('none'),
    ]);
    const engine = newEngine(fx.db, { channels: quietChannels });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    engine.tickSync(periodStart(m) + 10 * HOUR);
    // the ranking: learned response rate (product category) × CPC fit score
    const fit = routingFitTable(fx.db, 'data_pack');
    const rows = fx.db.prepare(`SELECT j.state, s.group_id, s.smartphone, s.dnd, s.opt_out_mask FROM journeys j JOIN subscribers s ON s.id = j.customer_id WHERE j.run_id = ?`).all(runId) as
      { state: string; group_id: string; smartphone: number; dnd: number; opt_out_mask: number }[];
    let checked = 0;
    for (const r of rows) {
      const cu = { id: 0, group: r.group_id as 'student', smartphone: !!r.smartphone, dnd: !!r.dnd, optOutMask: r.opt_out_mask };
      const ok = lanes.filter((c) => !unreachableReason(c, cu));
      const best = ok.reduce<string | null>((b, c) => (b === null || fit.get(`${r.group_id}|${c}`)! > fit.get(`${r.group_id}|${b}`)! ? c : b), null);
      expect(r.state).toBe(best ? `end-${best}` : 'none');
      checked++;
    }
    expect(checked).toBe(2000);
    const states = new Set(rows.map((r) => r.state));
    expect(states.size).toBeGreaterThan(2);
  });

  it('runs a compiled hybrid flow end to end (flows/plan-5g-launch.json)', () => {
    fx = openFixture(3000);
    const doc = JSON.parse(readFileSync('flows/plan-5g-launch.json', 'utf8')) as FlowDocument;
    const c = compileFlow(doc);
    if (!c.ok) throw new Error('does not compile');
    const m = c.machine;
    const engine = newEngine(fx.db);
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, seed: 5, clock: 'virtual' });
    const enrolledAt: number[] = [];
    drive(engine, runId, periodStart(m), periodStart(m) + 30 * DAY, () => { enrolledAt.push(assertConservation(fx!.db, runId, m)); });
    const met = runMetrics(fx.db, runId);
    expect(met.enrolled).toBeGreaterThan(0);
    expect(new Set(enrolledAt.filter((n) => n > 0)).size).toBe(1);
    expect(Object.keys(met.channels).length).toBeGreaterThan(1);
    expect(met.funnel.publicity).toBeGreaterThan(0);
    expect(auditPolicy(fx.db, DEFAULT_POLICY).total).toBe(0);
  });

  it('wakes timers on time and times out awaits', () => {
    fx = openFixture(500);
    const m = machine([
      { id: 'w', node: 'wait', kind: 'timer', wake: { mode: 'duration', hours: 24 }, next: 'a' },
      { id: 'a', node: 'wev', kind: 'await', timeoutHours: 12, on: { app_login: 'came' }, timeout: 'gone' },
      end('came'), end('gone'),
    ]);
    const engine = newEngine(fx.db, { channels: quietChannels });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m);
    engine.tickSync(t0);
    const count = (s: string) => fx!.db.prepare('SELECT count(*) FROM journeys WHERE run_id = ? AND state = ?').pluck().get(runId, s) as number;
    expect(count('w')).toBe(500);
    engine.tickSync(t0 + 23 * HOUR);
    expect(count('w')).toBe(500);
    engine.tickSync(t0 + 24 * HOUR);
    expect(count('a')).toBe(500);
    const res = engine.ingest([{ id: 'login-1', type: 'app_login', customerId: 1 }], t0 + 30 * HOUR);
    expect(res[0]!.status).toBe('applied');
    engine.tickSync(t0 + 36 * HOUR);
    expect(count('came')).toBe(1);
    expect(count('gone')).toBe(499);
  });

  it('gates on customer outcome and on KPIs (evaluate)', () => {
    fx = openFixture(600);
    const m = machine([
      ...touch('t', 'sms_hall', 'publicity', { responded: 'ev', noResponse: 'ev', converted: 'won', unreachable: 'lost' }, 24),
      { id: 'ev', node: 'ev', kind: 'route', mode: 'first', otherwise: 'other', branches: [{ guard: { kind: 'responded' }, target: 'kpi' }] },
      { id: 'kpi', node: 'kpi', kind: 'route', mode: 'first', otherwise: 'fail', branches: [{ guard: { kind: 'kpi', metric: 'response_rate', op: 'gte', threshold: 0.01 }, target: 'pass' }] },
      end('won'), end('lost'), end('other'), end('pass'), end('fail'),
    ]);
    const engine = newEngine(fx.db, { channels: quietChannels });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 9 * HOUR;
    engine.tickSync(t0);
    const waiting = fx.db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 't.await' ORDER BY customer_id LIMIT 30`).pluck().all(runId) as number[];
    const res = engine.ingest(waiting.map((c) => ({ id: `r-${c}`, type: 'response', customerId: c })), t0 + HOUR);
    expect(res.every((r) => r.status === 'applied')).toBe(true);
    engine.tickSync(t0 + HOUR);
    engine.tickSync(t0 + 25 * HOUR);
    const n = (s: string) => fx!.db.prepare('SELECT count(*) FROM journeys WHERE run_id = ? AND state = ?').pluck().get(runId, s) as number;
    expect(n('pass')).toBe(30);
    expect(n('other')).toBeGreaterThan(400);
    expect(n('fail')).toBe(0);
  });

  it('pauses (nothing moves, events wait) and resumes', () => {
    fx = openFixture(400);
    const m = serial();
    const engine = newEngine(fx.db, { channels: quietChannels });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 9 * HOUR;
    engine.pauseRun(runId);
    engine.tickSync(t0);
    expect(fx.db.prepare('SELECT count(*) FROM journeys WHERE run_id = ?').pluck().get(runId)).toBe(0);
    engine.resumeRun(runId);
    engine.tickSync(t0);
    expect(fx.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 't1.await'`).pluck().get(runId)).toBeGreaterThan(300);
    engine.pauseRun(runId);
    const snapshot = fx.db.prepare('SELECT state, count(*) FROM journeys WHERE run_id = ? GROUP BY state').raw().all(runId);
    engine.tickSync(t0 + 5 * DAY);
    expect(fx.db.prepare('SELECT state, count(*) FROM journeys WHERE run_id = ? GROUP BY state').raw().all(runId)).toEqual(snapshot);
    expect(fx.db.prepare('SELECT count(*) FROM contacts WHERE run_id = ? AND created_at > ?').pluck().get(runId, t0)).toBe(0);
    engine.resumeRun(runId);
    engine.tickSync(t0 + 5 * DAY);
    expect(fx.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 't1.await'`).pluck().get(runId)).toBe(0);
    expect(getRun(fx.db, runId)!.status).toBe('running');
  });
});

describe('engine: contact policy, capacity, budget', () => {
  it('lets the higher-priority flow win the day and suppresses the other with the reason', () => {
    fx = openFixture(800);
    const hi = serial({ flowId: 'flow-hi', priority: 90 });
    const lo = serial({ flowId: 'flow-lo', priority: 10 });
    const engine = newEngine(fx.db, { channels: quietChannels });
    const loId = startRun(fx.db, { flowId: lo.flowId, version: 1, machine: lo, clock: 'virtual' });
    const hiId = startRun(fx.db, { flowId: hi.flowId, version: 1, machine: hi, clock: 'virtual' });
    engine.tickSync(periodStart(hi) + 9 * HOUR);
    const sent = (r: number) => fx!.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'sent'`).pluck().get(r) as number;
    expect(sent(hiId)).toBeGreaterThan(700);
    expect(sent(loId)).toBe(0);
    const reasons = fx.db.prepare(`SELECT DISTINCT reason FROM contacts WHERE run_id = ? AND status = 'suppressed'`).pluck().all(loId);
    expect(reasons).toEqual(['priority:flow-hi']);
    expect(runMetrics(fx.db, loId).suppressed.priority).toBeGreaterThan(700);
    // the loser retries the next day and is not dropped
    engine.tickSync(periodStart(hi) + DAY + 9 * HOUR);
    expect(sent(loId)).toBeGreaterThan(0);
    expect(auditPolicy(fx.db, DEFAULT_POLICY).total).toBe(0);
  });

  it('uses the fallback channel when capacity is spent, else waits for the next day — nothing dropped', () => {
    fx = openFixture(300);
    const policy = { ...DEFAULT_POLICY, channels: { ivr_10086: { capacity: 50 } } };
    const base = machine([...touch('t', 'ivr_10086', 'publicity', { responded: 'done', noResponse: 'done', converted: 'done', unreachable: 'done' }, 24), end('done')]);
    const withFallback = { ...base, flowId: 'fb', contactPolicy: { fallbackChannel: 'sms_hall' as const } };
    const engine = newEngine(fx.db, { channels: quietChannels, policy });
    const runId = startRun(fx.db, { flowId: 'fb', version: 1, machine: withFallback, clock: 'virtual' });
    engine.tickSync(periodStart(base) + 9 * HOUR);
    const by = fx.db.prepare(`SELECT channel, count(*) AS n FROM contacts WHERE run_id = ? AND status = 'sent' GROUP BY channel`).all(runId) as { channel: string; n: number }[];
    expect(by.find((r) => r.channel === 'ivr_10086')!.n).toBe(50);
    expect(by.find((r) => r.channel === 'sms_hall')!.n).toBeGreaterThan(200);

    fx.close();
    fx = openFixture(300);
    const e2 = newEngine(fx.db, { channels: quietChannels, policy });
    const r2 = startRun(fx.db, { flowId: 'nofb', version: 1, machine: { ...base, flowId: 'nofb' }, clock: 'virtual' });
    const t0 = periodStart(base) + 9 * HOUR;
    e2.tickSync(t0);
    const sentBy = (t: number) => fx!.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'sent' AND created_at <= ?`).pluck().get(r2, t) as number;
    expect(sentBy(t0)).toBe(50);
    expect(fx.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'suppressed' AND reason = 'capacity:ivr_10086'`).pluck().get(r2)).toBeGreaterThan(100);
    drive(e2, r2, t0 + HOUR, t0 + 10 * DAY);
    const open = fx.db.prepare('SELECT count(*) FROM journeys WHERE run_id = ? AND ended_at IS NULL').pluck().get(r2);
    expect(open).toBe(0);
    const reached = fx.db.prepare(`SELECT count(DISTINCT customer_id) FROM contacts WHERE run_id = ? AND status IN ('sent','unreachable','failed')`).pluck().get(r2);
    expect(reached).toBe(300);
  });

  it('stops sending when the budget is spent and ends the remaining journeys with that reason', () => {
    fx = openFixture(1000);
    const m = serial({ goal: { reach: 0, responses: 0, conversions: 0, revenue: 0, budget: 10, evaluationDays: 0 } });
    const engine = newEngine(fx.db, { channels: quietChannels });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    engine.tickSync(periodStart(m) + 9 * HOUR);
    const run = getRun(fx.db, runId)!;
    expect(run.status).toBe('completed');
    expect(run.stopReason).toBe('budget_exhausted');
    expect(run.spent).toBeLessThanOrEqual(10 + 1e-9);
    expect(fx.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND ended_at IS NULL`).pluck().get(runId)).toBe(0);
    expect(fx.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'budget_exhausted'`).pluck().get(runId)).toBeGreaterThan(700);
  });

  it('defers contacts in quiet hours to the next allowed time and never contacts dnd / opted-out customers', () => {
    fx = openFixture(1500);
    const m = serial();
    const engine = newEngine(fx.db, { channels: quietChannels });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const night = periodStart(m) + 22.5 * HOUR;
    engine.tickSync(night);
    expect(fx.db.prepare('SELECT count(*) FROM contacts WHERE run_id = ? AND status = ?').pluck().get(runId, 'sent')).toBe(0);
    const due = fx.db.prepare(`SELECT DISTINCT due_at FROM journeys WHERE run_id = ? AND state = 't1.send'`).pluck().all(runId) as number[];
    expect(due.map(localHour)).toEqual([8]);
    drive(engine, runId, night + HOUR, night + 8 * DAY);
    const dnd = fx.db.prepare(`SELECT count(*) FROM contacts c JOIN subscribers s ON s.id = c.customer_id WHERE c.status = 'sent' AND s.dnd = 1`).pluck().get();
    expect(dnd).toBe(0);
    expect(fx.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'unreachable' AND reason = 'dnd'`).pluck().get(runId)).toBeGreaterThan(0);
    expect(auditPolicy(fx.db, DEFAULT_POLICY)).toMatchObject({ total: 0 });
  });
});

describe('engine: agent queue', () => {
  it('queues human-channel contacts for agents and applies their dispositions', () => {
    fx = openFixture(200);
    const m = oneAgentCall();
    const engine = newEngine(fx.db, { channels: () => ({ adapters: { outbound_call: agentQueueAdapter }, defaultAdapter: quiet }) });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 10 * HOUR;
    engine.tickSync(t0);
    const q = agentQueue(fx.db, { channel: 'outbound_call', now: t0, limit: 200 });
    expect(q.length).toBeGreaterThan(150);
    expect(q[0]!.script?.kind).toBe('agent');
    // An order is never assumed confirmed: without the agent's second confirmation it waits for one (五条禁令).
    expect(disposeItem(fx.db, { queueId: q[4]!.id, disposition: 'accepted' }, t0 + HOUR).status).toBe('awaiting_confirmation');
    expect(disposeItem(fx.db, { queueId: q[0]!.id, disposition: 'accepted', secondConfirmed: true }, t0 + HOUR).status).toBe('applied');
    expect(disposeItem(fx.db, { queueId: q[0]!.id, disposition: 'accepted', secondConfirmed: true }, t0 + HOUR).status).toBe('late');
    expect(disposeItem(fx.db, { queueId: q[1]!.id, disposition: 'declined' }, t0 + HOUR).status).toBe('applied');
    expect(disposeItem(fx.db, { queueId: q[2]!.id, disposition: 'busy' }, t0 + HOUR).reason).toMatch(/retry/);
    expect(disposeItem(fx.db, { queueId: q[3]!.id, disposition: 'callback', callbackAt: t0 + 30 * HOUR }, t0 + HOUR).status).toBe('recorded');
    const state = (c: number) => fx!.db.prepare('SELECT state FROM journeys WHERE run_id = ? AND customer_id = ?').pluck().get(runId, c);
    expect(state(q[0]!.customerId)).toBe('won');
    expect(state(q[1]!.customerId)).toBe('declined');
    expect(state(q[2]!.customerId)).toBe('call.await');
    expect(agentQueue(fx.db, { channel: 'outbound_call', now: t0 + 2 * HOUR, limit: 200 }).map((x) => x.id)).not.toContain(q[3]!.id);
    expect(agentQueue(fx.db, { channel: 'outbound_call', now: t0 + 31 * HOUR, limit: 200 }).map((x) => x.id)).toContain(q[3]!.id);
  });
});
