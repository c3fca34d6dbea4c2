import { readFileSync } from 'node:fs';
import type { Db } from '../server/db/open.js';

/**
 * CPU seconds (user + system, all threads) a live process has used so far, from /proc; 0 where /proc
 * is missing. The scale-out benchmark reports how many cores each contender kept busy: on a 2-core box
 * that, not round trips, bounds what a second worker can add.
 */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the PostgreSQL backends serving `database` (a local cluster). */
export function backendCpuSeconds(db: Db, database: string): number {
  const pids = db.prepare(`SELECT pid FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()`).pluck().all(database) as number[];
  return pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
}
