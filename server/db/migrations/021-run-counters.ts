/**
 * Run counters (#18 item 5): the run dashboard and report read `run_counters` (one row per run and key, see
 * server/engine/store/counters.ts) instead of scanning a run's journeys and contacts, which took 79 s / 105 s
 * at 4,000,000 journeys. The engine's write transactions keep them; here they are built for existing runs
 * from the tables, with the same SQL the `recount` repair uses. Two partial indexes keep the per-customer
 * figures (first responses, conversions, attribution) bounded by the engaged and converted customers,
 * not the run: the engine's bulk traces ('queued') and unconverted journeys never enter them.
 */
const HOUR_MS = 3_600_000;
const OFFSET_MS = 8 * HOUR_MS;
/** Trace codes of an engagement, as `ENGAGEMENT_CODES` (server/monitoring/attribution.ts) lists them; queries repeat this exact IN list so SQLite uses the index. */
export const ENGAGED_SQL = `code IN ('response','order','trial','store_visit','app_login','awaiting_confirmation')`;

/** INSERT statements rebuilding the counters of the runs `filter` selects (an SQL condition on `run_id`). */
export function recountSql(filter: string): string {
  const f = (alias: string) => filter.replace(/\brun_id\b/g, `${alias}.run_id`);
  const hour = (at: string) => `((${at} + ${OFFSET_MS}) / ${HOUR_MS})`;
  const ins = 'INSERT INTO run_counters (run_id, key, n, amount)';
  const groups = ['t', 'k', 'c', 'r', 'v', 'kv'];
  return `
${ins} SELECT j.run_id, 's|' || j.state, count(*), 0 FROM journeys j WHERE ${f('j')} GROUP BY 1, 2;
${ins} SELECT j.run_id, 'o|' || coalesce(j.outcome, ''), count(*), 0 FROM journeys j WHERE j.ended_at IS NOT NULL AND ${f('j')} GROUP BY 1, 2;
${ins} SELECT j.run_id, 'e', count(*), 0 FROM journeys j WHERE j.ended_at IS NOT NULL AND j.state <> '$control' AND ${f('j')} GROUP BY 1;
${ins} WITH a AS (SELECT j.run_id, coalesce(s.group_id, '') AS g,
    count(*) FILTER (WHERE j.state <> '$control') AS t,
    count(*) FILTER (WHERE j.state = '$control') AS k,
    count(*) FILTER (WHERE j.state <> '$control' AND (j.flags & 16) <> 0) AS c,
    count(*) FILTER (WHERE j.state <> '$control' AND (j.flags & 1) <> 0) AS r,
    count(*) FILTER (WHERE j.state <> '$control' AND (j.flags & 2) <> 0) AS v,
    count(*) FILTER (WHERE j.state = '$control' AND (j.flags & 2) <> 0) AS kv
  FROM journeys j LEFT JOIN subscribers s ON s.id = j.customer_id WHERE ${f('j')} GROUP BY 1, 2)
  ${groups.map((k) => `SELECT run_id, 'G|' || g || '|${k}', ${k}, 0 FROM a WHERE ${k} > 0`).join(' UNION ALL ')};
${ins} SELECT c.run_id, 'c|' || ${hour('c.created_at')} || '|' || c.channel || '|' || c.stage || '|' || c.status || '|'
    || CASE WHEN EXISTS (SELECT 1 FROM agent_queue q WHERE q.run_id = c.run_id AND q.customer_id = c.customer_id AND q.state = c.state AND q.attempt = c.attempt) THEN '1' ELSE '0' END
    || '|' || c.state || '|' || CASE WHEN c.status IN ('queued', 'sent') OR c.reason IS NULL THEN '' WHEN c.reason LIKE 'priority:%' THEN 'priority' ELSE c.reason END,
    count(*), sum(c.cost) FROM contacts c WHERE ${f('c')} GROUP BY 1, 2;
${ins} SELECT c.run_id, 't|' || ${hour('coalesce(c.sent_at, c.created_at)')} || '|' || c.channel, count(*), 0 FROM contacts c
  WHERE c.status IN ('sent', 'queued', 'failed') AND ${f('c')} GROUP BY 1, 2;
${ins} SELECT c.run_id, 'gc|' || coalesce(s.group_id, ''), count(*), sum(c.cost) FROM contacts c LEFT JOIN subscribers s ON s.id = c.customer_id
  WHERE c.cost <> 0 AND ${f('c')} GROUP BY 1, 2;
${ins} SELECT g.run_id, 'g|' || g.result || '|' || g.node, count(*), sum(g.cost) FROM grants g WHERE ${f('g')} GROUP BY 1, 2;
${ins} SELECT g.run_id, 'gd|' || ((g.created_at + ${OFFSET_MS}) / ${24 * HOUR_MS}), count(*), sum(g.cost) FROM grants g WHERE g.cost > 0 AND ${f('g')} GROUP BY 1, 2;
`;
}

export const up = `
CREATE TABLE run_counters (
  run_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  n INTEGER NOT NULL,
  amount REAL NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX traces_engaged ON traces(run_id, code, customer_id) WHERE ${ENGAGED_SQL};
CREATE INDEX journeys_converted ON journeys(run_id, customer_id) WHERE (flags & 2) <> 0;
${recountSql('run_id IS NOT NULL')}`;
