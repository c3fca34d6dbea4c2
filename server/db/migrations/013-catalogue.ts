/**
 * The catalogue owned by admins (issue #18 item 1): the columns the admin page edits beyond what 001 had
 * (a channel's enabled flag, quiet hours and SMS signature; a product's validity; a city's share of the
 * synthetic base), and its row of `catalogue_versions` (014 creates the same table if it runs first): every
 * process compares it with the catalogue it holds at its next read — one small query — so an edit in one API
 * process reaches the others and the engine workers without a restart.
 */
export const up = `
ALTER TABLE channels ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE channels ADD COLUMN quiet_start_hour INTEGER;
ALTER TABLE channels ADD COLUMN quiet_end_hour INTEGER;
ALTER TABLE channels ADD COLUMN sms_signature TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN valid_from TEXT;
ALTER TABLE products ADD COLUMN valid_to TEXT;
ALTER TABLE org_units ADD COLUMN share REAL;

CREATE TABLE IF NOT EXISTS catalogue_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO catalogue_versions (name, version) VALUES ('catalogue', 1) ON CONFLICT (name) DO NOTHING;
`;
