import type { Db } from '../db/open.js';
import { CONTROL_STATE, ENDED_STATE } from '../engine/core/journey.js';
import { countEnding, RunDeltas } from '../engine/store/counters.js';
import { DATASET_FIELDS } from './fields.js';
import type { ImportScope } from './scope.js';
import type { Stage } from './stage.js';

/** Outcome and trace detail of a journey ended because its customer left the base on a `replace` import. */
export const REMOVED_FROM_BASE = 'removed_from_base';

export interface SubscriberChanges { inserted: number; updated: number; removed: number; journeysEnded: number }

/**
 * Apply a checked stage to `subscribers`, in the caller's transaction. Existing customers (by phone)
 * get the mapped attributes; new ones get ids after the current largest, in the file's order (the store
 * assigns none: the sync seed writes ids explicitly, and the demo files list customers in that order, so
 * importing them gives the same ids) and defaults for unmapped attributes; one moved to another city by a
 * file without a district column loses the old city's district. `replace` first removes the customers of
 * the scope (the admin's city or district) that are not in the file, ending their open journeys the way
 * the engine ends journeys (state $ended, outcome and an `ended` trace with the reason), control
 * hold-outs kept.
 */
export function applySubscribers(db: Db, stage: Stage, mapped: readonly string[], replace: boolean, scope: ImportScope | null, now: number): SubscriberChanges {
  const st = stage.table;
  let removed = 0;
  let journeysEnded = 0;
  if (replace) {
    db.exec(`CREATE TABLE ${st}_removed (id INTEGER PRIMARY KEY)`);
    removed = db.prepare(`INSERT INTO ${st}_removed (id) SELECT s.id FROM subscribers s
      WHERE ${scope ? `${scope.inside} AND ` : ''}NOT EXISTS (SELECT 1 FROM ${st} x WHERE x.phone = s.phone)`).run(...(scope?.params ?? [])).changes;
    if (removed > 0) {
      const open = `FROM journeys WHERE ended_at IS NULL AND state <> '${CONTROL_STATE}' AND customer_id IN (SELECT id FROM ${st}_removed)`;
      db.prepare(`INSERT INTO traces (run_id, customer_id, at, state, code, detail)
        SELECT run_id, customer_id, CAST(? AS BIGINT), state, 'ended', CAST(? AS TEXT) ${open}`).run(now, REMOVED_FROM_BASE);
      const counters = new RunDeltas();
      countEnding(db, counters, `ended_at IS NULL AND state <> '${CONTROL_STATE}' AND customer_id IN (SELECT id FROM ${st}_removed)`, [], ENDED_STATE, REMOVED_FROM_BASE);
      journeysEnded = db.prepare(`UPDATE journeys SET state = '${ENDED_STATE}', due_at = NULL, ended_at = ?, updated_at = ?, outcome = ?
        WHERE ended_at IS NULL AND state <> '${CONTROL_STATE}' AND customer_id IN (SELECT id FROM ${st}_removed)`).run(now, now, REMOVED_FROM_BASE).changes;
      counters.write(db);
      for (const table of ['subscriber_products', 'exclusion_lists']) db.exec(`DELETE FROM ${table} WHERE subscriber_id IN (SELECT id FROM ${st}_removed)`);
      db.exec(`DELETE FROM subscribers WHERE id IN (SELECT id FROM ${st}_removed)`);
    }
  }
  const set = mapped.filter((c) => c !== 'phone').map((c) => `${c} = x.${c}`);
  // A customer moved to another city leaves their district; a file without a district column names no new one.
  // (SET reads the row as it was: subscribers.city is the old city.)
  if (mapped.includes('city') && !mapped.includes('district')) set.push('district = CASE WHEN subscribers.city = x.city THEN subscribers.district ELSE NULL END');
  const updated = set.length === 0
    ? Number(db.prepare(`SELECT count(*) FROM ${st} x JOIN subscribers s ON s.phone = x.phone`).pluck().get())
    : db.prepare(`UPDATE subscribers SET ${set.join(', ')} FROM ${st} x WHERE subscribers.phone = x.phone`).run().changes;
  const cols = DATASET_FIELDS.subscribers.fields.map((f) => f.column);
  const maxId = Number(db.prepare('SELECT coalesce(max(id), 0) FROM subscribers').pluck().get());
  const inserted = db.prepare(`INSERT INTO subscribers (id, ${cols.join(', ')}, dnd, opt_out_mask)
    SELECT ? + row_number() OVER (ORDER BY x.line), ${cols.map((c) => `x.${c}`).join(', ')}, 0, 0 FROM ${st} x
    WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.phone = x.phone) ORDER BY x.line`).run(maxId).changes;
  return { inserted, updated, removed, journeysEnded };
}
