import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { migrate, openDb, type Db } from './open.js';

const CORE_TABLES = [
  'audit_log', 'channels', 'customer_groups', 'exclusion_lists', 'flow_versions', 'flows', 'group_channel_fit', 'org_units',
  'products', 'response_estimates', 'schema_migrations', 'sessions', 'subscriber_products', 'subscribers', 'user_roles', 'users',
];

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));

let dir: string;
let file: string;
const open: Db[] = [];
const track = (db: Db): Db => (open.push(db), db);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-open-'));
  file = join(dir, 'nested', 'linkage.db');
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const tables = (db: Db): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];

describe('openDb / migrate', () => {
  it('creates the file (and its folder) and applies every migration on a fresh database', () => {
    const db = track(openDb(file));
    expect(tables(db)).toEqual(expect.arrayContaining(CORE_TABLES));
    const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as { version: number; name: string; applied_at: string }[];
    expect(rows.map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    for (const r of rows) expect(Number.isNaN(Date.parse(r.applied_at))).toBe(false);
  });

  it('runs in WAL mode with foreign keys on', () => {
    const db = track(openDb(file));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() => db.prepare("INSERT INTO users (username, display_name, password_hash, org_unit, created_at) VALUES ('x', 'x', 'x', 'nowhere', 'now')").run()).toThrow(/FOREIGN KEY/);
  });

  it('is idempotent on reopen and keeps the data', () => {
    const first = track(openDb(file));
    first.prepare("INSERT INTO org_units (id, name_zh, name_en, parent) VALUES ('province', '省公司', 'Province', NULL)").run();
    const appliedAt = first.prepare('SELECT applied_at FROM schema_migrations WHERE version = 1').pluck().get();
    first.close();

    const second = track(openDb(file));
    expect(migrate(second)).toEqual([]);
    expect(second.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    expect(second.prepare('SELECT applied_at FROM schema_migrations WHERE version = 1').pluck().get()).toBe(appliedAt);
    expect(second.prepare('SELECT count(*) FROM org_units').pluck().get()).toBe(1);
  });

  it('applies only the new migrations of a later build, in order', () => {
    track(openDb(file)).close();
    const v = LATEST + 1;
    const later: Migration[] = [
      ...MIGRATIONS,
      { version: v + 1, name: 'third', up: 'ALTER TABLE demo_two ADD COLUMN extra TEXT;' },
      { version: v, name: 'second', up: 'CREATE TABLE demo_two (id INTEGER PRIMARY KEY);' },
    ];
    const db = track(openDb(file, later));
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([...MIGRATIONS.map((m) => m.version), v, v + 1]);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('demo_two')).toEqual(['id', 'extra']);
    expect(migrate(db, later)).toEqual([]);
  });

  it('rolls back a failing migration completely', () => {
    track(openDb(file)).close();
    const broken: Migration[] = [...MIGRATIONS, { version: LATEST + 1, name: 'broken', up: 'CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;' }];
    expect(() => track(openDb(file, broken))).toThrow(/no_such_table/);
    const db = track(openDb(file));
    expect(tables(db)).not.toContain('half_done');
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(LATEST);
  });

  it('refuses a database newer than the code', () => {
    const db = track(openDb(file));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', '2030-01-01T00:00:00.000Z')").run();
    expect(() => migrate(db)).toThrow(/newer than this build/);
    db.close();
    expect(() => track(openDb(file))).toThrow(/version 99 is newer/);
  });

  it('keeps audit_log append-only: UPDATE and DELETE are refused', () => {
    const db = track(openDb(file));
    const insert = db.prepare("INSERT INTO audit_log (at, user_id, action, entity, entity_id) VALUES ('2026-11-23T00:00:00Z', NULL, 'flow.create', 'flow', 'f1')");
    insert.run();
    insert.run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'forged' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(2);
    expect(db.prepare('SELECT action FROM audit_log WHERE id = 1').pluck().get()).toBe('flow.create');
  });
});
