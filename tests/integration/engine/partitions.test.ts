import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import { dateStart } from '../../../server/engine/core/clock.js';
import { getRun, partitionsFor, startRun } from '../../../server/engine/store/runs.js';
import { RUN_LEVEL } from '../../../server/engine/workers/leases.js';
import { EngineWorker } from '../../../server/engine/workers/worker.js';
import { openTestDb, type TestStore } from '../../support/test-store.js';
import { workersFlow } from './support/workers-flow.js';

/** How a run's customers are cut into the partitions engine workers step, and how a partition finds its own. */
let db: Db;
let store: TestStore;
let close: () => void;
let runId: number;
const SUBSCRIBERS = 20_001;

beforeAll(async () => {
  ({ db, store, close } = openTestDb('linkage-partitions'));
  seedIfEmpty(db, { subscribers: SUBSCRIBERS, seed: 5 });
  runId = startRun(db, { flowId: workersFlow.flowId, version: 1, machine: workersFlow, seed: 3, clock: 'virtual', now: dateStart(workersFlow.period.start) });
  // The run-level step enrols the segment.
  await new EngineWorker(db, { id: 'worker-a' }).pass();
});

afterAll(() => close?.());

it('fixes a run\'s partitions when it starts, and files every enrolled journey under customer_id % parts', () => {
  const parts = getRun(db, runId)!.parts;
  expect(parts).toBe(partitionsFor(SUBSCRIBERS));
  expect(parts).toBe(3);
  expect(db.prepare('SELECT part FROM run_partitions WHERE run_id = ? ORDER BY part').pluck().all(runId)).toEqual([RUN_LEVEL, 0, 1, 2]);
  const byPart = db.prepare('SELECT part, count(*) AS n, sum(CASE WHEN part = customer_id % ? THEN 0 ELSE 1 END) AS misfiled FROM journeys WHERE run_id = ? GROUP BY part ORDER BY part')
    .all(parts, runId) as { part: number; n: number; misfiled: number }[];
  expect(byPart.map((r) => r.part)).toEqual([0, 1, 2]);
  for (const r of byPart) {
    expect(Number(r.misfiled)).toBe(0);
    // Dealt one by one, the slices are the same size within a customer or so (the segment takes a share of each).
    expect(Number(r.n)).toBeGreaterThan(Number(byPart[0]!.n) * 0.9);
  }
});

it('steps a partition with index seeks on its own journeys: on PostgreSQL by the partition index, on SQLite by the due index', () => {
  const state = db.prepare('SELECT state FROM journeys WHERE run_id = ? AND due_at IS NOT NULL LIMIT 1').pluck().get(runId) as string;
  // The stepper's count of a state's due journeys in one partition (stepper.ts sendBudget), as the store plans it.
  const sql = 'SELECT count(*) FROM journeys WHERE run_id = ? AND state = ? AND due_at <= ? AND part = 1';
  if (store.backend === 'postgres') {
    db.exec('ANALYZE journeys');
    const plan = (db.prepare(`EXPLAIN ${sql}`).all(runId, state, Number.MAX_SAFE_INTEGER) as Record<string, string>[]).map((r) => Object.values(r)[0]).join('\n');
    expect(plan).toMatch(/Index Only Scan using journeys_part_due|Index Scan using journeys_part_due|Bitmap Index Scan on journeys_part_due/);
  } else {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(runId, state, Number.MAX_SAFE_INTEGER) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX journeys_due \(run_id=\? AND state=\? AND due_at<\?\)/);
  }
});
