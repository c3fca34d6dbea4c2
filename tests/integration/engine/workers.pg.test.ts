import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type Db } from '../../../server/db/open.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import { dateStart } from '../../../server/engine/core/clock.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { readCounters } from '../../../server/engine/store/counters.js';
import { recountRun } from '../../../server/engine/store/counters-recount.js';
import { getRun, startRun } from '../../../server/engine/store/runs.js';
import { runVirtualToEnd } from '../../../server/engine/simulation/virtual-clock.js';
import { createTestStore, type TestStore } from '../../support/test-store.js';
import { workersFlow } from './support/workers-flow.js';

/**
 * Issue #9: three engine worker processes share one run of 100,000 customers on PostgreSQL; one is
 * killed (SIGKILL) mid-run. Every journey must end exactly once, no contact may be made twice, and the
 * run's summary must equal the same run stepped by a single process (on SQLite) with the same seed.
 */
const CUSTOMERS = Number(process.env.WORKERS_TEST_CUSTOMERS ?? 100_000);
const SEED = 19;
const flow = workersFlow;

let dir: string;
let pgStore: TestStore;
let pg: Db;
let lite: Db;
const workers: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-workers-'));
  pgStore = createTestStore(dir);
  pg = openDb(pgStore.location);
  seedIfEmpty(pg, { subscribers: CUSTOMERS, seed: SEED });
  lite = openDb(join(dir, 'single.db'));
  seedIfEmpty(lite, { subscribers: CUSTOMERS, seed: SEED });
});

afterAll(() => {
  for (const w of workers) w.kill('SIGKILL');
  pg?.close();
  lite?.close();
  pgStore?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(n: number): { child: ChildProcess; passes: () => number } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/worker.ts'], {
    env: { ...process.env, DATABASE_URL: pgStore.location, LOG_LEVEL: 'debug', WORKER_LEASE_MS: '3000', SEED_SUBSCRIBERS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let passes = 0;
  let err = '';
  child.stdout!.on('data', (d: Buffer) => { passes += d.toString().match(/"msg":"partition stepped"/g)?.length ?? 0; });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  child.on('exit', (code, signal) => { if (code && signal === null) console.error(`worker ${n} failed:`, err); });
  workers.push(child);
  return { child, passes: () => passes };
}

const waitFor = async (what: string, ok: () => boolean, ms: number) => {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

/** Money sums differ in the last bits with summation order (SQLite and PostgreSQL add in different orders). */
const rounded = (v: unknown): unknown =>
  typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : Array.isArray(v) ? v.map(rounded) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)])) : v;

/** What a run did, without ids and wall-clock times. */
function summary(db: Db, runId: number) {
  const m = runMetrics(db, runId) as unknown as Record<string, unknown>;
  const { runId: _r, status: _s, generatedAt: _g, ...rest } = m;
  return rounded({
    ...rest,
    states: db.prepare('SELECT state, outcome, count(*) AS n FROM journeys WHERE run_id = ? GROUP BY state, outcome ORDER BY state, outcome').all(runId),
    nodes: db.prepare('SELECT node, entered FROM node_counts WHERE run_id = ? ORDER BY node').all(runId),
    contacts: db.prepare('SELECT state, channel, status, count(*) AS n, sum(cost) AS cost FROM contacts WHERE run_id = ? GROUP BY state, channel, status ORDER BY state, channel, status').all(runId),
  });
}

it('three workers share a 100,000-customer run, survive a kill, and end as one process would', async () => {
  const start = dateStart(flow.period.start);
  const single = startRun(lite, { flowId: flow.flowId, version: 1, machine: flow, seed: 3, clock: 'virtual', now: start });
  let t0 = performance.now();
  runVirtualToEnd(new Engine(lite), single);
  const singleSeconds = (performance.now() - t0) / 1000;
  expect(getRun(lite, single)!.status).toBe('completed');

  const runId = startRun(pg, { flowId: flow.flowId, version: 1, machine: flow, seed: 3, clock: 'virtual', now: start });
  t0 = performance.now();
  const ws = [startWorker(1), startWorker(2), startWorker(3)];
  // Kill one worker once the run is well under way and that worker has done part of it.
  const clock = () => getRun(pg, runId)!.virtualNow ?? 0;
  await waitFor('the run to get under way', () => clock() > start + 24 * 3600_000 && ws[0]!.passes() > 3, 240_000);
  const passesBeforeKill = ws[0]!.passes();
  ws[0]!.child.kill('SIGKILL');
  await waitFor('the run to complete', () => getRun(pg, runId)!.status !== 'running', 480_000);

  expect(getRun(pg, runId)!.status).toBe('completed');
  console.info(`single process (SQLite) ${singleSeconds.toFixed(1)} s; three workers (PostgreSQL, one killed) ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  expect(passesBeforeKill).toBeGreaterThan(3);
  expect(ws[1]!.passes()).toBeGreaterThan(10);
  expect(ws[2]!.passes()).toBeGreaterThan(10);
  // every journey ended exactly once
  expect(pg.prepare('SELECT count(*) FROM journeys WHERE run_id = ?').pluck().get(runId)).toBe(CUSTOMERS);
  expect(pg.prepare('SELECT count(*) FROM journeys WHERE run_id = ? AND ended_at IS NULL').pluck().get(runId)).toBe(0);
  for (const node of ['won', 'done', 'lost']) {
    expect(pg.prepare('SELECT entered FROM node_counts WHERE run_id = ? AND node = ?').pluck().get(runId, node) ?? 0)
      .toBe(pg.prepare('SELECT count(*) FROM journeys WHERE run_id = ? AND state = ?').pluck().get(runId, node));
  }
  // no contact made twice: one delivered contact per customer and touch at most
  expect(pg.prepare(`SELECT count(*) FROM (SELECT customer_id, state FROM contacts WHERE run_id = ? AND status = 'sent' GROUP BY customer_id, state HAVING count(*) > 1) AS dup`).pluck().get(runId)).toBe(0);
  // the same run, stepped by one process on SQLite
  expect(summary(pg, runId)).toEqual(summary(lite, single));
  // the run counters the three workers (one killed) added to in their transactions: as a recount from the tables
  const kept = counterRows(pg, runId);
  recountRun(pg, runId);
  expect(kept).toEqual(counterRows(pg, runId));
}, 900_000);

const counterRows = (db: Db, runId: number) =>
  Object.fromEntries([...readCounters(db, runId)].filter(([, [n, a]]) => n !== 0 || Math.abs(a) > 1e-6).map(([k, [n, a]]) => [k, [n, Math.round(a * 100) / 100]]));
