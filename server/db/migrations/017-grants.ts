/**
 * Operator service calls made by provision states (issue #21: the benefit node grants trial packs,
 * ringback trials, coupons, points): one row per call with its answer, so the dashboard and report
 * count grants per node, a grant's cost stays beside it, and a customer who holds an unexpired grant of
 * a benefit is answered `already_held` in any later run. (run, customer, state, attempt) is the call's
 * idempotency key, as it is the contact log's.
 */
export const up = `
CREATE TABLE grants (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  node TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  service TEXT NOT NULL,
  benefit TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('granted','failed','already_held')),
  reason TEXT,
  cost REAL NOT NULL DEFAULT 0,
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (run_id, customer_id, state, attempt)
);
CREATE INDEX grants_holder ON grants(customer_id, benefit);
`;
