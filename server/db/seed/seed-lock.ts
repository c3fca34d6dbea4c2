import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { dialectOf } from '../dialect.js';
import type { Db } from '../types.js';

/** How often a waiting process looks again. */
const POLL_MS = 200;
/** The holder touches its lock file this often; untouched for STALE_MS, the holder is taken for dead. */
const HEARTBEAT_MS = 15_000;
/** Long enough for the one applying transaction of a large import, during which the heartbeat cannot tick. */
const STALE_MS = 10 * 60_000;
/** This process's start, so a lock left by an earlier process with the same pid (a restarted container's pid 1) is stale. */
const STARTED = Math.round(performance.timeOrigin);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Run `fn` while holding the store's seed lock, waiting (without blocking the event loop) while another
 * process or connection holds it. PostgreSQL: a session advisory lock, released by the server if the
 * holder's connection dies. SQLite: a lock file beside the store naming its holder (pid and start time),
 * taken over when that process is gone or has not touched it for STALE_MS. An in-memory store needs none.
 */
export async function withSeedLock<T>(db: Db, key: number, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
  if (dialectOf(db) === 'postgres') {
    let waited = false;
    while (!db.prepare('SELECT pg_try_advisory_lock(?)').pluck().get(key)) {
      if (!waited) onWait?.();
      waited = true;
      await sleep(POLL_MS);
    }
    try {
      return await fn();
    } finally {
      db.prepare('SELECT pg_advisory_unlock(?)').get(key);
    }
  }
  if (db.name === ':memory:' || db.name === '') return fn();
  const path = `${db.name}.seed-lock`;
  let waited = false;
  while (!tryLockFile(path)) {
    if (!waited) onWait?.();
    waited = true;
    await sleep(POLL_MS);
  }
  const beat = setInterval(() => {
    const now = new Date();
    try { utimesSync(path, now, now); } catch { /* removed by a process that took it for stale; nothing to do until we finish */ }
  }, HEARTBEAT_MS);
  beat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(beat);
    try { unlinkSync(path); } catch { /* already gone */ }
  }
}

function tryLockFile(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    try { writeSync(fd, JSON.stringify({ pid: process.pid, started: STARTED })); } finally { closeSync(fd); }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (isStale(path)) {
    try { unlinkSync(path); } catch { /* another process removed it first */ }
  }
  return false;
}

function isStale(path: string): boolean {
  let touched: number;
  try {
    touched = statSync(path).mtimeMs;
  } catch {
    return false; // already removed: look again
  }
  if (Date.now() - touched > STALE_MS) return true;
  let holder: { pid?: unknown; started?: unknown };
  try {
    holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder;
  } catch {
    // being written by its holder right now, unless that holder died between creating and writing it
    return Date.now() - touched > 5_000;
  }
  if (typeof holder.pid !== 'number') return true;
  if (holder.pid === process.pid) return holder.started !== STARTED;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    // EPERM: alive, another user's
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
