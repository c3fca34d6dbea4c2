import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open.js';

/**
 * The tables a run grows from nothing, and whose batch lookups PostgreSQL plans from their statistics.
 * Not `journeys`: it is analysed after enrolment, and later only its rows change, not its size (analysing
 * it after every large instant cost more than it saved).
 */
const GROWING = ['contact_counts', 'contacts', 'traces', 'events'] as const;
/** At most one check per process this often: each is a round trip. */
const CHECK_EVERY_MS = 2_000;
/** Re-analyse a table once this many rows changed since its last ANALYZE and it has about doubled. */
const MIN_CHANGED = 1_000;
const SHARE_CHANGED = 1;
/** Advisory-lock key: one process analyses at a time, the others go on with the plans they have. */
const LOCK_KEY = 7_311_002;

const lastCheck = new WeakMap<Db, number>();

/**
 * Keep PostgreSQL's statistics of the engine's fast-growing tables current. Autovacuum re-analyses on a
 * minute's nap, but a run writes hundreds of thousands of rows in that time, and a batch lookup planned
 * against a table the planner still believes empty turns into a full scan per batch: `contact_counts`
 * read by the per-customer pass took 121 ms a batch at 100,000 customers (58 of 104 s of database time)
 * instead of a few ms. Waiting for a table to double keeps the ANALYZEs few (about a dozen over a run of
 * 100,000 customers). Nothing to do on SQLite, whose planner does not use such statistics here.
 */
export function refreshTableStats(db: Db, wallNow = Date.now()): string[] {
  if (dialectOf(db) !== 'postgres') return [];
  if (wallNow - (lastCheck.get(db) ?? 0) < CHECK_EVERY_MS) return [];
  lastCheck.set(db, wallNow);
  const stale = db.prepare(`SELECT relname FROM pg_stat_user_tables WHERE relname IN (${GROWING.map(() => '?').join(', ')})
    AND n_mod_since_analyze > ${MIN_CHANGED} + ${SHARE_CHANGED} * GREATEST(n_live_tup - n_mod_since_analyze, 0)`).pluck().all(...GROWING) as string[];
  if (stale.length === 0) return [];
  if (!db.prepare('SELECT pg_try_advisory_lock(?)').pluck().get(LOCK_KEY)) return [];
  try {
    db.exec(`ANALYZE ${stale.join(', ')}`);
  } finally {
    db.prepare('SELECT pg_advisory_unlock(?)').pluck().get(LOCK_KEY);
  }
  return stale;
}
