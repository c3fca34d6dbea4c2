import pg from 'pg';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { CONNECTION_LOST, LINK, SLOT, type QueryReply, type QueryRequest } from './protocol.js';

/**
 * The worker thread behind `SyncPgClient`: one `pg` connection; each request is answered on the
 * reply port, then the shared slot is set to the request's id, which wakes the main thread blocked in
 * Atomics.wait. A lost connection (backend terminated, server restarted, network gone) is noticed from
 * the client's `error`/`end` events, every request meanwhile is answered at once with a connection
 * error, and the thread reconnects in the background with a growing pause; the link state in the shared
 * slot says which, so the health check can read it without a round trip.
 */
const { url, signal, port } = workerData as { url: string; signal: Int32Array; port: MessagePort };

// int8 (count, sum of integers, BIGINT columns) and numeric as JS numbers: Linkage's values (epoch ms,
// counts, money in yuan) are all well inside 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** A connection attempt that has not succeeded in this long is given up (a black-holed host). */
const CONNECT_TIMEOUT_MS = 5_000;
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 2_000;

let client: pg.Client | null = null;
/** Which connection this is (1, 2, …): a transaction is pinned to the connection it began on. */
let generation = 0;
let connecting: Promise<pg.Client> | null = null;
let lastError = '';
let retryTimer: NodeJS.Timeout | null = null;
let pause = RECONNECT_FIRST_MS;

const setLink = (state: number) => {
  Atomics.store(signal, SLOT.link, state);
};

function connect(): Promise<pg.Client> {
  connecting ??= (async () => {
    const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // Without a listener, an idle connection's error would throw in this thread and kill it.
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c, new Error('the server closed the connection')));
    try {
      await c.connect();
    } catch (err) {
      c.removeAllListeners('end');
      void c.end().catch(() => {});
      throw err;
    }
    client = c;
    generation++;
    pause = RECONNECT_FIRST_MS;
    setLink(LINK.up);
    return c;
  })().finally(() => {
    connecting = null;
  });
  return connecting;
}

/** The connection `c` is gone: mark the link down and start reconnecting (once per loss). */
function lost(c: pg.Client, err: Error): void {
  if (client !== c) return;
  client = null;
  lastError = err.message;
  setLink(LINK.down);
  c.removeAllListeners('end');
  void c.end().catch(() => {});
  scheduleReconnect();
}

function scheduleReconnect(): void {
  if (retryTimer) return;
  // Jitter, so several processes that lost the server together do not knock on it in step.
  const wait = Math.round(pause * (0.5 + Math.random() / 2));
  pause = Math.min(RECONNECT_MAX_MS, pause * 2);
  retryTimer = setTimeout(() => {
    retryTimer = null;
    connect().catch((err: unknown) => {
      lastError = err instanceof Error ? err.message : String(err);
      scheduleReconnect();
    });
  }, wait);
}

/** The live connection; while there is none, fail at once (or wait for an attempt already under way). */
async function current(): Promise<pg.Client> {
  if (client) return client;
  if (connecting) return connecting;
  if (generation === 0) return connect();
  throw Object.assign(new Error(`PostgreSQL connection lost (${lastError}); reconnecting`), { code: CONNECTION_LOST });
}

/** Errors that mean the connection itself is gone, not that the statement was wrong. */
const isConnectionError = (err: { code?: string; message?: string }): boolean =>
  err.code === CONNECTION_LOST || /^(08|57P)/.test(err.code ?? '') || /Connection terminated|not queryable|ECONNRESET|ECONNREFUSED|EPIPE/i.test(err.message ?? '');

function reply(r: QueryReply): void {
  port.postMessage(r);
  Atomics.store(signal, SLOT.reply, r.id);
  Atomics.notify(signal, SLOT.reply);
}

port.on('message', (req: QueryRequest) => {
  void (async () => {
    let c: pg.Client | null = null;
    // Failing to get a connection back (the server refusing new ones, say) is the same outage, whatever its SQLSTATE.
    let reconnecting = generation > 0;
    try {
      c = await current();
      reconnecting = false;
      // A transaction that began on a connection since lost must not go on, in autocommit, on the new one
      // (which is fine: it is not marked lost for this).
      if (req.conn !== undefined && req.conn !== generation) {
        c = null;
        throw Object.assign(new Error('PostgreSQL connection was lost inside a transaction; the transaction was rolled back'), { code: CONNECTION_LOST });
      }
      const res = req.script
        ? await c.query(req.text)
        : await c.query({ text: req.text, values: req.values, ...(req.name ? { name: req.name } : {}) });
      // A multi-statement script answers with one result per statement; the caller only needs success.
      const last = Array.isArray(res) ? res[res.length - 1] : res;
      reply({ id: req.id, ok: true, conn: generation, result: { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 } });
    } catch (err) {
      const e = err as { message?: string; code?: string; detail?: string };
      const gone = reconnecting || isConnectionError(e);
      if (gone && c) lost(c, err instanceof Error ? err : new Error(String(err)));
      const message = gone && e.code !== CONNECTION_LOST ? `PostgreSQL connection lost: ${e.message ?? String(err)}` : e.message ?? String(err);
      const code = gone ? CONNECTION_LOST : e.code;
      reply({ id: req.id, ok: false, error: { message, ...(code ? { code } : {}), ...(e.detail ? { detail: e.detail } : {}) } });
    }
  })();
});

// The first connection is made at once (the store's open checks it with a query).
connect().catch((err: unknown) => {
  lastError = err instanceof Error ? err.message : String(err);
  setLink(LINK.down);
  scheduleReconnect();
});

// Whatever ends this thread (an uncaught error included), the main thread must not wait for replies that never come.
process.on('exit', () => {
  setLink(LINK.dead);
  Atomics.notify(signal, SLOT.reply);
});

parentPort?.postMessage('started');
