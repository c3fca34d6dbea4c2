import { afterEach, expect, it } from 'vitest';
import type { Db } from '../../../server/db/open.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { newEngine, openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { oneSmsTouch } from './support/machines.js';

/** An ingest that loses a deadlock (an engine worker updating the same rows) runs again, and nothing is written twice. */
const m = oneSmsTouch();
let fx: Fixture | null = null;
afterEach(() => { fx?.close(); fx = null; });

/** The next `failures` writes of event rows fail as PostgreSQL fails a deadlock's loser. */
function deadlockEventWrites(db: Db, failures: number): () => number {
  const prepare = db.prepare.bind(db);
  let thrown = 0;
  db.prepare = ((sql: string) => {
    const s = prepare(sql);
    if (!sql.startsWith('INSERT INTO events')) return s;
    return new Proxy(s, {
      get: (target, prop, receiver) => (prop === 'run'
        ? (...args: unknown[]) => {
          if (thrown < failures) {
            thrown++;
            throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
          }
          return (target.run as (...a: unknown[]) => unknown)(...args);
        }
        : Reflect.get(target, prop, receiver)),
    });
  }) as Db['prepare'];
  return () => thrown;
}

function setUp() {
  fx = openFixture(100);
  const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
  const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
  const t0 = periodStart(m) + 9 * HOUR;
  engine.tickSync(t0);
  const waiting = fx.db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 't.await' ORDER BY customer_id`).pluck().all(runId) as number[];
  return { engine, runId, t0, waiting: waiting.slice(0, 3) };
}

it('runs an ingest again when it lost a deadlock, and writes its events and moves once', () => {
  const { engine, runId, t0, waiting } = setUp();
  const thrown = deadlockEventWrites(fx!.db, 2);
  const res = engine.ingest(waiting.map((c, i) => ({ id: `r${i}`, type: 'response', customerId: c })), t0 + HOUR);
  expect(thrown()).toBe(2);
  expect(res.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  expect(fx!.db.prepare(`SELECT count(*) FROM events WHERE status = 'applied'`).pluck().get()).toBe(3);
  expect(fx!.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 'resp'`).pluck().get(runId)).toBe(3);
  expect(fx!.db.prepare(`SELECT count(*) FROM traces WHERE run_id = ? AND code = 'response'`).pluck().get(runId)).toBe(3);
});

it('gives up after three attempts, with the error and nothing written', () => {
  const { engine, runId, t0, waiting } = setUp();
  deadlockEventWrites(fx!.db, 3);
  expect(() => engine.ingest([{ id: 'r0', type: 'response', customerId: waiting[0]! }], t0 + HOUR)).toThrow('deadlock detected');
  expect(fx!.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
  expect(fx!.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 'resp'`).pluck().get(runId)).toBe(0);
});
