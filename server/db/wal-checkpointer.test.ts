import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDb } from './open.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'linkage-wal-'));
  dirs.push(dir);
  const path = join(dir, 'store.db');
  const db = openDb(path, [{ version: 1, name: 'blobs', up: 'CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)' }]);
  return { path, db };
}

/** ~16 MB in one transaction: 4,000 pages, past SQLite's own checkpoint threshold of 1,000. */
const write = (db: ReturnType<typeof openDb>) => db.transaction(() => {
  const ins = db.prepare('INSERT INTO blobs (body) VALUES (?)');
  for (let i = 0; i < 4000; i++) ins.run('x'.repeat(4000));
})();

const waitFor = async (ok: () => boolean, ms: number) => {
  for (const t0 = Date.now(); !ok() && Date.now() - t0 < ms;) await new Promise((r) => setTimeout(r, 20));
  return ok();
};

it('copies the log into the database file on its thread, not in the writer’s commit', async () => {
  const { path, db } = store();
  // Fold the schema's pages in first: the thread would otherwise copy them in at any moment and grow the file under the check below.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointer = startWalCheckpointer(db, path, { intervalMs: 20 });
  const before = statSync(path).size;
  write(db);
  // The commit only appended to the log: the file has not grown yet (SQLite alone would have copied it in the commit).
  expect(statSync(path).size).toBe(before);
  expect(statSync(`${path}-wal`).size).toBeGreaterThan(16_000_000);
  expect(await waitFor(() => statSync(path).size > 16_000_000, 5000)).toBe(true);
  await checkpointer.stop();
  db.close();
  // The last connection to close folded what was left and removed the log.
  expect(existsSync(`${path}-wal`)).toBe(false);
});

it('stops at once and twice safely; the store works on without it', async () => {
  const { path, db } = store();
  const checkpointer = startWalCheckpointer(db, path, { intervalMs: 20 });
  await checkpointer.stop();
  await checkpointer.stop();
  write(db);
  expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(4000);
  db.close();
});
