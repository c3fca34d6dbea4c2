import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb, type Db } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import { BENEFIT_LOCK, lockBenefits } from '../../../server/engine/runtime/provisioning.js';
import { saveProvisioningBinding } from '../../../server/provisioning/store.js';
import { createTestStore, type TestStore } from '../../support/test-store.js';
import { liveGrantRun, stepInChild as stepRun } from './support/benefit-race.js';

/**
 * Two engine processes step two live runs that grant the same benefit to the same customers, on one
 * PostgreSQL database, at the same moment: each batch reads the customers' holdings (nothing pending
 * yet) before either writes. The test holds the benefit's lock until both wait for it at their queue
 * write, so the race happens every time: the first to get the lock queues its calls, the second finds
 * them under the lock, rolls back and steps its batch again — its customers leave through already held.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BENEFIT = 'TRIAL-RACE';

let dir: string;
let store: TestStore;
let db: Db;
let gate: Db;
beforeAll(() => {
  process.env.LINKAGE_SECRET_KEY = 'c'.repeat(64);
  dir = mkdtempSync(join(tmpdir(), 'linkage-benefit-race-'));
  store = createTestStore(dir);
  db = openDb(store.location);
  seedIfEmpty(db, { subscribers: 80, seed: 11 });
  gate = openDb(store.location);
  // Nothing listens there: the calls only need to be queued, and are never posted in this test.
  saveProvisioningBinding(db, { service: 'benefit', binding: { kind: 'http', http: { url: 'http://127.0.0.1:9/provision', secret: SECRET, timeoutMs: 1000, maxAttempts: 1 } } }, { userId: 1, username: 'test' });
});
afterAll(() => {
  delete process.env.LINKAGE_SECRET_KEY;
  gate?.close();
  db?.close();
  store?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const liveGrant = (flowId: string) => liveGrantRun(db, flowId, BENEFIT);
const stepInChild = (runId: number) => stepRun(store.location, runId).done;

const count = (sql: string, ...a: unknown[]) => Number(db.prepare(sql).pluck().get(...a));
const waiting = () => count(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND NOT granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, BENEFIT_LOCK);

test('two engine processes queue one benefit for the same customers at once: each customer gets one call; the other run takes already held', async () => {
  const a = liveGrant('race-a');
  const b = liveGrant('race-b');
  gate.exec('BEGIN');
  lockBenefits(gate, [BENEFIT]);
  const steps = [stepInChild(a), stepInChild(b)];
  const t0 = Date.now();
  while (waiting() < 2) {
    if (Date.now() - t0 > 120_000) throw new Error(`timed out waiting for both engines at the benefit's lock (${waiting()} waiting)`);
    await new Promise((r) => setTimeout(r, 25));
  }
  // Both have read their customers' holdings and decided to queue; neither has written.
  expect(count('SELECT count(*) FROM provision_calls')).toBe(0);
  gate.exec('COMMIT');
  await Promise.all(steps);

  const customers = count('SELECT count(*) FROM journeys WHERE run_id = ?', a);
  expect(customers).toBeGreaterThan(40);
  expect(count('SELECT count(*) FROM journeys WHERE run_id = ?', b)).toBe(customers);
  // one call per customer across both runs, all from the run that got the lock first
  expect(count('SELECT count(*) FROM provision_calls')).toBe(customers);
  expect(count('SELECT count(DISTINCT customer_id) FROM provision_calls')).toBe(customers);
  const winner = count('SELECT min(run_id) FROM provision_calls');
  expect(count('SELECT count(DISTINCT run_id) FROM provision_calls')).toBe(1);
  const loser = winner === a ? b : a;
  expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 'b' AND due_at IS NULL`, winner)).toBe(customers);
  expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'already_held'`, loser)).toBe(customers);
  expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'already_held' AND reason = ?`, loser, `benefit ${BENEFIT} (call pending)`)).toBe(customers);
  // the loser's rolled-back first try left nothing behind: its spend is nought, each journey moved once
  expect(count('SELECT spent FROM runs WHERE id = ?', loser)).toBe(0);
  expect(count('SELECT spent FROM runs WHERE id = ?', winner)).toBe(customers);
  expect(count(`SELECT count(*) FROM traces WHERE run_id = ? AND code = 'already_held'`, loser)).toBe(customers);
}, 240_000);
