import type { Worker } from 'node:worker_threads';
import { tsWorker } from './ts-worker.js';

/** What a reply means for the job it names: its answer, its failure, or (null) a note on the way, such as progress. */
export type Outcome<Answer> = { answer: Answer } | { error: Error } | null;

/** Why a thread stopped: an uncaught error in it, or its exit. */
export type ThreadLoss = { error: Error } | { exitCode: number };

interface Waiting<Answer, Reply> { resolve(a: Answer): void; reject(e: Error): void; onNote?: ((r: Reply) => void) | undefined }

/**
 * Jobs run on one worker thread (`module`, a TypeScript module answering each job under its id), started by the
 * first job and kept while it lives: loading a thread's code costs seconds. Every reply goes to the job it names;
 * when the thread fails or exits, each job waiting on it is rejected with `lost(why)` and the next job starts a
 * fresh thread. An idle thread never keeps a finished process alive.
 */
export function jobThread<Job, Reply, Answer>(module: URL, o: {
  idOf(reply: Reply): string | number;
  outcome(reply: Reply): Outcome<Answer>;
  lost(why: ThreadLoss): Error;
}): (id: string | number, job: Job, onNote?: (reply: Reply) => void) => Promise<Answer> {
  // Waiters belong to their thread: a thread's late `exit` (after its `error`) must not reject jobs of the next one.
  let current: { worker: Worker; waiting: Map<string | number, Waiting<Answer, Reply>> } | null = null;

  const start = () => {
    const worker = tsWorker(module);
    const waiting = new Map<string | number, Waiting<Answer, Reply>>();
    worker.unref();
    worker.on('message', (r: Reply) => {
      const id = o.idOf(r);
      const w = waiting.get(id);
      if (!w) return;
      const out = o.outcome(r);
      if (!out) return w.onNote?.(r);
      waiting.delete(id);
      if ('answer' in out) w.resolve(out.answer);
      else w.reject(out.error);
    });
    const lost = (why: ThreadLoss) => {
      if (current?.worker === worker) current = null;
      for (const w of waiting.values()) w.reject(o.lost(why));
      waiting.clear();
    };
    worker.on('error', (error) => lost({ error }));
    worker.on('exit', (exitCode) => lost({ exitCode }));
    return { worker, waiting };
  };

  return (id, job, onNote) => new Promise<Answer>((resolve, reject) => {
    const t = (current ??= start());
    t.waiting.set(id, { resolve, reject, onNote });
    try {
      t.worker.postMessage(job);
    } catch (e) {
      // a job that cannot be posted (not cloneable) would never be answered
      t.waiting.delete(id);
      throw e;
    }
  });
}
