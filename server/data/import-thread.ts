import type { Worker } from 'node:worker_threads';
import type { Db } from '../db/open.js';
import { tsWorker } from '../core/ts-worker.js';
import { ImportError } from './errors.js';
import type { ImportOptions, ImportSummary } from './import.js';
import { runJob } from './jobs.js';
import type { ThreadAnswer, ThreadJob } from './import-thread-main.js';

const THREAD = new URL('./import-thread-main.ts', import.meta.url);

interface Waiting { resolve(s: ImportSummary): void; reject(e: unknown): void }
const waiting = new Map<string, Waiting>();
let thread: Worker | null = null;

/** The process's import thread, started by its first import and kept: loading the import code costs seconds. */
function importThread(): Worker {
  if (thread) return thread;
  const t = tsWorker(THREAD);
  // an idle import thread never keeps a finished process alive
  t.unref();
  t.on('message', (a: ThreadAnswer) => {
    const w = waiting.get(a.jobId);
    waiting.delete(a.jobId);
    if (!w) return;
    if (a.ok) w.resolve(a.summary);
    else w.reject(a.importError ? new ImportError(a.importError.text, a.importError.code, a.importError.summary) : new Error(a.message));
  });
  const lost = (e: Error) => {
    if (thread === t) thread = null;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  t.on('error', lost);
  t.on('exit', (code) => lost(new Error(`the import thread stopped (exit ${code})`)));
  return (thread = t);
}

/**
 * Run a claimed import job on the import thread, with its own connection to the same store. Staging
 * yields between batches, but applying is one transaction (all or nothing) that takes seconds per
 * million rows: on the API's thread every request would wait for it. Progress, cancel and the outcome
 * go through the job row as before, so callers see no difference. A store only this connection can
 * reach (SQLite in memory) runs the job here.
 */
export function runJobOffThread(db: Db, o: ImportOptions): Promise<ImportSummary> {
  if (db.name === ':memory:' || db.name === '') return runJob(db, o);
  return new Promise<ImportSummary>((resolve, reject) => {
    waiting.set(o.jobId, { resolve, reject });
    importThread().postMessage({ location: db.name, options: o } satisfies ThreadJob);
  }).catch((e: unknown) => {
    // runJob records its own failures; one outside it (the store not opening, the thread dying) would
    // leave the job `running` until it counts as lost
    if (!(e instanceof ImportError)) {
      db.prepare(`UPDATE data_import_jobs SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status = 'running'`)
        .run(`导入失败：${String(e)} / import failed: ${String(e)}`, Date.now(), o.jobId);
    }
    throw e;
  });
}
