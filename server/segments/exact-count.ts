import pg from 'pg';
import type { Worker } from 'node:worker_threads';
import type { SegmentData } from '../../shared/nodes/segment/definition.js';
import { refreshActive } from '../core/active-catalogue.js';
import { tsWorker } from '../core/ts-worker.js';
import { dialectOf } from '../db/dialect.js';
import { translatePlaceholders } from '../db/postgres/translate.js';
import type { Db } from '../db/types.js';
import { controlSql, segmentWhere } from '../engine/runtime/enrolment.js';
import { customerScopeSql } from '../governance/org-rules.js';
import type { CountJob, CountReply } from './count-protocol.js';

export interface Audience { count: number; total: number; control: number }

/** A count stopped because newer conditions (or a closed request) replaced it. `ranges`: how far it got (SQLite). */
export class CountSuperseded extends Error {
  constructor(readonly ranges?: number) {
    super('已被新的条件取代 / superseded by newer conditions');
  }
}

type Job = Omit<CountJob, 'id' | 'flag'>;
interface Counter { run(job: Job, stop: AbortSignal, onRange?: (ranges: number) => void): Promise<Audience> }

/**
 * SQLite: a worker thread with its own read connection counts by id range and checks a shared flag
 * between ranges (better-sqlite3 cannot interrupt a statement, and on the API thread a count blocks every
 * other request, so the newer one could not even arrive while the stale one ran).
 */
class SqliteCounter implements Counter {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { ok: (a: Audience) => void; fail: (e: Error) => void; onRange?: ((n: number) => void) | undefined }>();
  constructor(private readonly path: string) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = tsWorker(new URL('./count-worker.ts', import.meta.url), { workerData: { path: this.path } });
    w.unref();
    w.on('message', (r: CountReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      if ('progress' in r) return p.onRange?.(r.progress);
      this.pending.delete(r.id);
      if ('error' in r) p.fail(new Error(r.error));
      else if ('cancelled' in r) p.fail(new CountSuperseded(r.ranges));
      else p.ok({ count: r.count, total: r.total, control: r.control });
    });
    const lost = (e: unknown) => {
      this.worker = null;
      for (const p of this.pending.values()) p.fail(e instanceof Error ? e : new Error('the count worker stopped'));
      this.pending.clear();
    };
    w.on('error', lost);
    w.on('exit', lost);
    this.worker = w;
    return w;
  }

  run(job: Job, stop: AbortSignal, onRange?: (ranges: number) => void): Promise<Audience> {
    const id = this.next++;
    const flag = new Int32Array(new SharedArrayBuffer(4));
    return new Promise<Audience>((ok, fail) => {
      this.pending.set(id, { ok, fail, onRange });
      const cancel = () => Atomics.store(flag, 0, 1);
      if (stop.aborted) cancel();
      stop.addEventListener('abort', cancel, { once: true });
      this.start().postMessage({ ...job, id, flag } satisfies CountJob);
    });
  }
}

/** PostgreSQL: the count runs on a pooled async connection; a superseded one is stopped with pg_cancel_backend. */
class PgCounter implements Counter {
  private readonly pool: pg.Pool;
  private readonly pids = new WeakMap<pg.PoolClient, number>();
  constructor(url: string, private readonly db: Db) {
    this.pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'linkage-live-count', idleTimeoutMillis: 30_000, allowExitOnIdle: true });
    this.pool.on('error', () => {}); // an idle client's lost connection is dropped by the pool
  }

  async run(job: Job, stop: AbortSignal): Promise<Audience> {
    const client = await this.pool.connect();
    let pid = this.pids.get(client);
    if (pid === undefined) {
      pid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      this.pids.set(client, pid);
    }
    const cancel = () => this.db.prepare('SELECT pg_cancel_backend(?)').get(pid);
    stop.addEventListener('abort', cancel, { once: true });
    try {
      if (stop.aborted) throw new CountSuperseded();
      const total = await client.query(translatePlaceholders(job.totalSql).text, job.totalParams);
      const r = await client.query(translatePlaceholders(job.countSql).text, job.params);
      return { total: Number(total.rows[0].count), count: Number(r.rows[0].n), control: Number(r.rows[0].c) };
    } catch (e) {
      if ((e as { code?: string }).code === '57014') throw new CountSuperseded();
      throw e;
    } finally {
      stop.removeEventListener('abort', cancel);
      client.release();
    }
  }
}

