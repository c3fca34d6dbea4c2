/**
 * State that must be shared by every API process (#20): failed logins for the per-account and
 * per-address limits, simulation jobs (the poll may reach another process than the one running the
 * job), and who wrote each revision of a flow (four-eyes: nobody who edited since the last approval
 * approves). Sessions are now stored as the SHA-256 of their token: the tokens issued before are
 * unknown in that form, so everyone logs in again once.
 */
export const up = `
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures(key, at);

CREATE TABLE sim_jobs (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  progress REAL NOT NULL DEFAULT 0,
  done INTEGER NOT NULL DEFAULT 0,
  summary TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE flow_revision_authors (
  flow_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (flow_id, revision)
) WITHOUT ROWID;

DELETE FROM sessions;
`;
