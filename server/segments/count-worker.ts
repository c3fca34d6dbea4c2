import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CountJob, CountReply } from './count-protocol.js';

/**
 * The SQLite side of the exact live count: a thread with its own read connection, so a count never blocks
 * the API's event loop. It counts in ranges of subscriber ids inside one read transaction (one snapshot)
 * and looks at the job's cancel flag between ranges: a superseded count stops within one range.
 */
const RANGE = 100_000;
const db = new Database((workerData as { path: string }).path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

function run(job: CountJob): CountReply {
  const cancelled = () => Atomics.load(job.flag, 0) === 1;
  const chunk = (sql: string) => db.prepare(`${sql} AND s.id >= ? AND s.id < ?`);
  db.exec('BEGIN');
  try {
    const { lo, hi } = db.prepare('SELECT coalesce(min(id), 0) AS lo, coalesce(max(id), -1) AS hi FROM subscribers').get() as { lo: number; hi: number };
    const total = chunk(job.totalSql);
    const matching = chunk(job.countSql);
    const out = { total: 0, count: 0, control: 0 };
    let ranges = 0;
    for (let from = lo; from <= hi; from += RANGE) {
      if (cancelled()) return { id: job.id, cancelled: true, ranges };
      out.total += Number(total.pluck().get(...job.totalParams, from, from + RANGE));
      const r = matching.get(...job.params, from, from + RANGE) as { n: number; c: number };
      out.count += Number(r.n);
      out.control += Number(r.c);
      parentPort!.postMessage({ id: job.id, progress: ++ranges } satisfies CountReply);
    }
    return { id: job.id, ...out, ranges };
  } finally {
    db.exec('COMMIT');
  }
}

parentPort!.on('message', (job: CountJob) => {
  try {
    parentPort!.postMessage(run(job));
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) } satisfies CountReply);
  }
});
