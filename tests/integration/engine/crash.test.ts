import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, onTestFinished } from 'vitest';
import { openDb } from '../../../server/db/open.js';
import { createTestStore } from '../../support/test-store.js';

const dir = mkdtempSync(join(tmpdir(), 'linkage-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const RUNNER = 'tests/integration/engine/support/runner.ts';

/** Start the runner; resolve with its output when it exits, or kill -9 it after `killAfterTicks` ticks. */
function runOnce(dbPath: string, killAfterTicks?: number): Promise<{ out: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterTicks !== undefined && (out.match(/tick/g)?.length ?? 0) >= killAfterTicks) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code !== 0 && signal === null ? reject(new Error(`runner failed: ${err}`)) : resolve({ out, signal })));
  });
}

it('resumes after kill -9 with every journey completed exactly once and no duplicate contact', async () => {
  const store = createTestStore(dir, 'crash.db');
  onTestFinished(() => store.drop());
  const path = store.location;
  const first = await runOnce(path, 3);
  expect(first.signal).toBe('SIGKILL');
  expect(first.out).not.toContain('done');
  const second = await runOnce(path, 6);
  expect(second.signal).toBe('SIGKILL');
  const last = await runOnce(path);
  expect(last.out).toContain('done');

  const db = openDb(path);
  try {
    const runId = db.prepare('SELECT id FROM runs').pluck().get() as number;
    const journeys = db.prepare('SELECT count(*) FROM journeys WHERE run_id = ?').pluck().get(runId) as number;
    expect(journeys).toBe(4000);
    expect(db.prepare('SELECT count(*) FROM journeys WHERE run_id = ? AND ended_at IS NULL').pluck().get(runId)).toBe(0);
    // at most one delivered contact per customer and touch, and contacts agree with the traces written with them
    expect(db.prepare(`SELECT count(*) FROM (SELECT customer_id, state FROM contacts WHERE status = 'sent' GROUP BY customer_id, state HAVING count(*) > 1) AS dup`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM contacts WHERE status = 'sent'`).pluck().get()).toBe(db.prepare(`SELECT count(*) FROM traces WHERE code = 'sent'`).pluck().get());
    // every journey ended once: each terminal node's counter equals the journeys that ended there
    for (const node of ['won', 'done', 'lost']) {
      const counted = (db.prepare('SELECT entered FROM node_counts WHERE run_id = ? AND node = ?').pluck().get(runId, node) as number | undefined) ?? 0;
      expect(counted).toBe(db.prepare('SELECT count(*) FROM journeys WHERE run_id = ? AND state = ?').pluck().get(runId, node));
    }
    expect(db.prepare(`SELECT count(*) FROM (SELECT customer_id FROM traces WHERE code IN ('timeout') AND state = 't2.await' GROUP BY customer_id HAVING count(*) > 1) AS dup`).pluck().get()).toBe(0);
  } finally {
    db.close();
  }
}, 120_000);
