import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncPgClient } from '../../server/db/postgres/sync-client.js';

/**
 * The synchronous PostgreSQL client answers each query with that query's reply, whatever arrives
 * first. Found in a benchmark: an engine worker whose answers had slipped one query behind claimed
 * nothing ever again (its claim read the reply to BEGIN), and its run stood still.
 */
describe('the synchronous PostgreSQL client', () => {
  let client: SyncPgClient | null = null;
  afterEach(() => client?.close());

  it('does not take the late reply to a query it gave up on as the next query\'s answer', () => {
    client = new SyncPgClient(process.env.LINKAGE_TEST_PG!, 1000);
    // Connected first: on a loaded machine the thread's start alone can take longer than the 1 s budget.
    client.query({ text: 'SELECT 1', values: [] });
    expect(() => client!.query({ text: 'SELECT pg_sleep(1.5) AS slept', values: [] })).toThrow('did not answer within 1 s');
    // The connection answers the sleep first, then this.
    expect(client.query({ text: 'SELECT CAST($1 AS INTEGER) AS x', values: [7] }).rows).toEqual([{ x: 7 }]);
    expect(client.query({ text: 'SELECT 8 AS y', values: [] }).rows).toEqual([{ y: 8 }]);
  });

  it('keeps waiting through wake-ups meant for an earlier reply', async () => {
    client = new SyncPgClient(process.env.LINKAGE_TEST_PG!);
    client.query({ text: 'SELECT 1', values: [] });
    // Stray notifies on the shared slot, as the reply thread's notify for the previous query can arrive late.
    const signal = (client as unknown as { signal: Int32Array }).signal;
    const noise = new Worker(`const { workerData } = require('node:worker_threads');
      const end = Date.now() + 1500; while (Date.now() < end) Atomics.notify(workerData.signal, 0);`, { eval: true, workerData: { signal } });
    await new Promise((r) => noise.once('online', r));
    for (let i = 0; i < 5; i++) expect(client.query({ text: 'SELECT pg_sleep(0.1), CAST($1 AS INTEGER) AS i', values: [i] }).rows[0]!.i).toBe(i);
    await noise.terminate();
  });
});
