import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open.js';
import { stmt } from './stmt.js';

/**
 * Multi-row statements for the per-customer paths. On PostgreSQL every statement is a round trip
 * (~50–100 µs), so writing n rows must take ~n/128 statements, not n. Chunk sizes come from a fixed
 * ladder (128, then 64, 32, … 1 for the rest) so the statement texts — and so the prepared statements
 * on either store — are reused: n rows cost floor(n/128) + popcount(n mod 128) statements, and one
 * shape never has more than eight texts. Not larger: preparing costs ~2 µs per row of the text on
 * SQLite (a 512-row INSERT ~1 ms), paid once per connection and shape, which a fresh process feels,
 * while past ~100 rows a statement the round trip is already a small part of the rows' cost.
 */
const MAX_ROWS = 128;

/** [first row, row count] of each chunk of `n` rows, largest first. */
function* chunks(n: number): Generator<readonly [number, number]> {
  let at = 0;
  for (; n - at >= MAX_ROWS; at += MAX_ROWS) yield [at, MAX_ROWS];
  for (let size = MAX_ROWS / 2; size >= 1; size /= 2) {
    if (n - at >= size) {
      yield [at, size];
      at += size;
    }
  }
}

const placeholders = (columns: number): string => `(${new Array<string>(columns).fill('?').join(', ')})`;
const rowList = (row: string, size: number): string => new Array<string>(size).fill(row).join(', ');

function rowCount(columns: number, values: readonly unknown[]): number {
  if (values.length % columns !== 0) throw new Error(`${values.length} values do not fill rows of ${columns} columns`);
  return values.length / columns;
}

/**
 * `INSERT INTO table (columns) VALUES (…), (…) [tail]` for rows given as one flat array (row after row),
 * inserted in that order. PostgreSQL types the parameters from the target columns. `tail` is an
 * ON CONFLICT clause; an upsert must not name the same key twice in one statement (PostgreSQL refuses
 * "ON CONFLICT DO UPDATE command cannot affect row a second time"): aggregate the rows first.
 */
export function insertRows(db: Db, table: string, columns: readonly string[], values: readonly unknown[], tail = ''): void {
  const n = rowCount(columns.length, values);
  if (n === 0) return;
  if (dialectOf(db) === 'postgres') {
    const types = columnTypes(db, table);
    const arrays = columns.map((c) => `CAST(? AS ${types.get(c) ?? 'TEXT'}[])`);
    stmt(db, `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})${tail ? ` ${tail}` : ''}`).run(byColumn(columns.length, values));
    return;
  }
  const row = placeholders(columns.length);
  for (const [at, size] of chunks(n)) {
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rowList(row, size)}${tail ? ` ${tail}` : ''}`;
    stmt(db, sql).run(values.slice(at * columns.length, (at + size) * columns.length));
  }
}

/** SQL types for the casts that type a VALUES list on PostgreSQL (portable spellings). */
export type SqlType = 'BIGINT' | 'TEXT' | 'DOUBLE PRECISION';

/**
 * `WITH v(columns) AS (VALUES (…), (…)) <statement>` per chunk, for a statement reading the rows as `v`
 * (`UPDATE t SET a = v.a FROM v WHERE t.id = v.id`, SQLite ≥ 3.33); `params` are the statement's own
 * parameters, bound after the rows'. Answers the rows changed. Outside INSERT, PostgreSQL types a VALUES column of parameters as
 * text: the first row's casts type each column, the other rows follow.
 */
export function withRows(db: Db, columns: readonly (readonly [name: string, type: SqlType])[], values: readonly unknown[], statement: string, params: readonly unknown[] = []): number {
  const n = rowCount(columns.length, values);
  if (n === 0) return 0;
  if (dialectOf(db) === 'postgres') {
    const arrays = columns.map(([, t]) => `CAST(? AS ${t}[])`);
    const sql = `WITH v(${columns.map(([c]) => c).join(', ')}) AS (SELECT * FROM unnest(${arrays.join(', ')})) ${statement}`;
    return stmt(db, sql).run([...byColumn(columns.length, values), ...params]).changes;
  }
  const first = `(${columns.map(([, t]) => `CAST(? AS ${t})`).join(', ')})`;
  const row = placeholders(columns.length);
  let changes = 0;
  for (const [at, size] of chunks(n)) {
    const list = size === 1 ? first : `${first}, ${rowList(row, size - 1)}`;
    const sql = `WITH v(${columns.map(([c]) => c).join(', ')}) AS (VALUES ${list}) ${statement}`;
    changes += stmt(db, sql).run([...values.slice(at * columns.length, (at + size) * columns.length), ...params]).changes;
  }
  return changes;
}

/**
 * Rows of `select(list)` for every key, in chunks: `select` puts `list` — `(?, ?, …)` — in an
 * `IN` and must have no parameter before it; `params` are bound after the keys.
 */
export function selectIn<T>(db: Db, select: (list: string) => string, keys: readonly unknown[], params: readonly unknown[] = []): T[] {
  if (keys.length === 0) return [];
  if (dialectOf(db) === 'postgres') {
    const type = typeof keys[0] === 'number' ? 'BIGINT' : 'TEXT';
    return stmt(db, select(`(SELECT unnest(CAST(? AS ${type}[])))`)).all([keys, ...params]) as T[];
  }
  const out: T[] = [];
  for (const [at, size] of chunks(keys.length)) {
    for (const r of stmt(db, select(placeholders(size))).all([...keys.slice(at, at + size), ...params])) out.push(r as T);
  }
  return out;
}

/** Rows given flat (row after row) as one array per column, for `unnest`. */
function byColumn(columns: number, values: readonly unknown[]): unknown[][] {
  const out = Array.from({ length: columns }, () => [] as unknown[]);
  for (let i = 0; i < values.length; i++) out[i % columns]!.push(values[i]);
  return out;
}

const typeCache = new WeakMap<Db, Map<string, Map<string, SqlType>>>();

/** A PostgreSQL table's column types as the casts spell them (read once per table and connection). */
function columnTypes(db: Db, table: string): Map<string, SqlType> {
  let tables = typeCache.get(db);
  if (!tables) typeCache.set(db, (tables = new Map()));
  let types = tables.get(table);
  if (!types) {
    const rows = db.prepare(`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ?`).all(table) as { name: string; type: string }[];
    types = new Map(rows.map((r) => [r.name, r.type === 'bigint' || r.type === 'integer' ? 'BIGINT' : r.type === 'double precision' ? 'DOUBLE PRECISION' : 'TEXT']));
    tables.set(table, types);
  }
  return types;
}
