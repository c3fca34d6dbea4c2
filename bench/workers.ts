/**
 * Issue #9's benchmark: one run stepped by 1 and by 2 engine worker processes on PostgreSQL, and by
 * a single process on SQLite and on PostgreSQL; and, as this machine's ceiling for the 2-vs-1 ratio, two
 * runs in two databases with one worker each. Same seeded customers, same flow, same seed; every
 * contender must end with the same per-state counts (asserted). Reported as ratios from the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../server/db/open.js';
import { seedIfEmpty } from '../server/db/seed/index.js';
import { dateStart } from '../server/engine/core/clock.js';
import { Engine } from '../server/engine/runtime/engine.js';
import { getRun, startRun } from '../server/engine/store/runs.js';
import { runVirtualToEnd } from '../server/engine/simulation/virtual-clock.js';
import { startCluster } from '../tests/support/postgres-cluster.js';
import { workersFlow } from '../tests/integration/engine/support/workers-flow.js';
import { backendCpuSeconds, processCpuSeconds } from './process-cpu.js';
import { fmt, log, table } from './util.js';

const SEED = 19;
/** Two runs of N customers, each in its own database with one worker: what two workers gain when they share nothing but the box. */
const TWO_APART = 'PostgreSQL, 2 runs apart';

export interface WorkersReport {
  customers: number;
  rows: { contender: string; seconds: number; journeysPerSecond: number; workerCpuSeconds?: number; backendCpuSeconds?: number; cores?: number }[];
  speedup2v1: number;
  /** 2 × one worker's time ÷ two runs apart: the most two workers gain on this machine (the ceiling for speedup2v1). */
  ceiling2v1: number;
  sqliteOverPg: number;
  targets: { name: string; target: string; value: string; met: boolean }[];
  text: string;
}

const states = (db: Db, runId: number) =>
  JSON.stringify(db.prepare('SELECT state, count(*) AS n FROM journeys WHERE run_id = ? GROUP BY state ORDER BY state').all(runId));

function inProcess(db: Db): { seconds: number; states: string } {
  const runId = startRun(db, { flowId: workersFlow.flowId, version: 1, machine: workersFlow, seed: 3, clock: 'virtual', now: dateStart(workersFlow.period.start) });
  const t0 = performance.now();
  runVirtualToEnd(new Engine(db), runId);
  return { seconds: (performance.now() - t0) / 1000, states: states(db, runId) };
}

interface Outcome {
  seconds: number;
  states: string;
  /** CPU used while stepping by the worker processes and by their PostgreSQL backends. */
  cpu?: { workers: number; backends: number };
}

/**
 * `perStore` worker processes on each store, one run started in each; timed until every run completed.
 * One store is the scale-out case; two stores with one worker each share nothing but the machine and
 * the cluster, which makes them the most any two workers could gain here.
 */
async function withWorkers(urls: string[], perStore: number): Promise<Outcome> {
  const procs: ChildProcess[] = [];
  const dbs = urls.map((url) => openDb(url));
  try {
    for (const url of urls) {
      for (let i = 0; i < perStore; i++) {
        // Node itself with tsx's loader (not the tsx CLI, which would add a parent process): /proc then accounts the worker's own CPU.
        procs.push(spawn(process.execPath, ['--import', 'tsx', 'server/worker.ts'], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] }));
      }
    }
    // Let the workers start (tsx, connection) before the clock starts: the benchmark times stepping.
    await new Promise((r) => setTimeout(r, 3000));
    const runIds = dbs.map((db) => startRun(db, { flowId: workersFlow.flowId, version: 1, machine: workersFlow, seed: 3, clock: 'virtual', now: dateStart(workersFlow.period.start) }));
    const databases = urls.map((url) => new URL(url).pathname.slice(1));
    const cpu = () => ({
      workers: procs.reduce((sum, p) => sum + processCpuSeconds(p.pid!), 0),
      backends: dbs.reduce((sum, db, i) => sum + backendCpuSeconds(db, databases[i]!), 0),
    });
    const before = cpu();
    const t0 = performance.now();
    while (dbs.some((db, i) => getRun(db, runIds[i]!)!.status === 'running')) await new Promise((r) => setTimeout(r, 100));
    const seconds = (performance.now() - t0) / 1000;
    const after = cpu();
    const ended = dbs.map((db, i) => states(db, runIds[i]!));
    if (ended.some((x) => x !== ended[0])) throw new Error(`independent runs ended differently: ${ended.join(' vs ')}`);
    return { seconds, states: ended[0]!, cpu: { workers: after.workers - before.workers, backends: after.backends - before.backends } };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    for (const db of dbs) db.close();
  }
}

