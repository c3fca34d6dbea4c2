import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDb } from '../../server/db/postgres/pg-db.js';
import { PgError, SyncPgClient } from '../../server/db/postgres/sync-client.js';
import { freePort } from '../e2e/support/server.js';
import { createTestStore, type TestStore } from '../support/test-store.js';

/**
 * PostgreSQL connection loss (issue #20, item 13). Before: the `pg` thread died on the idle
 * connection's error event, nobody noticed, and every query — the health check's included — blocked the
 * process for 120 s. Now a lost connection fails requests at once, the health check answers 503, and the
 * thread reconnects by itself once the server takes connections again.
 *
 * The outage is made real: the database stops taking connections (ALLOW_CONNECTIONS false) and its
 * backends are terminated from a second connection, so reconnection keeps failing until it is allowed again.
 */
/** Far below the old 120 s, far above what a failing request takes here (milliseconds). */
const FAST_MS = 5_000;
const DEADLINE_MS = 60_000;

let admin: pg.Client;
let store: TestStore;
let dbName: string;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.LINKAGE_TEST_PG });
  await admin.connect();
  store = createTestStore('/tmp');
  dbName = new URL(store.location).pathname.slice(1);
});
afterAll(async () => {
  await allowConnections(true);
  await admin.end();
  store.drop();
});

