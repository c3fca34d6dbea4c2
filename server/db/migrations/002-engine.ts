/**
 * The engine's store: runs pinned to a machine, one journey row per (run, customer), the idempotent
 * contact log, ingested events, compact traces, contact-policy counters, channel usage and the agent queue.
 * Times are integer epoch milliseconds; `day` columns are local (UTC+8) day numbers since the epoch.
 */
export const up = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  flow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  machine TEXT NOT NULL,
  hash TEXT,
  priority INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running','paused','stopped','completed')),
  seed INTEGER NOT NULL,
  clock TEXT NOT NULL CHECK (clock IN ('live','virtual')),
  virtual_now INTEGER,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  budget REAL NOT NULL DEFAULT 0,
  spent REAL NOT NULL DEFAULT 0,
  enrolled_at INTEGER,
  last_entry_day INTEGER,
  stop_reason TEXT,
  created_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX runs_status ON runs(status);

-- flags: 1 responded, 2 converted, 4 control, 8 awaiting second confirmation, 16 contacted (delivered).
-- attempt: the journey's contact sequence number (never reset, so the contact key stays unique across re-entries).
CREATE TABLE journeys (
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  due_at INTEGER,
  flags INTEGER NOT NULL DEFAULT 0,
  attempt INTEGER NOT NULL DEFAULT 0,
  lane TEXT,
  entered_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ended_at INTEGER,
  outcome TEXT,
  entries INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (run_id, customer_id)
) WITHOUT ROWID;
-- One index serves the stepper: set-based moves (state = ? AND due_at <= ?), the per-customer pass (one
-- keyset cursor per state), the next due time (a skip-scan over states) and counts per state. Every
-- state change rewrites one index entry, not two.
CREATE INDEX journeys_due ON journeys(run_id, state, due_at);
-- Events and monitoring look a customer up across runs.
CREATE INDEX journeys_customer ON journeys(customer_id);

CREATE TABLE contacts (
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  channel TEXT NOT NULL,
  stage TEXT NOT NULL,
  cost REAL NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('queued','sent','failed','suppressed','unreachable')),
  reason TEXT,
  provider_id TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  -- the idempotency key; a rowid table with a unique index appends the log, where a WITHOUT ROWID table
  -- keyed by customer rewrote every page of it on each cohort send (measured: half the insert cost)
  UNIQUE (run_id, customer_id, state, attempt)
);
CREATE INDEX contacts_status ON contacts(status, run_id);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  idem_key TEXT UNIQUE,
  type TEXT NOT NULL,
  customer_id INTEGER,
  run_id INTEGER,
  at INTEGER NOT NULL,
  available_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  data TEXT,
  received_at INTEGER NOT NULL
);
CREATE INDEX events_pending ON events(status, available_at) WHERE status = 'pending';

CREATE TABLE traces (
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  state TEXT NOT NULL,
  code TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX traces_journey ON traces(run_id, customer_id);

-- marketing contacts made per customer, local day and channel (global across runs: the caps' source)
CREATE TABLE contact_counts (
  customer_id INTEGER NOT NULL,
  day INTEGER NOT NULL,
  channel TEXT NOT NULL,
  n INTEGER NOT NULL,
  run_id INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  PRIMARY KEY (customer_id, day, channel)
) WITHOUT ROWID;

CREATE TABLE channel_usage (
  channel TEXT NOT NULL,
  day INTEGER NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (channel, day)
) WITHOUT ROWID;

CREATE TABLE node_counts (
  run_id INTEGER NOT NULL,
  node TEXT NOT NULL,
  entered INTEGER NOT NULL,
  PRIMARY KEY (run_id, node)
) WITHOUT ROWID;

CREATE TABLE agent_queue (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  channel TEXT NOT NULL,
  stage TEXT NOT NULL,
  script TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting','done','expired')),
  tries INTEGER NOT NULL DEFAULT 0,
  available_at INTEGER NOT NULL,
  disposition TEXT,
  agent_id INTEGER,
  created_at INTEGER NOT NULL,
  done_at INTEGER,
  UNIQUE (run_id, customer_id, state, attempt)
);
CREATE INDEX agent_queue_waiting ON agent_queue(channel, status, available_at);
`;
