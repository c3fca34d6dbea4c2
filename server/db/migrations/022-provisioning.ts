/**
 * Benefit provisioning over an operator's HTTP interface (issue #21 item 2). A provisioning binding per
 * service (the `service` a provision state names), versioned like the channel bindings, its secret
 * sealed the same way. When a service is bound to `http`, a provision state queues a call in
 * `provision_calls` (the provisioning outbox; (run, customer, state, attempt) is the idempotency key, as
 * in `grants`) and the journey waits in the state; a loop posts it and applies the answer once: the
 * `grants` row is written then. `reserved` is the cost counted in the run's spend at queue time (the
 * budget check), given back when the answer is not a grant. Calls that fail for good are kept in
 * `http_dead_letters` too, told apart from channel contacts by `target`.
 */
export const up = `
CREATE TABLE provisioning_bindings (
  service TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('simulated','http')),
  settings TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE provisioning_binding_versions (
  service TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (service, version)
);

CREATE TABLE provision_calls (
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  service TEXT NOT NULL,
  binding_version INTEGER NOT NULL,
  reserved REAL NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('queued','accepted','answered')),
  tries INTEGER NOT NULL DEFAULT 0,
  next_try_at INTEGER,
  reason TEXT,
  result TEXT CHECK (result IN ('granted','failed','already_held')),
  created_at INTEGER NOT NULL,
  answered_at INTEGER,
  PRIMARY KEY (run_id, customer_id, state, attempt)
);
CREATE INDEX provision_calls_due ON provision_calls(status, next_try_at);

ALTER TABLE http_dead_letters ADD COLUMN target TEXT NOT NULL DEFAULT 'contact';
`;