const allowConnections = (allow: boolean) => admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS ${allow}`);
/** Cut the database off: no new connections, and every open one terminated. */
async function outage(): Promise<number> {
  await allowConnections(false);
  const r = await admin.query('SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
  return Number((r.rows[0] as { n: string }).n);
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const end = Date.now() + DEADLINE_MS;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const timed = <T>(fn: () => T): { ms: number; value?: T; error?: unknown } => {
  const t = performance.now();
  try {
    const value = fn();
    return { ms: performance.now() - t, value };
  } catch (error) {
    return { ms: performance.now() - t, error };
  }
};

describe('the synchronous client after its backend is terminated', () => {
  it('fails queries fast with a clear error while the server refuses, then reconnects by itself', async () => {
    const client = new SyncPgClient(store.location);
    try {
      const pid = client.query({ text: 'SELECT pg_backend_pid() AS pid', values: [] }).rows[0]!.pid;
      expect(await outage()).toBeGreaterThanOrEqual(1);
      await until('the client to notice', () => (client.connected ? undefined : true));
      for (let i = 0; i < 5; i++) {
        const r = timed(() => client.query({ text: 'SELECT 1 AS one', values: [] }));
        expect(r.ms).toBeLessThan(FAST_MS);
        expect(r.error).toBeInstanceOf(PgError);
        expect((r.error as PgError).code).toBe('08006');
        expect((r.error as PgError).message).toMatch(/PostgreSQL connection lost/);
      }
      await allowConnections(true);
      const back = await until('a query to succeed again', () => {
        try {
          return client.query({ text: 'SELECT pg_backend_pid() AS pid', values: [] }).rows[0]!.pid;
        } catch {
          return undefined;
        }
      });
      expect(back).not.toBe(pid);
      expect(client.connected).toBe(true);
      // Prepared (named) statements are parsed again on the new connection.
      expect(client.query({ text: 'SELECT $1::int AS x', values: [5], name: 'again' }).rows).toEqual([{ x: 5 }]);
    } finally {
      client.close();
    }
  });

  it('never lets a transaction go on, in autocommit, on the connection that replaced its own', () => {
    const db = new PgDb(store.location);
    const killer = new SyncPgClient(process.env.LINKAGE_TEST_PG!);
    try {
      db.exec('CREATE TABLE IF NOT EXISTS loss_probe (k TEXT PRIMARY KEY)');
      const pid = db.prepare('SELECT pg_backend_pid()').pluck().get() as number;
      const spin = new Int32Array(new SharedArrayBuffer(4));
      expect(() => db.transaction(() => {
        db.prepare('INSERT INTO loss_probe (k) VALUES (?)').run('before');
        killer.query({ text: 'SELECT pg_terminate_backend($1)', values: [pid] });
        // The thread notices, and reconnects on its own (the server still takes connections); then go on.
        const waitFor = (cond: () => boolean) => {
          const end = Date.now() + DEADLINE_MS;
          while (!cond()) {
            if (Date.now() > end) throw new Error('timed out');
            Atomics.wait(spin, 0, 0, 5);
          }
        };
        waitFor(() => !db.connected);
        waitFor(() => db.connected);
        db.prepare('INSERT INTO loss_probe (k) VALUES (?)').run('after');
      })()).toThrow(/connection was lost inside a transaction|PostgreSQL connection lost/);
      expect(db.inTransaction).toBe(false);
      // Neither row: the first went with the old connection, the second was refused.
      expect(db.prepare('SELECT count(*) FROM loss_probe').pluck().get()).toBe(0);
      // And the next transaction runs normally on the new connection.
      db.transaction(() => db.prepare('INSERT INTO loss_probe (k) VALUES (?)').run('next'))();
      expect(db.prepare('SELECT k FROM loss_probe').pluck().all()).toEqual(['next']);
    } finally {
      killer.close();
      db.close();
    }
  });
});

describe('a server process whose database goes away under load', () => {
  it('answers fast, reports unhealthy, and serves again once the database is back', async () => {
    const port = await freePort();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: store.location, SEED_SUBSCRIBERS: '300', SEED_DEMO_FLOWS: '0', LOG_LEVEL: 'warn', ENGINE_TICK_MS: '200', EVENTS_API_KEY: 'loss-test-key-0123456789abcdef' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    const health = async () => {
      const t = performance.now();
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(DEADLINE_MS) });
      return { status: res.status, body: (await res.json()) as { status: string; error?: string }, ms: performance.now() - t };
    };
    try {
      await until('the server to start', async () => {
        if (proc.exitCode !== null) throw new Error(`server exited:\n${output}`);
        return (await health().catch(() => null))?.status === 200 ? true : undefined;
      });
      // Load: event batches and health checks, back to back, through the outage and after.
      let stop = false;
      const answers: { ms: number; status: number }[] = [];
      const load = Promise.all(Array.from({ length: 3 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const t = performance.now();
          const res = await fetch(`${base}/api/events`, {
            method: 'POST', signal: AbortSignal.timeout(DEADLINE_MS),
            headers: { authorization: 'Bearer loss-test-key-0123456789abcdef', 'content-type': 'application/json' },
            body: JSON.stringify([{ id: `u-${w}-${i}`, type: 'usage', customerId: 1 + ((w * 97 + i) % 300), dataUsedMb: i }]),
          }).catch(() => null);
          await res?.text();
          answers.push({ ms: performance.now() - t, status: res?.status ?? 0 });
        }
      }));
      await until('some load before the outage', () => (answers.length >= 10 ? true : undefined));
      expect(await outage()).toBeGreaterThanOrEqual(1);
      const down = await until('the health check to say unhealthy', async () => {
        const h = await health();
        expect(h.ms).toBeLessThan(FAST_MS);
        return h.status === 503 ? h : undefined;
      });
      expect(down.body.status).toBe('unhealthy');
      expect(down.body.error).toMatch(/PostgreSQL connection lost/);
      // During the outage every request is answered, and fast.
      const during = answers.length;
      await until('requests answered during the outage', () => (answers.length >= during + 10 ? true : undefined));
      const inOutage = answers.slice(during);
      expect(inOutage.every((a) => a.status !== 0 && a.ms < FAST_MS)).toBe(true);
      // A request that needed the database is told it is unavailable (503), not given a 500.
      expect(inOutage.some((a) => a.status === 503)).toBe(true);
      expect(inOutage.every((a) => a.status !== 500)).toBe(true);
      expect((await health()).status).toBe(503);
      // A tRPC call that needs the database gets the same answer, in the tRPC shape, not a 500.
      const rpc = await fetch(`${base}/trpc/auth.loginInfo`, { signal: AbortSignal.timeout(DEADLINE_MS) });
      expect(rpc.status).toBe(503);
      expect(((await rpc.json()) as { error: { data: { code: string } } }).error.data.code).toBe('SERVICE_UNAVAILABLE');

      await allowConnections(true);
      await until('the health check to recover', async () => ((await health()).status === 200 ? true : undefined));
      const after = answers.length;
      await until('requests served after the outage', () => (answers.slice(after).filter((a) => a.status === 200).length >= 5 ? true : undefined));
      stop = true;
      await load;
      expect(proc.exitCode).toBeNull();
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
    }
  });
});
