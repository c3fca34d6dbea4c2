import type { Db } from '../db/open.js';

/** A few real subscribers for the script preview (`{name}`, `{plan}`, … filled from one of them). */
export function scriptSamples(db: Db) {
  // The percentage is rounded here: PostgreSQL's round() would answer a numeric, not a number.
  const rows = db.prepare('SELECT name, plan, city, arpu, data_used_mb, data_allowance_mb FROM subscribers ORDER BY id LIMIT 5')
    .all() as { name: string; plan: string; city: string; arpu: number; data_used_mb: number; data_allowance_mb: number }[];
  return rows.map((r) => ({ name: r.name, plan: r.plan, city: r.city, arpu: r.arpu, dataUsagePct: Math.round((100 * r.data_used_mb) / r.data_allowance_mb) }));
}
