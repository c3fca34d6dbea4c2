/** The simulation thread (see sim-thread.ts): for each job, takes the store's catalogues, simulates, answers. */
import { parentPort } from 'node:worker_threads';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { refreshActive } from '../../core/active-catalogue.js';
import { openDb } from '../../db/open.js';
import '../../data/references.js';
import { simulate, type SimulationSummary } from './simulate.js';

export interface SimThreadJob { id: number; location: string; doc: FlowDocument; opts: { customers: number; seed: number; days: number } }
export type SimThreadReply =
  | { id: number; progress: number }
  | { id: number; summary: SimulationSummary }
  | { id: number; error: string };

/**
 * Simulate with the operator's catalogues: read from the store first (products, channels, org units and attributes
 * decide the compiled machine), and the temporary store is seeded from it (catalogue rows, attribute columns, a draw
 * of its customers, its learned response rates).
 */
async function answer({ id, location, doc, opts }: SimThreadJob): Promise<SimThreadReply> {
  let live: ReturnType<typeof openDb> | null = null;
  try {
    live = openDb(location);
    refreshActive(live);
    return { id, summary: await simulate(doc, { ...opts, catalogue: live, onProgress: (progress) => parentPort!.postMessage({ id, progress } satisfies SimThreadReply) }) };
  } catch (e) {
    return { id, error: e instanceof Error ? e.message : String(e) };
  } finally {
    live?.close();
  }
}

// One simulation at a time, as on the API thread (sim-jobs' queue): two at once would share the catalogues being swapped per store.
let queue: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (job: SimThreadJob) => {
  queue = queue.then(() => answer(job).then((a) => parentPort!.postMessage(a)));
});
