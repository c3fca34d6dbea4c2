import { CHANNELS } from '../../../shared/catalogue/channels.js';
import type { Machine } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import { HOUR, LOCAL_OFFSET_MS, DAY } from '../core/clock.js';
import { contactHours, flowCaps, type ContactPolicy } from '../core/policy.js';

export interface PolicyAudit {
  total: number;
  dailyCap: number;
  weeklyCap: number;
  quietHours: number;
  dndOrOptOut: number;
}

/**
 * An independent check of the contact log after the fact, not sharing code paths with the stepper's
 * decisions: every contact made (sent or queued) is counted against the daily and rolling-7-day caps
 * (global, and each run's tightened caps), the channel's contact hours, do-not-disturb and opt-out.
 */
export function auditPolicy(db: Db, policy: ContactPolicy): PolicyAudit {
  const made = `status IN ('sent','queued')`;
  const dayExpr = `((created_at + ${LOCAL_OFFSET_MS}) / ${DAY})`;
  // Unqualified temp table: SQLite looks in `temp` first; PostgreSQL has no `temp` schema name.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS lk_audit_days (customer_id BIGINT, day BIGINT, n BIGINT, PRIMARY KEY (customer_id, day))`);
  db.exec('DELETE FROM lk_audit_days');
  db.prepare(`INSERT INTO lk_audit_days (customer_id, day, n) SELECT customer_id, ${dayExpr}, count(*) FROM contacts WHERE ${made} GROUP BY customer_id, ${dayExpr}`).run();
  const dailyCap = db.prepare('SELECT count(*) FROM lk_audit_days WHERE n > ?').pluck().get(policy.dailyCap) as number;
  const weeklyCap = db.prepare(`SELECT count(*) FROM lk_audit_days a WHERE (SELECT sum(b.n) FROM lk_audit_days b WHERE b.customer_id = a.customer_id AND b.day BETWEEN a.day - 6 AND a.day) > ?`).pluck().get(policy.weeklyCap) as number;
  // Tightened caps per run.
  let runCaps = 0;
  for (const r of db.prepare('SELECT id, machine FROM runs').all() as { id: number; machine: string }[]) {
    const caps = flowCaps(policy, JSON.parse(r.machine) as Machine);
    if (caps.daily < policy.dailyCap) {
      runCaps += db.prepare(`SELECT count(*) FROM (SELECT count(*) AS n FROM contacts WHERE run_id = ? AND ${made} GROUP BY customer_id, ${dayExpr}) AS per_day WHERE n > ?`).pluck().get(r.id, caps.daily) as number;
    }
  }
  let quiet = 0;
  CHANNELS.forEach((c) => {
    const [start, end] = contactHours(policy, c.id);
    if (end - start >= 24) return;
    quiet += db.prepare(`SELECT count(*) FROM contacts WHERE ${made} AND channel = ? AND ((created_at + ${LOCAL_OFFSET_MS}) % ${DAY}) NOT BETWEEN ? AND ?`).pluck()
      .get(c.id, Math.round(start * HOUR), Math.round(end * HOUR) - 1) as number; // integers: PostgreSQL types the bounds BIGINT
  });
  const channelIdx = CHANNELS.map((c, i) => `WHEN '${c.id}' THEN ${2 ** i}`).join(' ');
  const dnd = db.prepare(`SELECT count(*) FROM contacts c JOIN subscribers s ON s.id = c.customer_id WHERE c.${made}
      AND (s.dnd = 1 OR (s.opt_out_mask & (CASE c.channel ${channelIdx} ELSE 0 END)) <> 0)`).pluck().get() as number;
  return { total: dailyCap + weeklyCap + runCaps + quiet + dnd, dailyCap: dailyCap + runCaps, weeklyCap, quietHours: quiet, dndOrOptOut: dnd };
}
