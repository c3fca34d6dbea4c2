import { randomUUID } from 'node:crypto';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../db/open.js';
import { simulateOffThread } from './sim-thread.js';
import { simulate, type SimulationSummary } from './simulate.js';

export interface Job { progress: number; done: boolean; summary?: SimulationSummary; error?: string }

/**
 * Where a job's state lives. Jobs started over the API are rows in `sim_jobs`, so the poll may reach
 * any API process and sees only its owner's jobs; a job without one (the approval forecast, which
 * caches by machine in its own process) stays in this process's memory.
 */
export interface SimJobOwner { db: Db; userId: number }

const KEEP_MS = 30 * 60_000;
/** A job whose process stopped writing for this long died with it (a restart, a crash). */
const LOST_MS = 60_000;
/** Progress is written at most this often: each write is a statement on the shared store. */
const WRITE_EVERY_MS = 250;

const memory = new Map<string, Job & { finishedAt?: number }>();
/** One simulation at a time keeps the 2-core server responsive; later jobs wait their turn. */
let chain: Promise<unknown> = Promise.resolve();

interface Sink { progress(p: number): void; finish(summary: SimulationSummary): void; fail(error: string): void }

function memorySink(id: string): Sink {
  const job: Job & { finishedAt?: number } = { progress: 0, done: false };
  memory.set(id, job);
  for (const [k, j] of memory) if (j.finishedAt && Date.now() - j.finishedAt > KEEP_MS) memory.delete(k);
  return {
    progress: (p) => { job.progress = p; },
    finish: (summary) => Object.assign(job, { summary, progress: 1, done: true, finishedAt: Date.now() }),
    fail: (error) => Object.assign(job, { error, finishedAt: Date.now() }),
  };
}

function storeSink(id: string, { db, userId }: SimJobOwner): Sink {
  const now = Date.now();
  db.prepare('DELETE FROM sim_jobs WHERE updated_at < ?').run(now - KEEP_MS);
  db.prepare('INSERT INTO sim_jobs (id, user_id, progress, done, created_at, updated_at) VALUES (?, ?, 0, 0, ?, ?)').run(id, userId, now, now);
  let written = now;
  return {
    progress: (p) => {
      const t = Date.now();
      if (t - written < WRITE_EVERY_MS) return;
      written = t;
      db.prepare('UPDATE sim_jobs SET progress = ?, updated_at = ? WHERE id = ?').run(p, t, id);
    },
    finish: (summary) => db.prepare('UPDATE sim_jobs SET progress = 1, done = 1, summary = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(summary), Date.now(), id),
    fail: (error) => db.prepare('UPDATE sim_jobs SET error = ?, updated_at = ? WHERE id = ?').run(error, Date.now(), id),
  };
}

/**
 * Queue a simulation; it runs in chunks on the event loop (yielding between ticks), or on the simulation
 * thread with `offThread` (the store whose catalogues the API thread simulates with, see sim-thread.ts).
 */
export function startSimJob(doc: FlowDocument, opts: { customers: number; seed: number; days: number; offThread?: Db }, owner?: SimJobOwner): string {
  const id = randomUUID();
  const sink = owner ? storeSink(id, owner) : memorySink(id);
  const { offThread, ...sim } = opts;
  chain = chain.then(async () => {
    try {
      const onProgress = (p: number) => sink.progress(p);
      sink.finish(await (offThread ? simulateOffThread(offThread, doc, { ...sim, onProgress }) : simulate(doc, { ...sim, onProgress })));
    } catch (e) {
      sink.fail(e instanceof Error ? e.message : String(e));
    }
  });
  return id;
}

/** A job's state: from the store (the owner's jobs only) when an owner is given, else this process's memory. */
export function simJobStatus(id: string, owner?: SimJobOwner): Job | null {
  if (!owner) return memory.get(id) ?? null;
  const r = owner.db.prepare('SELECT progress, done, summary, error, updated_at FROM sim_jobs WHERE id = ? AND user_id = ?').get(id, owner.userId) as
    { progress: number; done: number; summary: string | null; error: string | null; updated_at: number } | undefined;
  if (!r) return null;
  const lost = !r.done && !r.error && Date.now() - Number(r.updated_at) > LOST_MS;
  return {
    progress: Number(r.progress), done: Number(r.done) === 1,
    ...(r.summary ? { summary: JSON.parse(r.summary) as SimulationSummary } : {}),
    ...(r.error ? { error: r.error } : lost ? { error: '仿真所在的进程已停止，请重新仿真 / The process running this simulation stopped; simulate again' } : {}),
  };
}

/** The caller's job (jobs live in the store: the poll may reach another API process); another user's is NOT_FOUND. */
export function ownSimJob(id: string, owner: SimJobOwner): Job {
  const j = simJobStatus(id, owner);
  if (!j) throw new DomainError({ code: 'NOT_FOUND', message: '没有这个仿真任务 / No such simulation job' });
  return j;
}
