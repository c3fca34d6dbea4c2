import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOf } from '../../server/db/dialect.js';
import { openDb, type Db } from '../../server/db/open.js';
import { openTestDb, testBackend, type TestStore } from '../support/test-store.js';

/** The storage interface's contract, on whichever backend this project runs (SQLite or PostgreSQL). */
describe(`store contract (${testBackend()})`, () => {
  let db: Db;
  let store: TestStore;
  let close: () => void;
  beforeAll(() => {
    ({ db, store, close } = openTestDb('linkage-store', [{ version: 1, name: 'contract', up: `
      CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, at INTEGER NOT NULL, price REAL);
      CREATE TABLE frozen (k TEXT PRIMARY KEY);
      CREATE TRIGGER frozen_no_delete BEFORE DELETE ON frozen BEGIN SELECT RAISE(ABORT, 'frozen rows stay'); END;` }]));
  });
  afterAll(() => close());

  it('reports its dialect', () => {
    expect(dialectOf(db)).toBe(testBackend());
  });

  it('binds positional, array and named parameters; plucks; keeps 64-bit times and reals exact', () => {
    const at = 1_795_000_000_123;
    const id = db.prepare('INSERT INTO items (name, at, price) VALUES (?, ?, ?) RETURNING id').pluck().get('a', at, 19.9) as number;
    db.prepare('INSERT INTO items (name, at, price) VALUES (?, ?, ?)').run(['b', at + 1, null]);
    expect(typeof id).toBe('number');
    expect(db.prepare('SELECT name, at, price FROM items WHERE id = @id').get({ id })).toEqual({ name: 'a', at, price: 19.9 });
    expect(db.prepare('SELECT count(*) FROM items WHERE at >= ?').pluck().get(at)).toBe(2);
    expect(db.prepare('SELECT name FROM items ORDER BY name').pluck().all()).toEqual(['a', 'b']);
    expect(db.prepare(`UPDATE items SET price = coalesce(price, 0) + ? WHERE name IN (?, ?)`).run(1, 'a', 'b').changes).toBe(2);
  });

  it('rolls a failed transaction back whole, and a failed savepoint back to the savepoint', () => {
    const count = () => db.prepare('SELECT count(*) FROM items').pluck().get() as number;
    const before = count();
    expect(() => db.transaction(() => {
      db.prepare('INSERT INTO items (name, at) VALUES (?, ?)').run('c', 1);
      db.prepare('INSERT INTO items (name, at) VALUES (?, ?)').run('a', 1); // duplicate name
    })()).toThrow();
    expect(count()).toBe(before);
    db.transaction(() => {
      db.prepare('INSERT INTO items (name, at) VALUES (?, ?)').run('d', 1);
      expect(() => db.transaction(() => db.prepare('INSERT INTO items (name, at) VALUES (?, ?)').run('a', 1))()).toThrow();
      expect(db.inTransaction).toBe(true);
    })();
    expect(count()).toBe(before + 1);
    expect(db.inTransaction).toBe(false);
  });

  it('portable upserts: ON CONFLICT DO NOTHING and DO UPDATE with excluded', () => {
    db.prepare('INSERT INTO items (name, at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run('a', 5);
    db.prepare('INSERT INTO items (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = items.at + excluded.at').run('b', 10);
    expect(db.prepare('SELECT at FROM items WHERE name = ?').pluck().get('b')).toBe(1_795_000_000_134);
  });

  it('enforces refusing triggers with their message', () => {
    db.prepare('INSERT INTO frozen (k) VALUES (?)').run('x');
    expect(() => db.prepare('DELETE FROM frozen').run()).toThrow(/frozen rows stay/);
  });

  it('reports a bad statement with the database message and leaves the connection usable', () => {
    expect(() => db.prepare('SELECT nope FROM items').all()).toThrow(/nope/);
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
  });

  it('refuses a schema newer than the code', () => {
    expect(() => openDb(store.location, [])).toThrow(/newer than this build/);
  });
});
