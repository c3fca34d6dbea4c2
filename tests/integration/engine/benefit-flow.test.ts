import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { parseFlowDocument } from '../../../shared/flow/migrations.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import type { Machine } from '../../../shared/machine/types.js';
import { agentQueue, disposeItem } from '../../../server/engine/channels/agent-queue.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { FLAG } from '../../../server/engine/core/journey.js';
import { getRun, startRun } from '../../../server/engine/store/runs.js';
import { simulate } from '../../../server/engine/simulation/simulate.js';
import { runDashboard } from '../../../server/monitoring/dashboard.js';
import { reportCsv } from '../../../server/monitoring/csv.js';
import { evaluationReport } from '../../../server/monitoring/report.js';
import { newEngine, openFixture, periodStart, type Fixture } from './support/fixture.js';

/** The demo template: publicity SMS → a 3-day trial data pack → a day before it ends, an outbound sales call. */
function demo(): FlowDocument {
  const r = parseFlowDocument(readFileSync('flows/trial-pack-upsell.json', 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.doc;
}

function compiled(doc: FlowDocument): Machine {
  const r = compileFlow(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.machine;
}

const withTrial = (doc: FlowDocument, data: Record<string, unknown>): FlowDocument =>
  ({ ...doc, nodes: doc.nodes.map((n) => (n.id === 'trial' ? { ...n, data: { ...(n.data as object), ...data } } : n)) });

let fx: Fixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

describe('the benefit node: validation and compile', () => {
  it('compiles to a provision state whose grant leads to a timer a day before the 3-day expiry', () => {
    const m = compiled(demo());
    expect(m.states['trial']).toEqual({
      id: 'trial', node: 'trial', kind: 'provision', service: 'benefit', cost: 1.5,
      request: { benefit: 'TRIAL-10G-3D', kind: 'trial_data', product: 'dp_10g', expiryDays: 3 },
      on: { granted: 'trial.notice', failed: 'end-completed', already_held: 'end-completed' },
    });
    expect(m.states['trial.notice']).toMatchObject({ kind: 'timer', wake: { mode: 'duration', hours: 48 }, next: 'sales-call.call.send' });
  });

  it('without a notice the node leaves through granted; an open failed / already-held port ends the journey with that outcome', () => {
    const doc = withTrial(demo(), { notifyBeforeHours: 0, expiryDays: 0 });
    const edges = doc.edges.filter((e) => e.source !== 'trial').concat({ id: 'e-trial-granted', source: 'trial', sourceHandle: 'granted', target: 'sales-call', targetHandle: 'in' });
    const m = compiled({ ...doc, edges });
    expect(m.states['trial']).toMatchObject({ request: { benefit: 'TRIAL-10G-3D', product: 'dp_10g' }, on: { granted: 'sales-call.call.send', failed: 'trial.failed', already_held: 'trial.already_held' } });
    expect((m.states['trial'] as { request: object }).request).not.toHaveProperty('expiryDays');
    expect(m.states['trial.failed']).toMatchObject({ kind: 'terminal', outcome: 'failed' });
  });

  it('names the field: a notice not shorter than the expiry, a notice without an expiry, a product not in the catalogue, an empty code', () => {
    const issues = (data: Record<string, unknown>) => validateFlow(withTrial(demo(), data)).filter((i) => i.nodeId === 'trial').map((i) => ({ code: i.code, path: i.path, zh: i.message.zh }));
    expect(issues({ notifyBeforeHours: 72 })).toEqual([expect.objectContaining({ code: 'INVALID_NODE_DATA', path: ['notifyBeforeHours'] })]);
    // (without an expiry there is no notice: the node's output is `granted` again, and the edge from `expiring` is refused too)
    expect(issues({ expiryDays: 0 })).toContainEqual({ code: 'INVALID_NODE_DATA', path: ['notifyBeforeHours'], zh: expect.stringContaining('需要先设置有效期') });
    expect(issues({ productId: 'nope' })).toEqual([expect.objectContaining({ code: 'UNKNOWN_PRODUCT', path: ['productId'] })]);
    expect(issues({ benefitCode: ' ' })[0]).toMatchObject({ code: 'INVALID_NODE_DATA', path: ['benefitCode'] });
    expect(issues({})).toEqual([]);
  });
});

describe('the benefit node: simulate', () => {
  it('counts the grants, puts their cost into the flow\'s cost, and stops granting at the budget', async () => {
    const s = await simulate(demo(), { customers: 3000, seed: 1, days: 30 });
    const treated = s.enrolled - s.control;
    expect(s.grants.granted).toBeGreaterThan(0.8 * treated);
    expect(s.grants.granted + s.grants.failed + s.grants.alreadyHeld).toBeLessThanOrEqual(treated);
    expect(s.grants.byNode['trial']).toEqual({ granted: s.grants.granted, failed: s.grants.failed, alreadyHeld: s.grants.alreadyHeld, cost: s.grants.granted * 1.5 });
    const contactCost = Object.values(s.channels).reduce((a, c) => a + c.cost, 0);
    expect(s.cost).toBeCloseTo(contactCost + s.grants.cost, 1);
    // the sales call goes only to customers whose trial is about to end
    expect(s.nodes['sales-call']!.entered).toBe(s.grants.granted);

    const tight = await simulate({ ...demo(), goal: { ...demo().goal, budget: 300 } }, { customers: 3000, seed: 1, days: 30 });
    expect(tight.cost).toBeLessThanOrEqual(300);
    expect(tight.grants.granted).toBeGreaterThan(0);
    expect(tight.grants.granted).toBeLessThan(s.grants.granted);
    expect(tight.suppressed['budget_exhausted']).toBeGreaterThan(0);
  });
});

describe('the benefit node: a live run', () => {
  it('grants the trial, holds the customer until a day before it ends, then an agent\'s confirmed sale converts; the dashboard and report show the grants', () => {
    fx = openFixture(1500);
    const m = compiled(demo());
    const engine = newEngine(fx.db);
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'live', seed: 4 });
    const t0 = periodStart(m) + 10 * HOUR; // 10:00 local, inside contact hours
    engine.tickSync(t0, 'live');
    // nothing granted before the publicity SMS has had its 24 h
    expect(fx.db.prepare('SELECT count(*) FROM grants WHERE run_id = ?').pluck().get(runId)).toBe(0);
    engine.tickSync(t0 + 25 * HOUR, 'live');
    const granted = fx.db.prepare(`SELECT customer_id FROM grants WHERE run_id = ? AND result = 'granted' ORDER BY customer_id`).pluck().all(runId) as number[];
    expect(granted.length).toBeGreaterThan(50);
    const first = granted[0]!;
    expect(fx.db.prepare('SELECT state FROM journeys WHERE run_id = ? AND customer_id = ?').pluck().get(runId, first)).toBe('trial.notice');
    // a day before expiry (grant + 48 h) the sales call is queued for an agent
    expect(agentQueue(fx.db, { channel: 'outbound_call', now: t0 + 26 * HOUR }).length).toBe(0);
    engine.tickSync(t0 + 25 * HOUR + 48 * HOUR, 'live');
    const item = agentQueue(fx.db, { channel: 'outbound_call', limit: 5000, now: t0 + 74 * HOUR }).find((q) => q.customerId === first);
    expect(item).toBeDefined();
    expect(disposeItem(fx.db, { queueId: item!.id, disposition: 'accepted', secondConfirmed: true }, t0 + 74 * HOUR).status).toBe('applied');
    const j = fx.db.prepare('SELECT flags, outcome FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, first) as { flags: number; outcome: string };
    expect(j.flags & FLAG.converted).toBe(FLAG.converted);
    expect(j.outcome).toBe('converted');

    const dash = runDashboard(fx.db, runId, 'auto', t0 + 74 * HOUR);
    expect(dash.metrics.grants.byNode['trial']!.granted).toBe(granted.length);
    expect(dash.metrics.grants.cost).toBe(granted.length * 1.5);
    expect(getRun(fx.db, runId)!.spent).toBeCloseTo(dash.metrics.cost, 2);
    const report = evaluationReport(fx.db, runId, t0 + 74 * HOUR);
    expect(report.metrics.grants.granted).toBe(granted.length);
    expect(report.byNode.find((n) => n.key === 'trial')).toMatchObject({ contacts: 0, cost: granted.length * 1.5 });
    // The CSV export carries the grants too: a section with the node's granted / failed / already held / cost.
    const csv = reportCsv(report, 'zh').split('\r\n');
    const at = csv.indexOf('权益发放');
    expect(at).toBeGreaterThan(0);
    expect(csv[at + 2]).toBe(`trial,${granted.length},${report.metrics.grants.byNode['trial']!.failed},${report.metrics.grants.byNode['trial']!.alreadyHeld},${granted.length * 1.5}`);
    expect(dash.daily.reduce((a, d) => a + d.cost, 0)).toBeCloseTo(dash.metrics.cost, 1);
  });
});
