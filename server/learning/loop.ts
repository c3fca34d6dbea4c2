import type { Db } from '../db/open.js';
import type { Logger } from '../logger.js';
import { learnCompletedRuns } from './cpc.js';

/**
 * Learn from runs as they end: every `ms`, fold the outcomes of newly completed or stopped runs into
 * the CPC estimates. A poll rather than an engine callback, so the engine stays unaware of learning.
 * Returns a stop function.
 */
export function startLearningLoop(db: Db, opts: { ms?: number; log?: Logger } = {}): () => void {
  const ms = opts.ms ?? 30_000;
  if (ms <= 0) return () => {};
  const timer = setInterval(() => {
    try {
      for (const r of learnCompletedRuns(db)) opts.log?.info({ run: r.runId, contacts: r.contacts, responses: r.responses, cells: r.cells }, 'CPC estimates learned from a finished run');
    } catch (err) {
      opts.log?.error({ err }, 'CPC learning failed');
    }
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
