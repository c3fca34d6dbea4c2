import type { Db } from '../../db/open.js';
import { dayStart, HOUR, localDay } from '../core/clock.js';
import { nextDue, type Engine } from '../runtime/engine.js';
import { completeRun, getRun, type Run } from '../store/runs.js';

/** Default virtual-time resolution: the clock jumps to the next due time rounded up to this step. */
export const VIRTUAL_QUANTUM = HOUR / 2;

/**
 * The next time a virtual run's clock moves to after stepping to `now`: the earliest due journey,
 * pending event or (daily entry) local day boundary, rounded up to the quantum and at least one quantum
 * on; null when nothing is left to happen. The simulator and engine workers share it, so a run advanced
 * by one process or by several goes through the same instants and ends the same.
 */
export function nextVirtualTime(db: Db, run: Run, now: number, quantum = VIRTUAL_QUANTUM, extra: (number | null)[] = []): number | null {
  const candidates = [
    nextDue(db, run.id),
    db.prepare(`SELECT min(available_at) FROM events WHERE status = 'pending' AND (run_id = ? OR run_id IS NULL)`).pluck().get(run.id) as number | null,
    ...extra,
  ];
  if (run.machine.entry.entry.mode === 'daily') candidates.push(dayStart(localDay(now) + 1));
  const next = Math.min(...candidates.filter((x): x is number => x !== null && x !== undefined));
  if (!Number.isFinite(next)) return null;
  return Math.min(Math.max(now + quantum, Math.ceil(next / quantum) * quantum), run.periodEnd);
}

/** Step a virtual run to its end in this process: the single-process counterpart of engine workers. */
export function runVirtualToEnd(engine: Engine, runId: number, maxTicks = 100_000): number {
  let ticks = 0;
  for (let run = getRun(engine.db, runId); run && run.status === 'running' && run.virtualNow !== null && ticks < maxTicks; run = getRun(engine.db, runId)) {
    const now = run.virtualNow;
    engine.tickSync(now, 'virtual');
    ticks++;
    const after = getRun(engine.db, runId);
    if (!after || after.status !== 'running') break;
    const next = nextVirtualTime(engine.db, after, now);
    if (next === null) completeRun(engine.db, runId, now);
    else engine.db.prepare('UPDATE runs SET virtual_now = ? WHERE id = ?').run(next, runId);
  }
  return ticks;
}
