import { afterEach, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import type { Db } from '../types.js';
import { BatchInsert } from './batch.js';

let db: Db;
afterEach(() => db.close());

/** The SQLite store, with every prepared statement's text recorded. */
function recording(): { db: Db; prepared: string[] } {
  const raw = new Database(':memory:');
  raw.exec('CREATE TABLE t (a INTEGER NOT NULL, b TEXT)');
  const prepared: string[] = [];
  const prepare = raw.prepare.bind(raw);
  return { db: Object.assign(raw, { prepare: (sql: string) => (prepared.push(sql), prepare(sql)) }) as unknown as Db, prepared };
}

test('writes full chunks with one reused statement and the rest with its own, rows unchanged and in order', () => {
  const r = recording();
  db = r.db;
  const batch = new BatchInsert(db, 'INSERT INTO t (a, b)', 2, 500);
  for (let i = 0; i < 1_201; i++) batch.add(i, i % 7 ? `v${i}` : null);
  batch.flush();
  batch.flush();
  expect(r.prepared.map((sql) => (sql.match(/\(\?, \?\)/g) ?? []).length)).toEqual([500, 201]);
  const rows = db.prepare('SELECT a, b FROM t ORDER BY rowid').all() as { a: number; b: string | null }[];
  expect(rows).toHaveLength(1_201);
  expect(rows.every((row, i) => row.a === i && row.b === (i % 7 ? `v${i}` : null))).toBe(true);
});

test('one row per statement on SQLite by default; a row of the wrong width is refused', () => {
  const r = recording();
  db = r.db;
  const batch = new BatchInsert(db, 'INSERT INTO t (a, b)', 2);
  batch.add(1, 'x');
  expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
  expect(() => batch.add(2)).toThrow(RangeError);
});
