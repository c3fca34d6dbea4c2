import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestServices } from '../../support/test-services.js';
import { callerAs, callFlow, liveEngine, publishAndStart } from './support.js';

/** Two live call-centre runs (Guangzhou, Shenzhen): the workbench procedures as the Guangzhou agent and the province admin. */
let s: ReturnType<typeof createTestServices>;
let gz: number;
let sz: number;
beforeAll(() => {
  s = createTestServices(3000);
  gz = publishAndStart(s.db, callFlow('gz'), 'live').runId;
  sz = publishAndStart(s.db, callFlow('sz'), 'live').runId;
  liveEngine(s.db).tickSync(Date.now(), 'live');
});
afterAll(() => s.cleanup());

const journey = (runId: number, customerId: number) => s.db.prepare('SELECT state, flags, ended_at FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, customerId) as { state: string; flags: number; ended_at: number | null };

test('a city agent sees only their city’s customers, with the script filled in', async () => {
  const counts = await callerAs(s, 'agent').workbench.counts();
  expect(counts.outbound_call).toBeGreaterThan(0);
  expect(counts.store).toBe(0);
  const items = await callerAs(s, 'agent').workbench.queue({ channel: 'outbound_call' });
  expect(items.length).toBeGreaterThan(0);
  expect(items.every((i) => i.city === 'gz' && i.runId === gz)).toBe(true);
  const first = items[0]!;
  expect(first.script!.opening).toContain(first.customerName);
  expect(first.script!.opening).not.toMatch(/\{\w+\}/);
  expect(first.script!.offer).toContain('30');
  expect(first.flowName).toBe('广州商务客户外呼加油包');
  const en = await callerAs(s, 'agent').workbench.queue({ channel: 'outbound_call', lang: 'en' });
  expect(en[0]!.script!.offer).toContain('10 GB data top-up');
  const all = await callerAs(s, 'admin').workbench.queue({ channel: 'outbound_call', limit: 200 });
  expect(new Set(all.map((i) => i.runId))).toEqual(new Set([gz, sz]));
});

test('dispositions enter the engine and move the journey; other cities and callbacks in the past are refused', async () => {
  const [a, b, c] = await callerAs(s, 'agent').workbench.queue({ channel: 'outbound_call' });
  expect(await callerAs(s, 'agent').workbench.dispose({ queueId: a!.id, disposition: 'accepted', secondConfirmed: true })).toMatchObject({ status: 'applied' });
  expect(journey(gz, a!.customerId)).toMatchObject({ state: 'won' });
  expect(await callerAs(s, 'agent').workbench.dispose({ queueId: b!.id, disposition: 'accepted', secondConfirmed: false })).toMatchObject({ status: 'awaiting_confirmation' });
  expect(journey(gz, b!.customerId).ended_at).toBeNull();
  expect(await callerAs(s, 'agent').workbench.dispose({ queueId: a!.id, disposition: 'declined' })).toMatchObject({ status: 'late' });
  await expect(callerAs(s, 'agent').workbench.dispose({ queueId: c!.id, disposition: 'callback', callbackAt: Date.now() - 1000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  await expect(callerAs(s, 'agent').workbench.dispose({ queueId: c!.id, disposition: 'callback' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  const other = (await callerAs(s, 'admin').workbench.queue({ channel: 'outbound_call', limit: 200 })).find((i) => i.runId === sz)!;
  await expect(callerAs(s, 'agent').workbench.dispose({ queueId: other.id, disposition: 'declined' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(callerAs(s, 'planner').workbench.queue({ channel: 'outbound_call' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  const d = await callerAs(s, 'supervisor').monitoring.dashboard({ runId: gz });
  expect(d.metrics.conversions).toBe(1);
  expect(d.attribution.byNode).toEqual({ call: 1 });
  expect(d.agentQueue.outbound_call).toBeGreaterThan(0);
});
