import { SAMPLE_HASH, SAMPLE_THRESHOLD } from '../db/migrations/018-subscriber-sample.js';
import type { Db } from '../db/open.js';

/**
 * Rebuild the subscriber sample from the base as it is now, in the caller's transaction (the import's
 * applying one, so a failed import leaves the old sample with the old base). The table is recreated, not
 * refilled, so attribute columns added since (`attr_<key>`) come along.
 */
export function rebuildSample(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS subscriber_sample;
    CREATE TABLE subscriber_sample AS SELECT * FROM subscribers s WHERE ${SAMPLE_HASH} < ${SAMPLE_THRESHOLD};
    DELETE FROM subscriber_sample_meta;
    INSERT INTO subscriber_sample_meta (city, total, sampled)
      SELECT city, count(*), (SELECT count(*) FROM subscriber_sample x WHERE x.city = s.city) FROM subscribers s GROUP BY city;`);
}
