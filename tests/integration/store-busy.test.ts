import { TRPCError } from '@trpc/server';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testBackend } from '../support/test-store.js';
import { openHarness, type Harness } from './governance/harness.js';

let h: Harness;
beforeAll(() => { h = openHarness(20); });
afterAll(() => h.close());

// SQLite has one writer; PostgreSQL locks rows, so nothing there waits for a whole store.
test.runIf(testBackend() === 'sqlite')('a write that waits past SQLite’s busy timeout (another connection holds the writer, as an import applying does) is a 503 saying so, not a 500', async () => {
  const other = new Database(h.db.name);
  other.exec('BEGIN IMMEDIATE');
  try {
    const err = await h.as('planner').flows.create({ name: '忙' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('数据库正忙') });
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  // the writer free again, the same request goes through
  expect((await h.as('planner').flows.create({ name: '不忙' })).revision).toBe(1);
});
