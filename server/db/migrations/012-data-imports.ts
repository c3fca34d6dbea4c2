/**
 * Imports of the operator's own data (issue #18): one row per import job, so progress, cancel and the
 * summary are visible to any API process; the partial unique index lets only one import per data set
 * run at a time, across processes. `exclusion_list_names` names the saved exclusion lists (their
 * members stay in `exclusion_lists`, which enrolment reads).
 */
export const up = `
CREATE TABLE data_import_jobs (
  id TEXT PRIMARY KEY,
  dataset TEXT NOT NULL,
  user_id INTEGER,
  org_unit TEXT,
  file TEXT NOT NULL,
  options TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','cancelled')),
  rows_done INTEGER NOT NULL DEFAULT 0,
  rows_per_sec REAL NOT NULL DEFAULT 0,
  bad_rows INTEGER NOT NULL DEFAULT 0,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  summary TEXT,
  error TEXT,
  report_file TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX data_import_jobs_one_running ON data_import_jobs(dataset) WHERE status = 'running';

CREATE TABLE exclusion_list_names (
  name TEXT PRIMARY KEY,
  updated_at INTEGER NOT NULL,
  job_id TEXT
);
`;
