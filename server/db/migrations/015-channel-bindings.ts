/**
 * Channel bindings set by admins (issue #19 item 1): what each catalogue channel sends through. The
 * current binding per channel, and every version it had, so a contact first attempted under one version
 * keeps it for its retries while new contacts go out under the next (`contacts.binding_version`, NULL
 * until the contact's first delivery attempt). Secrets inside `settings` are encrypted (see bindings/secret-box.ts).
 * HTTP contacts whose attempts ran out wait in `http_dead_letters` (the contact stays queued, parked)
 * until an admin retries them.
 */
export const up = `
CREATE TABLE channel_bindings (
  channel TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('simulated','http','smpp','cmpp','agent_queue','dialer')),
  settings TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE channel_binding_versions (
  channel TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (channel, version)
);

ALTER TABLE contacts ADD COLUMN binding_version INTEGER;

CREATE TABLE http_dead_letters (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  binding_version INTEGER NOT NULL,
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  contact_key TEXT NOT NULL,
  reason TEXT NOT NULL,
  tries INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting','retried')),
  created_at INTEGER NOT NULL,
  retried_at INTEGER,
  retried_by TEXT
);
CREATE INDEX http_dead_letters_waiting ON http_dead_letters(status, channel, created_at);
`;
