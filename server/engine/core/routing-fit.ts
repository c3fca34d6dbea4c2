import type { Db } from '../../db/open.js';
import { responseRateTable } from '../../learning/estimates.js';

/**
 * What parallel `best_fit` routing ranks lanes by, by `${group}|${channel}`: the learned response rate
 * for the run's product category (Beta mean of `response_estimates`, updated by the learning loop)
 * times the CPC fit score (group_channel_fit). Read once per RunStepper (per tick), never cached for
 * the process, so a run started after a learning pass routes by what was learned.
 */
export function routingFitTable(db: Db, category: string): Map<string, number> {
  const fit = new Map<string, number>();
  for (const r of db.prepare('SELECT group_id, channel_id, score FROM group_channel_fit').all() as { group_id: string; channel_id: string; score: number }[]) {
    fit.set(`${r.group_id}|${r.channel_id}`, r.score);
  }
  const out = new Map<string, number>(fit);
  for (const [k, p] of responseRateTable(db, category)) out.set(k, p * (fit.get(k) ?? 1));
  return out;
}
