import type { RunCounts } from './counters-read.js';

/** A node's (or the run's) operator service calls by answer, and what the grants cost (yuan). */
export interface GrantFigures { granted: number; failed: number; alreadyHeld: number; cost: number }

export interface RunGrants extends GrantFigures {
  /** Per node with a provision state (a benefit node), keyed by node id. */
  byNode: Record<string, GrantFigures>;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
export const noGrants = (): GrantFigures => ({ granted: 0, failed: 0, alreadyHeld: 0, cost: 0 });
const FIELD: Record<string, keyof Omit<GrantFigures, 'cost'>> = { granted: 'granted', failed: 'failed', already_held: 'alreadyHeld' };

/** A run's grants per node and in total, from its counters of the `grants` log. */
export function runGrants(counts: RunCounts): RunGrants {
  const total: RunGrants = { ...noGrants(), byNode: {} };
  for (const g of [...counts.grants].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0))) {
    const node = (total.byNode[g.node] ??= noGrants());
    const f = FIELD[g.result];
    if (f) {
      node[f] += g.n;
      total[f] += g.n;
    }
    node.cost += g.cost;
    total.cost += g.cost;
  }
  for (const n of Object.values(total.byNode)) n.cost = round2(n.cost);
  total.cost = round2(total.cost);
  return total;
}
