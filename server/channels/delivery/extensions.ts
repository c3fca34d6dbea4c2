/**
 * The service-code extension of a flow touch: a short number, stable per (run, touch), appended to the
 * access number so a customer's reply comes back addressed to the touch it answers (CMPP Src_Id /
 * SMPP source_addr). Allocated once, by the first process to need it; the row id is the number.
 */
import type { Db } from '../../db/open.js';

const cache = new WeakMap<Db, Map<string, string>>();

export function touchExtension(db: Db, runId: number, touch: string): string {
  let byTouch = cache.get(db);
  if (!byTouch) cache.set(db, (byTouch = new Map()));
  const k = `${runId}\u0000${touch}`;
  const hit = byTouch.get(k);
  if (hit) return hit;
  const ext = db.transaction(() => {
    const found = db.prepare('SELECT extension FROM touch_extensions WHERE run_id = ? AND touch = ?').pluck().get(runId, touch) as string | undefined;
    if (found) return found;
    // The id is only known after the insert: a placeholder unique to this row, then the number.
    const placeholder = `pending:${runId}:${touch}`;
    db.prepare('INSERT INTO touch_extensions (run_id, touch, extension) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(runId, touch, placeholder);
    const id = db.prepare('SELECT id FROM touch_extensions WHERE run_id = ? AND touch = ?').pluck().get(runId, touch) as number;
    const number = String(id).padStart(2, '0');
    db.prepare('UPDATE touch_extensions SET extension = ? WHERE id = ? AND extension = ?').run(number, id, placeholder);
    return db.prepare('SELECT extension FROM touch_extensions WHERE id = ?').pluck().get(id) as string;
  }).immediate();
  byTouch.set(k, ext);
  return ext;
}

/** The (run, touch) an extension belongs to, if any. */
export function touchOfExtension(db: Db, extension: string): { runId: number; touch: string } | null {
  const r = db.prepare('SELECT run_id AS "runId", touch FROM touch_extensions WHERE extension = ?').get(extension) as { runId: number; touch: string } | undefined;
  return r ?? null;
}
