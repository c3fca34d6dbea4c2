import type { Db } from '../../db/open.js';

/** A node's (or the run's) operator service calls by answer, and what the grants cost (yuan). */
export interface GrantFigures { granted: number; failed: number; alreadyHeld: number; cost: number }

export interface RunGrants extends GrantFigures {
  /** Per node with a provision state (a benefit node), keyed by node id. */
  byNode: Record<string, GrantFigures>;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
export const noGrants = (): GrantFigures => ({ granted: 0, failed: 0, alreadyHeld: 0, cost: 0 });

/** A run's grants from the `grants` log (never from counters): per node and in total. */
export function runGrants(db: Db, runId: number): RunGrants {
  const total: RunGrants = { ...noGrants(), byNode: {} };
  const rows = db.prepare(`SELECT node, count(*) FILTER (WHERE result = 'granted') AS granted, count(*) FILTER (WHERE result = 'failed') AS failed,
      count(*) FILTER (WHERE result = 'already_held') AS held, coalesce(sum(cost), 0) AS cost
    FROM grants WHERE run_id = ? GROUP BY node ORDER BY node`).all(runId) as { node: string; granted: number; failed: number; held: number; cost: number }[];
  for (const r of rows) {
    total.byNode[r.node] = { granted: r.granted, failed: r.failed, alreadyHeld: r.held, cost: round2(r.cost) };
    total.granted += r.granted;
    total.failed += r.failed;
    total.alreadyHeld += r.held;
    total.cost += r.cost;
  }
  total.cost = round2(total.cost);
  return total;
}
