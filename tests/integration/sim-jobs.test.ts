import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb } from '../../server/db/open.js';
import { createTestServices } from '../support/test-services.js';
import { fixtureFlow } from './governance/fixture-flow.js';
import { callerAs } from './monitoring/support.js';

/** Simulation jobs live in the store (#20 item 14): started on one API process, polled on another. */
let a: ReturnType<typeof createTestServices>;
let b: typeof a;
beforeAll(() => {
  a = createTestServices(200);
  // A second process: its own connection to the same store.
  b = { ...a, db: openDb(a.config.DATABASE_URL ?? a.config.DATABASE_PATH) };
});
afterAll(() => {
  b.db.close();
  a.cleanup();
});

test('a job started through one process is polled to its end through another; only its owner sees it', async () => {
  const doc = { ...fixtureFlow('sim-x', 'gz'), period: { start: '2026-12-01', end: '2026-12-03' } };
  const { jobId } = await callerAs(a, 'planner').sim.start({ document: doc, customers: 300, seed: 1, days: 3 });
  await expect(callerAs(b, 'planner_sz').sim.status({ jobId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  const poll = () => callerAs(b, 'planner').sim.status({ jobId });
  let status = await poll();
  const deadline = Date.now() + 60_000;
  while (!status.done && !status.error && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 100));
    status = await poll();
  }
  expect(status.error).toBeUndefined();
  expect(status.done).toBe(true);
  expect(status.progress).toBe(1);
  expect(status.summary?.enrolled).toBeGreaterThan(0);
});
