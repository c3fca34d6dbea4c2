import { MessageChannel, receiveMessageOnPort, type Worker, type MessagePort } from 'node:worker_threads';
import { tsWorker } from '../../core/ts-worker.js';
import { CONNECTION_LOST, LINK, SLOT, type QueryReply, type QueryRequest, type QueryResult } from './protocol.js';

const WORKER = new URL('./worker.ts', import.meta.url);

/** A query that did not answer in this long is treated as a lost connection, not waited on forever. */
const TIMEOUT_MS = 120_000;
/** Request ids run 1…2^31-1 and wrap; the shared slot starts at 0, which no request has. */
const MAX_ID = 0x7fff_ffff;

export class PgError extends Error {
  constructor(message: string, readonly code?: string, readonly detail?: string, readonly sql?: string) {
    super(message);
    this.name = 'PgError';
  }
}

/**
 * A synchronous PostgreSQL client: `pg` runs on a worker thread and the caller blocks on Atomics.wait
 * until the answer is posted. Linkage's storage code is synchronous (better-sqlite3's model: a
 * transaction is a plain function, nothing can interleave with it), and this keeps that model on
 * PostgreSQL. Concurrency comes from processes — API servers and engine workers — each with its own
 * connection, not from overlapping queries inside one process.
 *
 * A lost connection fails the request under way and every request until the thread has reconnected
 * (code `08006`), at once rather than after the timeout; a thread that ended is started again.
 */
export class SyncPgClient {
  private worker!: Worker;
  private port!: MessagePort;
  private signal = new Int32Array(new SharedArrayBuffer(8));
  private closed = false;
  private lastId = 0;
  /** The connection the last reply came from; a transaction pins its queries to it (see `pinned`). */
  lastConn = 0;
  /** While set, requests run only on this connection: a transaction never continues on a new one. */
  pinned: number | undefined;

  constructor(readonly url: string, private readonly timeoutMs = TIMEOUT_MS) {
    this.spawn();
  }

  private spawn(): void {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.signal = new Int32Array(new SharedArrayBuffer(8));
    const worker = tsWorker(WORKER, { workerData: { url: this.url, signal: this.signal, port: port2 }, transferList: [port2] });
    // Seen when this thread is not blocked; the thread also marks itself dead in the shared slot on exit.
    worker.on('error', () => {});
    // The worker must not keep a finished process alive; it is closed explicitly by close().
    worker.unref();
    this.worker = worker;
  }

  /** Whether the connection is up now (no round trip): the health check's answer while it reconnects. */
  get connected(): boolean {
    return !this.closed && Atomics.load(this.signal, SLOT.link) === LINK.up;
  }

  /**
   * Send one request and block until *its* reply is posted. Replies are matched by id, not by arrival:
   * a wake-up may be late (the thread raises the slot, then notifies, and this thread may have seen the
   * slot and moved on to the next request in between), and a reply to a request given up on (timed out)
   * may still come. Taking either as the answer would leave every later answer one query behind.
   */
  query(req: Omit<QueryRequest, 'id' | 'conn'>): QueryResult {
    if (this.closed) throw new PgError('The database connection is closed');
    if (Atomics.load(this.signal, SLOT.link) === LINK.dead) {
      // The thread ended (it should not; it catches its errors): a transaction on it is gone, later requests get a new one.
      if (this.pinned !== undefined) throw new PgError('PostgreSQL connection thread ended inside a transaction', CONNECTION_LOST, undefined, req.text);
      this.spawn();
    }
    const id = (this.lastId = (this.lastId % MAX_ID) + 1);
    this.port.postMessage({ ...req, id, ...(this.pinned !== undefined ? { conn: this.pinned } : {}) } satisfies QueryRequest);
    const deadline = performance.now() + this.timeoutMs;
    for (let seen = Atomics.load(this.signal, SLOT.reply); seen !== id; seen = Atomics.load(this.signal, SLOT.reply)) {
      if (Atomics.load(this.signal, SLOT.link) === LINK.dead) throw new PgError('PostgreSQL connection thread ended', CONNECTION_LOST, undefined, req.text);
      const left = deadline - performance.now();
      if (left <= 0) throw new PgError(`PostgreSQL did not answer within ${this.timeoutMs / 1000} s`, undefined, undefined, req.text);
      Atomics.wait(this.signal, SLOT.reply, seen, left);
    }
    let msg: QueryReply | undefined;
    do msg = receiveMessageOnPort(this.port)?.message as QueryReply | undefined;
    while (msg && msg.id !== id);
    if (!msg) throw new PgError('PostgreSQL worker sent no reply', undefined, undefined, req.text);
    if (!msg.ok) throw new PgError(msg.error.message, msg.error.code, msg.error.detail, req.text);
    this.lastConn = msg.conn;
    return msg.result;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }
}
