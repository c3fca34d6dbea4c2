/**
 * Trace order. SQLite's rowid already is the order traces were written in; PostgreSQL has no such
 * thing (ctid follows free space, not insertion), so there the table gets an identity column and
 * `insertionOrder()` reads it. Same meaning on both stores, spelled per store.
 */
export const up = `SELECT 1;`;
export const postgresUp = `ALTER TABLE traces ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;`;
