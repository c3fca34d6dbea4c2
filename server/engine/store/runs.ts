import type { Machine } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import { DAY, dateStart } from '../core/clock.js';
import { CONTROL_STATE, ENDED_STATE } from '../core/journey.js';
import { stmt } from './stmt.js';
import { countEnding, RunDeltas } from './counters.js';

/** At most this many partitions per run: enough for a dozen workers on one run. */
const MAX_PARTITIONS = 16;
/**
 * Customers per partition to aim for: every partition step has a fixed cost (claim, release, a dozen
 * index probes — each a round trip on PostgreSQL), so a partition must hold enough customers to be a
 * real batch. Small runs get few partitions (at least 2), large ones MAX_PARTITIONS.
 */
const CUSTOMERS_PER_PARTITION = 10_000;

/** How many partitions a run over `customers` potential customers gets. */
export const partitionsFor = (customers: number): number => Math.min(MAX_PARTITIONS, Math.max(2, Math.ceil(customers / CUSTOMERS_PER_PARTITION)));

export type RunStatus = 'running' | 'paused' | 'stopped' | 'completed';

export interface Run {
  id: number;
  flowId: string;
  version: number;
  machine: Machine;
  priority: number;
  status: RunStatus;
  seed: number;
  clock: 'live' | 'virtual';
  virtualNow: number | null;
  /** Customer partitions (customer_id % parts), fixed at start: what engine workers step one at a time. */
  parts: number;
  periodStart: number;
  periodEnd: number;
  budget: number;
  spent: number;
  enrolledAt: number | null;
  lastEntryDay: number | null;
  stopReason: string | null;
  createdAt: number;
}

interface RunRow {
  id: number; flow_id: string; version: number; machine: string | null; priority: number; status: RunStatus; seed: number;
  clock: 'live' | 'virtual'; virtual_now: number | null; parts: number; period_start: number; period_end: number; budget: number; spent: number;
  enrolled_at: number | null; last_entry_day: number | null; stop_reason: string | null; created_at: number;
}

/** Parsed machines by run id: a run is pinned to the machine it started with, so the JSON never changes. */
const machines = new Map<string, Machine>();

function toRun(r: RunRow, dbKey: string, db?: Db): Run {
  const key = `${dbKey}:${r.id}`;
  let m = machines.get(key);
  if (!m) {
    // Rows read without the (large) machine text fetch it once, on the first miss.
    const text = r.machine ?? (db ? (stmt(db, 'SELECT machine FROM runs WHERE id = ?').pluck().get(r.id) as string) : undefined);
    m = JSON.parse(text as string) as Machine;
    machines.set(key, m);
  }
  return {
    id: r.id, flowId: r.flow_id, version: r.version, machine: m, priority: r.priority, status: r.status, seed: r.seed, clock: r.clock,
    virtualNow: r.virtual_now, parts: r.parts, periodStart: r.period_start, periodEnd: r.period_end, budget: r.budget, spent: r.spent,
    enrolledAt: r.enrolled_at, lastEntryDay: r.last_entry_day, stopReason: r.stop_reason, createdAt: r.created_at,
  };
}

const dbKey = (db: Db): string => db.name;

