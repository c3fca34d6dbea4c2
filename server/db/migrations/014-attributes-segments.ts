import { SEED_ATTRIBUTES } from '../../../shared/catalogue/subscriber-fields.js';

const q = (s: string | undefined): string => (s === undefined ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

/** The demo's attributes as rows: the seeded set an admin starts from (#18 item 2). */
const seedRows = SEED_ATTRIBUTES.map((a, i) =>
  `(${q(a.id)}, ${q(a.label.zh)}, ${q(a.label.en)}, ${q(a.type)}, ${q(a.sql)}, ${q(a.column)}, NULL, ${q(a.optionsFrom)}, ${q(a.unit?.zh)}, ${q(a.unit?.en)}, '', '', 1, ${i}, 0)`,
).join(',\n  ');

/**
 * The attribute catalogue and saved segments (#18 items 2 and 4).
 * - `attributes`: one row per customer attribute; `sql` is its expression over `subscribers s` (a column
 *   `attr_<key>` that defining the attribute adds, or an expression for a derived one), `options` its enum
 *   values as JSON, `options_from` a catalogue table its values come from instead.
 * - `catalogue_versions`: one counter per admin-edited catalogue, bumped in the edit's transaction, so
 *   every process reloads its in-memory copy at its next read (013 creates the same table if it runs first).
 * - `saved_segments`: a named condition set (conditions + exclusions as the segment node keeps them),
 *   owned by an org unit; flows reference it by id.
 */
export const up = `
CREATE TABLE IF NOT EXISTS catalogue_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO catalogue_versions (name, version) VALUES ('attributes', 1) ON CONFLICT (name) DO NOTHING;

CREATE TABLE attributes (
  key TEXT PRIMARY KEY,
  label_zh TEXT NOT NULL,
  label_en TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('number','integer','boolean','enum','text','date')),
  sql TEXT NOT NULL,
  column_name TEXT UNIQUE,
  options TEXT,
  options_from TEXT,
  unit_zh TEXT,
  unit_en TEXT,
  description_zh TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  builtin INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO attributes (key, label_zh, label_en, type, sql, column_name, options, options_from, unit_zh, unit_en, description_zh, description_en, builtin, position, updated_at) VALUES
  ${seedRows};

CREATE TABLE saved_segments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  org_unit TEXT NOT NULL REFERENCES org_units(id),
  conditions TEXT NOT NULL,
  exclusions TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  updated_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (org_unit, name)
);
`;
