import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import type { ChannelAdapter, OutboxContact } from '../../../server/engine/channels/adapter.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { EngineWorker } from '../../../server/engine/workers/worker.js';
import { openTestDb } from '../../support/test-store.js';
import { workersFlow } from './support/workers-flow.js';

/**
 * Engine workers deliver a live run's webhook (outbox) contacts beside their passes, not inside the
 * run-level step (issue #20 item 12: delivery there made every partition of the run, and every run after
 * it, wait for the receiver). The two tests this replaces pinned that delivery at the run-level step.
 */
let db: Db;
let close: () => void;
let runId: number;
const delivered: OutboxContact[] = [];
/** While set, the receiver holds every answer until the test opens it: a receiver as slow as the test needs. */
let gate: Promise<void> | null = null;
let inFlight = 0;
const webhook: ChannelAdapter = {
  name: 'webhook', mode: 'outbox',
  deliver: async (batch) => {
    inFlight++;
    await gate;
    inFlight--;
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
/** Delivery passes until one finds nothing to post (a pass takes at most a batch per receiver); how many were posted. */
async function drain(worker: EngineWorker, at: number, first?: Promise<number>): Promise<number> {
  let total = first ? await first : 0;
  for (let n = await worker.engine.delivery.pass(at); n > 0; n = await worker.engine.delivery.pass(at)) total += n;
  return total;
}
const newWorker = (id: string) => new EngineWorker(db, { id, tickMs: 2000, channels: () => ({ adapters: {}, defaultAdapter: webhook }) });

it('queues at the tick, delivers from the delivery loop each contact once, and starts the response timeout at delivery', async () => {
  const worker = newWorker('worker-a');
  let passes = 0;
  while ((await worker.pass(T0)).claimed) passes++;
  expect(passes).toBeGreaterThanOrEqual(3);
  const queued = contacts('queued');
  expect(queued).toBeGreaterThan(50);
  // The next tick's passes deliver nothing: delivery is not the run-level step's job any more.
  while ((await worker.pass(T0 + 2000)).claimed);
  expect(delivered).toHaveLength(0);
  // The journeys wait at their await without a due time while their contact is queued…
  expect(db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state IN ('t1.await', 't2.await') AND due_at IS NULL AND ended_at IS NULL`).pluck().get(runId)).toBe(queued);
  const at = T0 + 5000;
  expect(await drain(worker, at)).toBe(queued);
  expect(delivered).toHaveLength(queued);
  expect(new Set(delivered.map((c) => c.customerId)).size).toBe(queued);
  expect(delivered.every((c) => c.runId === runId && c.flowId === workersFlow.flowId)).toBe(true);
  expect(contacts('queued')).toBe(0);
  expect(contacts('sent')).toBe(queued);
  // …and the 48 h response timeout counts from the delivery, not from the queue.
  expect(db.prepare(`SELECT DISTINCT due_at FROM journeys WHERE run_id = ? AND state IN ('t1.await', 't2.await')`).pluck().all(runId)).toEqual([at + 48 * HOUR]);
  expect(await worker.engine.delivery.pass(at + 1000)).toBe(0);
  expect(delivered).toHaveLength(queued);
});

it('lets the run\'s partitions step while a slow receiver answers', async () => {
  const worker = newWorker('worker-b');
  const queued = db.prepare(`UPDATE contacts SET status = 'queued' WHERE run_id = ? AND status = 'sent'`).run(runId).changes;
  expect(queued).toBeGreaterThan(50);
  let open = () => {};
  gate = new Promise((r) => (open = r));
  const before = delivered.length;
  const delivery = worker.engine.delivery.pass(T0 + 6000);
  await new Promise((r) => setImmediate(r));
  expect(inFlight).toBeGreaterThan(0);
  // With the receiver still answering, the next tick's run-level step and every partition are claimed and stepped.
  const parts = new Set<number>();
  for (let c = await worker.pass(T0 + 8000); c.claimed; c = await worker.pass(T0 + 8000)) parts.add(c.claimed.part);
  expect(parts.has(-1)).toBe(true);
  expect(parts.size).toBeGreaterThanOrEqual(3);
  expect(inFlight).toBeGreaterThan(0);
  expect(delivered.length).toBe(before);
  open();
  gate = null;
  expect(await drain(worker, T0 + 6000, delivery)).toBe(queued);
  expect(delivered.length - before).toBe(queued);
});
