import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Machine } from '../../../../shared/machine/types.js';
import type { ChannelAdapter } from '../../../../server/engine/channels/adapter.js';
import { dialectOf } from '../../../../server/db/dialect.js';
import { openDb, type Db } from '../../../../server/db/open.js';
import { createTestStore } from '../../../support/test-store.js';
import { seedIfEmpty } from '../../../../server/db/seed/index.js';
import { dateStart, HOUR } from '../../../../server/engine/core/clock.js';
import { Engine, nextDue, type EngineOptions } from '../../../../server/engine/runtime/engine.js';
import { CONTROL_STATE, ENDED_STATE } from '../../../../server/engine/core/journey.js';

export interface Fixture { db: Db; dir: string; path: string; close: () => void }

/** A fresh, seeded store (the real one: a SQLite file in a temp folder, or a PostgreSQL database in the `pg` project). */
export function openFixture(subscribers = 3000, seed = 7): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'linkage-engine-'));
  const store = createTestStore(dir, 'engine.db');
  const db = openDb(store.location);
  if (dialectOf(db) === 'sqlite') db.pragma('synchronous = OFF');
  seedIfEmpty(db, { subscribers, seed });
  return { db, dir, path: store.location, close: () => { db.close(); store.drop(); rmSync(dir, { recursive: true, force: true }); } };
}

export const periodStart = (m: Machine): number => dateStart(m.period.start);

/**
 * Tick a run in virtual time from `from` until `until` (or until nothing is due), jumping to the next
 * due time like the simulator; `after` runs after every tick (conservation checks).
 */
export function drive(engine: Engine, runId: number, from: number, until: number, after?: (now: number) => void): number {
  let now = from;
  let ticks = 0;
  while (now <= until && ticks < 5000) {
    engine.tickSync(now);
    ticks++;
    after?.(now);
    const pend = engine.db.prepare(`SELECT min(available_at) FROM events WHERE status = 'pending'`).pluck().get() as number | null;
    const next = Math.min(...[nextDue(engine.db, runId), pend].filter((x): x is number => x !== null));
    if (!Number.isFinite(next)) break;
    now = Math.max(now + HOUR / 4, next);
  }
  return ticks;
}

/** Every enrolled customer is in exactly one known state. */
export function assertConservation(db: Db, runId: number, m: Machine, enrolled?: number): number {
  const rows = db.prepare('SELECT state, count(*) AS n FROM journeys WHERE run_id = ? GROUP BY state').all(runId) as { state: string; n: number }[];
  for (const r of rows) if (!m.states[r.state] && r.state !== CONTROL_STATE && r.state !== ENDED_STATE) throw new Error(`unknown state ${r.state}`);
  const total = rows.reduce((a, r) => a + r.n, 0);
  const distinct = db.prepare('SELECT count(DISTINCT customer_id) FROM journeys WHERE run_id = ?').pluck().get(runId) as number;
  if (distinct !== total) throw new Error('a customer is in two states');
  if (enrolled !== undefined && total !== enrolled) throw new Error(`enrolled ${enrolled} but ${total} journeys`);
  return total;
}

export const newEngine = (db: Db, o: EngineOptions = {}) => new Engine(db, o);

/** An inline channel that delivers every contact at once: tests about what happens after a send. */
export const quiet: ChannelAdapter = { name: 'quiet', mode: 'inline', decide: (r) => ({ status: 'sent', providerId: `q-${r.customerId}` }) };
