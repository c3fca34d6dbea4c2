import type { Db, RunResult, Statement, Transaction, VariableArgFunction } from '../types.js';
import { SyncPgClient } from './sync-client.js';
import { translatePlaceholders, type Translated } from './translate.js';

/** Statements worth a server-side prepared statement: data access, not DDL or transaction control. */
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

class PgStatement implements Statement {
  private plucked = false;
  private rawRows = false;
  constructor(private readonly db: PgDb, private readonly t: Translated, private readonly name: string | undefined) {}

  pluck(toggle = true): this {
    this.plucked = toggle;
    return this;
  }
  raw(toggle = true): this {
    this.rawRows = toggle;
    return this;
  }

  private exec(params: unknown[]) {
    return this.db.client.query({ text: this.t.text, values: this.bind(params), ...(this.name ? { name: this.name } : {}) });
  }

  /** better-sqlite3's binding rules: spread values, arrays flattened, or one object of named values. */
  private bind(params: unknown[]): unknown[] {
    if (this.t.names) {
      const o = (params[0] ?? {}) as Record<string, unknown>;
      return this.t.names.map((n) => {
        if (!(n in o)) throw new RangeError(`Missing named parameter "${n}"`);
        return value(o[n]);
      });
    }
    const flat = params.flat().map(value);
    if (flat.length !== this.t.count) throw new RangeError(`Too ${flat.length > this.t.count ? 'many' : 'few'} parameter values were provided`);
    return flat;
  }

  private shape(row: Record<string, unknown>): unknown {
    if (this.plucked) {
      for (const k in row) return row[k];
      return undefined;
    }
    return this.rawRows ? Object.values(row) : row;
  }

  run(...params: unknown[]): RunResult {
    const r = this.exec(params);
    return { changes: r.rowCount, lastInsertRowid: 0 };
  }
  get(...params: unknown[]): unknown {
    const r = this.exec(params);
    return r.rows.length ? this.shape(r.rows[0]!) : undefined;
  }
  all(...params: unknown[]): unknown[] {
    return this.exec(params).rows.map((row) => this.shape(row));
  }
  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }
}

/** SQLite stores booleans as integers and rejects undefined; keep PostgreSQL's values the same. */
function value(v: unknown): unknown {
  if (v === undefined) throw new TypeError('undefined cannot be bound as an SQL value');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

/** The PostgreSQL store behind Linkage's synchronous `Db` interface (one connection per process). */
export class PgDb implements Db {
  readonly dialect = 'postgres' as const;
  readonly client: SyncPgClient;
  private depth = 0;
  private readonly names = new Map<string, string>();
  private closed = false;

  constructor(readonly name: string) {
    this.client = new SyncPgClient(name);
    // Fail fast (a wrong URL, server down) at open, not on the first request.
    try {
      this.client.query({ text: 'SELECT 1', values: [] });
    } catch (err) {
      this.client.close();
      throw err;
    }
  }

  /** Whether the connection is up now, without a round trip (false while it is being re-established). */
  get connected(): boolean {
    return this.client.connected;
  }

  get open(): boolean {
    return !this.closed;
  }
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(sql: string): Statement {
    const t = translatePlaceholders(sql);
    let name: string | undefined;
    if (PREPARABLE.test(t.text)) {
      name = this.names.get(t.text);
      if (!name) {
        name = `s${this.names.size + 1}`;
        this.names.set(t.text, name);
      }
    }
    return new PgStatement(this, t, name);
  }

  exec(sql: string): this {
    this.client.query({ text: sql, values: [], script: true });
    return this;
  }

  transaction<F extends VariableArgFunction>(fn: F): Transaction<F> {
    const run = (...args: Parameters<F>): ReturnType<F> => {
      const sp = `sp${this.depth}`;
      this.exec(this.depth === 0 ? 'BEGIN' : `SAVEPOINT ${sp}`);
      // The whole transaction on the connection it began on: if that one is lost, every later statement
      // fails instead of running in autocommit on the next connection.
      if (this.depth === 0) this.client.pinned = this.client.lastConn;
      this.depth++;
      let r: ReturnType<F>;
      try {
        r = fn(...args) as ReturnType<F>;
        if (r instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
      } catch (err) {
        this.depth--;
        try {
          this.exec(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${sp}`);
        } catch {
          // the connection may be gone; the original error says why
        } finally {
          if (this.depth === 0) this.client.pinned = undefined;
        }
        throw err;
      }
      this.depth--;
      try {
        // A COMMIT that fails (the connection lost) leaves nothing to roll back: the server already has.
        this.exec(this.depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${sp}`);
      } finally {
        if (this.depth === 0) this.client.pinned = undefined;
      }
      return r;
    };
    return Object.assign(run, { default: run, deferred: run, immediate: run, exclusive: run }) as unknown as Transaction<F>;
  }

  pragma(): unknown {
    throw new Error('PRAGMA is SQLite-only; guard it with dialectOf(db)');
  }

  close(): this {
    this.closed = true;
    this.client.close();
    return this;
  }
}
