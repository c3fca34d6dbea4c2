import type { Db } from '../db/open.js';

/**
 * Which rows the sample keeps: a hash of the id below a threshold in parts per million. The hash is
 * quadratic (x² mod the prime 2³¹−1 of a Lehmer step), not linear in the id, so attributes that repeat
 * with the id (import order, ids handed out city by city) do not alias with it. x² < 2⁶², within 64 bits.
 */
const HASH = '((s.id * 48271 % 2147483647) * (s.id * 48271 % 2147483647) % 2147483647) % 1000000';
/** Parts per million kept: all of a base up to 20,000 rows, 20,000 rows up to 2,000,000, then 1%. */
const THRESHOLD = '(SELECT CASE WHEN count(*) <= 20000 THEN 1000000 WHEN count(*) >= 2000000 THEN 10000 ELSE 20000000000 / count(*) END FROM subscribers)';

/**
 * Rebuild the subscriber sample (migration 018) from the base as it is now, in the caller's transaction
 * (the import's applying one, so a failed import leaves the old sample with the old base). The table is
 * recreated, not refilled, so attribute columns added since (`attr_<key>`) come along.
 */
export function rebuildSample(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS subscriber_sample;
    CREATE TABLE subscriber_sample AS SELECT * FROM subscribers s WHERE ${HASH} < ${THRESHOLD};
    DELETE FROM subscriber_sample_meta;
    INSERT INTO subscriber_sample_meta (city, total, sampled)
      SELECT city, count(*), (SELECT count(*) FROM subscriber_sample x WHERE x.city = s.city) FROM subscribers s GROUP BY city;`);
}
