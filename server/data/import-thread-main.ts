/** The import thread (see import-thread.ts): for each job, opens the store, loads its catalogues, runs the job, answers. */
import { parentPort } from 'node:worker_threads';
import { refreshActive } from '../core/active-catalogue.js';
import { openDb } from '../db/open.js';
import { ImportError } from './errors.js';
import type { ImportOptions, ImportSummary } from './import.js';
import { runJob } from './jobs.js';
import './references.js';

export interface ThreadJob { location: string; options: ImportOptions }
export type ThreadAnswer = { jobId: string } & (
  | { ok: true; summary: ImportSummary }
  | { ok: false; message: string; importError?: Pick<ImportError, 'text' | 'code' | 'summary'> });

async function answer({ location, options }: ThreadJob): Promise<ThreadAnswer> {
  const jobId = options.jobId;
  try {
    const db = openDb(location);
    try {
      // the mapping and the row checks read the store's attributes, products, channels and groups
      refreshActive(db);
      return { jobId, ok: true, summary: await runJob(db, options) };
    } finally {
      db.close();
    }
  } catch (e) {
    return e instanceof ImportError
      ? { jobId, ok: false, message: e.message, importError: { text: e.text, code: e.code, summary: e.summary } }
      : { jobId, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

// Jobs of different data sets may run at once; each yields between its batches, as on the API's thread.
parentPort!.on('message', (job: ThreadJob) => void answer(job).then((a) => parentPort!.postMessage(a)));
