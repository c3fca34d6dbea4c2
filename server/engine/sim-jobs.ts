import { randomUUID } from 'node:crypto';
import type { FlowDocument } from '../../shared/flow/document.js';
import { simulate, type SimulationSummary } from './simulate.js';

interface Job { progress: number; done: boolean; summary?: SimulationSummary; error?: string; finishedAt?: number }

const jobs = new Map<string, Job>();
const KEEP_MS = 30 * 60_000;
/** One simulation at a time keeps the 2-core server responsive; later jobs wait their turn. */
let chain: Promise<unknown> = Promise.resolve();

/** Queue a simulation; it runs in chunks on the event loop (yielding between ticks). */
export function startSimJob(doc: FlowDocument, opts: { customers: number; seed: number; days: number }): string {
  const id = randomUUID();
  const job: Job = { progress: 0, done: false };
  jobs.set(id, job);
  for (const [k, j] of jobs) if (j.finishedAt && Date.now() - j.finishedAt > KEEP_MS) jobs.delete(k);
  chain = chain.then(async () => {
    try {
      job.summary = await simulate(doc, { ...opts, onProgress: (p) => { job.progress = p; } });
      job.progress = 1;
      job.done = true;
    } catch (e) {
      job.error = e instanceof Error ? e.message : String(e);
    } finally {
      job.finishedAt = Date.now();
    }
  });
  return id;
}

export function simJobStatus(id: string): Job | null {
  return jobs.get(id) ?? null;
}
