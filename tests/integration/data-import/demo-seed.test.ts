import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDb, type Db } from '../../../server/db/open.js';
import { writeDemoFiles } from '../../../server/db/seed/demo-files.js';
import { seedIfEmpty } from '../../../server/db/seed/index.js';
import { seedDemoStore } from '../../../server/db/seed/startup.js';
import { BLACKLIST } from '../../../server/db/seed/subscribers.js';
import { freePort } from '../../e2e/support/server.js';
import { createTestStore, type TestStore } from '../../support/test-store.js';

/**
 * The demo seed at start-up: generated operator files imported through the import pipeline. The store the
 * real server (`tsx server/main.ts`) seeds must hold exactly what the one-transaction sync seed (tests, the
 * simulator) writes from the same rows, on SQLite and on PostgreSQL.
 */
const N = 3_000;
const SEED = 20261123;
/** What the import path must reproduce: the base (dnd and opt-out flags included), holdings and the blacklist. */
const TABLES = {
  subscribers: 'SELECT * FROM subscribers ORDER BY id',
  holdings: 'SELECT subscriber_id, product_id FROM subscriber_products ORDER BY 1, 2',
  blacklist: 'SELECT name, subscriber_id FROM exclusion_lists ORDER BY 1, 2',
};

let dir: string;
const stores: TestStore[] = [];
const dbs: Db[] = [];
let reference: Db;

function freshStore(name: string): TestStore {
  const s = createTestStore(dir, `${name}.db`);
  stores.push(s);
  return s;
}
const open = (s: TestStore): Db => {
  const db = openDb(s.location);
  dbs.push(db);
  return db;
};
const rows = (db: Db, sql: string): unknown[] => db.prepare(sql).all();
const one = (db: Db, sql: string, ...params: unknown[]): number => Number(db.prepare(sql).pluck().get(...params));

/** Start the real server on `store` until it answers /api/health, then stop it with SIGTERM; its log. */
async function startAndStop(store: TestStore): Promise<string> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', SEED_SUBSCRIBERS: String(N), SEED: String(SEED), SEED_DEMO_FLOWS: '0',
    LOG_LEVEL: 'info', ENGINE_TICK_MS: '0', LEARNING_INTERVAL_MS: '0',
  };
  if (store.backend === 'postgres') env.DATABASE_URL = store.location;
  else {
    env.DATABASE_PATH = store.location;
    delete env.DATABASE_URL;
  }
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => proc.once('exit', ok));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${out}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGTERM');
  expect(await exited).toBe(0);
  return out;
}

/** The seeded data sets equal the sync seed's, row for row (ids, every attribute, dnd and opt-outs included); names the first row that differs. */
function expectSameAsSyncSeed(db: Db): void {
  for (const [name, sql] of Object.entries(TABLES)) {
    const [got, want] = [rows(db, sql), rows(reference, sql)];
    expect(got.length, name).toBe(want.length);
    const i = got.findIndex((r, k) => JSON.stringify(r) !== JSON.stringify(want[k]));
    expect(i < 0 ? null : { name, row: i, got: got[i], want: want[i] }).toBeNull();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-demo-seed-'));
  reference = open(freshStore('reference'));
  seedIfEmpty(reference, { subscribers: N, seed: SEED });
});
afterAll(() => {
  for (const db of dbs) db.close();
  for (const s of stores) s.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo data as generated operator files', () => {
  test('the same seed writes byte-identical files, from start-up and from the CLI; another seed other customers', async () => {
    const digestDir = (out: string) => Object.fromEntries(readdirSync(join(dir, out)).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, out, f))).digest('hex')]));
    const digest = async (seed: number, out: string) => {
      await writeDemoFiles(join(dir, out), { subscribers: N, seed });
      return digestDir(out);
    };
    const a = await digest(SEED, 'files-a');
    expect(Object.keys(a)).toEqual(['blacklist.csv', 'dnd.csv', 'mapping.json', 'optout.csv', 'products.csv', 'subscribers.csv']);
    expect(await digest(SEED, 'files-b')).toEqual(a);
    expect((await digest(SEED + 1, 'files-c'))['subscribers.csv']).not.toBe(a['subscribers.csv']);
    // the CLI writes the same files and says how to import them
    const cli = spawn(process.execPath, ['--import', 'tsx', 'server/cli/data.ts', 'generate', 'demo', '--subscribers', String(N), '--seed', String(SEED), '--out', join(dir, 'files-cli')]);
    let out = '';
    cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise((ok) => cli.once('exit', ok))).toBe(0);
    expect(out).toContain(`npm run data -- import subscribers ${join(dir, 'files-cli', 'subscribers.csv')} --mapping ${join(dir, 'files-cli', 'mapping.json')}`);
    expect(out).toContain(`npm run data -- import exclusion ${join(dir, 'files-cli', 'blacklist.csv')} --list ${BLACKLIST}`);
    expect(digestDir('files-cli')).toEqual(a);
    const header = readFileSync(join(dir, 'files-a', 'subscribers.csv'), 'utf8').split('\n')[0]!;
    expect(header.startsWith('手机号码,客户姓名,地市')).toBe(true);
    expect(readFileSync(join(dir, 'files-a', 'subscribers.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(N + 1);
  });
});

