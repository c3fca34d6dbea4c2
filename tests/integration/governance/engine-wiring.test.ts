import { afterAll, beforeAll, expect, test } from 'vitest';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { stopRun } from '../../../server/engine/store/runs.js';
import { engineRunControl } from '../../../server/engine/runtime/run-control.js';
import { fixtureFlow } from './fixture-flow.js';
import { openHarness, type Harness } from './harness.js';

/** Governance driving the real engine through its RunControl adapter (not the in-memory fake). */
let h: Harness;
beforeAll(() => {
  h = openHarness(200);
  (h.services as { runControl: unknown }).runControl = engineRunControl(new Engine(h.db));
});
afterAll(() => h.close());

const run = (flowId: string) => h.db.prepare('SELECT version, status FROM runs WHERE flow_id = ? ORDER BY id DESC LIMIT 1').get(flowId) as { version: number; status: string } | undefined;

test('publish starts an engine run; pause, resume and stop reach it; an engine-side completion shows on the flow', async () => {
  const { id: flowId } = await h.as('planner').flows.create({ document: fixtureFlow('engine-wired', 'gz', { city: 'gz' }) });
  await h.as('planner').governance.submit({ flowId });
  await h.as('supervisor').governance.approve({ flowId });
  await h.as('supervisor').governance.publish({ flowId });
  expect(run(flowId)).toEqual({ version: 1, status: 'running' });
  await h.as('supervisor').governance.pause({ flowId });
  expect(run(flowId)!.status).toBe('paused');
  await h.as('supervisor').governance.resume({ flowId });
  expect(run(flowId)!.status).toBe('running');

  // the engine ends the run on its own (period over): the flow follows without a call back
  const runId = h.db.prepare('SELECT id FROM runs WHERE flow_id = ?').pluck().get(flowId) as number;
  stopRun(h.db, runId, Date.now(), 'period_ended', 'completed');
  expect((await h.as('supervisor').governance.get({ flowId })).flow).toMatchObject({ status: 'completed', runStatus: 'completed' });

  const { id: other } = await h.as('planner').flows.create({ document: fixtureFlow('engine-wired-2', 'gz') });
  await h.as('planner').governance.submit({ flowId: other });
  await h.as('supervisor').governance.approve({ flowId: other });
  await h.as('supervisor').governance.publish({ flowId: other });
  await h.as('supervisor').governance.stop({ flowId: other, comment: '预算调整' });
  expect(run(other)!.status).toBe('stopped');
});
