import type { Db } from '../db/types.js';

/**
 * The store-owned catalogues a process keeps in memory (attributes, products/channels …), refreshed
 * when another process edited them: every edit bumps its row of `catalogue_versions` in its own
 * transaction; `refreshActive` reads all counters in one query and reloads the ones that moved.
 * Called where a request or an engine tick starts, so an edit needs no restart anywhere.
 */
type Loader = (db: Db) => void;

interface Entry {
  load: Loader;
  /** What the in-memory copy was loaded from: a process may open several stores (tests, tools). */
  db: Db | null;
  version: number;
}

const loaders = new Map<string, Entry>();

/** A catalogue's loader, under its `catalogue_versions` name. Registering again replaces it. */
export function registerActive(name: string, load: Loader): void {
  loaders.set(name, { load, db: null, version: -1 });
}

export function refreshActive(db: Db): void {
  if (loaders.size === 0) return;
  const rows = db.prepare('SELECT name, version FROM catalogue_versions').all() as { name: string; version: number | string }[];
  for (const r of rows) {
    const e = loaders.get(r.name);
    const version = Number(r.version);
    if (!e || (e.db === db && e.version === version)) continue;
    e.load(db);
    e.db = db;
    e.version = version;
  }
}

/** Bump a catalogue's counter; call inside the edit's transaction. */
export function bumpCatalogueVersion(db: Db, name: string): void {
  db.prepare('INSERT INTO catalogue_versions (name, version) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET version = catalogue_versions.version + 1').run(name);
}
