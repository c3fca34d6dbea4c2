import { unitLevel } from '../../shared/catalogue/org.js';
import type { SegmentData } from '../../shared/nodes/segment/definition.js';
import type { Db } from '../db/open.js';
import { segmentWhere } from '../engine/runtime/enrolment.js';

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;

export interface AudienceEstimate {
  /** Matching customers in the scope, scaled up from the sample. */
  estimate: number;
  /** The 95% interval around it (Wilson, with the finite-population correction: a base sampled whole has no error). */
  low: number;
  high: number;
  /** Sample rows in scope, and customers in scope, as of the last rebuild. */
  sampled: number;
  total: number;
}

/**
 * A segment's size from the sample: the same WHERE as the exact count (exclusions too), over ~1% of the
 * rows, answered in milliseconds at any base size. null when there is no sample for the scope (an empty
 * base) or the sample lacks a column the conditions use (an attribute defined after the last rebuild).
 */
export function estimateAudience(db: Db, seg: SegmentData, orgUnit: string, opts: { productId?: string; channelMask?: number } = {}): AudienceEstimate | null {
  const meta = scopeTotals(db, orgUnit);
  const total = Number(meta.total);
  const n = Number(meta.sampled);
  if (n === 0) return null;
  const w = segmentWhere(seg, { orgUnit, productId: opts.productId ?? '', channelMask: opts.channelMask ?? 0 });
  let k: number;
  try {
    k = Number(db.prepare(`SELECT count(*) FROM subscriber_sample s WHERE ${w.sql}`).pluck().get(...w.params));
  } catch (e) {
    if (/column/i.test(e instanceof Error ? e.message : '')) return null;
    throw e;
  }
  const [lo, hi] = wilson(k, n, n / total);
  return { estimate: Math.round((k / n) * total), low: Math.floor(lo * total), high: Math.min(total, Math.ceil(hi * total)), sampled: n, total };
}

/**
 * Customers in a unit's scope, in the base and in the sample. Province and cities read the per-city counts
 * kept with the sample; a district (no row of its own there) counts both through the district index.
 */
function scopeTotals(db: Db, orgUnit: string): { total: number; sampled: number } {
  if (orgUnit && unitLevel(orgUnit) === 'district') {
    const count = (table: string) => Number(db.prepare(`SELECT count(*) FROM ${table} WHERE district = ?`).pluck().get(orgUnit));
    return { total: count('subscribers'), sampled: count('subscriber_sample') };
  }
  const city = orgUnit && orgUnit !== 'province' ? orgUnit : null;
  return db.prepare(`SELECT coalesce(sum(total), 0) AS total, coalesce(sum(sampled), 0) AS sampled FROM subscriber_sample_meta${city ? ' WHERE city = ?' : ''}`)
    .get(...(city ? [city] : [])) as { total: number; sampled: number };
}

/** Wilson score interval for k of n, its variance scaled by (1 − f) for a sample that is the fraction f of the population. */
export function wilson(k: number, n: number, f: number): [number, number] {
  const p = k / n;
  const z2 = Z95 * Z95 * Math.max(0, 1 - f);
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Math.sqrt(z2) / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
