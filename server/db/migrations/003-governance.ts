/**
 * Governance: review history, run state of the live version, the template library and its cases.
 * `flows.status` is the lifecycle status (see shared/governance/lifecycle.ts); `run_status` is the
 * state of the live version's run, kept when the working copy goes back to draft for the next version.
 */
export const up = `
ALTER TABLE flows ADD COLUMN run_status TEXT;
ALTER TABLE flows ADD COLUMN submitted_by INTEGER REFERENCES users(id);
ALTER TABLE flows ADD COLUMN submitted_revision INTEGER;

CREATE TABLE flow_reviews (
  id INTEGER PRIMARY KEY,
  flow_id TEXT NOT NULL REFERENCES flows(id),
  revision INTEGER NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('submitted','withdrawn','approved','rejected','published')),
  comment TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX flow_reviews_flow ON flow_reviews(flow_id, id);

CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  parameters TEXT NOT NULL DEFAULT '[]',
  document TEXT NOT NULL,
  -- 'file': loaded from flows/*.json at start; 'user': published by a trainer
  source TEXT NOT NULL CHECK (source IN ('file','user')),
  source_flow_id TEXT,
  -- a fragment (a selection of nodes) rather than a whole flow
  partial INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER REFERENCES users(id),
  usage_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX templates_category ON templates(category);

CREATE TABLE template_cases (
  id INTEGER PRIMARY KEY,
  template_id TEXT NOT NULL REFERENCES templates(id),
  flow_id TEXT NOT NULL REFERENCES flows(id),
  version INTEGER,
  note TEXT NOT NULL,
  results TEXT NOT NULL DEFAULT '{}',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX template_cases_template ON template_cases(template_id);

-- a published version is immutable: edits go to the working copy and become the next version
CREATE TRIGGER flow_versions_no_update BEFORE UPDATE ON flow_versions BEGIN SELECT RAISE(ABORT, 'published flow versions are immutable'); END;
CREATE TRIGGER flow_versions_no_delete BEFORE DELETE ON flow_versions BEGIN SELECT RAISE(ABORT, 'published flow versions are immutable'); END;

CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
`;
