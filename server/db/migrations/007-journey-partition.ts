/**
 * A run's customers are cut into `parts` partitions when it starts (customer_id % parts), and each
 * journey records its own `part`. Engine workers step one partition at a time, so on PostgreSQL —
 * where workers share runs — the due index leads with the partition: a worker's probes and moves seek
 * its own journeys instead of reading every partition's entries and filtering nine in ten away, and two
 * workers stop writing the same index pages. SQLite steps a run in one process with `journeys_due`,
 * where a second index would only cost every state change a write.
 */
export const up = `
ALTER TABLE runs ADD COLUMN parts INTEGER NOT NULL DEFAULT 1;
ALTER TABLE journeys ADD COLUMN part INTEGER NOT NULL DEFAULT 0;
`;
export const postgresUp = `${up}
CREATE INDEX journeys_part_due ON journeys(run_id, part, state, due_at);
`;