describe('first start seeds through the import; a restart does not seed again', () => {
  let store: TestStore;
  let db: Db;
  beforeAll(async () => {
    store = freshStore('fresh');
    const log = await startAndStop(store);
    expect(log).toMatch(/"resumed":false,"msg":"seeded demo data"/);
    db = open(store);
  });

  test('the counts: subscribers, holdings, opt-outs, DND, blacklist members — and the sync seed\'s rows exactly', () => {
    expect(one(db, 'SELECT count(*) FROM subscribers')).toBe(N);
    expect(one(db, 'SELECT count(*) FROM exclusion_lists WHERE name = ?', BLACKLIST)).toBe(N / 10);
    const holdings = one(reference, 'SELECT count(*) FROM subscriber_products');
    const optedOut = one(reference, 'SELECT count(*) FROM subscribers WHERE opt_out_mask <> 0');
    const dnd = one(reference, 'SELECT count(*) FROM subscribers WHERE dnd = 1');
    expect(holdings).toBeGreaterThan(N / 20);
    expect(optedOut).toBeGreaterThan(N / 50);
    expect(dnd).toBeGreaterThan(N / 100);
    expect(one(db, 'SELECT count(*) FROM subscriber_products')).toBe(holdings);
    expect(one(db, 'SELECT count(*) FROM subscribers WHERE opt_out_mask <> 0')).toBe(optedOut);
    expect(one(db, 'SELECT count(*) FROM subscribers WHERE dnd = 1')).toBe(dnd);
    expectSameAsSyncSeed(db);
    // the live count's sample was rebuilt from the imported base
    expect(one(db, 'SELECT sum(total) FROM subscriber_sample_meta')).toBe(N);
  });

  test('each data set came in as an import job; opt-outs and DND as recorded admin changes', () => {
    const jobs = db.prepare('SELECT dataset, status, rows_done FROM data_import_jobs ORDER BY created_at').all() as { dataset: string; status: string; rows_done: number }[];
    expect(jobs.map((j) => j.dataset)).toEqual(['subscribers', 'products', 'optout', 'dnd', 'exclusion']);
    expect(jobs.every((j) => j.status === 'succeeded')).toBe(true);
    expect(Number(jobs[0]!.rows_done)).toBe(N);
    const changed = one(db, "SELECT count(DISTINCT customer_id) FROM contact_pref_changes WHERE source = 'admin' AND kind IN ('opt_out', 'dnd_on')");
    expect(changed).toBe(one(reference, 'SELECT count(*) FROM subscribers WHERE opt_out_mask <> 0 OR dnd = 1'));
  });

  test('a restart finds the store seeded and imports nothing', async () => {
    const log = await startAndStop(store);
    expect(log).not.toMatch(/seeded demo data/);
    expect(one(db, 'SELECT count(*) FROM data_import_jobs')).toBe(5);
    expectSameAsSyncSeed(db);
  });
});

