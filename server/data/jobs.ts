import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { t } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import { ImportError } from './errors.js';
import type { Dataset } from './fields.js';
import { runImport, type ImportOptions, type ImportSummary } from './import.js';

/** A job whose process stopped writing for this long died with it; it no longer blocks its data set. */
const LOST_MS = 60_000;
/** Progress and the cancel flag are read and written at most this often (each is a statement on the shared store). */
const POLL_MS = 250;

export interface JobOwner { userId: number | null; orgUnit: string | null }

/** The longest file name a job keeps (a file system's own limit); the name is a label, never a path. */
export const MAX_SOURCE_NAME = 255;

/**
 * The name shown for the file: its last path segment, without control characters, at most
 * MAX_SOURCE_NAME characters; null when nothing is left.
 */
export function sourceNameOf(name: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean ? [...clean].slice(0, MAX_SOURCE_NAME).join('') : null;
}

export interface JobStatus {
  id: string;
  dataset: Dataset;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  rowsDone: number;
  rowsPerSec: number;
  badRows: number;
  summary: ImportSummary | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  userId: number | null;
  orgUnit: string | null;
  /** The file as the admin uploaded it, or the CLI's path's base name; null for jobs from before it was kept. */
  fileName: string | null;
  /** Who ran it: the user's display name; null when the command line did (userId null). */
  userName: string | null;
}

/**
 * Claim the data set for a new import: a job row in the store. One import per data set runs at a time
 * (a partial unique index, so two API processes cannot both start one); a job left `running` by a
 * process that died is marked failed first, so the import can be restarted from the start.
 * `sourceName` is the file's name for people (default: the path's base name, what the CLI was given).
 */
export function createJob(db: Db, dataset: Dataset, file: string, options: object, owner: JobOwner, sourceName: string | null = basename(file)): string {
  const id = randomUUID();
  const now = Date.now();
  db.prepare(`UPDATE data_import_jobs SET status = 'failed', error = ? WHERE dataset = ? AND status = 'running' AND updated_at < ?`)
    .run('导入所在的进程已停止，请重新导入 / The process running this import stopped; import again', dataset, now - LOST_MS);
  try {
    db.prepare(`INSERT INTO data_import_jobs (id, dataset, user_id, org_unit, file, source_name, options, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`)
      .run(id, dataset, owner.userId, owner.orgUnit, file, sourceName === null ? null : sourceNameOf(sourceName), JSON.stringify(options), now, now);
  } catch {
    throw new ImportError(t(`已有一个「${dataset}」导入正在进行，请等它结束或取消后再试`, `an import of "${dataset}" is already running; wait for it or cancel it`), 'busy');
  }
  return id;
}

/** Run a claimed job to its end, recording progress (rows done, rows/s), honouring cancel, and the outcome. */
export async function runJob(db: Db, o: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  let polled = 0;
  let cancel = false;
  const hooks = {
    progress: (rows: number) => {
      const now = Date.now();
      if (now - polled < POLL_MS) return;
      polled = now;
      const rate = rows / Math.max(0.001, (now - started) / 1000);
      db.prepare('UPDATE data_import_jobs SET rows_done = ?, rows_per_sec = ?, updated_at = ? WHERE id = ?').run(rows, rate, now, o.jobId);
      cancel = Number(db.prepare('SELECT cancel_requested FROM data_import_jobs WHERE id = ?').pluck().get(o.jobId)) === 1;
    },
    cancelled: () => cancel || (cancel = Number(db.prepare('SELECT cancel_requested FROM data_import_jobs WHERE id = ?').pluck().get(o.jobId)) === 1),
  };
  try {
    const s = await runImport(db, o, hooks);
    db.prepare(`UPDATE data_import_jobs SET status = 'succeeded', rows_done = ?, bad_rows = ?, rows_per_sec = ?, summary = ?, report_file = ?, updated_at = ? WHERE id = ?`)
      .run(s.rows, s.bad, s.rows / Math.max(0.001, s.ms / 1000), JSON.stringify(s), s.reportFile, Date.now(), o.jobId);
    return s;
  } catch (e) {
    const err = e instanceof ImportError ? e : new ImportError(t(`导入失败：${e instanceof Error ? e.message : String(e)}`, `import failed: ${e instanceof Error ? e.message : String(e)}`));
    const status = err.code === 'cancelled' ? 'cancelled' : 'failed';
    // a file refused for its bad rows was read to the end: its row count, not the last progress tick
    db.prepare(`UPDATE data_import_jobs SET status = ?, error = ?, rows_done = coalesce(?, rows_done), bad_rows = ?, summary = ?, report_file = ?, updated_at = ? WHERE id = ?`)
      .run(status, err.message, err.summary?.rows ?? null, err.summary?.bad ?? 0, err.summary ? JSON.stringify(err.summary) : null, o.reportFile, Date.now(), o.jobId);
    throw err;
  }
}

export function requestCancel(db: Db, id: string): boolean {
  return db.prepare(`UPDATE data_import_jobs SET cancel_requested = 1 WHERE id = ? AND status = 'running'`).run(id).changes > 0;
}

interface JobRow {
  id: string; dataset: Dataset; status: JobStatus['status']; rows_done: number; rows_per_sec: number; bad_rows: number; summary: string | null; error: string | null;
  created_at: number; updated_at: number; user_id: number | null; org_unit: string | null; source_name: string | null; user_name: string | null;
}

export function jobStatus(db: Db, id: string): JobStatus | null {
  const r = db.prepare('SELECT j.*, u.display_name AS user_name FROM data_import_jobs j LEFT JOIN users u ON u.id = j.user_id WHERE j.id = ?').get(id) as JobRow | undefined;
  if (!r) return null;
  return {
    id: r.id, dataset: r.dataset, status: r.status, rowsDone: Number(r.rows_done), rowsPerSec: Number(r.rows_per_sec), badRows: Number(r.bad_rows),
    summary: r.summary ? (JSON.parse(r.summary) as ImportSummary) : null, error: r.error, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
    userId: r.user_id === null ? null : Number(r.user_id), orgUnit: r.org_unit, fileName: r.source_name, userName: r.user_name,
  };
}

export function reportFileOf(db: Db, id: string): string | null {
  return (db.prepare('SELECT report_file FROM data_import_jobs WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
}
