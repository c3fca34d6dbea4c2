import { afterAll, beforeAll, expect, it } from 'vitest';
import { dayIso, localDay } from '../../../server/engine/core/clock.js';
import { seedDemoFlows, type DemoFlows } from '../../../server/demo-flows.js';
import { openHarness, type Harness } from './harness.js';

/** The demo flows a fresh start creates (SEED_DEMO_FLOWS): made through the API, one per stage of a flow's life. */
let h: Harness;
let demo: DemoFlows;
const now = Date.now();

beforeAll(async () => {
  h = openHarness();
  demo = await seedDemoFlows(h.services, now);
});
afterAll(() => h?.close());

it('leaves a draft, a flow awaiting approval and a running one, each dated from today', async () => {
  const flows = await h.as('planner').flows.list();
  const status = (id: string) => flows.find((f) => f.id === id)?.status;
  expect([status(demo.draft), status(demo.submitted), status(demo.running)]).toEqual(['draft', 'submitted', 'running']);
  for (const id of Object.values(demo)) {
    const { document } = await h.as('planner').flows.get({ id });
    expect(document.period).toEqual({ start: dayIso(localDay(now)), end: dayIso(localDay(now) + 30) });
  }
  // The run was started through the engine's run control, as a supervisor's publish does.
  expect(h.services.runControl.calls.map((c) => [c.op, c.flowId])).toEqual([['start', demo.running]]);
});

it('fills the supervisor\'s inbox and the audit trail the way users would have', async () => {
  const inbox = await h.as('supervisor').governance.inbox();
  // What needs the supervisor comes first: the flow awaiting a decision, then the running one.
  expect(inbox.map((f) => f.id)).toEqual([demo.submitted, demo.running]);
  const actions = h.db.prepare("SELECT action FROM audit_log WHERE entity = 'flow' AND entity_id = ? ORDER BY id").pluck().all(demo.running);
  expect(actions).toEqual(['flow.create', 'flow.submit', 'flow.approve', 'flow.publish']);
});
