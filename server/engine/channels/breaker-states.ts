import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../../db/open.js';
import type { BreakerOptions, BreakerState } from './circuit-breaker.js';

/** This process as the writer of its breakers' rows (several engine workers send for one binding). */
const OWNER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * A half-open circuit probes on the sender's next pass with something due, writing its outcome. A row
 * left half-open longer than this (after its cool-down) belongs to a sender that stopped, or has had
 * nothing to send on that receiver since: it no longer says anything about sending.
 */
const STALE_AFTER_MS = 60_000;

/**
 * The `onChange` of a sender's breaker for one receiver (an adapter's name, e.g. binding:app@3): each
 * transition is written under this process's owner id. The row is advisory (the admin page's and
 * dashboard's status), so a failed write must not break delivery: it is skipped, the next transition
 * writes again.
 */
export function breakerRecorder(db: Db, name: string, owner = OWNER): NonNullable<BreakerOptions['onChange']> {
  return (openedAt, coolDownMs) => {
    const now = Date.now();
    try {
      db.prepare(`INSERT INTO breaker_states (name, owner, opened_at, cool_down_ms, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (name, owner) DO UPDATE SET opened_at = excluded.opened_at, cool_down_ms = excluded.cool_down_ms, updated_at = excluded.updated_at`)
        .run(name, owner, openedAt, coolDownMs, now);
      db.prepare('DELETE FROM breaker_states WHERE updated_at < ?').run(now - 7 * 86_400_000);
    } catch {
      // the store is unreachable: delivery records its own results and fails on its own terms
    }
  };
}

const SEVERITY: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * A receiver's circuit as its senders see it, across processes: the most severe of their last
 * transitions (any sender paused on it means its contacts wait), read at `now`.
 */
export function breakerStateOf(db: Db, name: string, now = Date.now()): BreakerState {
  const rows = db.prepare('SELECT opened_at AS "openedAt", cool_down_ms AS "coolDownMs" FROM breaker_states WHERE name = ? AND opened_at IS NOT NULL')
    .all(name) as { openedAt: number | string; coolDownMs: number | string }[];
  let worst: BreakerState = 'closed';
  for (const r of rows) {
    const age = now - Number(r.openedAt);
    const coolDown = Number(r.coolDownMs);
    const s: BreakerState = age < coolDown ? 'open' : age < coolDown + STALE_AFTER_MS ? 'half_open' : 'closed';
    if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  }
  return worst;
}
