/**
 * Engine workers share the work of a run through leases on its partitions (see server/engine/workers):
 * part -1 is the run-level step (enrolment, period end, events not tied to a run); part k of n holds the
 * customers with customer_id % n = k. `stepped_to` is the engine time the partition has been advanced
 * to; a lease whose `lease_until` (wall clock) has passed may be taken over by another worker.
 */
export const up = `
CREATE TABLE run_partitions (
  run_id INTEGER NOT NULL,
  part INTEGER NOT NULL,
  stepped_to INTEGER NOT NULL,
  owner TEXT,
  lease_until INTEGER,
  PRIMARY KEY (run_id, part)
);
`;
