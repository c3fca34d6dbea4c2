import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import type { ChannelAdapter, OutboxContact } from '../../../server/engine/channels/adapter.js';
import { startRun } from '../../../server/engine/runs.js';
import { EngineWorker } from '../../../server/engine/workers/worker.js';
import { openTestDb } from '../../support/test-store.js';
import { workersFlow } from './support/workers-flow.js';

/** Engine workers deliver a live run's webhook (outbox) contacts, as the in-process loop does. */
let db: Db;
let close: () => void;
let runId: number;
const delivered: OutboxContact[] = [];
const webhook: ChannelAdapter = {
  name: 'webhook', mode: 'outbox',
  deliver: async (batch) => {
    delivered.push(...batch);
    return batch.map((c) => ({ status: 'sent' as const, providerId: `p-${c.customerId}` }));
  },
};
// 10:00 in Beijing on a day of the flow's period: inside contact hours.
const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);

beforeAll(() => {
  ({ db, close } = openTestDb('linkage-worker-outbox'));
  seedIfEmpty(db, { subscribers: 300, seed: 5 });
  runId = startRun(db, { flowId: workersFlow.flowId, version: 1, machine: workersFlow, seed: 3, clock: 'live', now: T0 });
});

afterAll(() => close?.());

const contacts = (status: string) => db.prepare('SELECT count(*) FROM contacts WHERE run_id = ? AND status = ?').pluck().get(runId, status) as number;

it('delivers the contacts a tick queued at the run-level step of the next, each once', async () => {
  const worker = new EngineWorker(db, { id: 'worker-a', tickMs: 2000, channels: () => ({ adapters: {}, defaultAdapter: webhook }) });
  // The first tick: enrolment at the run level, then every partition sends its first touch.
  let passes = 0;
  while ((await worker.pass(T0)).claimed) passes++;
  expect(passes).toBeGreaterThanOrEqual(3);
  const queued = contacts('queued');
  expect(queued).toBeGreaterThan(50);
  expect(delivered).toHaveLength(0);
  // The next tick's run-level step delivers them before any partition steps on.
  const next = await worker.pass(T0 + 2000);
  expect(next.claimed?.part).toBe(-1);
  expect(delivered).toHaveLength(queued);
  expect(new Set(delivered.map((c) => c.customerId)).size).toBe(queued);
  expect(delivered.every((c) => c.runId === runId && c.flowId === workersFlow.flowId)).toBe(true);
  expect(contacts('queued')).toBe(0);
  expect(contacts('sent')).toBe(queued);
  // Nothing is delivered twice: the rest of the tick and the one after find nothing queued.
  while ((await worker.pass(T0 + 2000)).claimed);
  await worker.pass(T0 + 4000);
  expect(delivered).toHaveLength(queued);
});
