import type { FlowDocument } from '../../../shared/flow/document.js';
import { bilingualHalves } from '../../../shared/text.js';
import { jobThread } from '../../core/job-thread.js';
import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open.js';
import type { SimThreadJob, SimThreadReply } from './sim-thread-main.js';
import { simulate, type SimulationSummary } from './simulate.js';

/** An error the thread answered, in both languages (a bilingual one, `中文 / English`, keeps its halves). */
function threadError(e: string): Error {
  const { zh, en } = bilingualHalves(e);
  return new Error(`仿真线程出错：${zh} / Error on the simulation thread: ${en}`);
}

/** The process's simulation thread: loading the engine costs seconds, so it is kept between simulations. */
const onSimThread = jobThread<SimThreadJob, SimThreadReply, SimulationSummary>(new URL('./sim-thread-main.ts', import.meta.url), {
  idOf: (r) => r.id,
  outcome: (r) => ('progress' in r ? null : 'summary' in r ? { answer: r.summary } : { error: threadError(r.error) }),
  lost: (why) => {
    const what = 'error' in why ? why.error.message : `exit ${why.exitCode}`;
    return new Error(`仿真线程已停止（${what}），请重试 / The simulation thread stopped (${what}); try again`);
  },
});
let next = 1;

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
  return onSimThread(id, { id, location: db.name, doc, opts: sim }, (r) => 'progress' in r && onProgress?.(r.progress));
}
