import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import { addNodeCounts } from '../../../server/engine/store/batch-write.js';
import { dateStart } from '../../../server/engine/core/clock.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { RUN_LEVEL } from '../../../server/engine/workers/leases.js';
import { EngineWorker } from '../../../server/engine/workers/worker.js';
import { openTestDb } from '../../support/test-store.js';
import { workersFlow } from './support/workers-flow.js';

/** What engine workers do when their transactions meet: shared counters, and a step that fails (a deadlock). */
let db: Db;
let close: () => void;
let runId: number;

beforeAll(() => {
  ({ db, close } = openTestDb('linkage-contention'));
  seedIfEmpty(db, { subscribers: 300, seed: 5 });
  runId = startRun(db, { flowId: workersFlow.flowId, version: 1, machine: workersFlow, seed: 3, clock: 'virtual', now: dateStart(workersFlow.period.start) });
});

afterAll(() => close?.());

it('adds node counts given in any order and with repeated keys in one statement', () => {
  addNodeCounts(db, [[runId, 't2.send', 2], [runId, 't1.send', 1], [runId, 't2.send', 3], [runId, 'won', 0]]);
  addNodeCounts(db, [[runId, 't1.send', 4]]);
  expect(db.prepare('SELECT node, entered FROM node_counts WHERE run_id = ? ORDER BY node').all(runId)).toEqual([
    { node: 't1.send', entered: 5 }, { node: 't2.send', entered: 5 },
  ]);
});

it('lets a failed step\'s partition go at once, unstepped, for any worker to take', async () => {
  const wall = Date.now();
  const a = new EngineWorker(db, { id: 'worker-a', leaseMs: 60_000 });
  a.engine.stepRunLevel = () => { throw new Error('deadlock detected'); };
  await expect(a.pass(wall)).rejects.toThrow('deadlock detected');
  const row = db.prepare('SELECT owner, lease_until AS "leaseUntil", stepped_to AS "steppedTo" FROM run_partitions WHERE run_id = ? AND part = ?').get(runId, RUN_LEVEL) as
    { owner: string | null; leaseUntil: number | null; steppedTo: number };
  expect(row.owner).toBeNull();
  expect(row.leaseUntil).toBeNull();
  const virtualNow = db.prepare('SELECT virtual_now FROM runs WHERE id = ?').pluck().get(runId) as number;
  expect(row.steppedTo).toBeLessThan(virtualNow);
  // Well inside the failed worker's 60 s lease, another worker claims and steps it.
  const b = new EngineWorker(db, { id: 'worker-b', leaseMs: 60_000 });
  const pass = await b.pass(wall + 10);
  expect(pass.claimed?.part).toBe(RUN_LEVEL);
  expect(db.prepare('SELECT stepped_to FROM run_partitions WHERE run_id = ? AND part = ?').pluck().get(runId, RUN_LEVEL)).toBe(virtualNow);
  expect(db.prepare('SELECT count(*) FROM journeys WHERE run_id = ?').pluck().get(runId)).toBeGreaterThan(0);
});
