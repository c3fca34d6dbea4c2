import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { cityOf, unitLevel } from '../../shared/catalogue/org.js';
import type { AppServices, SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import { isProvinceUnit } from '../governance/org-rules.js';
import type { EncodingOption } from './csv-source.js';
import { ImportError } from './errors.js';
import type { Dataset } from './fields.js';
import type { ImportMode } from './import.js';
import { createJob, jobStatus, requestCancel, type JobStatus } from './jobs.js';
import { runJobOffThread } from './import-thread.js';
import type { Mapping } from './mapping.js';
import { previewUpload } from './preview.js';
import { appendChunk, reportPath, uploadDir, uploadExists, uploadPath } from './uploads.js';

/** The report answered inline; a larger one is cut (the summary still counts every bad row). */
const MAX_REPORT_BYTES = 5 * 1024 * 1024;

type Services = Pick<AppServices, 'db' | 'config' | 'log'>;

/** The unit whose jobs an admin sees: a city or district admin their own; a province admin all (null). */
const scopeOf = (user: SessionUser): string | null => (isProvinceUnit(user.orgUnit) ? null : user.orgUnit);

/** Whose customers an admin's import touches: a city admin's city, a district admin's district of its city; a province admin the whole base. */
function importScopeOf(user: SessionUser): { scopeCity: string | null; scopeDistrict: string | null } {
  if (isProvinceUnit(user.orgUnit)) return { scopeCity: null, scopeDistrict: null };
  if (unitLevel(user.orgUnit) === 'district') return { scopeCity: cityOf(user.orgUnit) ?? user.orgUnit, scopeDistrict: user.orgUnit };
  return { scopeCity: user.orgUnit, scopeDistrict: null };
}

const noUpload = (id: string) => new DomainError({ code: 'NOT_FOUND', message: `没有上传 ${id} / No upload ${id}` });

function existingUpload(s: Services, uploadId: string): string {
  const file = uploadPath(uploadDir(s.config), uploadId);
  if (!file || !uploadExists(file)) throw noUpload(uploadId);
  return file;
}

/** Append a chunk to an upload; without an id a new upload starts. */
export function uploadChunk(s: Services, input: { uploadId?: string; chunk: Buffer }): { uploadId: string; bytes: number } {
  const uploadId = input.uploadId ?? randomUUID();
  const path = input.uploadId ? existingUpload(s, input.uploadId) : uploadPath(uploadDir(s.config), uploadId)!;
  return { uploadId, bytes: appendChunk(path, input.chunk, !input.uploadId) };
}

/**
 * The uploaded file's format (CSV with its detected encoding, or Parquet), header, first rows and the
 * attributes its columns can map to; a district admin's customer file must map the district.
 */
export async function previewImport(s: Services, user: SessionUser, input: { uploadId: string; dataset: Dataset; encoding: EncodingOption }) {
  const file = existingUpload(s, input.uploadId);
  const district = input.dataset === 'subscribers' && importScopeOf(user).scopeDistrict !== null;
  try {
    return await previewUpload(file, input.dataset, input.encoding, district ? ['district'] : []);
  } catch (e) {
    if (e instanceof ImportError) throw new DomainError({ code: 'BAD_REQUEST', message: e.message, cause: e });
    throw e;
  }
}

export interface StartImport {
  dataset: Dataset;
  uploadId: string;
  mapping?: Mapping | undefined;
  mode: ImportMode;
  dryRun: boolean;
  encoding: EncodingOption;
  maxBadPercent: number;
  list?: string | undefined;
  /** The file's name on the admin's machine, shown in the import history (never used as a path). */
  fileName?: string | undefined;
}

/**
 * Claim the data set (CONFLICT while another import of it runs) and run the import off the request path:
 * on its own thread (see import-thread.ts); its outcome is in its row.
 */
export function startImport(s: Services, user: SessionUser, input: StartImport): { jobId: string } {
  const dir = uploadDir(s.config);
  const file = existingUpload(s, input.uploadId);
  const options = { mode: input.mode, dryRun: input.dryRun, encoding: input.encoding, maxBadPercent: input.maxBadPercent, list: input.list };
  let jobId: string;
  try {
    jobId = createJob(s.db, input.dataset, file, options, { userId: user.id, orgUnit: user.orgUnit }, input.fileName ?? null);
  } catch (e) {
    if (e instanceof ImportError) throw new DomainError({ code: 'CONFLICT', message: e.message, cause: e });
    throw e;
  }
  void runJobOffThread(s.db, { ...options, dataset: input.dataset, file, mapping: input.mapping, reportFile: reportPath(dir, jobId), ...importScopeOf(user), jobId })
    .catch((e: unknown) => { if (!(e instanceof ImportError)) s.log.error({ err: e, jobId }, 'data import failed'); })
    // a dry run keeps the upload, so the admin can import the checked file for real (swept after a day)
    .finally(() => { if (!input.dryRun) rmSync(file, { force: true }); });
  return { jobId };
}

/** The job, if the caller's unit may see it (its own unit's, or any for the province); NOT_FOUND otherwise. */
export function visibleJob(db: Db, user: SessionUser, id: string): JobStatus {
  const job = jobStatus(db, id);
  const scope = scopeOf(user);
  if (!job || (scope !== null && job.orgUnit !== scope)) throw new DomainError({ code: 'NOT_FOUND', message: `没有导入任务 ${id} / No import job ${id}` });
  return job;
}

/** The caller's unit's last 20 imports (all units' for the province), newest first. */
export function recentJobs(db: Db, user: SessionUser, dataset?: Dataset): JobStatus[] {
  const scope = scopeOf(user);
  const ids = db.prepare(`SELECT id FROM data_import_jobs WHERE 1 = 1${scope ? ' AND org_unit = ?' : ''}${dataset ? ' AND dataset = ?' : ''} ORDER BY created_at DESC LIMIT 20`)
    .pluck().all(...(scope ? [scope] : []), ...(dataset ? [dataset] : [])) as string[];
  return ids.map((id) => jobStatus(db, id)!);
}

/** Ask a visible job to stop at its next batch; false if it already ended. */
export function cancelImport(db: Db, user: SessionUser, id: string): { cancelling: boolean } {
  visibleJob(db, user, id);
  return { cancelling: requestCancel(db, id) };
}

/** The bad-row report as CSV text (line, column, reason zh, reason en), for download; cut at 5 MB. */
export function badRowReport(s: Services, user: SessionUser, id: string): { csv: string; truncated: boolean; badRows: number } {
  const job = visibleJob(s.db, user, id);
  const path = reportPath(uploadDir(s.config), job.id);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new DomainError({ code: 'NOT_FOUND', message: '该任务没有错误报告（可能已过期） / This job has no report (it may have expired)' });
  }
  const text = readFileSync(path, 'utf8').slice(0, MAX_REPORT_BYTES);
  return { csv: text, truncated: size > MAX_REPORT_BYTES, badRows: job.badRows };
}
