import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './types.js';

/** better-sqlite3 as the thread requires it (an eval'd worker is CommonJS and resolves from nowhere in particular). */
const MODULE = createRequire(import.meta.url).resolve('better-sqlite3');

const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const round = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next round */ }
};
const timer = setInterval(round, workerData.ms);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/** A main-connection checkpoint only if the thread fell this far behind (pages; 400 MB). */
const BACKSTOP_PAGES = 100_000;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Copy a SQLite store's write-ahead log back into the database file on a thread with its own
 * connection, not in the writer's commits. By default SQLite checkpoints at the first commit past
 * 1,000 WAL pages, on the committing connection: an engine batch that dirties tens of thousands of
 * pages then waits for them to be written twice, and an API request now and then pays for everybody's
 * writes. Here the writer only appends to the log; the thread runs a PASSIVE checkpoint every
 * `intervalMs` (it never blocks the writer) and the writer's own checkpoint stays as a backstop.
 * Durability is unchanged: commits are as durable as the WAL makes them either way.
 */
export function startWalCheckpointer(db: Db, path: string, o: { intervalMs?: number; onError?: (err: Error) => void } = {}): WalCheckpointer {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const thread = new Worker(THREAD, { eval: true, workerData: { module: MODULE, path, ms: o.intervalMs ?? 100 } });
  // Never what keeps a finished process alive; stop() ends it politely.
  thread.unref();
  const exited = new Promise<void>((done) => thread.once('exit', () => done()));
  thread.on('error', (err) => {
    // Only an optimisation: without the thread, the writer checkpoints as SQLite does by default.
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
    o.onError?.(err);
  });
  let stopping: Promise<void> | null = null;
  return {
    // ref(): a process with nothing else left to do waits for the thread's exit instead of ending without it.
    stop: () => (stopping ??= (thread.ref(), thread.postMessage('stop'), exited)),
  };
}
