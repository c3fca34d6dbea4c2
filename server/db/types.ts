import type Database from 'better-sqlite3';

/**
 * The store's interface: the part of better-sqlite3's API Linkage uses. better-sqlite3's Database
 * is the SQLite implementation as it is; `PgDb` (postgres/pg-db.ts) implements the same surface on
 * PostgreSQL, synchronously, so storage code is written once for both.
 */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Answer the first column's value instead of a row object (toggles the statement, as in better-sqlite3). */
  pluck(toggle?: boolean): this;
  /** Answer rows as arrays. */
  raw(toggle?: boolean): this;
}

export interface Db {
  /** The file path (SQLite) or connection URL (PostgreSQL): a stable key for caches per store. */
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  /** Run a script of statements without parameters. */
  exec(sql: string): this;
  /** Wrap `fn` in a transaction (nested calls become savepoints); the result is called to run it. */
  transaction<F extends VariableArgFunction>(fn: F): Transaction<F>;
  /** SQLite only; guard calls with `dialectOf(db) === 'sqlite'`. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): this;
}

/** better-sqlite3's transaction function type: the function, plus deferred / immediate / exclusive variants. */
export type Transaction<F extends VariableArgFunction> = Database.Transaction<F>;
export type VariableArgFunction = Parameters<Database.Database['transaction']>[0];