describe('a seed stopped half-way', () => {
  test('is finished on the next start, not skipped: the data sets end exactly as a seed in one go', async () => {
    const store = freshStore('crashed');
    const db = open(store);
    // the process "dies" after the base and holdings are in: nothing of opt-outs, DND, blacklist
    const stop = new Error('process stopped');
    await expect(seedDemoStore(db, {
      subscribers: N, seed: SEED,
      onDataset: (f) => { if (f.dataset === 'products') throw stop; },
    })).rejects.toBe(stop);
    expect(one(db, 'SELECT count(*) FROM subscribers')).toBe(N);
    expect(one(db, 'SELECT count(*) FROM subscribers WHERE opt_out_mask <> 0 OR dnd = 1')).toBe(0);
    expect(one(db, 'SELECT count(*) FROM exclusion_lists')).toBe(0);
    // and one killed inside an import leaves its job running (here: the opt-out list's, a moment ago)
    db.prepare(`INSERT INTO data_import_jobs (id, dataset, user_id, org_unit, file, options, status, created_at, updated_at)
      VALUES ('killed', 'optout', NULL, NULL, ?, '{}', 'running', ?, ?)`).run(join(tmpdir(), 'linkage-demo-seed-killed', 'optout.csv'), Date.now(), Date.now());

    const log = await startAndStop(store);
    expect(log).toMatch(/"resumed":true,"msg":"seeded demo data"/);
    expectSameAsSyncSeed(db);
    // the redo replaced each data set with its file: nothing doubled
    expect(one(db, 'SELECT count(*) FROM subscribers')).toBe(N);
    expect(one(db, "SELECT count(*) FROM data_import_jobs WHERE dataset = 'subscribers' AND status = 'succeeded'")).toBe(2);
    expect(db.prepare("SELECT status FROM data_import_jobs WHERE id = 'killed'").pluck().get()).toBe('failed');
  });

  test('an import cancelled mid-seed stops the seed, and the next start finishes it', async () => {
    const store = freshStore('cancelled');
    if (store.backend === 'postgres') return; // the trigger below is SQLite's syntax; the half-way case above covers PostgreSQL
    const db = open(store);
    // the admin's cancel flag, set on the opt-out import as it is created: the import stops at its first check
    db.exec(`CREATE TRIGGER cancel_optout AFTER INSERT ON data_import_jobs WHEN NEW.dataset = 'optout'
      BEGIN UPDATE data_import_jobs SET cancel_requested = 1 WHERE id = NEW.id; END`);
    await expect(seedDemoStore(db, { subscribers: N, seed: SEED })).rejects.toThrow(/cancelled/);
    db.exec('DROP TRIGGER cancel_optout');
    expect(one(db, "SELECT count(*) FROM data_import_jobs WHERE dataset = 'optout' AND status = 'cancelled'")).toBe(1);
    const log = await startAndStop(store);
    expect(log).toMatch(/"resumed":true,"msg":"seeded demo data"/);
    expectSameAsSyncSeed(db);
  });
});

describe('two seeders at once', () => {
  test('one seeds, the other waits and finds the store seeded', async () => {
    const store = freshStore('race');
    const [a, b] = [open(store), open(store)];
    let waited = 0;
    const results = await Promise.all([a, b].map((db) => seedDemoStore(db, { subscribers: N, seed: SEED, onWait: () => waited++ })));
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    expect(waited).toBe(1);
    expect(one(a, 'SELECT count(*) FROM data_import_jobs')).toBe(5);
    expectSameAsSyncSeed(a);
  });

  test('a lock left by a process that died is taken over (SQLite\'s lock file)', async () => {
    const store = freshStore('stale-lock');
    if (store.backend === 'postgres') return; // PostgreSQL drops a dead connection's advisory lock itself
    const db = open(store);
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(`${store.location}.seed-lock`, JSON.stringify({ pid: dead.pid, started: 1 }));
    const r = await seedDemoStore(db, { subscribers: N, seed: SEED });
    expect(r.seeded).toBe(true);
    expectSameAsSyncSeed(db);
  });
});
