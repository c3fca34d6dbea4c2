import pg from 'pg';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { QueryReply, QueryRequest } from './protocol.js';

/**
 * The worker thread behind `SyncPgClient`: one `pg` connection; each request is answered on the
 * reply port, then the shared slot is set to the request's id, which wakes the main thread blocked in Atomics.wait.
 */
const { url, signal, port } = workerData as { url: string; signal: Int32Array; port: MessagePort };

// int8 (count, sum of integers, BIGINT columns) and numeric as JS numbers: Linkage's values (epoch ms,
// counts, money in yuan) are all well inside 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

const client = new pg.Client({ connectionString: url });
const ready = client.connect();

function reply(r: QueryReply): void {
  port.postMessage(r);
  Atomics.store(signal, 0, r.id);
  Atomics.notify(signal, 0);
}

port.on('message', (req: QueryRequest) => {
  void (async () => {
    try {
      await ready;
      const res = req.script
        ? await client.query(req.text)
        : await client.query({ text: req.text, values: req.values, ...(req.name ? { name: req.name } : {}) });
      // A multi-statement script answers with one result per statement; the caller only needs success.
      const last = Array.isArray(res) ? res[res.length - 1] : res;
      reply({ id: req.id, ok: true, result: { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 } });
    } catch (err) {
      const e = err as { message?: string; code?: string; detail?: string };
      reply({ id: req.id, ok: false, error: { message: e.message ?? String(err), ...(e.code ? { code: e.code } : {}), ...(e.detail ? { detail: e.detail } : {}) } });
    }
  })();
});

parentPort?.postMessage('started');
