import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { QueryReply, QueryRequest, QueryResult } from './protocol.js';

// tsx's ESM entry (createRequire resolves the CommonJS one, whose register() cannot load the hooks).
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const WORKER = new URL('./worker.ts', import.meta.url).href;

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
 */
export class SyncPgClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;
  private lastId = 0;

  constructor(readonly url: string, private readonly timeoutMs = TIMEOUT_MS) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // The worker is TypeScript like the rest of the server: a two-line bootstrap registers tsx in the
    // thread and imports it, whatever the host (tsx, vitest) did or did not register.
    const boot = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER)}); })`;
    this.worker = new Worker(boot, { eval: true, workerData: { url, signal: this.signal, port: port2 }, transferList: [port2] });
    // The worker must not keep a finished process alive; it is closed explicitly by close().
    this.worker.unref();
  }

  /**
   * Send one request and block until *its* reply is posted. Replies are matched by id, not by arrival:
   * a wake-up may be late (the thread raises the slot, then notifies, and this thread may have seen the
   * slot and moved on to the next request in between), and a reply to a request given up on (timed out)
   * may still come. Taking either as the answer would leave every later answer one query behind.
   */
  query(req: Omit<QueryRequest, 'id'>): QueryResult {
    if (this.closed) throw new PgError('The database connection is closed');
    const id = (this.lastId = (this.lastId % MAX_ID) + 1);
    this.port.postMessage({ ...req, id } satisfies QueryRequest);
    const deadline = performance.now() + this.timeoutMs;
    for (let seen = Atomics.load(this.signal, 0); seen !== id; seen = Atomics.load(this.signal, 0)) {
      const left = deadline - performance.now();
      if (left <= 0) throw new PgError(`PostgreSQL did not answer within ${this.timeoutMs / 1000} s`, undefined, undefined, req.text);
      Atomics.wait(this.signal, 0, seen, left);
    }
    let msg: QueryReply | undefined;
    do msg = receiveMessageOnPort(this.port)?.message as QueryReply | undefined;
    while (msg && msg.id !== id);
    if (!msg) throw new PgError('PostgreSQL worker sent no reply', undefined, undefined, req.text);
    if (!msg.ok) throw new PgError(msg.error.message, msg.error.code, msg.error.detail, req.text);
    return msg.result;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }
}
