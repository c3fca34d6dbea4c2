/**
 * Sends over CMPP / SMPP gateways, never twice (issue #19 items 5-6). `submits` is written before a
 * contact leaves (`submitting`, with the process that owns it) and again with the gateway's message ids
 * (`submitted`); a `submitting` row whose process died is `unknown` and is never sent again. The new
 * statuses live here rather than in `contacts.status` (a CHECK constraint on a large table). Each part's
 * id points back to its submit, so delivery reports find their contact; a report that arrives before the
 * ids do waits in `report_buffer`. `touch_extensions` gives each (run, touch) a stable short number
 * appended to the access number, so a customer's reply routes back to the touch it answers.
 */
export const up = `
CREATE TABLE submits (
  contact_key TEXT PRIMARY KEY,
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  channel TEXT NOT NULL,
  binding_version INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cmpp','smpp')),
  status TEXT NOT NULL CHECK (status IN ('submitting','submitted','unknown','rejected','not_sent')),
  owner TEXT NOT NULL,
  extension TEXT,
  parts INTEGER NOT NULL DEFAULT 0,
  msg_ids TEXT,
  error TEXT,
  code INTEGER,
  delivery TEXT CHECK (delivery IN ('delivered','failed')),
  delivery_stat TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX submits_status ON submits(status, updated_at);
CREATE INDEX submits_run ON submits(run_id, status);

CREATE TABLE submit_parts (
  channel TEXT NOT NULL,
  msg_id TEXT NOT NULL,
  contact_key TEXT NOT NULL,
  part INTEGER NOT NULL,
  stat TEXT,
  reported_at INTEGER,
  PRIMARY KEY (channel, msg_id)
);
CREATE INDEX submit_parts_key ON submit_parts(contact_key);

CREATE TABLE report_buffer (
  channel TEXT NOT NULL,
  msg_id TEXT NOT NULL,
  stat TEXT NOT NULL,
  at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (channel, msg_id)
);

CREATE TABLE touch_extensions (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  touch TEXT NOT NULL,
  extension TEXT NOT NULL UNIQUE,
  UNIQUE (run_id, touch)
);

CREATE TABLE inbound_replies (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  phone TEXT NOT NULL,
  text TEXT NOT NULL,
  extension TEXT,
  customer_id INTEGER,
  run_id INTEGER,
  touch TEXT,
  status TEXT NOT NULL,
  reason TEXT,
  ack TEXT,
  ack_status TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX inbound_replies_customer ON inbound_replies(customer_id, at);
`;
