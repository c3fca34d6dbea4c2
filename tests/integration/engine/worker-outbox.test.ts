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
let receiverMs = 0;
const webhook: ChannelAdapter = {
  name: 'webhook', mode: 'outbox',
  deliver: async (batch) => {
    await new Promise((r) => setTimeout(r, receiverMs));
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

it('keeps the run-level lease while a slow receiver answers', async () => {
  const worker = new EngineWorker(db, { id: 'worker-b', tickMs: 2000, leaseMs: 300, channels: () => ({ adapters: {}, defaultAdapter: webhook }) });
  // Contacts waiting for delivery again (as after a receiver outage), and a receiver that takes three leases' time to answer.
  const queued = db.prepare(`UPDATE contacts SET status = 'queued' WHERE run_id = ? AND status = 'sent'`).run(runId).changes;
  expect(queued).toBeGreaterThan(50);
  receiverMs = 900;
  const before = delivered.length;
  const pass = worker.pass(T0 + 6000);
  await new Promise((r) => setTimeout(r, 600));
  // Claimed with T0-based wall time, the lease would have run out long ago; renewed, it runs on the real clock.
  const lease = db.prepare('SELECT owner, lease_until FROM run_partitions WHERE run_id = ? AND part = -1').get(runId) as { owner: string; lease_until: number };
  expect(lease.owner).toBe('worker-b');
  expect(lease.lease_until).toBeGreaterThan(Date.now());
  expect((await pass).claimed?.part).toBe(-1);
  expect(delivered.length - before).toBe(queued);
  receiverMs = 0;
});
