import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runJobOffThread } from '../../../server/data/import-thread.js';
import { createJob, jobStatus } from '../../../server/data/jobs.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { MAPPING, newPhone, row, writeCsv } from './fixtures.js';

let h: Harness;
let dir: string;
beforeAll(() => {
  h = openHarness(200);
  dir = mkdtempSync(join(tmpdir(), 'linkage-import-thread-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  h.close();
});

const ROWS = 20_000;

describe('an admin import runs on the import thread', () => {
  test('the import advances while the API thread is busy, and the job row tells the outcome', async () => {
    const file = join(dir, 'big.csv');
    writeCsv(file, Array.from({ length: ROWS }, (_, i) => row(newPhone(i), i % 3 ? 'gz' : 'fs', `客户${i}`)));
    const options = { mode: 'upsert' as const, dryRun: false, encoding: 'auto' as const, maxBadPercent: 0 };
    const jobId = createJob(h.db, 'subscribers', file, options, { userId: null, orgUnit: null });
    const done = runJobOffThread(h.db, { ...options, dataset: 'subscribers', file, mapping: MAPPING, reportFile: join(dir, 'bad.csv'), scopeCity: null, jobId });
    // Hold this thread without ever yielding to its event loop (as a long request would) until the job
    // row shows progress: only work done elsewhere can move it. The deadline only bounds a failure.
    const deadline = Date.now() + 90_000;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    let seen = jobStatus(h.db, jobId)!;
    while (seen.rowsDone === 0 && seen.status === 'running' && Date.now() < deadline) {
      Atomics.wait(pause, 0, 0, 20);
      seen = jobStatus(h.db, jobId)!;
    }
    expect(seen.rowsDone).toBeGreaterThan(0);
    const summary = await done;
    expect(summary).toMatchObject({ rows: ROWS, good: ROWS, applied: true, changes: { inserted: ROWS } });
    expect(jobStatus(h.db, jobId)).toMatchObject({ status: 'succeeded', rowsDone: ROWS });
    expect(h.db.prepare('SELECT count(*) FROM subscribers WHERE phone = ?').pluck().get(newPhone(ROWS - 1))).toBe(1);
  });

  test('a job the thread cannot run (its store does not open) is marked failed, not left running', async () => {
    const jobId = createJob(h.db, 'dnd', join(dir, 'missing.csv'), {}, { userId: null, orgUnit: null });
    const nowhere = Object.create(h.db, { name: { value: join(dir, 'no-such-dir', 'x', '\0bad.db') } }) as typeof h.db;
    await expect(runJobOffThread(nowhere, { mode: 'upsert', dryRun: false, encoding: 'auto', maxBadPercent: 0, dataset: 'dnd', file: join(dir, 'missing.csv'), reportFile: join(dir, 'r.csv'), scopeCity: null, jobId })).rejects.toThrow();
    // each language's half reads whole: the store's own (one-language) error in both, no `Error:` prefix
    expect(jobStatus(h.db, jobId)).toMatchObject({ status: 'failed', error: '导入失败：unable to open database file / import failed: unable to open database file' });
  });
});
