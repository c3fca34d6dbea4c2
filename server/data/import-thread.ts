import { bilingualHalves } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import { jobThread } from '../core/job-thread.js';
import { ImportError } from './errors.js';
import type { ImportOptions, ImportSummary } from './import.js';
import { runJob } from './jobs.js';
import type { ThreadAnswer, ThreadJob } from './import-thread-main.js';

/** The process's import thread: loading the import code costs seconds, so it is kept between imports. */
const onImportThread = jobThread<ThreadJob, ThreadAnswer, ImportSummary>(new URL('./import-thread-main.ts', import.meta.url), {
  idOf: (a) => a.jobId,
  outcome: (a) => a.ok ? { answer: a.summary }
    : { error: a.importError ? new ImportError(a.importError.text, a.importError.code, a.importError.summary) : new Error(a.message) },
  lost: (why) => 'error' in why ? why.error : new Error(`导入线程已停止（exit ${why.exitCode}） / the import thread stopped (exit ${why.exitCode})`),
});

/**
 * Run a claimed import job on the import thread, with its own connection to the same store. Staging
 * yields between batches, but applying is one transaction (all or nothing) that takes seconds per
 * million rows: on the API's thread every request would wait for it. Progress, cancel and the outcome
 * go through the job row as before, so callers see no difference. A store only this connection can
 * reach (SQLite in memory) runs the job here.
 */
export function runJobOffThread(db: Db, o: ImportOptions): Promise<ImportSummary> {
  if (db.name === ':memory:' || db.name === '') return runJob(db, o);
  return onImportThread(o.jobId, { location: db.name, options: o }).catch((e: unknown) => {
    // runJob records its own failures; one outside it (the store not opening, the thread dying) would
    // leave the job `running` until it counts as lost
    if (!(e instanceof ImportError)) {
      const why = bilingualHalves(e instanceof Error ? e.message : String(e));
      db.prepare(`UPDATE data_import_jobs SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status = 'running'`)
        .run(`导入失败：${why.zh} / import failed: ${why.en}`, Date.now(), o.jobId);
    }
    throw e;
  });
}