const counters = new WeakMap<Db, Counter>();
const counterOf = (db: Db): Counter | null => {
  if (dialectOf(db) === 'sqlite' && db.name === ':memory:') return null;
  let c = counters.get(db);
  if (!c) counters.set(db, (c = dialectOf(db) === 'postgres' ? new PgCounter(db.name, db) : new SqliteCounter(db.name)));
  return c;
};

/** A count in flight in a caller's slot, with the requests waiting for it. */
interface Running { db: Db; key: string; stop: AbortController; result: Promise<Audience>; waiting: number }

/** The count in flight per caller's slot (one user's segment node): a newer count stops the older one. */
const inFlight = new Map<string, Running>();

export interface CountOptions {
  /**
   * The caller's slot (user and node): a newer count in the same slot supersedes this one, unless it asks
   * the very same count — then it waits for the running one (a poll or a second tab would otherwise stop
   * each other's count for ever when a count outlasts their interval).
   */
  slot?: string | undefined;
  /** The request's signal: a closed request stops its count. */
  signal?: AbortSignal | undefined;
  /** After each id range counted (SQLite). */
  onRange?: (ranges: number) => void;
}

/** What the segment is counted for: the flow's product and channels (exclusions) and its id (which customers its control hold-out draws). */
export interface CountScope { productId?: string; channelMask?: number; flowId?: string }

/**
 * The segment's exact size off the API thread (the same SQL as enrolment's, exclusions and control
 * hold-out included), stopped on the store when it is superseded: rejects with CountSuperseded then.
 */
export async function exactAudience(db: Db, seg: SegmentData, orgUnit: string, o: CountOptions = {}, scope: CountScope = {}): Promise<Audience> {
  refreshActive(db);
  const w = segmentWhere(seg, { orgUnit, productId: scope.productId ?? '', channelMask: scope.channelMask ?? 0 });
  // the same scope and WHERE as audiencePreview, the in-thread count (engine/runtime/enrolment.ts)
  const unit = orgUnit ? customerScopeSql(orgUnit) : null;
  const job: Job = {
    totalSql: `SELECT count(*) AS count FROM subscribers s WHERE ${unit ? `(${unit.sql})` : '1 = 1'}`,
    totalParams: unit?.params ?? [],
    countSql: `SELECT count(*) AS n, count(*) FILTER (WHERE ${controlSql(scope.flowId ?? 'preview', seg.controlGroupPct)}) AS c FROM subscribers s WHERE (${w.sql})`,
    params: w.params,
  };
  const counter = counterOf(db);
  if (!counter) {
    const total = Number(db.prepare(job.totalSql).pluck().get(...job.totalParams));
    const r = db.prepare(job.countSql).get(...job.params) as { n: number; c: number };
    return { total, count: Number(r.n), control: Number(r.c) };
  }
  const key = JSON.stringify(job);
  const slot = o.slot;
  let run = slot ? inFlight.get(slot) : undefined;
  if (!run || run.db !== db || run.key !== key || run.stop.signal.aborted) {
    run?.stop.abort();
    const stop = new AbortController();
    const started: Running = { db, key, stop, result: counter.run(job, stop.signal, o.onRange), waiting: 0 };
    run = started;
    if (slot) {
      inFlight.set(slot, started);
      const done = () => { if (inFlight.get(slot) === started) inFlight.delete(slot); };
      started.result.then(done, done);
    }
  }
  // a closed request stops the count only when no other request waits for it; it answers superseded at once
  const joined = run;
  joined.waiting++;
  let onClose = () => {};
  const closed = new Promise<never>((_, fail) => {
    onClose = () => {
      if (--joined.waiting === 0) joined.stop.abort();
      fail(new CountSuperseded());
    };
    if (o.signal?.aborted) onClose();
    else o.signal?.addEventListener('abort', onClose, { once: true });
  });
  closed.catch(() => {});
  try {
    return await Promise.race([joined.result, closed]);
  } finally {
    o.signal?.removeEventListener('abort', onClose);
    if (!o.signal?.aborted) joined.waiting--;
  }
}
