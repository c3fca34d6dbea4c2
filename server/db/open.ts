import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { dialectOf, isPostgresUrl } from './dialect.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { PgDb } from './postgres/pg-db.js';
import { toPostgresDdl } from './postgres/translate.js';
import type { Db } from './types.js';

export type { Db } from './types.js';

/** Any number, so that every process migrating the same PostgreSQL database takes the same lock. */
const MIGRATION_LOCK = 7_346_521;

/**
 * Open the store with the settings every part of Linkage assumes: a `postgres://` URL opens
 * PostgreSQL, anything else is a SQLite file path (created if needed). Pending migrations are applied.
 */
export function openDb(location: string, migrations: Migration[] = MIGRATIONS): Db {
  const db = isPostgresUrl(location) ? new PgDb(location) : openSqlite(location);
  try {
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  return db;
}

/** Apply pending migrations, each in its own transaction; refuses a database newer than the code. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): number[] {
  const pg = dialectOf(db) === 'postgres';
  // Engine workers and API processes may start together against one PostgreSQL database.
  if (pg) db.prepare('SELECT pg_advisory_lock(?)').get(MIGRATION_LOCK);
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const latest = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > latest) throw new Error(`Database schema version ${newest} is newer than this build (${latest}); upgrade Linkage.`);
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      db.transaction(() => {
        db.exec(pg ? (m.postgresUp ?? toPostgresDdl(m.up)) : m.up);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      })();
      done.push(m.version);
    }
    return done;
  } finally {
    if (pg) db.prepare('SELECT pg_advisory_unlock(?)').get(MIGRATION_LOCK);
  }
}
