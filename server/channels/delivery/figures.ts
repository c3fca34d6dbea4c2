/** A run's gateway submits in figures for its dashboard: how many went out, were delivered or failed, and how many are unknown. */
import type { Db } from '../../db/open.js';

export interface GatewayFigures {
  submitted: number;
  delivered: number;
  /** Failed by a delivery report (UNDELIV, EXPIRED, …) or rejected by the gateway. */
  failed: number;
  /** May or may not have reached the customer (connection lost mid-submit, process died): never sent again. */
  unknown: number;
}

/** Null when the run sent nothing through a gateway. */
export function gatewayFigures(db: Db, runId: number): GatewayFigures | null {
  const r = db.prepare(`SELECT count(*) AS total,
      coalesce(sum(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END), 0) AS submitted,
      coalesce(sum(CASE WHEN delivery = 'delivered' THEN 1 ELSE 0 END), 0) AS delivered,
      coalesce(sum(CASE WHEN delivery = 'failed' OR status = 'rejected' THEN 1 ELSE 0 END), 0) AS failed,
      coalesce(sum(CASE WHEN status = 'unknown' THEN 1 ELSE 0 END), 0) AS unknown
    FROM submits WHERE run_id = ?`).get(runId) as { total: number; submitted: number; delivered: number; failed: number; unknown: number };
  if (Number(r.total) === 0) return null;
  return { submitted: Number(r.submitted), delivered: Number(r.delivered), failed: Number(r.failed), unknown: Number(r.unknown) };
}
