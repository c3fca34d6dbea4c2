import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { ImportError } from '../../data/errors.js';
import { DATASETS } from '../../data/fields.js';
import { createJob, jobStatus, requestCancel, runJob, type JobStatus } from '../../data/jobs.js';
import { mappingSchema } from '../../data/mapping.js';
import { previewUpload } from '../../data/preview.js';
import { appendChunk, reportPath, uploadDir, uploadExists, uploadPath } from '../../data/uploads.js';
import { isProvinceUnit } from '../../governance/org-rules.js';
import type { Context } from '../../core/context.js';
import { procedure, router } from '../trpc.js';

const ADMIN = ['admin'] as const;
/** A base64 chunk of at most 8 MB (the session body limit is 20 MB). */
const MAX_CHUNK_CHARS = Math.ceil((8 * 1024 * 1024) / 3) * 4;
/** The report answered inline; a larger one is cut (the summary still counts every bad row). */
const MAX_REPORT_BYTES = 5 * 1024 * 1024;

const jobInput = z.object({ jobId: z.string().uuid() });

/** A city admin acts in their city only; a province admin on the whole base. */
const scopeOf = (ctx: Context): string | null => (isProvinceUnit(ctx.user!.orgUnit) ? null : ctx.user!.orgUnit);

/** The job, if the caller's unit may see it (its own unit's, or any for the province); NOT_FOUND otherwise. */
function reachableJob(ctx: Context, id: string): JobStatus {
  const job = jobStatus(ctx.db, id);
  const scope = scopeOf(ctx);
  if (!job || (scope !== null && job.orgUnit !== scope)) throw new TRPCError({ code: 'NOT_FOUND', message: `没有导入任务 ${id} / No import job ${id}` });
  return job;
}

const startInput = z.object({
  dataset: z.enum(DATASETS),
  uploadId: z.string().uuid(),
  mapping: mappingSchema.optional(),
  mode: z.enum(['upsert', 'replace']).default('upsert'),
  dryRun: z.boolean().default(false),
  encoding: z.enum(['utf8', 'gbk', 'auto']).default('auto'),
  maxBadPercent: z.number().min(0).max(100).default(0),
  list: z.string().trim().min(1).max(100).optional(),
});

/**
 * The operator's data, imported by admins (#18 item 3): upload a CSV in chunks, start an import of it
 * (it runs off the request path, one per data set at a time), poll its progress, cancel it, download
 * the bad-row report. A city admin's import touches only that city's customers.
 */
export const dataRouter = router({
  upload: procedure(ADMIN).input(z.object({ uploadId: z.string().uuid().optional(), chunkBase64: z.string().min(1).max(MAX_CHUNK_CHARS) })).mutation(({ ctx, input }) => {
    const dir = uploadDir(ctx.config);
    const uploadId = input.uploadId ?? randomUUID();
    const path = uploadPath(dir, uploadId)!;
    if (input.uploadId && !uploadExists(path)) throw new TRPCError({ code: 'NOT_FOUND', message: `没有上传 ${uploadId} / No upload ${uploadId}` });
    return { uploadId, bytes: appendChunk(path, Buffer.from(input.chunkBase64, 'base64'), !input.uploadId) };
  }),

  /** The uploaded file's detected encoding, header, first rows and the attributes its columns can map to. */
  preview: procedure(ADMIN).input(z.object({ uploadId: z.string().uuid(), dataset: z.enum(DATASETS), encoding: z.enum(['utf8', 'gbk', 'auto']).default('auto') })).query(({ ctx, input }) => {
    const file = uploadPath(uploadDir(ctx.config), input.uploadId)!;
    if (!uploadExists(file)) throw new TRPCError({ code: 'NOT_FOUND', message: `没有上传 ${input.uploadId} / No upload ${input.uploadId}` });
    try {
      return previewUpload(file, input.dataset, input.encoding);
    } catch (e) {
      if (e instanceof ImportError) throw new TRPCError({ code: 'BAD_REQUEST', message: e.message });
      throw e;
    }
  }),

  start: procedure(ADMIN).input(startInput).mutation(({ ctx, input }) => {
    const dir = uploadDir(ctx.config);
    const file = uploadPath(dir, input.uploadId)!;
    if (!uploadExists(file)) throw new TRPCError({ code: 'NOT_FOUND', message: `没有上传 ${input.uploadId} / No upload ${input.uploadId}` });
    const scopeCity = scopeOf(ctx);
    const options = { mode: input.mode, dryRun: input.dryRun, encoding: input.encoding, maxBadPercent: input.maxBadPercent, list: input.list };
    let jobId: string;
    try {
      jobId = createJob(ctx.db, input.dataset, file, options, { userId: ctx.user!.id, orgUnit: ctx.user!.orgUnit });
    } catch (e) {
      if (e instanceof ImportError) throw new TRPCError({ code: 'CONFLICT', message: e.message });
      throw e;
    }
    // off the request path: the job yields to the event loop between batches; its outcome is in its row
    void runJob(ctx.db, { ...options, dataset: input.dataset, file, mapping: input.mapping, reportFile: reportPath(dir, jobId), scopeCity, jobId })
      .catch((e: unknown) => { if (!(e instanceof ImportError)) ctx.log.error({ err: e, jobId }, 'data import failed'); })
      // a dry run keeps the upload, so the admin can import the checked file for real (swept after a day)
      .finally(() => { if (!input.dryRun) rmSync(file, { force: true }); });
    return { jobId };
  }),

  status: procedure(ADMIN).input(jobInput).query(({ ctx, input }) => reachableJob(ctx, input.jobId)),

  jobs: procedure(ADMIN).input(z.object({ dataset: z.enum(DATASETS).optional() }).default({})).query(({ ctx, input }) => {
    const scope = scopeOf(ctx);
    const ids = ctx.db.prepare(`SELECT id FROM data_import_jobs WHERE 1 = 1${scope ? ' AND org_unit = ?' : ''}${input.dataset ? ' AND dataset = ?' : ''} ORDER BY created_at DESC LIMIT 20`)
      .pluck().all(...(scope ? [scope] : []), ...(input.dataset ? [input.dataset] : [])) as string[];
    return ids.map((id) => jobStatus(ctx.db, id)!);
  }),

  cancel: procedure(ADMIN).input(jobInput).mutation(({ ctx, input }) => {
    reachableJob(ctx, input.jobId);
    return { cancelling: requestCancel(ctx.db, input.jobId) };
  }),

  /** The bad-row report as CSV text (line, column, reason zh, reason en), for download. */
  report: procedure(ADMIN).input(jobInput).query(({ ctx, input }) => {
    const job = reachableJob(ctx, input.jobId);
    const path = reportPath(uploadDir(ctx.config), job.id);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new TRPCError({ code: 'NOT_FOUND', message: '该任务没有错误报告（可能已过期） / This job has no report (it may have expired)' });
    }
    const text = readFileSync(path, 'utf8').slice(0, MAX_REPORT_BYTES);
    return { csv: text, truncated: size > MAX_REPORT_BYTES, badRows: job.badRows };
  }),
});