export function getRun(db: Db, id: number): Run | null {
  const r = stmt(db, 'SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  return r ? toRun(r, dbKey(db)) : null;
}

/** Every column but the machine JSON (large, and parsed once per run: see `machines`). */
const RUN_COLUMNS = 'id, flow_id, version, NULL AS machine, priority, status, seed, clock, virtual_now, period_start, period_end, budget, spent, enrolled_at, last_entry_day, stop_reason, created_at';

/** Runs to step, highest priority first, then the older run (the arbitration order). */
export function activeRuns(db: Db, clock?: 'live' | 'virtual'): Run[] {
  // Read on every ingestion request: without the machine text, which used to be copied out of SQLite each time.
  const rows = stmt(db, `SELECT ${RUN_COLUMNS} FROM runs WHERE status = 'running' ${clock ? 'AND clock = ?' : ''} ORDER BY priority DESC, id ASC`)
    .all(...(clock ? [clock] : [])) as RunRow[];
  const key = dbKey(db);
  return rows.map((r) => toRun(r, key, db));
}

export function listRuns(db: Db, flowId?: string): Omit<Run, 'machine'>[] {
  const rows = db.prepare(`SELECT * FROM runs ${flowId ? 'WHERE flow_id = ?' : ''} ORDER BY id DESC`).all(...(flowId ? [flowId] : [])) as RunRow[];
  return rows.map((r) => {
    const { machine: _m, ...rest } = toRun(r, dbKey(db));
    return rest;
  });
}

export interface StartRunInput {
  flowId: string;
  version: number;
  machine: Machine;
  seed?: number;
  clock: 'live' | 'virtual';
  /** Start of virtual time (virtual runs); defaults to the period start. */
  now?: number;
}

/**
 * Start a run of a published machine. The machine JSON is copied into the run, so publishing a new
 * version never changes a running one. Enrolment happens on the first tick at or after the period start.
 */
export function startRun(db: Db, input: StartRunInput): number {
  const m = input.machine;
  const periodStart = dateStart(m.period.start);
  const periodEnd = dateStart(m.period.end) + DAY;
  const now = input.now ?? (input.clock === 'virtual' ? periodStart : Date.now());
  // The subscriber base bounds any segment, and the cut is fixed before the first customer enrols.
  const parts = partitionsFor(db.prepare('SELECT count(*) FROM subscribers').pluck().get() as number);
  return db
    .prepare(`INSERT INTO runs (flow_id, version, machine, hash, priority, status, seed, clock, virtual_now, parts, period_start, period_end, budget, spent, created_at)
      VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, 0, ?) RETURNING id`)
    .pluck()
    .get(input.flowId, input.version, JSON.stringify(m), m.hash, m.priority, input.seed ?? 1, input.clock, input.clock === 'virtual' ? now : null,
      parts, periodStart, periodEnd, m.goal.budget, now) as number;
}

/** Pause: nothing is sent and no journey moves; events for the run wait until it resumes. */
export function pauseRun(db: Db, runId: number): boolean {
  return db.prepare(`UPDATE runs SET status = 'paused' WHERE id = ? AND status = 'running'`).run(runId).changes > 0;
}

export function resumeRun(db: Db, runId: number): boolean {
  return db.prepare(`UPDATE runs SET status = 'running' WHERE id = ? AND status = 'paused'`).run(runId).changes > 0;
}

/** End every open journey of a run with a reason (stopped, budget_exhausted, period_ended), set-based. */
export function endJourneys(db: Db, runId: number, now: number, reason: string, traces = true): number {
  if (traces) {
    db.prepare(`INSERT INTO traces (run_id, customer_id, at, state, code, detail)
      SELECT run_id, customer_id, CAST(? AS BIGINT), state, 'ended', CAST(? AS TEXT) FROM journeys WHERE run_id = ? AND ended_at IS NULL AND state <> '${CONTROL_STATE}'`).run(now, reason, runId);
  }
  const counters = new RunDeltas();
  countEnding(db, counters, `run_id = ? AND ended_at IS NULL AND state <> '${CONTROL_STATE}'`, [runId], ENDED_STATE, reason);
  const n = db.prepare(`UPDATE journeys SET state = '${ENDED_STATE}', due_at = NULL, ended_at = ?, updated_at = ?, outcome = ?
    WHERE run_id = ? AND ended_at IS NULL AND state <> '${CONTROL_STATE}'`).run(now, now, reason, runId).changes;
  counters.write(db);
  return n;
}

/** Stop a run for good: its open journeys end with `reason`; control journeys stay as the hold-out record. */
export function stopRun(db: Db, runId: number, now = Date.now(), reason = 'stopped', status: RunStatus = 'stopped'): boolean {
  return db.transaction(() => {
    const r = db.prepare(`UPDATE runs SET status = ?, stop_reason = ?, ended_at = ? WHERE id = ? AND status IN ('running','paused')`).run(status, reason, now, runId);
    if (r.changes === 0) return false;
    endJourneys(db, runId, now, reason);
    return true;
  })();
}

/**
 * Mark a running run completed because nothing is left to happen. With `atVirtualNow`, only if the
 * run's virtual clock still reads that instant (engine workers finishing it together: one wins).
 */
export function completeRun(db: Db, runId: number, now: number, atVirtualNow?: number): boolean {
  return db.prepare(`UPDATE runs SET status = 'completed', stop_reason = 'all journeys ended', ended_at = ? WHERE id = ? AND status = 'running'${atVirtualNow === undefined ? '' : ' AND virtual_now = ?'}`)
    .run(now, runId, ...(atVirtualNow === undefined ? [] : [atVirtualNow])).changes > 0;
}