export async function benchWorkers(opts: { quick: boolean }): Promise<WorkersReport> {
  const customers = opts.quick ? 20_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'linkage-bench-workers-'));
  const cluster = startCluster();
  try {
    const admin = openDb(cluster.url, []);
    const dbUrl = (name: string) => Object.assign(new URL(cluster.url), { pathname: `/${name}` }).href;
    log(`workers: seeding ${fmt(customers)} customers in SQLite and PostgreSQL`);
    const file = join(dir, 'seeded.db');
    const lite = openDb(file);
    seedIfEmpty(lite, { subscribers: customers, seed: SEED });
    lite.close();
    admin.exec('CREATE DATABASE seeded');
    const seeded = openDb(dbUrl('seeded'));
    seedIfEmpty(seeded, { subscribers: customers, seed: SEED });
    seeded.close();
    // Each contender gets its own copy of the seeded store.
    const pgCopy = (name: string) => {
      admin.exec(`CREATE DATABASE ${name} TEMPLATE seeded`);
      return dbUrl(name);
    };
    const results: Record<string, Outcome> = {};
    log('workers: SQLite, one process');
    copyFileSync(file, join(dir, 'sqlite.db'));
    const s = openDb(join(dir, 'sqlite.db'));
    results['SQLite, 1 process'] = inProcess(s);
    s.close();
    log('workers: PostgreSQL, one process');
    const p = openDb(pgCopy('single'));
    results['PostgreSQL, 1 process'] = inProcess(p);
    p.close();
    for (const n of [1, 2]) {
      log(`workers: PostgreSQL, ${n} worker process${n > 1 ? 'es' : ''}`);
      results[`PostgreSQL, ${n} worker${n > 1 ? 's' : ''}`] = await withWorkers([pgCopy(`w${n}`)], n);
    }
    log('workers: PostgreSQL, two runs in two databases, one worker each');
    results[TWO_APART] = await withWorkers([pgCopy('apart_a'), pgCopy('apart_b')], 1);
    admin.close();
    const reference = results['SQLite, 1 process']!.states;
    for (const [k, r] of Object.entries(results)) if (r.states !== reference) throw new Error(`${k} ended with different per-state counts: ${r.states} vs ${reference}`);
    const rows = Object.entries(results).map(([contender, r]) => ({
      contender, seconds: r.seconds, journeysPerSecond: (contender === TWO_APART ? 2 : 1) * customers / r.seconds,
      ...(r.cpu ? { workerCpuSeconds: r.cpu.workers, backendCpuSeconds: r.cpu.backends, cores: (r.cpu.workers + r.cpu.backends) / r.seconds } : {}),
    }));
    const speedup2v1 = results['PostgreSQL, 1 worker']!.seconds / results['PostgreSQL, 2 workers']!.seconds;
    const ceiling2v1 = (2 * results['PostgreSQL, 1 worker']!.seconds) / results[TWO_APART]!.seconds;
    const sqliteOverPg = results['PostgreSQL, 1 process']!.seconds / results['SQLite, 1 process']!.seconds;
    const text = [
      `Scale-out: one run of ${fmt(customers)} customers (3 touches, virtual time) to completion; "2 runs apart" is two such runs, each in its own database with one worker; identical per-state counts asserted`,
      table(['contender', 'seconds', 'journeys/s', 'CPU s: workers', 'CPU s: backends', 'cores busy'], rows.map((r) => [r.contender, fmt(r.seconds, 1), fmt(r.journeysPerSecond),
        r.workerCpuSeconds === undefined ? '' : fmt(r.workerCpuSeconds, 1), r.backendCpuSeconds === undefined ? '' : fmt(r.backendCpuSeconds, 1), r.cores === undefined ? '' : fmt(r.cores, 2)])),
      `2 workers ÷ 1 worker: ${fmt(speedup2v1, 2)}×, of at most ${fmt(ceiling2v1, 2)}× here (two runs apart: two workers sharing nothing but the machine)`,
      `SQLite in-process is ${fmt(sqliteOverPg, 2)}× PostgreSQL in-process`,
    ].join('\n');
    return {
      customers, rows, speedup2v1, ceiling2v1, sqliteOverPg, text,
      targets: [{ name: 'workers: 2 vs 1 on PostgreSQL', target: '≥ 1.6×', value: `${fmt(speedup2v1, 2)}×`, met: speedup2v1 >= 1.6 }],
    };
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
