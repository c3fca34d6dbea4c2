import type { Db } from '../db/open.js';
import { DAY, HOUR, LOCAL_OFFSET_MS } from '../engine/core/clock.js';
import { CONTROL_STATE } from '../engine/core/journey.js';
import { ENGAGEMENT_CODES } from './attribution.js';
import { ENGAGED_SQL } from '../db/migrations/021-run-counters.js';
import { runCounts, type RunCounts } from '../engine/store/counters-read.js';

export type Bucket = 'hour' | 'day';

export interface TimelinePoint {
  /** Start of the bucket, epoch ms (local hour or local midnight, UTC+8). */
  t: number;
  contacts: number;
  responses: number;
  conversions: number;
}

const width = (b: Bucket): number => (b === 'hour' ? HOUR : DAY);

/** Hourly buckets for runs that span up to three days of activity, daily after that. */
export function autoBucket(first: number | null, last: number | null): Bucket {
  return first === null || last === null || last - first <= 3 * DAY ? 'hour' : 'day';
}

/**
 * Contacts, first responses and conversions of a run per local hour or day. A journey counts once
 * as responded (its first engagement) and once as converted (its first order), so the series sum
 * to the run's totals; the control group's organic orders are left out. Contacts come from the run
 * counters (per local hour: an hour bucket's start stands for its contacts), responses and
 * conversions from the engaged customers' traces.
 */
export function conversionTimeline(db: Db, runId: number, bucket: Bucket | 'auto' = 'auto', counts: RunCounts = runCounts(db, runId)): { bucket: Bucket; points: TimelinePoint[] } {
  const contacts = counts.made.map((m) => ({ at: m.hour * HOUR - LOCAL_OFFSET_MS, n: m.n }));
  const codes = ENGAGEMENT_CODES.filter((c) => c !== 'awaiting_confirmation').map((c) => `'${c}'`).join(',');
  const responses = db.prepare(`SELECT min(at) FROM traces WHERE run_id = ? AND ${ENGAGED_SQL} AND code IN (${codes}) AND state <> '${CONTROL_STATE}' GROUP BY customer_id`).pluck().all(runId) as number[];
  const conversions = db.prepare(`SELECT min(at) FROM traces WHERE run_id = ? AND ${ENGAGED_SQL} AND code = 'order' AND state <> '${CONTROL_STATE}' GROUP BY customer_id`).pluck().all(runId) as number[];
  let first: number | null = null;
  let last: number | null = null;
  for (const list of [contacts.map((c) => c.at), responses, conversions]) for (const t of list) {
    if (first === null || t < first) first = t;
    if (last === null || t > last) last = t;
  }
  const b = bucket === 'auto' ? autoBucket(first, last) : bucket;
  const w = width(b);
  const key = (at: number) => Math.floor((at + LOCAL_OFFSET_MS) / w) * w - LOCAL_OFFSET_MS;
  const points = new Map<number, TimelinePoint>();
  const at = (t: number) => {
    const k = key(t);
    let p = points.get(k);
    if (!p) points.set(k, (p = { t: k, contacts: 0, responses: 0, conversions: 0 }));
    return p;
  };
  for (const c of contacts) at(c.at).contacts += c.n;
  for (const t of responses) at(t).responses++;
  for (const t of conversions) at(t).conversions++;
  if (points.size === 0) return { bucket: b, points: [] };
  // Fill the gaps so the chart's x axis is even.
  const lo = key(first!);
  const hi = key(last!);
  const out: TimelinePoint[] = [];
  for (let k = lo; k <= hi && out.length < 2000; k += w) out.push(points.get(k) ?? { t: k, contacts: 0, responses: 0, conversions: 0 });
  return { bucket: b, points: out };
}
