import type { Db } from '../../db/open.js';
import { recountSql } from '../../db/migrations/021-run-counters.js';

/**
 * Rebuild one run's counters from its journeys, contacts and grants: the repair for counters a bug or a
 * manual edit put out of step, and the consistency test's reference. One scan of the run, in one transaction.
 */
export function recountRun(db: Db, runId: number): void {
  const id = Math.trunc(runId);
  db.transaction(() => {
    db.prepare('DELETE FROM run_counters WHERE run_id = ?').run(id);
    db.exec(recountSql(`run_id = ${id}`));
  })();
}
