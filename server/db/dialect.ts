import type { Db } from './types.js';

export type Dialect = 'sqlite' | 'postgres';

/** Which store a `Db` is; the few places where SQL must differ branch on it. */
export function dialectOf(db: Db): Dialect {
  return (db as { dialect?: Dialect }).dialect ?? 'sqlite';
}

/** True for a `DATABASE_URL` that selects PostgreSQL. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** An ORDER BY key for the insertion order of traces: SQLite's rowid; on PostgreSQL the identity column migration 6 adds. */
export const insertionOrder = (db: Db): string => (dialectOf(db) === 'postgres' ? 'seq' : 'rowid');
