import type { Worker } from 'node:worker_threads';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { tsWorker } from '../../core/ts-worker.js';
import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open.js';
import type { SimThreadJob, SimThreadReply } from './sim-thread-main.js';
import { simulate, type SimulationSummary } from './simulate.js';

const THREAD = new URL('./sim-thread-main.ts', import.meta.url);

interface Waiting { resolve(s: SimulationSummary): void; reject(e: Error): void; onProgress?: ((p: number) => void) | undefined }
const waiting = new Map<number, Waiting>();
let next = 1;
let thread: Worker | null = null;

/** An error the thread answered, in both languages (a bilingual one, `中文 / English`, keeps its halves). */
function threadError(e: string): Error {
  const i = e.indexOf(' / ');
  const [zh, en] = i < 0 ? [e, e] : [e.slice(0, i), e.slice(i + 3)];
  return new Error(`仿真线程出错：${zh} / Error on the simulation thread: ${en}`);
}

/** The process's simulation thread, started by its first simulation and kept: loading the engine costs seconds. */
function simThread(): Worker {
  if (thread) return thread;
  const t = tsWorker(THREAD);
  // an idle simulation thread never keeps a finished process alive
  t.unref();
  t.on('message', (r: SimThreadReply) => {
    const w = waiting.get(r.id);
    if (!w) return;
    if ('progress' in r) return w.onProgress?.(r.progress);
    waiting.delete(r.id);
    if ('summary' in r) w.resolve(r.summary);
    else w.reject(threadError(r.error));
  });
  const lost = (why: string) => {
    if (thread === t) thread = null;
    for (const w of waiting.values()) w.reject(new Error(`仿真线程已停止（${why}），请重试 / The simulation thread stopped (${why}); try again`));
    waiting.clear();
  };
  t.on('error', (e) => lost(e.message));
  t.on('exit', (code) => lost(`exit ${code}`));
  return (thread = t);
}

/**
 * `simulate` on the simulation thread: the same summary for the same seed, but its set-up (a temporary store
 * seeded with the sample, a second or more) and its ticks never hold the API's event loop. The thread reads
 * the catalogues from `db`'s store and seeds the temporary store with them; a store only this connection can reach (SQLite in
 * memory) simulates here.
 */
export function simulateOffThread(db: Db, doc: FlowDocument, opts: { customers: number; seed: number; days: number; onProgress?: (p: number) => void }): Promise<SimulationSummary> {
  const { onProgress, ...sim } = opts;
  if (dialectOf(db) === 'sqlite' && (db.name === ':memory:' || db.name === '')) return simulate(doc, { ...opts, catalogue: db });
  const id = next++;
  return new Promise<SimulationSummary>((resolve, reject) => {
    waiting.set(id, { resolve, reject, onProgress });
    simThread().postMessage({ id, location: db.name, doc, opts: sim } satisfies SimThreadJob);
  });
}
