import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../server/db/open.js';
import type { Migration } from '../../server/db/migrations/index.js';
import type { Db } from '../../server/db/types.js';

/**
 * Where a test's store lives. Integration suites are parametrised by backend, not copied: the `unit`
 * project runs them on a SQLite file, the `pg` project (LINKAGE_TEST_PG set by its global setup to the
 * private cluster's URL) on a fresh PostgreSQL database per store.
 */
export interface TestStore {
  /** SQLite file path or PostgreSQL URL: what DATABASE_URL / DATABASE_PATH would be. */
  location: string;
  backend: 'sqlite' | 'postgres';
  /** Remove the store (SQLite files go with the caller's temp folder). */
  drop: () => void;
}

export const testBackend = (): 'sqlite' | 'postgres' => (process.env.LINKAGE_TEST_PG ? 'postgres' : 'sqlite');

let admin: Db | null = null;
let counter = 0;

export function createTestStore(dir: string, file = 'test.db'): TestStore {
  const base = process.env.LINKAGE_TEST_PG;
  if (!base) return { location: join(dir, file), backend: 'sqlite', drop: () => {} };
  admin ??= openDb(base, []);
  const name = `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const a = admin;
  return { location: url.href, backend: 'postgres', drop: () => a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A migrated store in a fresh temp folder (SQLite) or database (PostgreSQL); `close()` closes and removes it. */
export function openTestDb(prefix: string, migrations?: Migration[]): { db: Db; store: TestStore; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const store = createTestStore(dir);
  const db = openDb(store.location, migrations);
  return {
    db,
    store,
    close: () => {
      db.close();
      store.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
