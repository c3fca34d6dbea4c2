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
 * The API thread simulates with the catalogues it last read from its store (products, channels, org units and
 * attributes decide the sample's seed and the compiled machine): read them from the same store first.
 */
function takeCatalogues(location: string): void {
  const db = openDb(location);
  try {
    refreshActive(db);
  } finally {
    db.close();
  }
}

async function answer({ id, location, doc, opts }: SimThreadJob): Promise<SimThreadReply> {
  try {
    takeCatalogues(location);
    return { id, summary: await simulate(doc, { ...opts, onProgress: (progress) => parentPort!.postMessage({ id, progress } satisfies SimThreadReply) }) };
  } catch (e) {
    return { id, error: e instanceof Error ? e.message : String(e) };
  }
}

// One simulation at a time, as on the API thread (sim-jobs' queue): two at once would share the catalogues being swapped per store.
let queue: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (job: SimThreadJob) => {
  queue = queue.then(() => answer(job).then((a) => parentPort!.postMessage(a)));
});
