import type { Db } from './types.js';

export type Dialect = 'sqlite' | 'postgres';

/** Which store a `Db` is; the few places where SQL must differ branch on it. */
export function dialectOf(db: Db): Dialect {
  return (db as { dialect?: Dialect }).dialect ?? 'sqlite';
}

/** True for a `DATABASE_URL` that selects PostgreSQL. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/**
 * An ORDER BY key for insertion order of a table without an id column (traces): SQLite's rowid;
 * on PostgreSQL the row's physical position, which follows insertion for append-only tables
 * (never updated or deleted). A real sequence column would be better; this keeps the schema.
 */
export const insertionOrder = (db: Db): string => (dialectOf(db) === 'postgres' ? 'ctid' : 'rowid');
