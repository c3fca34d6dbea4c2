import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb, type Db } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import { BENEFIT_LOCK } from '../../../server/engine/runtime/provisioning.js';
import { createTestStore, type TestStore } from '../../support/test-store.js';
import { liveGrantRun, stepInChild as stepRun } from '../provisioning/support/benefit-race.js';

/**
 * Two engine processes step two live runs that grant the same benefit to the same customers, on one
 * PostgreSQL database, with the benefit service bound `simulated` (the default): the service answers
 * inline, in the batch. The test holds an EXCLUSIVE lock on `grants` (reads go on, inserts wait), so
 * both batches read the customers' holdings (nothing granted yet) and decide to grant before either can
 * write: the race happens every time. Under the benefit's lock, the one writing second finds the
 * other's grants, rolls back and steps its batch again — its customers leave through already held.
 * Without that lock both write their grants: every customer granted twice.
 */
const BENEFIT = 'TRIAL-INLINE-RACE';

let dir: string;
let store: TestStore;
let db: Db;
let gate: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-inline-race-'));
  store = createTestStore(dir);
  db = openDb(store.location);
  seedIfEmpty(db, { subscribers: 80, seed: 11 });
  gate = openDb(store.location);
});
afterAll(() => {
  gate?.close();
  db?.close();
  store?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const liveGrant = (flowId: string) => liveGrantRun(db, flowId, BENEFIT);
const stepInChild = (runId: number) => stepRun(store.location, runId);

const count = (sql: string, ...a: unknown[]) => Number(db.prepare(sql).pluck().get(...a));
/** Engines waiting at the grants table (to insert) or at the benefit's advisory lock. */
const waiting = () => count(`SELECT count(*) FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND ((locktype = 'relation' AND relation = CAST('grants' AS regclass)) OR (locktype = 'advisory' AND classid = ?))`, BENEFIT_LOCK);

test('two engine processes grant one benefit inline (simulated binding) to the same customers at once: each customer is granted once; the other run takes already held', async () => {
  const a = liveGrant('inline-race-a');
  const b = liveGrant('inline-race-b');
  gate.exec('BEGIN');
  gate.exec('LOCK TABLE grants IN EXCLUSIVE MODE');
  const steps = [stepInChild(a), stepInChild(b)];
  const t0 = Date.now();
  // Both have read their customers' holdings and decided to grant; neither has written. (A child that
  // exited before is a failure Promise.all reports below.)
  while (waiting() < 2 && !steps.some((s) => s.exited())) {
    if (Date.now() - t0 > 120_000) throw new Error(`timed out waiting for both engines to wait at their grants (${waiting()} waiting)`);
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(count('SELECT count(*) FROM grants')).toBe(0);
  gate.exec('COMMIT');
  await Promise.all(steps.map((s) => s.done));

  const customers = count('SELECT count(*) FROM journeys WHERE run_id = ?', a);
  expect(customers).toBeGreaterThan(40);
  expect(count('SELECT count(*) FROM journeys WHERE run_id = ?', b)).toBe(customers);
  // nobody granted twice
  expect(count(`SELECT count(*) FROM (SELECT customer_id FROM grants WHERE result = 'granted' GROUP BY customer_id HAVING count(*) > 1) x`)).toBe(0);
  // the run that wrote first granted all but the simulated service's failures; the other found them held
  const winner = count(`SELECT run_id FROM grants WHERE result = 'granted' GROUP BY run_id ORDER BY count(*) DESC LIMIT 1`);
  const loser = winner === a ? b : a;
  const granted = count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted'`, winner);
  expect(granted + count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'failed'`, winner)).toBe(customers);
  expect(granted).toBeGreaterThan(customers * 0.9);
  expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'already_held' AND reason = ?`, loser, `benefit ${BENEFIT}`)).toBe(granted);
  expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'already_held'`, loser)).toBe(granted);
  // the loser's rolled-back first try left nothing behind: it spent only on customers the winner's call failed for
  const loserGranted = count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted'`, loser);
  expect(count('SELECT spent FROM runs WHERE id = ?', loser)).toBe(loserGranted);
  expect(count('SELECT spent FROM runs WHERE id = ?', winner)).toBe(granted);
  expect(count(`SELECT count(*) FROM traces WHERE run_id = ? AND code = 'already_held'`, loser)).toBe(granted);
}, 240_000);
