/** Organisation, accounts, catalogue, subscribers, fit scores and flow documents. */
export const up = `
CREATE TABLE org_units (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  parent TEXT REFERENCES org_units(id)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  org_unit TEXT NOT NULL REFERENCES org_units(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('planner','supervisor','trainer','agent','admin')),
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  idx INTEGER NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  electronic INTEGER NOT NULL,
  kind TEXT NOT NULL,
  stages TEXT NOT NULL,
  cost_per_contact REAL NOT NULL,
  daily_capacity INTEGER NOT NULL,
  contact_start_hour INTEGER NOT NULL,
  contact_end_hour INTEGER NOT NULL,
  needs_smartphone INTEGER NOT NULL,
  response_delay_hours REAL NOT NULL
);

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  category TEXT NOT NULL,
  price REAL NOT NULL
);

CREATE TABLE customer_groups (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL
);

-- opt_out_mask: bit CHANNELS[i].idx set = opted out of that channel. dnd: global do-not-disturb.
CREATE TABLE subscribers (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  group_id TEXT NOT NULL,
  city TEXT NOT NULL,
  plan TEXT NOT NULL,
  arpu REAL NOT NULL,
  data_used_mb INTEGER NOT NULL,
  data_allowance_mb INTEGER NOT NULL,
  tenure_months INTEGER NOT NULL,
  age INTEGER NOT NULL,
  smartphone INTEGER NOT NULL,
  has_broadband INTEGER NOT NULL,
  dormant_days INTEGER NOT NULL,
  churn_risk INTEGER NOT NULL,
  dnd INTEGER NOT NULL,
  opt_out_mask INTEGER NOT NULL,
  joined_on TEXT NOT NULL
);
CREATE INDEX subscribers_city_group ON subscribers(city, group_id);

CREATE TABLE subscriber_products (
  subscriber_id INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  PRIMARY KEY (subscriber_id, product_id)
) WITHOUT ROWID;

-- CP part of the CPC model: how a customer group relates to a channel on four dimensions (0..1),
-- plus a response-rate prior (alpha, beta of a Beta distribution) per group x channel x product category.
CREATE TABLE group_channel_fit (
  group_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  awareness REAL NOT NULL,
  acceptance REAL NOT NULL,
  ease REAL NOT NULL,
  ordering REAL NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (group_id, channel_id)
) WITHOUT ROWID;

CREATE TABLE response_estimates (
  group_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  category TEXT NOT NULL,
  alpha REAL NOT NULL,
  beta REAL NOT NULL,
  PRIMARY KEY (group_id, channel_id, category)
) WITHOUT ROWID;

CREATE TABLE exclusion_lists (
  name TEXT NOT NULL,
  subscriber_id INTEGER NOT NULL,
  PRIMARY KEY (name, subscriber_id)
) WITHOUT ROWID;

-- A flow and its versions. revision increments on every save (optimistic concurrency for autosave).
CREATE TABLE flows (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  org_unit TEXT NOT NULL REFERENCES org_units(id),
  owner_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL DEFAULT 'draft',
  is_template INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL DEFAULT 1,
  -- the working copy being edited; published versions are immutable rows of flow_versions
  document TEXT NOT NULL,
  -- the version currently running (or last run), null until first published
  live_version INTEGER,
  -- template this flow was instantiated from, for usage counts and the case collection
  from_template TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE flow_versions (
  flow_id TEXT NOT NULL REFERENCES flows(id),
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  machine TEXT,
  hash TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (flow_id, version)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;
