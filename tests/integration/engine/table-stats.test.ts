import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../server/db/open.js';
import { refreshTableStats } from '../../../server/engine/store/table-stats.js';
import { openTestDb, type TestStore } from '../../support/test-store.js';

let store: TestStore;
let db: Db;
let close: () => void;

beforeEach(() => {
  ({ db, store, close } = openTestDb('linkage-stats'));
});

afterEach(() => close());

// The stepper's batch read of contact counts (stepper.ts readCounts), as PostgreSQL plans it.
const lookupPlan = (keys: number[]): string =>
  (db.prepare(`EXPLAIN SELECT customer_id, day, channel, n FROM contact_counts WHERE customer_id IN (SELECT unnest(CAST(? AS BIGINT[]))) AND day >= ?`)
    .all([keys, 0]) as Record<string, string>[]).map((r) => Object.values(r)[0]).join('\n');

it('re-analyses a table that grew since it was analysed empty, so batch lookups use its index again', async () => {
  if (store.backend === 'sqlite') {
    expect(refreshTableStats(db)).toEqual([]);
    return;
  }
  // As after a first enrolment: contact_counts analysed while still empty, then a run's sends fill it.
  // Autovacuum is kept off this table: had it analysed the table first (its nap is a minute, and a fresh
  // database draws its attention), there would be nothing stale left for the engine to find.
  db.exec('ALTER TABLE contact_counts SET (autovacuum_enabled = off)');
  db.exec('ANALYZE contact_counts');
  db.exec(`INSERT INTO contact_counts (customer_id, day, channel, n, run_id, priority)
    SELECT c, d, 'sms', 1, 1, 0 FROM generate_series(1, 50000) c, generate_series(1, 3) d`);
  const keys = Array.from({ length: 2000 }, (_, i) => i * 25 + 1);
  expect(lookupPlan(keys)).toMatch(/Seq Scan on contact_counts/);
  // Table statistics reach the shared counters about a second after the commit; a backend that could not
  // take the stats locks retries after ten seconds idle, hence the generous wait on a loaded machine.
  // Checks are throttled per connection by the wall time passed in: each try is a later "now".
  let analysed: string[] = [];
  let wall = Date.now();
  for (const start = Date.now(); analysed.length === 0 && Date.now() - start < 30_000; await new Promise((r) => setTimeout(r, 250))) {
    analysed = refreshTableStats(db, (wall += 10_000));
  }
  expect(analysed).toContain('contact_counts');
  expect(lookupPlan(keys)).toMatch(/Index Scan using contact_counts_pkey/);
  // Nothing changed since: the next check finds nothing stale.
  expect(refreshTableStats(db, wall + 10_000)).toEqual([]);
  // …and a check within two seconds of the last is not made at all.
  expect(refreshTableStats(db, wall + 11_000)).toEqual([]);
});
