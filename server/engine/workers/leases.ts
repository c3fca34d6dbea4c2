import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open.js';

/** The run-level step of a run: enrolment, period end, events not tied to a run, outbox delivery. */
export const RUN_LEVEL = -1;

export interface Claim {
  runId: number;
  part: number;
  /** The run's number of customer partitions. */
  parts: number;
  /** Engine time to step the partition to: the run's virtual clock, or the live tick. */
  target: number;
}

/** Give every running run its partition rows (once): the run-level row and one per customer partition (`runs.parts`). */
export function ensurePartitions(db: Db): number {
  const fresh = db.prepare(`SELECT id, clock, virtual_now, parts FROM runs r WHERE status = 'running'
    AND NOT EXISTS (SELECT 1 FROM run_partitions p WHERE p.run_id = r.id)`).all() as { id: number; clock: string; virtual_now: number | null; parts: number }[];
  if (fresh.length === 0) return 0;
  const ins = db.prepare('INSERT INTO run_partitions (run_id, part, stepped_to) VALUES (?, ?, ?) ON CONFLICT (run_id, part) DO NOTHING');
  for (const r of fresh) {
    // Just behind the run's clock, so its first step is due.
    const start = r.clock === 'virtual' ? (r.virtual_now ?? 0) - 1 : 0;
    db.transaction(() => {
      for (let part = RUN_LEVEL; part < r.parts; part++) ins.run(r.id, part, start);
    })();
  }
  return fresh.length;
}

/**
 * Claim one partition that is behind its run's clock and not leased (or whose lease expired: its worker
 * died or stalled), the run-level step first. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets workers
 * claim side by side without waiting on each other; SQLite has one writer, so the transaction is enough.
 */
export function claimPartition(db: Db, owner: string, wallNow: number, liveTick: number, leaseMs: number): Claim | null {
  const pg = dialectOf(db) === 'postgres';
  const target = `CASE WHEN r.clock = 'virtual' THEN r.virtual_now ELSE CAST(? AS BIGINT) END`;
  return db.transaction((): Claim | null => {
    const row = db.prepare(`SELECT p.run_id AS "runId", p.part, ${target} AS target,
        r.parts
      FROM run_partitions p JOIN runs r ON r.id = p.run_id
      WHERE r.status = 'running' AND p.stepped_to < ${target} AND (p.lease_until IS NULL OR p.lease_until < ?)
        AND (p.part = ${RUN_LEVEL} OR NOT EXISTS (SELECT 1 FROM run_partitions c WHERE c.run_id = p.run_id AND c.part = ${RUN_LEVEL} AND c.stepped_to < ${target}))
      ORDER BY r.priority DESC, p.run_id, p.part LIMIT 1${pg ? ' FOR UPDATE OF p SKIP LOCKED' : ''}`)
      .get(liveTick, liveTick, wallNow, liveTick) as Claim | undefined;
    if (!row) return null;
    db.prepare('UPDATE run_partitions SET owner = ?, lease_until = ? WHERE run_id = ? AND part = ?').run(owner, wallNow + leaseMs, row.runId, row.part);
    return row;
  }).immediate();
}

/** Extend a held lease; false when it was lost (expired and taken over), and the holder must stop. */
export function renewLease(db: Db, c: Claim, owner: string, wallNow: number, leaseMs: number): boolean {
  return db.prepare('UPDATE run_partitions SET lease_until = ? WHERE run_id = ? AND part = ? AND owner = ?').run(wallNow + leaseMs, c.runId, c.part, owner).changes > 0;
}

/** Record the partition as stepped to its target and let the lease go. */
export function releasePartition(db: Db, c: Claim, owner: string): boolean {
  return db.prepare('UPDATE run_partitions SET stepped_to = ?, owner = NULL, lease_until = NULL WHERE run_id = ? AND part = ? AND owner = ?')
    .run(c.target, c.runId, c.part, owner).changes > 0;
}

/**
 * Let the lease go without recording progress, after a step failed and rolled back (a deadlock, a lost
 * connection): the partition is claimable again at once — by this worker or another — instead of after the lease expires.
 */
export function abandonPartition(db: Db, c: Claim, owner: string): void {
  db.prepare('UPDATE run_partitions SET owner = NULL, lease_until = NULL WHERE run_id = ? AND part = ? AND owner = ?').run(c.runId, c.part, owner);
}

/** Partitions of a run not yet stepped to `t`. */
export function partitionsBehind(db: Db, runId: number, t: number): number {
  return db.prepare('SELECT count(*) FROM run_partitions WHERE run_id = ? AND stepped_to < ?').pluck().get(runId, t) as number;
}
