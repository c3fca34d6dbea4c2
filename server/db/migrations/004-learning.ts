/**
 * Learning for the CPC model: which contacts were already folded into `response_estimates` (so a
 * re-run never counts an outcome twice), the seeded prior of each cell before its first update (for
 * the fit page's prior-vs-learned view), and a log of learning passes.
 */
export const up = `
CREATE TABLE learned_contacts (
  run_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  responded INTEGER NOT NULL,
  learned_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, customer_id, state, attempt)
) WITHOUT ROWID;

CREATE TABLE response_priors (
  group_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  category TEXT NOT NULL,
  alpha REAL NOT NULL,
  beta REAL NOT NULL,
  PRIMARY KEY (group_id, channel_id, category)
) WITHOUT ROWID;

CREATE TABLE learning_passes (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  run_id INTEGER,
  trigger TEXT NOT NULL CHECK (trigger IN ('run_completed','manual')),
  contacts INTEGER NOT NULL,
  responses INTEGER NOT NULL,
  cells INTEGER NOT NULL,
  user_id INTEGER
);
CREATE INDEX learning_passes_run ON learning_passes(run_id);
`;
