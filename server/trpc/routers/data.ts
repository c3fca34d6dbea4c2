import { z } from 'zod';
import { badRowReport, cancelImport, previewImport, recentJobs, startImport, uploadChunk, visibleJob } from '../../data/admin-imports.js';
import { DATASETS } from '../../data/fields.js';
import { MAX_SOURCE_NAME } from '../../data/jobs.js';
import { mappingSchema } from '../../data/mapping.js';
import { procedure, router } from '../trpc.js';

const ADMIN = ['admin'] as const;
/** A base64 chunk of at most 8 MB (the session body limit is 20 MB). */
const MAX_CHUNK_CHARS = Math.ceil((8 * 1024 * 1024) / 3) * 4;

const jobInput = z.object({ jobId: z.string().uuid() });
const encoding = z.enum(['utf8', 'gbk', 'auto']).default('auto');

const startInput = z.object({
  dataset: z.enum(DATASETS),
  uploadId: z.string().uuid(),
  mapping: mappingSchema.optional(),
  mode: z.enum(['upsert', 'replace']).default('upsert'),
  dryRun: z.boolean().default(false),
  encoding,
  maxBadPercent: z.number().min(0).max(100).default(0),
  list: z.string().trim().min(1).max(100).optional(),
  /** The uploaded file's name, for the import history. */
  fileName: z.string().max(MAX_SOURCE_NAME).optional(),
});

/**
 * The operator's data, imported by admins (#18 item 3): upload a CSV in chunks, start an import of it
 * (it runs off the request path, one per data set at a time), poll its progress, cancel it, download
 * the bad-row report. A city admin's import touches only that city's customers.
 */
export const dataRouter = router({
  upload: procedure(ADMIN).input(z.object({ uploadId: z.string().uuid().optional(), chunkBase64: z.string().min(1).max(MAX_CHUNK_CHARS) }))
    .mutation(({ ctx, input }) => uploadChunk(ctx, { ...(input.uploadId ? { uploadId: input.uploadId } : {}), chunk: Buffer.from(input.chunkBase64, 'base64') })),

  /** The uploaded file's detected encoding, header, first rows and the attributes its columns can map to. */
  preview: procedure(ADMIN).input(z.object({ uploadId: z.string().uuid(), dataset: z.enum(DATASETS), encoding })).query(({ ctx, input }) => previewImport(ctx, ctx.user!, input)),

  start: procedure(ADMIN).input(startInput).mutation(({ ctx, input }) => startImport(ctx, ctx.user!, input)),

  status: procedure(ADMIN).input(jobInput).query(({ ctx, input }) => visibleJob(ctx.db, ctx.user!, input.jobId)),

  jobs: procedure(ADMIN).input(z.object({ dataset: z.enum(DATASETS).optional() }).default({})).query(({ ctx, input }) => recentJobs(ctx.db, ctx.user!, input.dataset)),

  cancel: procedure(ADMIN).input(jobInput).mutation(({ ctx, input }) => cancelImport(ctx.db, ctx.user!, input.jobId)),

  /** The bad-row report as CSV text (line, column, reason zh, reason en), for download. */
  report: procedure(ADMIN).input(jobInput).query(({ ctx, input }) => badRowReport(ctx, ctx.user!, input.jobId)),
});
