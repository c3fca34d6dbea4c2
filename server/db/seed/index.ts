import { dialectOf } from '../dialect.js';
import type { Db } from '../open.js';
import { rebuildSample } from '../../data/sample-rebuild.js';
import { seedCatalogue } from './catalogue.js';
import { deriveSeed, Rng } from './rng.js';
import { seedSubscribers } from './subscribers.js';
import { seedUsers } from './users.js';

/** Any number, the same in every process: PostgreSQL's lock around the "is it empty?" check and the start-up seed. */
export const SEED_LOCK = 7_346_522;

export interface SeedOptions {
  /** Synthetic subscribers to create. */
  subscribers: number;
  /** PRNG seed: the same seed gives byte-identical table contents. */
  seed: number;
}

/** The demo's reference data — catalogue, CP fit, response priors, demo users — from their JSON and code, in the caller's transaction. */
export function seedReference(db: Db, seed: number): void {
  seedCatalogue(db, new Rng(deriveSeed(seed, 'catalogue')));
  seedUsers(db, new Rng(deriveSeed(seed, 'users')));
}

/**
 * Seed the demo data set on a fresh database in one sync transaction — the entry of tests, the simulator and
 * the benches; the server starts through `seedDemoStore` (./startup.ts), which imports the same rows from
 * generated files. Catalogue, CP fit and response priors, demo users,
 * subscribers with their products and the saved blacklist. Does nothing if org_units already has rows.
 * Everything runs in one transaction, so a crash mid-seed leaves an empty database that is seeded again
 * on the next start rather than a half-seeded one that is skipped.
 *
 * Each part draws from its own PRNG stream, so e.g. the fit table does not change with the subscriber count.
 */
export function seedIfEmpty(db: Db, opts: SeedOptions): { seeded: boolean; ms: number } {
  const started = performance.now();
  const seeded = db.transaction((): boolean => {
    // Checked inside the (immediate) write transaction so two processes cannot both seed. PostgreSQL's
    // transactions do not exclude each other that way: the advisory lock makes a second process wait
    // until the first commits, and then see its rows.
    if (dialectOf(db) === 'postgres') db.prepare('SELECT pg_advisory_xact_lock(?)').get(SEED_LOCK);
    if (db.prepare('SELECT 1 FROM org_units LIMIT 1').get() !== undefined) return false;
    seedReference(db, opts.seed);
    seedSubscribers(db, new Rng(deriveSeed(opts.seed, 'subscribers')), opts.subscribers);
    rebuildSample(db);
    return true;
  }).immediate();
  // Fresh statistics so the query planner knows the seeded tables' shape (segment counts, exclusions).
  if (seeded) db.exec('ANALYZE');
  return { seeded, ms: Math.round(performance.now() - started) };
}
