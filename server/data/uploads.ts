import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Config } from '../config.js';

/** Uploads and bad-row reports older than this are swept when a new upload starts. */
const KEEP_MS = 24 * 3600_000;

/**
 * Where uploaded files and bad-row reports live: beside the SQLite store, or in the temp folder with
 * PostgreSQL. Local to the API process that received them — the import runs in that process too.
 */
export function uploadDir(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_PATH'>): string {
  const dir = config.DATABASE_URL ? join(tmpdir(), 'linkage-uploads') : join(dirname(config.DATABASE_PATH), 'uploads');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Ids are server-made UUIDs, so a name from a client can never point outside the folder. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const uploadPath = (dir: string, uploadId: string): string | null => (UUID.test(uploadId) ? join(dir, `${uploadId}.csv`) : null);
export const reportPath = (dir: string, jobId: string): string => join(dir, `${jobId}.bad-rows.csv`);

/** Append a chunk to an upload (created by its first chunk). Returns the size so far. */
export function appendChunk(path: string, chunk: Buffer, first: boolean): number {
  if (first) sweep(dirname(path));
  appendFileSync(path, chunk);
  return statSync(path).size;
}

export const uploadExists = (path: string): boolean => existsSync(path);

function sweep(dir: string): void {
  const now = Date.now();
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (now - statSync(p).mtimeMs > KEEP_MS) rmSync(p, { force: true });
  }
}
