/**
 * A fixed sample of the subscriber base for instant live counts (#18 item 5): `subscriber_sample` has the
 * subscribers' columns and the rows whose id hashes under a threshold — 1% of a large base, at least
 * 20,000 rows (a base that small is sampled whole). `subscriber_sample_meta` counts, per city, the base
 * and the sample, which scale a sample count into an estimate. The import rebuilds both in its applying
 * transaction (server/data/sample-rebuild.ts, whose hash may differ: the per-city counts come from the rows
 * kept, so any hash gives a valid estimate); here they are built once for a store seeded before.
 */
const SAMPLE_HASH = '((s.id * 2654435761) % 4294967296) % 1000000';
/** Parts per million kept: all of a base up to 20,000 rows, 20,000 rows up to 2,000,000, then 1%. */
const SAMPLE_THRESHOLD = `(SELECT CASE WHEN count(*) <= 20000 THEN 1000000 WHEN count(*) >= 2000000 THEN 10000 ELSE 20000000000 / count(*) END FROM subscribers)`;

export const up = `
CREATE TABLE subscriber_sample AS SELECT * FROM subscribers s WHERE ${SAMPLE_HASH} < ${SAMPLE_THRESHOLD};
CREATE TABLE subscriber_sample_meta (
  city TEXT PRIMARY KEY,
  total INTEGER NOT NULL,
  sampled INTEGER NOT NULL
);
INSERT INTO subscriber_sample_meta (city, total, sampled)
  SELECT city, count(*), (SELECT count(*) FROM subscriber_sample x WHERE x.city = s.city) FROM subscribers s GROUP BY city;
`;
